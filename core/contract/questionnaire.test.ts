import { describe, expect, it } from 'vitest';
import { QUESTIONS, answersTo, applicable, householdSize, incomeLimits, optionsFor, questionsFor, ticked, ticksAnswer, toSituation, type Answers } from './questionnaire.js';
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
  for (const v of answersTo(q, a)) yield* paths(i + 1, { ...a, [q.id]: v });
}
const circumstances = QUESTIONS.find((q) => q.id === 'circumstances')!;
const offered = (a: Answers) => optionsFor(circumstances, a).map((o) => o.key);

describe('questionnaire', () => {
  it('asks any one person at most 8 questions, whatever they answer, and every path gives a valid situation', () => {
    let n = 0;
    let most = 0;
    let mostWithoutChildren = 0;
    for (const p of paths()) {
      n++;
      most = Math.max(most, p.asked);
      if (p.answers.children === 'none') {
        // with no children the multi-choice question is still asked (다문화가족, 장애), without 입원
        if (!questionsFor(p.answers).some((q) => q.id === 'circumstances')) throw new Error(`${JSON.stringify(p.answers)}: not asked 이 중에 해당하는 것이 있나요?`);
        mostWithoutChildren = Math.max(mostWithoutChildren, p.asked);
      }
      if (n % 37 !== 0) continue; // the situation check on a spread sample: every answer appears in it many times
      const s = Situation.safeParse(toSituation(p.answers));
      if (!s.success) throw new Error(`${JSON.stringify(p.answers)}: ${s.error.message}`);
    }
    expect(n).toBeGreaterThan(100_000);
    expect(most).toBe(8);
    expect(mostWithoutChildren).toBe(7);
  });
  it('asks "이 중에 해당하는 것이 있나요?" instead of the yes/no 입원 question: 입원 only for a child of 12 or under (or of an age not told)', () => {
    expect(QUESTIONS.map((q) => q.id)).not.toContain('hospitalized');
    expect(circumstances.multi).toBe(true);
    expect(offered({ children: 'one', childAge: { min: 4, max: 5 } })).toEqual(['hospitalized', 'multicultural', 'koryoin', 'disability', 'none']);
    expect(offered({ children: 'one' })).toEqual(['hospitalized', 'multicultural', 'koryoin', 'disability', 'none']);
    expect(offered({})).toEqual(['hospitalized', 'multicultural', 'koryoin', 'disability', 'none']);
    expect(offered({ children: 'none' })).toEqual(['multicultural', 'koryoin', 'disability', 'none']);
    expect(offered({ children: 'two', childAge: { min: 156, max: 227 } })).toEqual(['multicultural', 'koryoin', 'disability', 'none']);
    expect(applicable(circumstances, { children: 'none' })).toBe(true);
    // every combination of the ticks offered, "해당하는 것이 없어요" (nothing ticked) among them
    const noChild = answersTo(circumstances, { children: 'none' });
    expect(noChild).toHaveLength(8);
    expect(noChild[0]).toEqual({ multicultural: false, koryoin: false, disability: false });
    expect(noChild).toContainEqual({ multicultural: false, koryoin: true, disability: false });
    expect(noChild.at(-1)).toEqual({ multicultural: true, koryoin: true, disability: true });
    expect(answersTo(circumstances, { children: 'one' })).toHaveLength(16);
  });
  it('turns the ticks into facts: ticked is true, not ticked is false once answered, "잘 모르겠어요" leaves them unknown', () => {
    const mother = { role: 'parent', children: 'one', childAge: { min: 24, max: 71 } } as const satisfies Answers;
    const all = ['hospitalized', 'multicultural', 'disability'];
    // a Vietnamese mother ticks 다문화가족이에요
    const mc = toSituation({ ...mother, circumstances: ticksAnswer(all, ['multicultural']) });
    expect(mc.household).toEqual({ pregnant: false, multicultural: true, disability: false });
    expect(mc.children).toEqual([{ age_months: { min: 24, max: 71 }, birth_order: 1, twin: false, hospitalized: false }]);
    // 해당하는 것이 없어요: every option shown is false
    const none = toSituation({ ...mother, circumstances: ticksAnswer(all, []) });
    expect([none.household?.multicultural, none.household?.disability, none.children?.[0]?.hospitalized]).toEqual([false, false, false]);
    // 잘 모르겠어요: nothing is said
    const unsure = toSituation(mother);
    expect([unsure.household?.multicultural, unsure.household?.disability, unsure.children?.[0]?.hospitalized]).toEqual([undefined, undefined, undefined]);
    // both groups ticked
    expect(toSituation({ circumstances: ticksAnswer(all, ['multicultural', 'disability']) })).toEqual({ household: { multicultural: true, disability: true } });
  });
  it('a 고려인 mother can say so: 고려인 동포 가족이에요 is its own option; ticked alone it leaves 다문화가족 unknown (she may be one), never a no', () => {
    const shown = ['hospitalized', 'multicultural', 'koryoin', 'disability'];
    const mother = { role: 'pregnant' as const, children: 'none' as const, district: '광산구' as const };
    const koryoin = toSituation({ ...mother, circumstances: ticksAnswer(shown, ['koryoin']) });
    expect(koryoin.household).toEqual({ pregnant: true, district: '광산구', koryoin: true, disability: false });
    expect(ticked(koryoin)).toEqual(['koryoin']);
    // both ticked: both said
    expect(toSituation({ circumstances: ticksAnswer(shown, ['multicultural', 'koryoin']) }).household).toEqual({ multicultural: true, koryoin: true, disability: false });
    // 해당하는 것이 없어요: neither
    expect(toSituation({ ...mother, circumstances: ticksAnswer(shown, []) }).household).toMatchObject({ multicultural: false, koryoin: false });
  });
  it('the 입원 option is the youngest child\'s hospitalized, as the old question was; not said where it was not shown', () => {
    const s = toSituation({ children: 'three', childAge: { min: 6, max: 11 }, circumstances: ticksAnswer(['hospitalized', 'multicultural', 'disability'], ['hospitalized']) });
    expect(s.children?.map((c) => c.hospitalized)).toEqual([undefined, undefined, true]);
    expect(s.household).toEqual({ multicultural: false, disability: false });
    const twins = toSituation({ children: 'twins', circumstances: { hospitalized: true, multicultural: false, disability: false } });
    expect(twins.children?.map((c) => c.hospitalized)).toEqual([true, true]);
    // a teenager: the option was not shown, the answer says nothing of it
    const teen = toSituation({ children: 'one', childAge: { min: 156, max: 227 }, circumstances: ticksAnswer(['multicultural', 'disability'], []) });
    expect(teen.children?.[0]).not.toHaveProperty('hospitalized');
    // an answer kept from before the age was changed to a teenager's is not read as 입원
    expect(toSituation({ children: 'one', childAge: { min: 156, max: 227 }, circumstances: { hospitalized: true } }).children?.[0]).not.toHaveProperty('hospitalized');
    // no children: no child to be in hospital, the groups still answered
    expect(toSituation({ children: 'none', circumstances: ticksAnswer(['multicultural', 'disability'], ['disability']) })).toEqual({ children: [], household: { multicultural: false, disability: true } });
  });
  it('says what was ticked, from the situation (the answers\' summary on screen and on paper)', () => {
    expect(ticked(toSituation({ children: 'one', circumstances: ticksAnswer(['hospitalized', 'multicultural', 'disability'], ['multicultural', 'hospitalized']) }))).toEqual(['hospitalized', 'multicultural']);
    expect(ticked(toSituation({ children: 'none', circumstances: ticksAnswer(['multicultural', 'disability'], []) }))).toEqual(['none']);
    expect(ticked(toSituation({ children: 'one', role: 'parent' }))).toBeUndefined();
    expect(ticked({ household: { disability: true } })).toEqual(['disability']);
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
