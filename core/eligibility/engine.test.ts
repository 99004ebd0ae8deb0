import { describe, expect, it } from 'vitest';
import { evaluate } from './engine.js';
import { findEligible } from './finder.js';
import { loadCatalogueSource } from '../../db/catalogue/load.js';
import { EligibilityRules, type Situation } from '../../db/catalogue/schema.js';
import { catalogueSourceDir } from '../../db/catalogue/source-dir.js';

const rules = EligibilityRules.parse({
  stated: true,
  criteria: [
    { label: { ko: '아이가 6개월부터 만 5세까지예요', en: 'Child aged 6 months to 5' }, fact: 'child.age_months', min: 6, max: 71 },
    { label: { ko: '광주에 살아요', en: 'Lives in Gwangju' }, fact: 'household.district', in: ['북구', '남구'] },
    { label: { ko: '쌍둥이거나 둘 이상', en: 'Twins or two or more' }, any_of: [{ label: { ko: '쌍둥이', en: 'Twins' }, fact: 'child.twin', equals: true }, { label: { ko: '둘 이상', en: '2+' }, fact: 'children.count', min: 2 }] },
    { label: { ko: '중위 150% 이하', en: '≤150%' }, fact: 'household.income_band', income_at_most: 'under_median_150' },
  ],
  cases: [
    { name: 'a', situation: {}, expected: 'unknown' },
    { name: 'b', situation: {}, expected: 'unknown' },
  ],
});
const v = (s: Situation) => evaluate(rules as Extract<typeof rules, { stated: true }>, s);

describe('eligibility engine', () => {
  it('is eligible only when every criterion is met, with a reason for each', () => {
    const r = v({ children: [{ age_months: 12 }, { age_months: 40 }], household: { district: '북구', income_band: 'basic' } });
    expect(r.result).toBe('eligible');
    expect(r.reasons.map((x) => x.met)).toEqual([true, true, true, true]);
    expect(r.reasons[0]?.text).toBe('아이가 6개월부터 만 5세까지예요');
  });
  it('says not eligible, naming the criterion, for a 4-month-old', () => {
    const r = v({ children: [{ age_months: 4 }, { age_months: 30 * 12 }], household: { district: '북구', income_band: 'basic' } });
    expect(r.result).toBe('not_eligible');
    expect(r.reasons[0]).toEqual({ text: '아이가 6개월부터 만 5세까지예요', met: false });
  });
  it('never guesses: missing facts and ranges that straddle a limit are unknown', () => {
    expect(v({}).result).toBe('unknown');
    expect(v({}).reasons.every((x) => x.met === null)).toBe(true);
    const straddle = v({ children: [{ age_months: { min: 0, max: 11 } }, { age_months: 30 }], household: { district: '남구', income_band: 'over' } });
    expect(straddle.result).toBe('not_eligible'); // income over: not met, whatever the age
    expect(v({ children: [{ age_months: { min: 0, max: 11 }, twin: true }], household: { district: '남구', income_band: 'basic' } }).result).toBe('unknown');
  });
  it('checks child criteria child by child (one child must meet them all)', () => {
    expect(v({ children: [{ age_months: 3 }, { age_months: 100 }], household: { district: '북구', income_band: 'basic' } }).result).toBe('not_eligible');
    expect(v({ children: [{ age_months: 3, twin: true }, { age_months: 20, twin: true }], household: { district: '북구', income_band: 'basic' } }).result).toBe('eligible');
  });
  it('an explicitly empty list of children does not meet child criteria, but other alternatives still count', () => {
    expect(v({ children: [], household: { district: '북구', income_band: 'basic' } }).result).toBe('not_eligible');
    const pregnantOrChild = EligibilityRules.parse({
      stated: true,
      criteria: [{ label: { ko: '임신 중이거나 만 12세 이하 아이', en: 'Pregnant or a child up to 12' }, any_of: [{ label: { ko: '임신', en: 'Pregnant' }, fact: 'applicant.role', in: ['pregnant'] }, { label: { ko: '아이', en: 'Child' }, fact: 'child.age_months', max: 155 }] }],
      cases: [{ name: 'a', situation: {}, expected: 'unknown' }, { name: 'b', situation: {}, expected: 'unknown' }],
    }) as Extract<EligibilityRules, { stated: true }>;
    expect(evaluate(pregnantOrChild, { applicant: { role: 'pregnant' }, children: [] }).result).toBe('eligible');
    expect(evaluate(pregnantOrChild, { applicant: { role: 'parent' }, children: [] }).result).toBe('not_eligible');
    expect(evaluate(pregnantOrChild, { applicant: { role: 'parent' } }).result).toBe('unknown');
  });
});

describe('the catalogue’s rules and their test cases', () => {
  const src = loadCatalogueSource(catalogueSourceDir());
  const withCases = src.entries.filter((e) => e.eligibility_rules?.stated);
  it('every policy and service says whether its conditions are stated', () => {
    expect(src.entries.filter((e) => e.kind !== 'facility' && !e.eligibility_rules).map((e) => e.id)).toEqual([]);
  });
  it.each(withCases.flatMap((e) => (e.eligibility_rules as Extract<EligibilityRules, { stated: true }>).cases.map((c) => [e.id, c.name, c] as const)))('%s: %s', (id, _name, c) => {
    const e = src.entries.find((x) => x.id === id)!;
    expect(evaluate(e.eligibility_rules as Extract<EligibilityRules, { stated: true }>, c.situation).result).toBe(c.expected);
  });
  it('the finder evaluates every active entry with stated rules', () => {
    expect(findEligible(src.entries, {}).length).toBe(withCases.filter((e) => e.status === 'active').length);
  });
});
