/**
 * The rules as a whole: generated situations (every answer the questionnaire allows, and raw
 * situations with exact ages and birth dates) swept over the whole catalogue, checked against
 * what a caseworker would state about any answer — not one program at a time.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate, childAge, dayNumber } from './engine.js';
import { inGroup } from '../contract/situation.js';
import { loadCatalogueSource } from '../../db/catalogue/load.js';
import type { Criterion, EligibilityRules, Entry } from '../../db/catalogue/schema.js';
import { catalogueSourceDir } from '../../db/catalogue/source-dir.js';
import { QUESTIONS, answersTo, applicable, ticksAnswer, toSituation, type Answers } from '../contract/questionnaire.js';
import type { Situation } from '../contract/situation.js';
import { DISTRICTS, FOR_GROUP_FACT, INCOME_BANDS } from '../contract/lists.js';
import { arrangeFindings } from '../contract/findings.js';
import type { Finding } from '../contract/kiosk-api.js';
import { testCore } from '../../tests/env.node.js';

type Stated = Extract<EligibilityRules, { stated: true }>;
const src = loadCatalogueSource(catalogueSourceDir());
const ruled = src.entries.filter((e): e is Entry & { eligibility_rules: Stated } => e.status === 'active' && e.eligibility_rules?.stated === true);
const NOW = new Date('2026-12-01T10:00:00+09:00');
const verdicts = (s: Situation) => ruled.map((e) => ({ e, v: evaluate(e.eligibility_rules, s, 'ko', NOW) }));
// Under mutation testing (every mutant reruns these) fewer generated situations per property; the suite runs 400.
const RUNS = process.env.STRYKER_TARGET ? 60 : 400;

/** Answers as people give them: each question answered with one of the answers it offers after the earlier ones (any ticks of the multi-choice one), or skipped. */
const answers: fc.Arbitrary<Answers> = fc
  .tuple(...QUESTIONS.map(() => fc.option(fc.nat(), { nil: undefined, freq: 3 })))
  .map((picks) => {
    const a: Answers = {};
    QUESTIONS.forEach((q, i) => {
      const pick = picks[i];
      if (pick === undefined || !applicable(q, a)) return;
      const offered = answersTo(q, a);
      (a as Record<string, unknown>)[q.id] = offered[pick % offered.length];
    });
    return a;
  });

/** Raw situations as a counsellor or the CLI gives them: exact ages, birth dates, every fact. */
const child = fc.record(
  {
    age_months: fc.integer({ min: 0, max: 240 }),
    birth_date: fc.date({ min: new Date('2005-01-01'), max: NOW, noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    twin: fc.boolean(),
    birth_order: fc.integer({ min: 1, max: 5 }),
    hospitalized: fc.boolean(),
  },
  { requiredKeys: [] },
).map((c) => (c.age_months !== undefined && c.birth_date !== undefined ? { ...c, birth_date: undefined } : c)).map((c) => JSON.parse(JSON.stringify(c)) as NonNullable<Situation['children']>[number]);
const situation: fc.Arbitrary<Situation> = fc
  .record(
    {
      applicant: fc.record({ role: fc.constantFrom('parent', 'grandparent', 'pregnant', 'other' as const), age: fc.integer({ min: 15, max: 90 }), employed: fc.boolean() }, { requiredKeys: [] }),
      children: fc.array(child, { maxLength: 4 }),
      household: fc.record(
        {
          district: fc.constantFrom(...DISTRICTS, 'outside' as const),
          dual_earner: fc.boolean(),
          single_parent: fc.boolean(),
          grandparent_headed: fc.boolean(),
          pregnant: fc.boolean(),
          income_band: fc.constantFrom(...INCOME_BANDS),
          income_pct: fc.integer({ min: 0, max: 300 }),
          multicultural: fc.boolean(),
          koryoin: fc.boolean(),
          disability: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  )
  .map((s) => JSON.parse(JSON.stringify(s)) as Situation);

const anySituation = fc.oneof(answers.map(toSituation), situation);
const topLevelFacts = (cs: Criterion[]): string[] => cs.flatMap((c) => ('fact' in c ? [c.fact] : 'all_of' in c ? topLevelFacts(c.all_of) : []));

describe('the finder over the whole catalogue, for generated situations', () => {
  it('says "yes" only when every condition was checked against an answer and met, "no" only when one was missed', () => {
    fc.assert(
      fc.property(anySituation, (s) => {
        for (const { e, v } of verdicts(s)) {
          if (v.result === 'eligible' && !v.reasons.every((r) => r.met === true)) throw new Error(`${e.id}: yes with a condition not met: ${JSON.stringify(v.reasons)}`);
          if ((v.result === 'not_eligible') !== v.reasons.some((r) => r.met === false)) throw new Error(`${e.id}: ${v.result} but reasons ${JSON.stringify(v.reasons)}`);
          // a condition the answers cannot settle (also) is always shown as one to check — unless the answer that settles it (also_met_by) was given and met
          if (e.eligibility_rules.also && v.result === 'eligible' && !(e.eligibility_rules.also_met_by && evaluate({ stated: true, criteria: [e.eligibility_rules.also_met_by], cases: [] }, s).result === 'eligible'))
            throw new Error(`${e.id}: yes despite a condition no answer settles`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never changes a yes or a no when someone answers one more question', () => {
    fc.assert(
      fc.property(answers, fc.array(fc.constantFrom(...QUESTIONS.map((q) => q.id)), { maxLength: 4 }), (full, forget) => {
        const less: Answers = { ...full };
        for (const k of forget) delete less[k];
        const [a, b] = [verdicts(toSituation(less)), verdicts(toSituation(full))];
        a.forEach(({ e, v }, i) => {
          if (v.result !== 'unknown' && b[i]!.v.result !== v.result) throw new Error(`${e.id}: ${v.result} with ${JSON.stringify(less)} but ${b[i]!.v.result} with ${JSON.stringify(full)}`);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('gives a household outside Gwangju nothing of Gwangju’s own as a sure thing', () => {
    fc.assert(
      fc.property(anySituation, (s0) => {
        const s = { ...s0, household: { ...s0.household, district: 'outside' as const } };
        for (const { e, v } of verdicts(s)) if (e.scope !== 'national' && v.result === 'eligible') throw new Error(`${e.id} (${e.scope}) is a yes for a household outside Gwangju`);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives a family with no child and no pregnancy nothing that is for a child', () => {
    fc.assert(
      fc.property(anySituation, (s0) => {
        const s: Situation = { ...s0, children: [], household: { ...s0.household, pregnant: false } };
        for (const { e, v } of verdicts(s))
          if (topLevelFacts(e.eligibility_rules.criteria).some((f) => f.startsWith('child.')) && v.result !== 'not_eligible') throw new Error(`${e.id} is ${v.result} with no child`);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives a grown-up child’s family (only child 20, no pregnancy) no baby or school-age program as a yes', () => {
    fc.assert(
      fc.property(anySituation, (s0) => {
        const s: Situation = { ...s0, children: [{ age_months: 240 }], household: { ...s0.household, pregnant: false } };
        for (const { e, v } of verdicts(s))
          if (e.stages.every((x) => x === 'infant' || x === 'pregnancy' || x === 'school') && v.result === 'eligible') throw new Error(`${e.id} is a yes for a family whose only child is 20`);
      }),
      { numRuns: RUNS },
    );
  });

  it('a household that said it is not in a group is told no for the programs only for that group (unless the rule leaves another way in)', () => {
    const tagged = ruled.filter((e) => e.eligibility_rules.for_group);
    const anotherWay = (e: (typeof ruled)[number]) => !e.eligibility_rules.criteria.some((c) => 'fact' in c && c.fact === FOR_GROUP_FACT[e.eligibility_rules.for_group!]);
    // a young child not yet registered; a 고려인 family (다문화가정 산모 돌보미), out of it only when told it is not one
    expect(tagged.filter(anotherWay).map((e) => e.id)).toEqual(['developmental-rehab-voucher', 'gj-multicultural-postpartum-helper']);
    const koryoinWay = (e: (typeof ruled)[number]) => JSON.stringify(e.eligibility_rules.criteria).includes('"household.koryoin"');
    fc.assert(
      fc.property(anySituation, (s) => {
        for (const e of tagged) {
          if (inGroup(e.eligibility_rules.for_group!, s) !== false) continue;
          if (anotherWay(e) && !(koryoinWay(e) && s.household?.koryoin === false)) continue;
          const v = evaluate(e.eligibility_rules, s, 'ko', NOW);
          if (v.result !== 'not_eligible') throw new Error(`${e.id} is ${v.result} for a household not in its group: ${JSON.stringify(s.household)}`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('programs that exclude each other are never both a sure yes without being offered as a choice', () => {
    fc.assert(
      fc.property(anySituation, (s) => {
        const yes = verdicts(s).filter(({ v }) => v.result === 'eligible').map(({ e }) => e.id);
        // 보육료 / 유아학비 / 가정양육수당: a yes for two of them is only ever shown as one choice
        const care = ['childcare-fee', 'kindergarten-tuition', 'home-care-allowance'].filter((id) => yes.includes(id));
        for (const id of care) expect(ruled.find((e) => e.id === id)!.eligibility_rules.choice?.group).toBe('daycare-or-home');
      }),
      { numRuns: 100 },
    );
  });
});

describe('a child’s age, told three ways', () => {
  const today = dayNumber('2026-12-01');
  it('a grandmother caring for her only grandchild is not offered the allowance for twins or two or more (no "to check")', () => {
    // the answers a grandmother gave at the kiosk: one grandchild of 18 months, a dual-earner family in 북구 at most at 150 % of the median
    const s = toSituation({ role: 'grandparent', applicantAge: { min: 50, max: 70 }, children: 'one', childAge: { min: 12, max: 23 }, household: 'dual', income: 'under_median_150', district: '북구' });
    const caregiver = ruled.find((e) => e.id === 'gj-grandparent-caregiver')!;
    expect(evaluate(caregiver.eligibility_rules, s, 'ko', NOW).result).toBe('not_eligible');
    // with twins, the same answers make it a yes
    expect(evaluate(caregiver.eligibility_rules, toSituation({ role: 'grandparent', applicantAge: { min: 50, max: 70 }, children: 'twins', childAge: { min: 12, max: 23 }, household: 'dual', income: 'under_median_150', district: '북구' }), 'ko', NOW).result).toBe('eligible');
  });

  it('reads a birth date as months and weeks, and months as a birth-date range, never narrowing', () => {
    expect(childAge({ birth_date: '2026-11-03' }, today)).toMatchObject({ months: { lo: 0, hi: 0 }, weeks: { lo: 4, hi: 4 } });
    expect(childAge({ birth_date: '2025' }, today).months).toEqual({ lo: 11, hi: 23 });
    const born = childAge({ age_months: 0 }, today).born!;
    expect([born.lo <= dayNumber('2026-11-02'), born.hi === today]).toEqual([true, true]);
    fc.assert(
      fc.property(fc.date({ min: new Date('2008-01-01'), max: new Date('2026-12-01'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const m = childAge({ birth_date: iso }, today).months!;
        // derived the other way, the birth-date range holds the real birth date
        const back = childAge({ age_months: m.lo }, today).born!;
        expect(back.lo <= dayNumber(iso) && dayNumber(iso) <= back.hi).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the finder’s results as the kiosk shows them', () => {
  const { core } = testCore({ clock: () => NOW });
  afterAll(() => core.close());
  it('every card that is a yes or to check has a phone to call, and money benefits their amount with its year', async () => {
    const s = toSituation({ role: 'parent', children: 'two', childAge: { min: 4, max: 11 }, household: 'dual', income: 'under_median_100', district: '북구' });
    const r = await core.channel.call('eligible', { situation: s, lang: 'ko' });
    if (!r.ok) throw new Error(r.error.message);
    const { findings } = r.value as { findings: { id: string; result: string; phone?: { number: string }; amount?: { year: string }; category: string }[] };
    const live = findings.filter((f) => f.result !== 'not_eligible');
    expect(live.length).toBeGreaterThan(5);
    expect(live.filter((f) => !f.phone).map((f) => f.id)).toEqual([]);
    const withAmount = ruled.filter((e) => e.amount).map((e) => e.id);
    for (const f of live) if (withAmount.includes(f.id)) expect(f.amount?.year, f.id).toMatch(/^\d{4}/);
    expect(findings.find((f) => f.id === 'parent-benefit')?.result).toBe('eligible');
  });

  const eligible = async (s: Situation) => {
    const r = await core.channel.call('eligible', { situation: s, lang: 'ko' });
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { findings: Finding[] }).findings;
  };
  const GROUPS = ['multicultural', 'disability'] as const;
  const ofGroup = (g: string) => ruled.filter((e) => e.eligibility_rules.for_group === g).map((e) => e.id);

  it('a Vietnamese mother who ticks 다문화가족이에요 finds multicultural programs among the yeses, unlabelled, with the programs for anyone', async () => {
    const all = ['hospitalized', 'multicultural', 'disability'];
    const s = toSituation({ role: 'parent', applicantAge: { min: 19, max: 39 }, children: 'one', childAge: { min: 24, max: 71 }, circumstances: Object.fromEntries(all.map((c) => [c, c === 'multicultural'])), household: 'one', income: 'under_median_100', district: '광산구' });
    const findings = await eligible(s);
    const a = arrangeFindings(findings);
    const yes = a.eligible.flatMap((i) => (i.kind === 'one' ? [i.finding] : i.options));
    expect(yes.map((f) => f.id)).toEqual(expect.arrayContaining(['mc-bilingual-family', 'mc-visiting-parent-education']));
    expect(findings.filter((f) => ofGroup('multicultural').includes(f.id)).map((f) => f.forGroup)).toEqual(ofGroup('multicultural').map(() => undefined));
    // the ones still to check are no longer put last: some program for anyone comes after one of them
    const unknownIds = a.unknown.flatMap((i) => (i.kind === 'one' ? [i.finding.id] : i.options.map((o) => o.id)));
    const firstMc = unknownIds.findIndex((id) => ofGroup('multicultural').includes(id));
    expect(firstMc).toBeGreaterThanOrEqual(0);
    expect(unknownIds.slice(firstMc).some((id) => !ruled.find((e) => e.id === id)!.eligibility_rules.for_group)).toBe(true);
    // the disability programs she did not tick are a no; she said nothing of 수급·차상위 being hers (income up to 100 %): dream-start is a no too
    for (const id of ofGroup('disability').filter((x) => x !== 'developmental-rehab-voucher')) expect(findings.find((f) => f.id === id)?.result, id).toBe('not_eligible');
    expect(findings.find((f) => f.id === 'dream-start')?.result).toBe('not_eligible');
  });

  it('a 고려인 mother in 광산구 who ticks 고려인 동포 가족이에요 is not told no for 다문화가정 산모 돌보미: to check, unlabelled, her group met; 해당하는 것이 없어요 is a no', async () => {
    const shown = ['hospitalized', 'multicultural', 'koryoin', 'disability'];
    const mother: Answers = { role: 'pregnant', applicantAge: { min: 19, max: 39 }, children: 'none', household: 'one', income: 'under_median_100', district: '광산구' };
    const helper = (fs: Finding[]) => fs.find((f) => f.id === 'gj-multicultural-postpartum-helper')!;
    const koryoin = await eligible(toSituation({ ...mother, circumstances: ticksAnswer(shown, ['koryoin']) }));
    expect(helper(koryoin).result).toBe('unknown');
    expect(helper(koryoin).forGroup).toBeUndefined();
    expect(helper(koryoin).reasons.map((r) => [r.text, r.met])).toEqual([
      ['다문화가족이거나 고려인 동포 가족이에요', true],
      ['광주에 살아요', true],
      ['출산했거나 출산 예정인 결혼이주여성이나 고려인 여성 산모여야 해요.', null],
    ]);
    // 다문화가족 was not ticked but may be hers (a 고려인 married to a Korean): its programs are to check, labelled, not a no
    for (const id of ofGroup('multicultural')) expect(koryoin.find((f) => f.id === id)?.result, id).not.toBe('eligible');
    expect(koryoin.find((f) => f.id === 'mc-bilingual-family')).toMatchObject({ result: 'unknown', forGroup: 'multicultural' });
    const none = await eligible(toSituation({ ...mother, circumstances: ticksAnswer(shown, []) }));
    expect(helper(none).result).toBe('not_eligible');
  });

  it('a grandmother who answers 해당하는 것이 없어요 no longer has programs for those groups to check; one who skips the question has them labelled, last', async () => {
    const base: Answers = { role: 'grandparent', applicantAge: { min: 50, max: 70 }, children: 'one', childAge: { min: 12, max: 23 }, household: 'dual', income: 'under_median_150', district: '북구' };
    const none = await eligible(toSituation({ ...base, circumstances: { hospitalized: false, multicultural: false, koryoin: false, disability: false } }));
    const toCheck = none.filter((f) => f.result !== 'not_eligible');
    for (const g of GROUPS) expect(toCheck.filter((f) => ofGroup(g).includes(f.id) && f.id !== 'developmental-rehab-voucher').map((f) => f.id), g).toEqual([]);
    // 발달재활: her grandchild is under 6 and may not be registered yet — still to check, still labelled and last
    expect(toCheck.filter((f) => f.forGroup).map((f) => [f.id, f.forGroup])).toEqual([['developmental-rehab-voucher', 'disability']]);
    const skipped = await eligible(toSituation(base));
    const labelled = skipped.filter((f) => f.result !== 'not_eligible' && f.forGroup).map((f) => f.forGroup);
    expect(new Set(labelled)).toEqual(new Set(['multicultural', 'disability']));
  });
});
