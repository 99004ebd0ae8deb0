/** The forms as the screen asks them (formView) and a form checked as it is filled in (formCheckView): every field of every form has a kind, the options and figures are the catalogue's, and every message key is in every locale. */
import { describe, expect, it } from 'vitest';
import { loadCatalogueSource } from '../../db/catalogue/load.js';
import { catalogueSourceDir } from '../../db/catalogue/source-dir.js';
import ko from '../contract/locales/ko.json' with { type: 'json' };
import en from '../contract/locales/en.json' with { type: 'json' };
import vi from '../contract/locales/vi.json' with { type: 'json' };
import zh from '../contract/locales/zh.json' with { type: 'json' };
import { catalogueOf } from './catalogue.js';
import { emergencyFigures } from './emergency.js';
import { hospitalFigures } from './hospital.js';
import { formFor, SERVICE_IDS } from './registry.js';
import { FormViewError, formCheckView, formView } from './view.js';
import { FormView } from '../contract/kiosk-api.js';

const SOURCE = loadCatalogueSource(catalogueSourceDir()).entries;
const CAT = catalogueOf(SOURCE);
const TODAY = '2026-12-02';
const LOCALES = { ko, en, vi, zh } as Record<string, unknown>;
const lookup = (tree: unknown, key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), tree);
const o = { catalogue: CAT, today: TODAY };

describe('formView', () => {
  it.each(SERVICE_IDS)('%s: every field of the form, consent first, with a kind, and words for each option and figure in every locale', (service) => {
    const v = formView(service, o);
    expect(FormView.parse(v)).toEqual(v);
    const spec = formFor(service, o)!;
    expect(v.fields.map((f) => f.name).sort()).toEqual(spec.fields.map((f) => f.name).sort());
    expect(v.fields[0]).toMatchObject({ name: 'consent', kind: 'consent', optional: false });
    for (const [lang, tree] of Object.entries(LOCALES)) {
      expect(lookup(tree, `forms.service.${service}`), `${lang} forms.service.${service}`).toEqual(expect.any(String));
      expect(lookup(tree, `forms.consent.purpose.${service}`), `${lang} consent purpose`).toEqual(expect.any(String));
      for (const f of v.fields) {
        expect(lookup(tree, `forms.field.${f.name}`), `${lang} forms.field.${f.name}`).toEqual(expect.any(String));
        for (const opt of f.options ?? []) if (!opt.label) expect(lookup(tree, `forms.option.${f.name}.${opt.value}`), `${lang} forms.option.${f.name}.${opt.value}`).toEqual(expect.any(String));
      }
      for (const fact of v.facts) expect(lookup(tree, fact.key), `${lang} ${fact.key}`).toEqual(expect.any(String));
    }
  });

  it('takes its options and figures from the catalogue: the income tiers and rate of 입원아동 돌봄, the centres of 긴급아이돌봄', () => {
    const h = hospitalFigures(SOURCE.find((e) => e.id === 'gj-hospitalized-child-care')!, TODAY);
    const hv = formView('gj-hospitalized-child-care', o);
    expect(hv.fields.find((f) => f.name === 'income_tier')!.options!.map((x) => x.value)).toEqual(['not_sure', ...h.tiers.map((t) => t.id)]);
    expect(hv.facts.find((f) => f.key === 'forms.fact.hospital.rate')!.values.rate).toBe(h.rate.toLocaleString('ko-KR'));
    expect(hv.facts.map((f) => f.key)).toContain(h.dated.year === null ? 'forms.fact.undated' : h.dated.current ? 'forms.fact.asOf' : 'forms.fact.old');
    expect(hv.facts.find((f) => f.key === 'forms.fact.hospital.hours')!.values).toMatchObject({ opens: h.opens, closes: h.closes, min: h.minHours, year: h.yearHours });
    const emergencyEntry = SOURCE.find((e) => e.id === 'gj-emergency-childcare')!;
    const e = emergencyFigures(emergencyEntry, SOURCE.filter((x) => x.kind === 'facility' && x.services.includes('gj-emergency-childcare')));
    expect(formView('gj-emergency-childcare', o).fields.find((f) => f.name === 'centre')!.options!.map((x) => x.value)).toEqual(e.centres.map((c) => c.id));
    expect(formView('gj-emergency-childcare', o)).toMatchObject({ submitted: 'requested', entryId: 'gj-emergency-childcare', counsellorOnly: false });
    expect(formView('outreach-visit', o)).toMatchObject({ counsellorOnly: true, entryId: null });
  });

  it('refuses a service without a form, naming what to do', () => {
    expect(() => formView('gj-child-allowance', o)).toThrow(FormViewError);
    expect(() => formView('gj-child-allowance', o)).toThrow(/apply through its agency/);
  });
});

describe('formCheckView', () => {
  it('says every problem of an empty form, or only those asked for, with message keys in every locale', () => {
    const all = formCheckView('consultation-callback', {}, o);
    expect(all.ok).toBe(false);
    expect(all.problems.map((p) => p.field)).toEqual(['name', 'phone', 'topic', 'preferred_time', 'consent']);
    for (const p of all.problems) for (const tree of Object.values(LOCALES)) expect(lookup(tree, p.key)).toEqual(expect.any(String));
    const some = formCheckView('consultation-callback', { name: '김순자', phone: '02-12' }, { ...o, only: ['name', 'phone'] });
    expect(some.problems).toEqual([{ field: 'phone', code: 'invalid', key: 'forms.error.phone.invalid' }]);
  });

  it('takes the example of every form, and estimates what it costs from the catalogue', () => {
    for (const service of SERVICE_IDS) {
      const ex = formFor(service, o)!.example!;
      expect(formCheckView(service, ex, o), service).toMatchObject({ ok: true, problems: [] });
    }
    const h = hospitalFigures(SOURCE.find((e) => e.id === 'gj-hospitalized-child-care')!, TODAY);
    const form: Record<string, unknown> = { ...formFor('gj-hospitalized-child-care', o)!.example!, income_tier: h.tiers[0]!.id };
    const visits = form.visits as { start: string; end: string }[];
    const hours = visits.reduce((s, v) => s + (Number(v.end.slice(0, 2)) - Number(v.start.slice(0, 2))), 0);
    expect(formCheckView('gj-hospitalized-child-care', form, o).estimate).toEqual({
      key: 'forms.estimate.hospital',
      values: expect.objectContaining({ hours, full: (hours * h.rate).toLocaleString('ko-KR'), min: (hours * h.tiers[0]!.perHour).toLocaleString('ko-KR') }),
    });
    expect(formCheckView('gj-emergency-childcare', { slot: { date: TODAY, start: '10:00', end: '13:00' } }, o).estimate).toMatchObject({ key: 'forms.estimate.emergency', values: { hours: 3 } });
    expect(formCheckView('consultation-callback', {}, o).estimate).toBeNull();
  });
});

describe('formCheckView a step at a time (`only`): the service’s rules speak at the step that settles them', () => {
  const G = 'gj-grandparent-caregiver';
  const start = { consent: true, caregiver_name: '박영희', phone: '010-5174-6289', caregiver: 'grandparent' };
  const sayIn = (lang: string, key: string, values: Record<string, string | number> = {}) => (lookup(LOCALES[lang], key) as string).replace(/{{(\w+)}}/g, (_, k: string) => String(values[k]));

  it('손자녀 돌보미: a caregiver of 73 is told at the age step, with the catalogue’s limit in the reader’s language, and no allowance is promised', () => {
    for (const lang of ['ko', 'en', 'vi', 'zh'] as const) {
      const r = formCheckView(G, { ...start, caregiver_age: 73 }, { ...o, lang, only: ['caregiver', 'caregiver_age'] });
      expect(r.problems.map((p) => `${p.field}:${p.code}`), lang).toEqual(['caregiver_age:not_eligible']);
      const message = sayIn(lang, r.problems[0]!.key, r.problems[0]!.values);
      expect(message, lang).toContain('70');
      expect(message, lang).not.toContain('{{');
      expect(r.estimate, lang).toBeNull();
    }
    expect(sayIn('ko', 'forms.error.caregiver_age.not_eligible', formCheckView(G, { ...start, caregiver_age: 73 }, { ...o, only: ['caregiver_age'] }).problems[0]!.values)).toContain('돌보는 분이 70세 이하예요');
    const fine = formCheckView(G, { ...start, caregiver_age: 66 }, { ...o, only: ['caregiver', 'caregiver_age'] });
    expect(fine.problems).toEqual([]);
    expect(fine.estimate).toMatchObject({ key: 'forms.estimate.grandparent' });
    // the whole form with that answer: the same problem, and no money
    const whole = formCheckView(G, { ...formFor(G, o)!.example!, caregiver_age: 73 }, o);
    expect(whole.problems.map((p) => `${p.field}:${p.code}`)).toEqual(['caregiver_age:not_eligible']);
    expect(whole.estimate).toBeNull();
  });

  it('손자녀 돌보미: each condition at the step of its answer — not yet when a later answer settles it', () => {
    const step = (form: Record<string, unknown>, only: string[]) => formCheckView(G, { ...start, caregiver_age: 66, ...form }, { ...o, only }).problems.map((p) => `${p.field}:${p.code}`);
    expect(step({ grandchild_birth_month: '2019-11' }, ['grandchild_birth_month'])).toEqual(['grandchild_birth_month:not_eligible']);
    expect(step({ grandchild_birth_month: '2024-04' }, ['grandchild_birth_month'])).toEqual([]);
    // no twins: not a problem until the number of children is told
    expect(step({ grandchild_birth_month: '2024-04', grandchild_in_school: false, twins: false }, ['grandchild_in_school', 'twins'])).toEqual([]);
    expect(step({ grandchild_birth_month: '2024-04', grandchild_in_school: true, twins: false }, ['grandchild_in_school', 'twins'])).toEqual(['grandchild_in_school:not_eligible']);
    expect(step({ twins: false, children_count: 1, family: 'dual_earner' }, ['children_count', 'family'])).toEqual(['children_count:not_eligible']);
    expect(step({ twins: true, children_count: 1, family: 'other' }, ['children_count', 'family'])).toEqual(['children_count:invalid', 'family:not_eligible']);
    expect(step({ twins: false, children_count: 2, family: 'single_parent' }, ['children_count', 'family'])).toEqual([]);
    expect(step({ income_band: 'over' }, ['income_band'])).toEqual(['income_band:not_eligible']);
    expect(step({ district: 'outside' }, ['district'])).toEqual(['district:not_eligible']);
    expect(step({ care_hours_per_day: 3 }, ['care_hours_per_day'])).toEqual(['care_hours_per_day:not_eligible']);
  });

  it('입원아동 돌봄 and 긴급아이돌봄: the child’s age at the birth-month step, a visit or a slot outside the hours at its own step', () => {
    const H = 'gj-hospitalized-child-care';
    const E = 'gj-emergency-childcare';
    const codes = (service: string, form: Record<string, unknown>, only: string[]) => formCheckView(service, { consent: true, ...form }, { ...o, only }).problems.map((p) => `${p.field}:${p.code}`);
    expect(codes(H, { child_birth_month: '2013-11' }, ['child_birth_month'])).toEqual(['child_birth_month:not_eligible']);
    expect(codes(H, { child_birth_month: '2021-03' }, ['child_birth_month'])).toEqual([]);
    expect(codes(H, { visits: [{ date: TODAY, start: '03:00', end: '05:00' }] }, ['visits'])).toEqual(['visits:out_of_range']);
    // before a day is chosen: too young on every day that can be booked, or not yet known
    expect(codes(E, { child_birth_month: '2026-10' }, ['child_birth_month'])).toEqual(['child_birth_month:not_eligible']);
    expect(codes(E, { child_birth_month: '2026-06' }, ['child_birth_month'])).toEqual([]);
    const ex = formFor(E, o)!.example! as { centre: string; slot: { date: string; start: string; end: string } };
    expect(codes(E, { centre: ex.centre, slot: { ...ex.slot, date: '2027-03-02' } }, ['slot'])).toEqual(['slot:out_of_range']);
    const fee = formCheckView(H, { ...formFor(H, o)!.example!, child_birth_month: '2013-11' }, o);
    expect(fee.estimate).toBeNull();
  });
});
