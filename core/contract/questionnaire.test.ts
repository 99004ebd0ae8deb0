import { describe, expect, it } from 'vitest';
import { QUESTIONS, applicable, householdSize, incomeLimits, questionsFor, toSituation, type Answers } from './questionnaire.js';
import { Situation } from './situation.js';
import { MEDIAN_INCOME, medianIncome } from './median-income.js';

/** Every way through the questionnaire: each question answered with each option or skipped ("잘 모르겠어요"). */
function* paths(i = 0, a: Answers = {}): Generator<{ answers: Answers; asked: number }> {
  const q = QUESTIONS[i];
  if (!q) {
    yield { answers: a, asked: questionsFor(a).length };
    return;
  }
  if (!applicable(q, a)) {
    yield* paths(i + 1, a);
    return;
  }
  yield* paths(i + 1, a); // skipped
  for (const o of q.options) yield* paths(i + 1, { ...a, [q.id]: o.value });
}

describe('questionnaire', () => {
  it('asks any one person at most 8 questions, whatever they answer, and every path gives a valid situation', () => {
    let n = 0;
    let most = 0;
    for (const p of paths()) {
      n++;
      most = Math.max(most, p.asked);
      if (n % 37 !== 0) continue; // the situation check on a spread sample: every answer appears in it many times
      const s = Situation.safeParse(toSituation(p.answers));
      if (!s.success) throw new Error(`${JSON.stringify(p.answers)}: ${s.error.message}`);
    }
    expect(n).toBeGreaterThan(100_000);
    expect(most).toBeLessThanOrEqual(8);
  });
  it('turns a grandmother caring for twin grandchildren into a situation', () => {
    expect(toSituation({ role: 'grandparent', applicantAge: { min: 50, max: 70 }, children: 'twins', childAge: { min: 24, max: 71 }, household: 'dual', income: 'under_median_100', district: '북구' })).toEqual({
      applicant: { role: 'grandparent', age: { min: 50, max: 70 } },
      children: [
        { age_months: { min: 24, max: 71 }, twin: true },
        { age_months: { min: 24, max: 71 }, twin: true },
      ],
      household: { pregnant: false, dual_earner: true, single_parent: false, grandparent_headed: false, income_band: 'under_median_100', district: '북구' },
    });
  });
  it('an only child ("1명") is no twin; with two or three, twins are not ruled out', () => {
    expect(toSituation({ children: 'one' }).children).toEqual([{ birth_order: 1, twin: false }]);
    expect(toSituation({ children: 'two' }).children!.map((c) => c.twin)).toEqual([undefined, undefined]);
    expect(toSituation({ children: 'three' }).children!.map((c) => c.twin)).toEqual([undefined, undefined, undefined]);
  });
  it('says who works only when the answer settles it for the parent answering', () => {
    expect(toSituation({ role: 'parent', household: 'dual' }).applicant?.employed).toBe(true);
    expect(toSituation({ role: 'parent', household: 'singleNot' }).applicant?.employed).toBe(false);
    expect(toSituation({ role: 'parent', household: 'one' }).applicant?.employed).toBeUndefined();
    expect(toSituation({ role: 'grandparent', household: 'dual' }).applicant?.employed).toBeUndefined();
  });
  it('a newborn carries weeks since birth; the youngest of three is at least the third', () => {
    const s = toSituation({ children: 'three', childAge: { min: 0, max: 0, weeks: { min: 0, max: 3 } } });
    expect(s.children?.[2]).toEqual({ age_months: { min: 0, max: 0 }, age_weeks: { min: 0, max: 3 }, birth_order: 3 });
    expect(s.children?.[0]).toEqual({ birth_order: 1 });
  });
  it('leaves skipped answers unknown and passes over child questions when there are no children', () => {
    expect(toSituation({})).toEqual({});
    expect(applicable(QUESTIONS.find((q) => q.id === 'childAge')!, { children: 'none' })).toBe(false);
    expect(applicable(QUESTIONS.find((q) => q.id === 'hospitalized')!, { children: 'one', childAge: { min: 156, max: 227 } })).toBe(false);
    expect(toSituation({ children: 'none', role: 'pregnant' })).toEqual({ applicant: { role: 'pregnant', age: undefined }, children: [], household: { pregnant: true } });
  });
  it('counts the household the income is asked for from the answers', () => {
    expect(householdSize({ household: 'dual', children: 'two' })).toBe(4);
    expect(householdSize({ household: 'singleNot', children: 'one' })).toBe(2);
    expect(householdSize({ children: 'three' })).toBe(5);
  });
  it('gives the income limits in won from the 2026 median income table', () => {
    expect(MEDIAN_INCOME.year).toBe(2026);
    expect(incomeLimits(4)).toEqual({ p50: 3_247_369, p100: 6_494_738, p150: 9_742_107 });
    expect(medianIncome(1)).toBe(2_564_238);
    expect(medianIncome(7)).toBe(8_555_952 + (8_555_952 - 7_556_719));
  });
});
