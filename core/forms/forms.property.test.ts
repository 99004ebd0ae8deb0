/** fast-check on every form schema: generated valid forms pass (and pass again as stored); each field broken alone is refused naming that field. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISTRICTS, INCOME_BANDS } from '../contract/lists.js';
import { addDays, weekday, WEEKDAYS } from './fields.js';
import { hospitalFiguresFrom } from './hospital.js';
import { emergencyFiguresFrom } from './emergency.js';
import { checkForm, formFor, PREFERRED_TIMES, SERVICE_IDS } from './registry.js';
import { sourceFormCatalogue } from '../../tests/env.node.js';
import { OUTREACH_PLACES, SURVEY_NEEDS } from '../counsellor/forms.js';

const TODAY = '2026-12-02';
const RUNS = { numRuns: 150 };

const name = fc.stringMatching(/^[가-힣]{2,5}$/);
const words = fc.stringMatching(/^[가-힣0-9 ]{1,30}$/).filter((s) => s.trim().length > 0);
const mobile = fc.tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 9999 }), fc.constantFrom('-', ' ', '')).map(([a, b, sep]) => `010${sep}${a}${sep}${String(b).padStart(4, '0')}`);
const district = fc.constantFrom(...DISTRICTS);
/** a birth month whose child is certainly between `minMonths` and `maxMonths` old on `on` (one month of margin each side) */
const bornBetween = (on: string, minMonths: number, maxMonths: number) =>
  fc.integer({ min: minMonths + 1, max: maxMonths - 1 }).map((m) => {
    const d = new Date(Date.UTC(Number(on.slice(0, 4)), Number(on.slice(5, 7)) - 1 - m, 1));
    return d.toISOString().slice(0, 7);
  });

const h = hospitalFiguresFrom(sourceFormCatalogue(), TODAY);
const e = emergencyFiguresFrom(sourceFormCatalogue());
const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
const opensMin = Number(h.opens.slice(0, 2)) * 60;
const closesMin = Number(h.closes.slice(0, 2)) * 60;
const careDays = Array.from({ length: 90 }, (_, i) => addDays(TODAY, i)).filter((d) => h.days.includes(WEEKDAYS[weekday(d)]!));
const visit = fc.tuple(fc.integer({ min: h.minHours * 2, max: h.maxHours * 2 }), fc.integer({ min: 0, max: 48 })).map(([halfHours, offset]) => {
  const len = halfHours * 30;
  const start = opensMin + Math.min(offset * 15, closesMin - opensMin - len);
  return { start: hhmm(start), end: hhmm(start + len) };
});
const visits = fc
  .uniqueArray(fc.constantFrom(...careDays), { minLength: 1, maxLength: Math.floor(h.yearHours / h.maxHours) })
  .chain((days) => fc.tuple(...days.map((d) => visit.map((v) => ({ date: d, ...v })))));

/** a slot inside one of a centre's opening spans, on a day within the next four weeks */
const slot = fc.constantFrom(...e.centres).chain((c) =>
  fc.tuple(fc.constantFrom(...c.week), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 2, max: 8 })).map(([span, week, at, quarters]) => {
    const len = Math.min(quarters * 15, span.to - span.from);
    const from = span.from + Math.floor(((span.to - span.from - len) * at) / 1000 / 15) * 15;
    // the first day of that weekday after today, `week` weeks on
    let d = addDays(TODAY, 1);
    while (weekday(d) !== Math.floor(from / 1440) % 7) d = addDays(d, 1);
    return { centre: c.id, slot: { date: addDays(d, week * 7), start: hhmm(from % 1440), end: hhmm((from + len) % 1440) } };
  }),
);

const VALID: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'consultation-callback': fc.record({ name, phone: mobile, topic: words, preferred_time: fc.constantFrom(...PREFERRED_TIMES), consent: fc.constant(true) }),
  'gj-hospitalized-child-care': fc.record({
    applicant_name: name,
    phone: mobile,
    child_birth_month: bornBetween(TODAY, 3, 155),
    district,
    hospital: words,
    ward: words,
    visits,
    income_tier: fc.constantFrom('not_sure', ...h.tiers.map((t) => t.id)),
    consent: fc.constant(true),
  }),
  'gj-emergency-childcare': fc
    .record({ parent_name: name, phone: mobile, child_birth_month: bornBetween(addDays(TODAY, 28), 6, 71), district, at: slot, consent: fc.constant(true) })
    .map(({ at, ...f }) => ({ ...f, ...at })),
  'gj-grandparent-caregiver': fc
    .record({
      caregiver_name: name,
      phone: mobile,
      caregiver: fc.constantFrom('grandparent', 'relative'),
      caregiver_age: fc.integer({ min: 40, max: 70 }),
      grandchild_birth_month: bornBetween(TODAY, 0, 83),
      grandchild_in_school: fc.constant(false),
      twins: fc.boolean(),
      children_count: fc.integer({ min: 2, max: 6 }),
      family: fc.constantFrom('dual_earner', 'single_parent'),
      income_band: fc.constantFrom(...INCOME_BANDS.slice(0, INCOME_BANDS.indexOf('under_median_150') + 1)),
      district,
      care_hours_per_day: fc.integer({ min: 4, max: 12 }),
      consent: fc.constant(true),
    }),
  'outreach-visit': fc
    .record({
      visit_date: fc.integer({ min: 0, max: 90 }).map((i) => addDays('2026-09-01', i)),
      place_kind: fc.constantFrom(...OUTREACH_PLACES),
      place: words,
      situation: words,
      services_explained: fc.uniqueArray(fc.constantFrom('gj-grandparent-caregiver', 'gj-emergency-childcare', 'gj-hospitalized-child-care'), { maxLength: 3 }),
      consent: fc.constant(true),
    })
    .chain((f) => fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }).map((later) => (later === undefined ? f : { ...f, follow_up_date: addDays(f.visit_date, later) }))),
  'outreach-survey': fc
    .record({
      survey_date: fc.integer({ min: 0, max: 90 }).map((i) => addDays('2026-09-01', i)),
      understood: fc.integer({ min: 1, max: 5 }),
      helpful: fc.integer({ min: 1, max: 5 }),
      needs: fc.uniqueArray(fc.constantFrom(...SURVEY_NEEDS)),
      consent: fc.constant(true),
    })
    .chain((f) => fc.option(words, { nil: undefined }).map((comment) => (comment === undefined ? f : { ...f, comment }))),
};

/** what breaks a field whatever its kind: gone, null, a value of another kind, an object */
const BREAKERS: ((v: unknown) => unknown)[] = [() => undefined, () => null, (v) => (typeof v === 'number' || typeof v === 'boolean' ? 'x' : 12345), () => ({ a: 1 }), (v) => (Array.isArray(v) ? [12345] : ['x'])];

describe.each(SERVICE_IDS)('%s', (service) => {
  const spec = formFor(service, { catalogue: sourceFormCatalogue(), today: TODAY })!;
  const arb = VALID[service]!;

  it('generated valid forms pass, and pass again as stored', () => {
    fc.assert(
      fc.property(arb, (form) => {
        const r = checkForm(spec, form);
        expect(r.ok ? [] : r.problems).toEqual([]);
        if (r.ok) expect(checkForm(spec, r.form)).toEqual(r);
      }),
      RUNS,
    );
  });

  it('each field broken alone is refused, naming that field only', () => {
    fc.assert(
      fc.property(arb, fc.constantFrom(...spec.fields.map((f) => f.name)), fc.constantFrom(...BREAKERS), (form, field, broken) => {
        const bad = { ...form, [field]: broken(form[field]) };
        if (bad[field] === undefined) delete bad[field];
        // a field a form may leave out (its codes have no `required`) is not broken by leaving it out
        fc.pre(bad[field] !== undefined || spec.fields.find((f) => f.name === field)!.codes.includes('required' as never));
        const r = checkForm(spec, bad);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.problems.map((p) => p.field)).toEqual([field]);
      }),
      RUNS,
    );
  });

  it('a field the form does not have is refused by its name (a resident registration number too)', () => {
    fc.assert(
      fc.property(arb, fc.constantFrom('resident_number', 'rrn', 'jumin', 'note'), (form, extra) => {
        const r = checkForm(spec, { ...form, [extra]: '900101-1234567' });
        expect(r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`)).toEqual([`${extra}:unknown`]);
        expect(JSON.stringify(r)).not.toContain('900101');
      }),
      { numRuns: 20 },
    );
  });

  it('anything at all never throws', () => {
    fc.assert(fc.property(fc.anything(), (x) => void checkForm(spec, x)), RUNS);
    fc.assert(fc.property(arb, fc.constantFrom(...spec.fields.map((f) => f.name)), fc.anything(), (form, field, v) => void checkForm(spec, { ...form, [field]: v })), RUNS);
  });
});
