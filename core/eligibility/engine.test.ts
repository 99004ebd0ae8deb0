import { describe, expect, it } from 'vitest';
import { evaluate } from './engine.js';
import { inGroup } from '../contract/situation.js';
import { findEligible } from './finder.js';
import { loadCatalogueSource } from '../../db/catalogue/load.js';
import { EligibilityRules, type Criterion, type Situation } from '../../db/catalogue/schema.js';
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
type Stated = Extract<EligibilityRules, { stated: true }>;
/** Rules as the catalogue states them (checked by the schema). */
const stated = (criteria: unknown[]) => EligibilityRules.parse({ stated: true, criteria, cases: [{ name: 'a', situation: {}, expected: 'unknown' }, { name: 'b', situation: {}, expected: 'unknown' }] }) as Stated;
/** Rules the schema would refuse (a catalogue from another version, or a hand edit): the engine must still never guess. */
const unchecked = (criteria: unknown[]) => ({ stated: true, criteria, cases: [] }) as unknown as Stated;
const label = (ko: string) => ({ ko, en: ko });
/** Three child criteria, to see which child's reasons are shown. */
const threeChildCriteria = stated([
  { label: label('6개월~5세'), fact: 'child.age_months', min: 6, max: 71 },
  { label: label('쌍둥이'), fact: 'child.twin', equals: true },
  { label: label('입원 중'), fact: 'child.hospitalized', equals: true },
]);
const mets = (rs: Stated, s: Situation) => evaluate(rs, s).reasons.map((r) => r.met);

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

  it('an age told as a range counts when the whole range meets the limits or misses them; a range that reaches a limit may meet it: ask', () => {
    const age = stated([{ label: label('6개월~5세'), fact: 'child.age_months', min: 6, max: 71 }]);
    const withAge = (age_months: number | { min: number; max: number }) => evaluate(age, { children: [{ age_months }] }).result;
    expect(withAge({ min: 12, max: 24 })).toBe('eligible');
    expect(withAge({ min: 72, max: 100 })).toBe('not_eligible');
    expect(withAge({ min: 0, max: 5 })).toBe('not_eligible');
    expect(withAge({ min: 0, max: 6 })).toBe('unknown'); // the child may be 6 months: in
    expect(withAge({ min: 71, max: 80 })).toBe('unknown'); // or 71 months: still in
    expect(withAge(6)).toBe('eligible');
    expect(withAge(71)).toBe('eligible');
    const parentAge = stated([{ label: label('부모 만 19세 이상'), fact: 'applicant.age', min: 19 }]);
    expect(evaluate(parentAge, { applicant: { age: { min: 20, max: 29 } } }).result).toBe('eligible');
    expect(evaluate(parentAge, { applicant: { age: 18 } }).result).toBe('not_eligible');
  });

  it('ask_up_to: above the limit but within what another source allows is to check, never a no; beyond it a no', () => {
    const r = stated([{ label: label('태어난 지 1년이 안 됐어요'), fact: 'child.age_months', max: 11, ask_up_to: 23 }]);
    const at = (age_months: number | { min: number; max: number }) => evaluate(r, { children: [{ age_months }] }).result;
    expect([at(0), at(11), at(12), at(23), at(24), at(60)]).toEqual(['eligible', 'eligible', 'unknown', 'unknown', 'not_eligible', 'not_eligible']);
    expect([at({ min: 6, max: 11 }), at({ min: 6, max: 17 }), at({ min: 18, max: 35 }), at({ min: 24, max: 35 })]).toEqual(['eligible', 'unknown', 'unknown', 'not_eligible']);
    // without it the same ages are a no
    expect(evaluate(stated([{ label: label('1년'), fact: 'child.age_months', max: 11 }]), { children: [{ age_months: 12 }] }).result).toBe('not_eligible');
    // the schema takes it only with a max below it
    expect(() => stated([{ label: label('x'), fact: 'child.age_months', min: 3, ask_up_to: 23 }])).toThrow(/ask_up_to/);
    expect(() => stated([{ label: label('x'), fact: 'child.age_months', max: 11, ask_up_to: 11 }])).toThrow(/ask_up_to/);
  });
  it('twins and single parents are facts of their own: each decides a rule that names it', () => {
    const twins = stated([{ label: label('쌍둥이'), fact: 'child.twin', equals: true }]);
    expect(evaluate(twins, { children: [{ age_months: 10, twin: true }] }).result).toBe('eligible');
    expect(evaluate(twins, { children: [{ age_months: 10, twin: false, birth_order: 2 }] }).result).toBe('not_eligible');
    const single = stated([{ label: label('한부모'), fact: 'household.single_parent', equals: true }]);
    expect(evaluate(single, { household: { single_parent: true, income_band: 'basic' } }).result).toBe('eligible');
    expect(evaluate(single, { household: { single_parent: false, income_band: 'basic' } }).result).toBe('not_eligible');
    expect(evaluate(single, { household: { income_band: 'basic' } }).result).toBe('unknown');
  });

  it('an income exactly at the limit is within it', () => {
    expect(v({ children: [{ age_months: 12, twin: true }], household: { district: '북구', income_band: 'under_median_150' } }).result).toBe('eligible');
    expect(v({ children: [{ age_months: 12, twin: true }], household: { district: '북구', income_band: 'over' } }).result).toBe('not_eligible');
  });

  it('reasons are written in the chosen language, and in Korean where a label has no translation', () => {
    const s: Situation = { children: [{ age_months: 12 }], household: { district: '북구', income_band: 'basic' } };
    expect(evaluate(rules as Stated, s, 'en').reasons.map((r) => r.text)).toEqual(['Child aged 6 months to 5', 'Lives in Gwangju', 'Twins or two or more', '≤150%']);
    expect(evaluate(rules as Stated, s, 'vi').reasons[0]?.text).toBe('아이가 6개월부터 만 5세까지예요');
  });

  it('with several children, the answer and the reasons are those of the child that comes closest', () => {
    const young = { age_months: 12 }; // age met, the rest not told: may qualify
    const old = { age_months: 100, twin: true, hospitalized: true }; // two met, but too old: cannot
    // a child who may still qualify comes before one who cannot, however many criteria that one meets
    for (const children of [[young, old], [old, young]]) {
      expect(evaluate(threeChildCriteria, { children }).result).toBe('unknown');
      expect(mets(threeChildCriteria, { children })).toEqual([true, null, null]);
    }
    // among children who may all qualify, the one meeting more criteria
    const twin = { age_months: 12, twin: true };
    for (const children of [[young, twin], [twin, young]]) expect(mets(threeChildCriteria, { children })).toEqual([true, true, null]);
    // equally close: the child told first (the reasons do not change with each other child added)
    const hospital = { age_months: 12, hospitalized: true };
    expect(mets(threeChildCriteria, { children: [twin, hospital] })).toEqual([true, true, null]);
    expect(mets(threeChildCriteria, { children: [hospital, twin] })).toEqual([true, null, true]);
  });

  it('a household criterion that is not met does not change which child\'s reasons are shown', () => {
    const inBukgu = stated([{ label: label('북구'), fact: 'household.district', in: ['북구'] }, ...(threeChildCriteria.criteria as Criterion[])]);
    const s: Situation = { household: { district: '남구' }, children: [{ age_months: 100, twin: true, hospitalized: true }, { age_months: 12 }] };
    expect(evaluate(inBukgu, s).result).toBe('not_eligible');
    expect(mets(inBukgu, s)).toEqual([false, true, null, null]);
  });

  it('a rule it cannot read is never a yes or a no: a test that does not fit the fact is unknown, a fact it does not know is an error', () => {
    expect(evaluate(unchecked([{ label: label('검사 없음'), fact: 'household.district' }]), { household: { district: '북구' } }).result).toBe('unknown');
    expect(evaluate(unchecked([{ label: label('나이에 소득'), fact: 'child.age_months', income_at_most: 'over' }]), { children: [{ age_months: 12 }] }).result).toBe('unknown');
    expect(() => evaluate(unchecked([{ label: label('반려동물'), fact: 'household.pets', equals: true }]), {})).toThrow('the eligibility engine does not implement the fact household.pets');
  });
});

describe('facts the finder asks for (issue 10)', () => {
  const NOW = new Date('2026-12-01T12:00:00Z');
  const ev = (criteria: unknown[], s: Situation, extra: Record<string, unknown> = {}) =>
    evaluate(EligibilityRules.parse({ stated: true, criteria, ...extra, cases: [{ name: 'a', situation: {}, expected: 'unknown' }, { name: 'b', situation: {}, expected: 'unknown' }] }) as Stated, s, 'ko', NOW);
  const bornFrom2025 = [{ label: label('2025년 이후 출생'), fact: 'child.born_on', on_or_after: '2025-01-01' }];
  it('a condition no answer settles (also) is one more reason to check: never a yes, still a no when a criterion is missed', () => {
    const also = { also: { ko: '어린이집에 다녀야 해요', en: 'Attends daycare' } };
    const r = ev([{ label: label('5세 이하'), fact: 'child.age_months', max: 71 }], { children: [{ age_months: 30 }] }, also);
    expect(r.result).toBe('unknown');
    expect(r.reasons).toEqual([{ text: '5세 이하', met: true }, { text: '어린이집에 다녀야 해요', met: null }]);
    expect(ev([{ label: label('5세 이하'), fact: 'child.age_months', max: 71 }], { children: [{ age_months: 100 }] }, also).result).toBe('not_eligible');
    expect(ev([{ label: label('5세 이하'), fact: 'child.age_months', max: 71 }], { children: [{ age_months: 30 }] }, { note: { ko: '소득과 상관없어요', en: 'Any income' } }).result).toBe('eligible');
  });
  it('an answer that settles `also` (also_met_by): met, the condition is met and the verdict can be a yes; not met or not given, it is still a question, never a no', () => {
    const gap = {
      also: { ko: '돌봄 공백이 있어야 해요', en: 'A gap in care' },
      also_met_by: { label: label('맞벌이'), fact: 'household.dual_earner', equals: true },
    };
    const age = [{ label: label('12세 이하'), fact: 'child.age_months', max: 155 }];
    const dual = ev(age, { children: [{ age_months: 48 }], household: { dual_earner: true } }, gap);
    expect(dual.result).toBe('eligible');
    expect(dual.reasons).toEqual([{ text: '12세 이하', met: true }, { text: '돌봄 공백이 있어야 해요', met: true }]);
    expect(ev(age, { children: [{ age_months: 48 }], household: { dual_earner: false } }, gap).result).toBe('unknown');
    expect(ev(age, { children: [{ age_months: 48 }] }, gap).result).toBe('unknown');
    expect(ev(age, { children: [{ age_months: 200 }], household: { dual_earner: true } }, gap).result).toBe('not_eligible');
    // the schema: an also_met_by needs its also, and tests no child's fact
    expect(() => ev(age, {}, { also_met_by: gap.also_met_by })).toThrow(/give the also it settles/);
    expect(() => ev(age, {}, { also: gap.also, also_met_by: { label: label('입원'), fact: 'child.hospitalized', equals: true } })).toThrow(/household and applicant facts only/);
  });
  it('reads a birth date against a date rule, and an age as the birth dates it allows', () => {
    expect(ev(bornFrom2025, { children: [{ birth_date: '2025-01-01' }] }).result).toBe('eligible');
    expect(ev(bornFrom2025, { children: [{ birth_date: '2024-12-31' }] }).result).toBe('not_eligible');
    expect(ev(bornFrom2025, { children: [{ birth_date: '2025' }] }).result).toBe('eligible');
    expect(ev(bornFrom2025, { children: [{ birth_date: '2024' }] }).result).toBe('not_eligible');
    expect(ev(bornFrom2025, { children: [{ age_months: 10 }] }).result).toBe('eligible'); // born in 2026
    expect(ev(bornFrom2025, { children: [{ age_months: 30 }] }).result).toBe('not_eligible'); // born in 2024
    expect(ev(bornFrom2025, { children: [{ age_months: { min: 12, max: 23 } }] }).result).toBe('unknown'); // born Dec 2024 – Dec 2025
    // a situation that fixes its own day is judged on that day
    expect(ev(bornFrom2025, { today: '2025-06-01', children: [{ age_months: 20 }] }).result).toBe('not_eligible');
    const before = [{ label: label('2026년 전 출생'), fact: 'child.born_on', before: '2026-01-01' }];
    expect(ev(before, { children: [{ birth_date: '2025-12-31' }] }).result).toBe('eligible');
    expect(ev(before, { children: [{ birth_date: '2026-01-01' }] }).result).toBe('not_eligible');
  });
  it('reads weeks since birth from weeks, months or a birth date', () => {
    const eightWeeks = [{ label: label('8주 안'), fact: 'child.age_weeks', max: 7 }];
    expect(ev(eightWeeks, { children: [{ age_weeks: { min: 0, max: 3 } }] }).result).toBe('eligible');
    expect(ev(eightWeeks, { children: [{ age_months: 5 }] }).result).toBe('not_eligible');
    expect(ev(eightWeeks, { children: [{ age_months: 1 }] }).result).toBe('unknown'); // 4 to 8 weeks
    expect(ev(eightWeeks, { children: [{ birth_date: '2026-11-20' }] }).result).toBe('eligible');
    expect(ev(eightWeeks, { children: [{ birth_date: '2026-09-01' }] }).result).toBe('not_eligible');
  });
  it('all_of needs every part; any_of one', () => {
    const both = [{ label: label('80% 이하 다자녀'), all_of: [{ label: label('80%'), fact: 'household.income_pct', max: 80 }, { label: label('둘 이상'), fact: 'children.count', min: 2 }] }];
    expect(ev(both, { household: { income_pct: 70 }, children: [{}, {}] }).result).toBe('eligible');
    expect(ev(both, { household: { income_pct: 70 }, children: [{}] }).result).toBe('not_eligible');
    expect(ev(both, { children: [{}, {}] }).result).toBe('unknown');
  });
  it('reads income as a percentage of the median, from the percentage or from the band', () => {
    const under63 = [{ label: label('63% 이하'), fact: 'household.income_pct', max: 63 }];
    expect(ev(under63, { household: { income_pct: 63 } }).result).toBe('eligible');
    expect(ev(under63, { household: { income_pct: { min: 64, max: 80 } } }).result).toBe('not_eligible');
    expect(ev(under63, { household: { income_band: 'near_poor' } }).result).toBe('eligible'); // at or under 50 %
    expect(ev(under63, { household: { income_band: 'under_median_100' } }).result).toBe('unknown');
    expect(ev(under63, { household: { income_band: 'over' } }).result).toBe('not_eligible');
    expect(ev([{ label: label('150% 이하'), fact: 'household.income_pct', max: 150 }], { household: { income_band: 'under_median_150' } }).result).toBe('eligible');
  });
  it('a household outside Gwangju is not in any district; pregnancy, grandparents and work are facts of their own', () => {
    expect(ev([{ label: label('광주'), fact: 'household.district', in: ['북구', '남구'] }], { household: { district: 'outside' } }).result).toBe('not_eligible');
    const pregnant = [{ label: label('임신 중'), fact: 'household.pregnant', equals: true }];
    expect(ev(pregnant, { applicant: { role: 'pregnant' } }).result).toBe('eligible');
    expect(ev(pregnant, { applicant: { role: 'grandparent' } }).result).toBe('not_eligible');
    expect(ev(pregnant, { applicant: { role: 'parent' }, household: { pregnant: true } }).result).toBe('eligible');
    expect(ev(pregnant, {}).result).toBe('unknown');
    expect(ev([{ label: label('조손'), fact: 'household.grandparent_headed', equals: true }], { household: { grandparent_headed: true } }).result).toBe('eligible');
    expect(ev([{ label: label('일해요'), fact: 'applicant.employed', equals: true }], { applicant: { employed: false } }).result).toBe('not_eligible');
  });
  it('a rule set until a day that has passed is never a yes: its reason says it may have changed', () => {
    const crit = [{ label: label('아이'), fact: 'children.count', min: 1 }];
    const until = (d: string) => ev(crit, { children: [{}] }, { valid_until: d });
    expect(until('2026-12-31').result).toBe('eligible');
    const r = until('2026-11-30');
    expect(r.result).toBe('unknown');
    expect(r.reasons.at(-1)).toMatchObject({ met: null, code: 'expired', until: '2026-11-30' });
    expect(ev(crit, { children: [] }, { valid_until: '2026-11-30' }).result).toBe('not_eligible'); // a missed condition still says no
  });
  it('the schema refuses a date test on a number and a number test on a date', () => {
    expect(() => stated([{ label: label('x'), fact: 'child.age_months', on_or_after: '2025-01-01' }])).toThrow(/not a date/);
    expect(() => stated([{ label: label('x'), fact: 'child.born_on', min: 3 }])).toThrow(/not a number|is a date/);
  });
});

describe('programs only for a group of families (for_group): told in it, told not, not told', () => {
  const src = loadCatalogueSource(catalogueSourceDir());
  const rule = (id: string) => src.entries.find((e) => e.id === id)!.eligibility_rules as Stated;
  const NOW = new Date('2026-12-01T12:00:00Z');
  const result = (id: string, s: Situation) => evaluate(rule(id), s, 'ko', NOW).result;
  const child = { applicant: { role: 'parent' as const }, children: [{ age_months: 26 }] };

  it('multicultural: 다문화가족이에요 ticked is a yes where the group was the only condition left; not ticked is a no; not told is to check', () => {
    expect(result('mc-bilingual-family', { ...child, household: { multicultural: true } })).toBe('eligible');
    expect(result('mc-bilingual-family', { ...child, household: { multicultural: false } })).toBe('not_eligible');
    expect(result('mc-bilingual-family', child)).toBe('unknown');
    const reasons = evaluate(rule('mc-bilingual-family'), { ...child, household: { multicultural: false } }, 'ko', NOW).reasons;
    expect(reasons.find((r) => r.met === false)?.text).toBe('다문화가족이에요');
    // with another condition still to check (the language assessment), the group met is not enough for a yes
    expect(result('mc-child-language-development', { ...child, household: { multicultural: true } })).toBe('unknown');
  });

  it('disability: 장애가 있는 가족이 있어요 meets the group, the rest (whose, how severe) is still to check; not ticked is a no', () => {
    const five = { ...child, children: [{ age_months: 60 }] };
    expect(result('disabled-child-family-care', { ...five, household: { disability: true } })).toBe('unknown');
    expect(evaluate(rule('disabled-child-family-care'), { ...five, household: { disability: true } }, 'ko', NOW).reasons[0]).toEqual({ text: '장애인으로 등록된 가족이 있어요', met: true });
    expect(result('disabled-child-family-care', { ...five, household: { disability: false } })).toBe('not_eligible');
    expect(result('disabled-child-family-care', five)).toBe('unknown');
    // 발달재활서비스 is also for a young child not yet registered: not ticked, a child under 6 is still to check, an older one is a no
    expect(result('developmental-rehab-voucher', { ...five, household: { disability: false, income_pct: 100 } })).toBe('unknown');
    expect(result('developmental-rehab-voucher', { ...child, children: [{ age_months: 100 }], household: { disability: false, income_pct: 100 } })).toBe('not_eligible');
  });

  it('low income: settled by the income band told (기초생활수급·차상위 in, any other band out), unknown income as before', () => {
    const seven = { ...child, children: [{ age_months: 84 }] };
    expect(inGroup('low_income', { household: { income_band: 'basic' } })).toBe(true);
    expect(inGroup('low_income', { household: { income_band: 'near_poor' } })).toBe(true);
    expect(inGroup('low_income', { household: { income_band: 'under_median_100' } })).toBe(false);
    expect(inGroup('low_income', { household: { income_pct: 30 } })).toBeUndefined();
    expect(result('dream-start', { ...seven, household: { income_band: 'near_poor' } })).toBe('unknown'); // who is helped first is still to check
    expect(evaluate(rule('dream-start'), { ...seven, household: { income_band: 'basic' } }, 'ko', NOW).reasons[0]?.met).toBe(true);
    expect(result('dream-start', { ...seven, household: { income_band: 'under_median_150' } })).toBe('not_eligible');
    expect(result('dream-start', seven)).toBe('unknown');
  });

  it('a tagged rule that does not test its group (a catalogue from before the finder asked) still gets the group settled, with a plain reason', () => {
    const older = (group: string) => ({ ...stated([{ label: label('아이가 5세 이하'), fact: 'child.age_months', max: 71 }]), for_group: group }) as Stated;
    for (const [group, yes, no, text] of [
      ['multicultural', { multicultural: true }, { multicultural: false }, '다문화가족을 위한 지원이에요'],
      ['disability', { disability: true }, { disability: false }, '장애가 있는 가족을 위한 지원이에요'],
      ['low_income', { income_band: 'basic' }, { income_band: 'over' }, '형편이 어려운 가정(수급·차상위)을 위한 지원이에요'],
    ] as const) {
      expect(evaluate(older(group), { children: [{ age_months: 30 }], household: yes }, 'ko', NOW), group).toEqual({ result: 'eligible', reasons: [{ text: '아이가 5세 이하', met: true }, { text, met: true }] });
      expect(evaluate(older(group), { children: [{ age_months: 30 }], household: no }, 'ko', NOW), group).toEqual({ result: 'not_eligible', reasons: [{ text: '아이가 5세 이하', met: true }, { text, met: false }] });
      expect(evaluate(older(group), { children: [{ age_months: 30 }] }, 'ko', NOW).reasons, group).toEqual([{ text: '아이가 5세 이하', met: true }]);
    }
    expect(evaluate(older('multicultural'), { household: { multicultural: false } }, 'vi', NOW).reasons[1]?.text).toBe('Hỗ trợ này dành cho gia đình đa văn hóa');
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
  it('the finder names each entry in the chosen language with its verdict, and leaves out discontinued ones and those without stated rules', () => {
    const e = withCases.find((x) => x.status === 'active' && x.title.en)!;
    const notStated = src.entries.find((x) => x.eligibility_rules && !x.eligibility_rules.stated)!;
    const found = findEligible([e, { ...e, id: 'gone', status: 'discontinued' }, notStated], {}, 'en');
    expect(found).toEqual([{ id: e.id, title: e.title.en, ...evaluate(e.eligibility_rules as Extract<EligibilityRules, { stated: true }>, {}, 'en') }]);
    expect(found[0]?.result).toBe('unknown'); // nothing told yet
  });
});
