/** The forms read from the catalogue in use (the device's, the hub's published one): every figure is the entry's; the fee and allowance estimates; the age and residence rule; agency cards; the forms as JSON Schema. */
import { describe, expect, it } from 'vitest';
import { loadCatalogueSource } from '../../db/catalogue/load.js';
import { catalogueSourceDir } from '../../db/catalogue/source-dir.js';
import type { Entry } from '../../db/catalogue/schema.js';
import ko from '../contract/locales/ko.json' with { type: 'json' };
import en from '../contract/locales/en.json' with { type: 'json' };
import vi from '../contract/locales/vi.json' with { type: 'json' };
import zh from '../contract/locales/zh.json' with { type: 'json' };
import { agencyCard, qrCodeSvg } from './agency.node.js';
import { readableUrl } from '../catalogue/online.node.js';
import { catalogueOf, CatalogueFigureError, won } from './catalogue.js';
import { emergencyFee, emergencyFigures, fitsWeek, slotSpan, weekSpans } from './emergency.js';
import { grandparentAllowance, grandparentFigures } from './grandparent.js';
import { hospitalFee, hospitalFigures } from './hospital.js';
import { formsJsonSchemas } from './json-schema.js';
import { checkForm, formFor, messageKeys, SERVICE_IDS } from './registry.js';
import { Catalogue } from '../../db/catalogue/store.js';
import { catalogueMigrations, resources } from '../../tests/env.node.js';

const SOURCE = loadCatalogueSource(catalogueSourceDir()).entries;
const byId = (id: string) => SOURCE.find((e) => e.id === id)!;
const TODAY = '2026-12-02';
const LOCALES = { ko, en, vi, zh } as Record<string, unknown>;
const lookup = (tree: unknown, key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), tree);

const CAT = catalogueOf(SOURCE);

describe('the catalogue the forms read', () => {
  it('is the one in use: the built catalogue database gives the same forms as its source, and none is made without a catalogue', () => {
    const db = Catalogue.open(resources().embeddedCatalogue, catalogueMigrations());
    try {
      for (const s of SERVICE_IDS) {
        const live = formFor(s, { catalogue: db, today: TODAY })!;
        const fromSource = formFor(s, { catalogue: CAT, today: TODAY })!;
        expect(live.example, s).toEqual(fromSource.example);
        expect(checkForm(live, fromSource.example).ok, s).toBe(true);
      }
      expect(db.facilitiesFor('gj-emergency-childcare').map((e) => e.id).sort()).toEqual(CAT.facilitiesFor('gj-emergency-childcare').map((e) => e.id).sort());
    } finally {
      db.close();
    }
    expect(() => formFor('gj-grandparent-caregiver', { today: TODAY })).toThrow(/made from the catalogue in use, and none was given/);
  });
});

describe('figures read from the catalogue entries', () => {
  it('입원아동 돌봄: the 2024 hourly rate and the family’s share by tier, the weekday schedule, the hours a visit and a year', () => {
    const f = hospitalFigures(byId('gj-hospitalized-child-care'), TODAY);
    expect(f.rate).toBe(14_000);
    expect(f.tiers.map((t) => [t.id, t.share, t.perHour])).toEqual([
      ['tier1', 10, 1_400],
      ['tier2', 30, 4_200],
      ['tier3', 50, 7_000],
    ]);
    expect(f.tiers[0]!.label).toBe('수급자·차상위·한부모');
    expect(f.dated).toEqual({ year: '2024', current: false });
    expect(f).toMatchObject({ days: ['MO', 'TU', 'WE', 'TH', 'FR'], opens: '08:00', closes: '20:00', minHours: 4, maxHours: 12, yearHours: 200 });
    // in 2025 the 2024 figure is last year's: current
    expect(hospitalFigures(byId('gj-hospitalized-child-care'), '2025-06-01').dated.current).toBe(true);
  });

  it('긴급아이돌봄: the fee an hour (undated: never current), the centres with their schedules', () => {
    const e = byId('gj-emergency-childcare');
    const f = emergencyFigures(e, catalogueOf(SOURCE).facilitiesFor(e.id));
    expect(f.perHour).toBe(2_000);
    expect(f.dated).toEqual({ year: null, current: false });
    expect(f.centres.map((c) => c.id)).toEqual(['fac-gj-emergency-childcare-center', 'fac-seogu-emergency-childcare-center']);
  });

  it('손자녀가족돌보미: the 2026 rule’s dates, 200,000 won a month for at least 4 hours a day', () => {
    const f = grandparentFigures(byId('gj-grandparent-caregiver'), TODAY);
    expect(f).toMatchObject({ monthly: 200_000, hoursPerDay: 4, rule: { valid_from: '2026-01-01', valid_until: '2026-12-31' }, dated: { year: '2026', valid_from: '2026-01-01', valid_until: '2026-12-31', current: true } });
    expect(grandparentFigures(byId('gj-grandparent-caregiver'), '2027-01-01').dated.current).toBe(false);
    expect(grandparentAllowance(f, 12)).toMatchObject({ monthly: 200_000, months: 12, total: 2_400_000, hoursPerDay: 4 });
  });

  it('a figure the entry no longer states is an error naming the entry and the field, never a guess', () => {
    const e = byId('gj-hospitalized-child-care');
    const reworded: Entry = { ...e, amount: { ...e.amount!, text: { ko: '시간당 15,000원' } } };
    expect(() => hospitalFigures(reworded, TODAY)).toThrow(CatalogueFigureError);
    expect(() => hospitalFigures(reworded, TODAY)).toThrow(/gj-hospitalized-child-care", field "amount.text.ko"/);
    const inconsistent: Entry = { ...e, amount: { ...e.amount!, text: { ko: e.amount!.text.ko.replace('4,200원', '4,300원') } } };
    expect(() => hospitalFigures(inconsistent, TODAY)).toThrow(/do not add up/);
    expect(() => hospitalFigures({ ...e, schedules: [] }, TODAY)).toThrow(/field "schedules"/);
    expect(() => formFor('gj-grandparent-caregiver', { catalogue: catalogueOf([]), today: TODAY })).toThrow(/not in the catalogue/);
    expect(won('14,000원')).toBe(14_000);
    expect(won('20만원')).toBe(200_000);
    expect(won('많이')).toBeNaN();
  });

  it('a newer figure in the catalogue is the one the form uses', () => {
    const e = byId('gj-hospitalized-child-care');
    const next: Entry = { ...e, amount: { ...e.amount!, year: '2026', text: { ko: '시간당 15,000원 가운데 가족이 내는 돈: 수급자 1,500원(10%), 그 밖 7,500원(50%)' } } };
    const f = hospitalFigures(next, TODAY);
    expect([f.rate, f.tiers.map((t) => t.perHour), f.dated]).toEqual([15_000, [1_500, 7_500], { year: '2026', current: true }]);
  });
});

describe('fee estimates (pure functions on the catalogue’s figures)', () => {
  const h = hospitalFigures(byId('gj-hospitalized-child-care'), TODAY);
  it.each([
    [4, 'tier1', 56_000, 5_600, 5_600],
    [4, 'tier2', 56_000, 16_800, 16_800],
    [10, 'tier3', 140_000, 70_000, 70_000],
    [4, null, 56_000, 5_600, 28_000],
    [200, 'tier2', 2_800_000, 840_000, 840_000],
  ])('입원아동 돌봄: %i hours, %s → full %i, family %i–%i', (hours, tier, full, min, max) => {
    const fee = hospitalFee(h, hours, tier);
    expect([fee.full, fee.family.min, fee.family.max, fee.rate]).toEqual([full, min, max, 14_000]);
    expect(fee.dated.year).toBe('2024');
  });
  it('긴급아이돌봄: the slot’s hours at the catalogue’s rate, overnight too', () => {
    const e = byId('gj-emergency-childcare');
    const f = emergencyFigures(e, catalogueOf(SOURCE).facilitiesFor(e.id));
    expect(emergencyFee(f, { date: '2026-12-07', start: '18:00', end: '21:00' })).toMatchObject({ hours: 3, perHour: 2_000, total: 6_000 });
    expect(emergencyFee(f, { date: '2026-12-07', start: '22:00', end: '07:30' })).toMatchObject({ hours: 9.5, total: 19_000 });
  });
});

describe('the centre’s week (catalogue schedules)', () => {
  const e = byId('gj-emergency-childcare');
  const [gj, seogu] = emergencyFigures(e, catalogueOf(SOURCE).facilitiesFor(e.id)).centres;
  const fits = (c: typeof gj, date: string, start: string, end: string) => fitsWeek(c!.week, slotSpan({ date, start, end }));
  it('the Gwangju centre: weeknights 18:00 to 09:00, a Friday night running into Saturday 09:00–20:00; no Sunday, no weekday daytime', () => {
    expect(weekSpans(gj!.schedules).length).toBe(5); // four weeknights, and Friday night joined to Saturday
    expect(fits(gj, '2026-12-07', '18:00', '23:00')).toBe(true); // Monday evening
    expect(fits(gj, '2026-12-07', '22:00', '08:00')).toBe(true); // Monday night into Tuesday
    expect(fits(gj, '2026-12-11', '20:00', '19:00')).toBe(true); // Friday night to Saturday evening
    expect(fits(gj, '2026-12-07', '10:00', '12:00')).toBe(false); // Monday morning
    expect(fits(gj, '2026-12-12', '19:00', '21:00')).toBe(false); // Saturday past 20:00
    expect(fits(gj, '2026-12-13', '10:00', '12:00')).toBe(false); // Sunday
  });
  it('the Seo-gu centre: weekdays 18:00–23:00 only', () => {
    expect(fits(seogu, '2026-12-07', '18:00', '23:00')).toBe(true);
    expect(fits(seogu, '2026-12-07', '22:00', '00:30')).toBe(false);
  });
});

describe('the catalogue’s age and residence rule', () => {
  const h = formFor('gj-hospitalized-child-care', { catalogue: CAT, today: TODAY })!;
  const e = formFor('gj-emergency-childcare', { catalogue: CAT, today: TODAY })!;
  const g = formFor('gj-grandparent-caregiver', { catalogue: CAT, today: TODAY })!;
  const fields = (spec: typeof h, change: Record<string, unknown>) => {
    const r = checkForm(spec, { ...spec.example, ...change });
    return r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`);
  };
  it.each([
    // 3 months to 12 years (min 3, max 155 months) on 2026-12-02
    ['2026-09', []], // 2 or 3 months old: the agency checks
    ['2026-10', ['child_birth_month:not_eligible']], // at most 2 months old
    ['2014-01', []], // 12 years old
    ['2013-11', ['child_birth_month:not_eligible']], // 13
    ['2027-01', ['child_birth_month:out_of_range']],
    ['2026-13', ['child_birth_month:invalid']],
    ['26-01', ['child_birth_month:invalid']],
  ])('입원아동 돌봄: born %s → %j', (month, expected) => expect(fields(h, { child_birth_month: month })).toEqual(expected));

  it.each([
    // 6 months to age 5 (6–71 months) on the slot's day, 2026-12-07
    ['2026-06', []],
    ['2026-07', ['child_birth_month:not_eligible']],
    ['2021-01', []],
    ['2020-11', ['child_birth_month:not_eligible']],
  ])('긴급아이돌봄: born %s → %j', (month, expected) => expect(fields(e, { child_birth_month: month, slot: { date: '2026-12-07', start: '18:00', end: '20:00' } })).toEqual(expected));

  it('residence: outside Gwangju is refused by the rule, on every form', () => {
    for (const spec of [h, e, g]) expect(fields(spec, { district: 'outside' })).toEqual(['district:not_eligible']);
  });

  it('손자녀가족돌보미: the 2026 rule — 70 or under, a grandchild of 6 or under, twins or two children, dual-earner or single parent, 150 % of median income', () => {
    expect(fields(g, {})).toEqual([]);
    expect(fields(g, { caregiver_age: 70 })).toEqual([]);
    expect(fields(g, { caregiver_age: 71 })).toEqual(['caregiver_age:not_eligible']);
    expect(fields(g, { grandchild_birth_month: '2019-11' })).toEqual(['grandchild_birth_month:not_eligible']);
    expect(fields(g, { twins: false, children_count: 2 })).toEqual([]);
    expect(fields(g, { twins: false, children_count: 1 })).toEqual(['children_count:not_eligible']);
    expect(fields(g, { family: 'single_parent' })).toEqual([]);
    expect(fields(g, { family: 'other' })).toEqual(['family:not_eligible']);
    expect(fields(g, { income_band: 'under_median_150' })).toEqual([]);
    expect(fields(g, { income_band: 'over' })).toEqual(['income_band:not_eligible']);
    expect(fields(g, { grandchild_in_school: true })).toEqual(['grandchild_in_school:not_eligible']);
    expect(fields(g, { care_hours_per_day: 3 })).toEqual(['care_hours_per_day:not_eligible']);
    expect(checkForm(g, { ...g.example, care_hours_per_day: 3 })).toMatchObject({ ok: false, problems: [{ values: { min: 4 } }] });
  });

  it('입원아동 돌봄 visits: weekdays within the schedule, 4 to 12 hours, once a day, from today, at most 200 hours', () => {
    const v = (date: string, start: string, end: string) => ({ date, start, end });
    expect(fields(h, { visits: [v('2026-12-07', '08:00', '20:00')] })).toEqual([]);
    expect(fields(h, { visits: [v('2026-12-07', '08:00', '11:59')] })).toEqual(['visits:out_of_range']);
    expect(fields(h, { visits: [v('2026-12-07', '07:00', '12:00')] })).toEqual(['visits:out_of_range']);
    expect(fields(h, { visits: [v('2026-12-05', '09:00', '13:00')] })).toEqual(['visits:out_of_range']); // Saturday
    expect(fields(h, { visits: [v('2026-12-01', '09:00', '13:00')] })).toEqual(['visits:out_of_range']); // yesterday
    expect(fields(h, { visits: [v('2026-12-07', '09:00', '13:00'), v('2026-12-07', '14:00', '18:00')] })).toEqual(['visits:out_of_range']);
    expect(fields(h, { visits: [v('2026-02-30', '09:00', '13:00')] })).toEqual(['visits:invalid']);
    const days = Array.from({ length: 17 }, (_, i) => new Date(Date.UTC(2026, 11, 3 + i)).toISOString().slice(0, 10)).filter((d) => ![0, 6].includes(new Date(d).getUTCDay()));
    const weeks = [...days, ...Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2026, 11, 21 + i)).toISOString().slice(0, 10)).filter((d) => ![0, 6].includes(new Date(d).getUTCDay()))].slice(0, 17);
    expect(fields(h, { visits: weeks.map((d) => v(d, '08:00', '20:00')) })).toEqual(['visits:too_many']); // 17 × 12 = 204 hours
    expect(fields(h, { visits: weeks.slice(0, 16).map((d) => v(d, '08:00', '20:00')) })).toEqual([]); // 192 hours
  });

  it('the hub judges on the application’s day: a visit that was ahead when it was made still passes', () => {
    const made = formFor('gj-hospitalized-child-care', { catalogue: CAT, today: '2026-12-02' })!;
    const later = formFor('gj-hospitalized-child-care', { catalogue: CAT, today: '2026-12-20' })!;
    expect(checkForm(made, made.example).ok).toBe(true);
    expect(checkForm(later, made.example).ok).toBe(false);
  });
});

describe('every form', () => {
  it('has a message for every field and code in ko, en, vi and zh, a service name and a submitted state', () => {
    for (const s of SERVICE_IDS) {
      const spec = formFor(s, { catalogue: CAT, today: TODAY })!;
      for (const key of [...messageKeys(spec), `forms.service.${s}`, `forms.state.${spec.submitted}`, ...spec.fields.map((f) => `forms.field.${f.name}`)])
        for (const [lang, tree] of Object.entries(LOCALES)) expect(typeof lookup(tree, key), `${lang}: ${key}`).toBe('string');
    }
    expect(formFor('gj-emergency-childcare', { catalogue: CAT, today: TODAY })!.submitted).toBe('requested');
  });
  it('never has a field for a resident registration number', () => {
    for (const s of SERVICE_IDS) for (const f of formFor(s, { catalogue: CAT, today: TODAY })!.fields) expect(f.name).not.toMatch(/resident|rrn|jumin|주민/i);
  });
  it('the stored form passes again (the hub checks what the device stored)', () => {
    for (const s of SERVICE_IDS) {
      const spec = formFor(s, { catalogue: CAT, today: TODAY })!;
      // a phone as typed (spaces) is stored with dashes, and the stored form passes as it is
      const hasPhone = spec.fields.some((f) => f.name === 'phone');
      const once = checkForm(spec, hasPhone ? { ...spec.example, phone: '010 1234 5678' } : spec.example);
      expect(once.ok, s).toBe(true);
      if (once.ok) expect(checkForm(spec, once.form)).toEqual(once);
    }
  });
});

describe('forms as JSON Schema', () => {
  it('one per service, each with an example that passes its schema', () => {
    const all = formsJsonSchemas({ catalogue: CAT, today: TODAY });
    expect(all.map((f) => f['x-aichingu-service'])).toEqual(SERVICE_IDS);
    for (const f of all) {
      expect(f).toMatchObject({ type: 'object', additionalProperties: false, $schema: 'https://json-schema.org/draft/2020-12/schema' });
      expect(f.examples.length).toBeGreaterThan(0);
      for (const ex of f.examples) expect(checkForm(formFor(f['x-aichingu-service'], { catalogue: CAT, today: TODAY })!, ex)).toMatchObject({ ok: true });
    }
  });
});

describe('apply through the agency', () => {
  it('a card from the entry alone: where, what to bring, phones, the online page readable and as a QR code', () => {
    const card = agencyCard(byId('gj-grandparent-caregiver'));
    expect(card).toMatchObject({
      id: 'gj-grandparent-caregiver',
      title: '손자녀 돌보미 지원',
      agency: '광주광역시 여성가족과',
      how: '광주시여성단체협의회에 방문, 우편 또는 이메일로 신청해요.',
      bring: ['신청서', '건강보험료 납부확인서', '주민등록등본'],
      phones: [{ number: '062-613-2284', label: '광주광역시 여성가족과' }],
      lang: 'ko',
      verifyBeforeUse: true,
    });
    expect(card.online).toMatchObject({ url: 'https://www.xn--hc0by27bu6atul3dc6t.kr/main/contents/mom4_5', text: 'www.광주아이키움.kr/main/contents/mom4_5' });
    expect(card.online!.qrSvg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1".*<path fill="#000" d="M/);
    expect(agencyCard(byId('gj-grandparent-caregiver'), 'en')).toMatchObject({ title: 'Grandparent caregiver allowance', bring: ['Application form', 'Health insurance premium payment certificate', 'Resident registration abstract'], lang: 'en' });
    // the same entry, the same card
    expect(agencyCard(byId('gj-grandparent-caregiver'))).toEqual(card);
  });
  it('leaves out what the entry does not state', () => {
    const e = { ...byId('gj-grandparent-caregiver'), online_url: undefined, documents: undefined, organization: undefined, phones: [] };
    expect(agencyCard(e)).toMatchObject({ online: null, bring: [], agency: null, phones: [] });
  });
  it('the QR code is the same for the same address and grows with it; addresses read in Hangul', () => {
    expect(qrCodeSvg('https://example.org/a')).toBe(qrCodeSvg('https://example.org/a'));
    const size = (s: string) => Number(/viewBox="0 0 (\d+)/.exec(s)![1]);
    expect(size(qrCodeSvg(`https://example.org/${'a'.repeat(200)}`))).toBeGreaterThan(size(qrCodeSvg('https://example.org/a')));
    expect(readableUrl('http://www.gcow.or.kr/gcow/bbs/page.php?hid=sub03_08')).toBe('http://www.gcow.or.kr/gcow/bbs/page.php?hid=sub03_08');
    expect(readableUrl('not a url')).toBe('not a url');
  });
});
