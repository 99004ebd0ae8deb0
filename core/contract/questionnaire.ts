/**
 * 나에게 맞는 지원 찾기: at most 8 questions for any one person, big buttons, every answer can be
 * "잘 모르겠어요" (skipped = unknown, never guessed). Answers become a Situation for the
 * eligibility engine. Ages are ranges (the engine says "ask" when a range straddles a limit).
 * Environment-free: the kiosk UI, the tests and the sweep over the catalogue share it.
 */
import type { Situation } from './situation.js';
import { DISTRICTS, INCOME_BANDS, ROLES, type District, type IncomeBand } from './lists.js';
import { medianIncome } from './median-income.js';

export type Range = { min: number; max: number };
/** The youngest child's age: months, and weeks since birth for the first weeks. */
export type ChildAge = Range & { weeks?: Range };
export const HOUSEHOLDS = ['dual', 'one', 'none', 'singleWorks', 'singleNot', 'grandparents'] as const;
export type Household = (typeof HOUSEHOLDS)[number];
/**
 * "이 중에 해당하는 것이 있나요? (모두 고르세요)": the youngest child is in hospital, a 다문화가족, a 고려인
 * family (who may not call itself 다문화가족, and may not be one in law), a registered disability in the family.
 */
export const CIRCUMSTANCES = ['hospitalized', 'multicultural', 'koryoin', 'disability'] as const;
export type Circumstance = (typeof CIRCUMSTANCES)[number];
/** The answer to that question: each option shown, ticked (true) or not (false); an option not shown is left out (unknown). */
export type Ticks = Partial<Record<Circumstance, boolean>>;

export interface Answers {
  role?: (typeof ROLES)[number];
  applicantAge?: Range;
  children?: 'none' | 'one' | 'two' | 'twins' | 'three';
  childAge?: ChildAge;
  circumstances?: Ticks;
  household?: Household;
  income?: IncomeBand;
  district?: District | 'outside';
  /** the household size the income's amounts were shown for (the income question lets it be changed): to say the answer again in the same amounts */
  householdSize?: number;
}

export interface Question {
  id: keyof Answers;
  /** for a question with several answers (`multi`), each option's value is its tick alone, and "none" ticks nothing */
  options: { key: string; value: Answers[keyof Answers] }[];
  /** several options may be ticked ("모두 고르세요"), then 다음; "none" (해당하는 것이 없어요) answers that none is */
  multi?: true;
}

export const QUESTIONS: Question[] = [
  // "pregnant" stands for a pregnancy in the family (the label says so); the other roles say there is none.
  { id: 'role', options: ROLES.map((r) => ({ key: r, value: r })) },
  {
    id: 'applicantAge',
    options: [
      { key: 'under19', value: { min: 0, max: 18 } },
      { key: 'y19to39', value: { min: 19, max: 39 } },
      { key: 'y40to49', value: { min: 40, max: 49 } },
      { key: 'y50to70', value: { min: 50, max: 70 } },
      { key: 'over70', value: { min: 71, max: 130 } },
    ],
  },
  { id: 'children', options: [{ key: 'none', value: 'none' }, { key: 'one', value: 'one' }, { key: 'two', value: 'two' }, { key: 'twins', value: 'twins' }, { key: 'three', value: 'three' }] },
  {
    id: 'childAge',
    options: [
      { key: 'w0to3', value: { min: 0, max: 0, weeks: { min: 0, max: 3 } } },
      { key: 'w4to3m', value: { min: 0, max: 3, weeks: { min: 4, max: 17 } } },
      { key: 'm4to5', value: { min: 4, max: 5 } },
      { key: 'm6to11', value: { min: 6, max: 11 } },
      { key: 'y1', value: { min: 12, max: 23 } },
      { key: 'y2to5', value: { min: 24, max: 71 } },
      { key: 'y6', value: { min: 72, max: 83 } },
      { key: 'school12', value: { min: 84, max: 107 } },
      { key: 'school36', value: { min: 108, max: 155 } },
      { key: 'teen', value: { min: 156, max: 227 } },
    ],
  },
  {
    id: 'circumstances',
    multi: true,
    options: [...CIRCUMSTANCES.map((c) => ({ key: c, value: { [c]: true } as Ticks })), { key: 'none', value: {} as Ticks }],
  },
  { id: 'household', options: HOUSEHOLDS.map((h) => ({ key: h, value: h })) },
  { id: 'income', options: INCOME_BANDS.map((b) => ({ key: b, value: b })) },
  { id: 'district', options: [...DISTRICTS.map((d) => ({ key: d, value: d })), { key: 'outside', value: 'outside' }] },
];

/** Questions that make no sense after earlier answers are passed over (no children → no child's age). */
export function applicable(q: Question, a: Answers): boolean {
  return !(q.id === 'childAge' && a.children === 'none');
}

/** Whether "아이가 지금 병원에 입원해 있어요" is offered: not without children, and not for a teenager (the care for a hospitalised child is for children of 12 or younger). */
const hospitalOffered = (a: Answers) => a.children !== 'none' && !(a.childAge && a.childAge.min > 155);

/** The options a question shows after earlier answers (the multi-choice question leaves out 입원 where it makes no sense). */
export function optionsFor(q: Question, a: Answers): Question['options'] {
  return q.id === 'circumstances' && !hospitalOffered(a) ? q.options.filter((o) => o.key !== 'hospitalized') : q.options;
}

/** The answer to the multi-choice question: every option shown (`offered`), ticked or not. */
export function ticksAnswer(offered: readonly string[], ticked: readonly string[]): Ticks {
  return Object.fromEntries(CIRCUMSTANCES.filter((c) => offered.includes(c)).map((c) => [c, ticked.includes(c)]));
}

/** Every answer a person can give to a question after earlier answers (for the multi-choice one, every combination of ticks, none included); "잘 모르겠어요" aside. */
export function answersTo(q: Question, a: Answers): Answers[keyof Answers][] {
  const options = optionsFor(q, a);
  if (!q.multi) return options.map((o) => o.value);
  const ticks = options.map((o) => o.key).filter((k) => k !== 'none');
  return Array.from({ length: 2 ** ticks.length }, (_, bits) => ticksAnswer(ticks, ticks.filter((_, i) => bits & (1 << i))));
}

/** What was ticked, as the answers' summary says it (on screen and on paper): the ticks, ['none'] when none applies, undefined when not answered. */
export function ticked(s: Situation): (Circumstance | 'none')[] | undefined {
  const h = s.household;
  const hospital = s.children?.some((c) => c.hospitalized !== undefined);
  if (h?.multicultural === undefined && h?.koryoin === undefined && h?.disability === undefined && !hospital) return undefined;
  const on = CIRCUMSTANCES.filter((c) => (c === 'hospitalized' ? s.children?.some((x) => x.hospitalized === true) : h?.[c] === true));
  return on.length ? on : ['none'];
}

const CHILDREN = { none: 0, one: 1, two: 2, twins: 2, three: 3 } as const;

/** How many people the household's income is counted for, from the answers (the income screen lets it be changed). */
export function householdSize(a: Answers): number {
  const adults = a.household === 'singleWorks' || a.household === 'singleNot' ? 1 : 2;
  return adults + (a.children ? CHILDREN[a.children] : 1);
}

/** The monthly income limits (won) the income bands stand for, for a household of `size`. */
export function incomeLimits(size: number): { p50: number; p100: number; p150: number } {
  const m = medianIncome(size);
  return { p50: Math.floor((m * 50) / 100), p100: m, p150: Math.floor((m * 150) / 100) };
}

export function toSituation(a: Answers): Situation {
  const s: Situation = {};
  if (a.role || a.applicantAge) s.applicant = { role: a.role, age: a.applicantAge };
  const h = a.household;
  const ticks = a.circumstances;
  if (h && (a.role === 'parent' || a.role === 'pregnant')) {
    // The parent answering works when both work or the single parent works; with one of two working, who is not known.
    const employed = h === 'dual' || h === 'singleWorks' ? true : h === 'none' || h === 'singleNot' ? false : undefined;
    if (employed !== undefined) s.applicant = { ...s.applicant, employed };
  }
  if (a.children) {
    const n = CHILDREN[a.children];
    // The age asked is the youngest child's (the last born); the others' ages stay unknown.
    s.children = Array.from({ length: n }, (_, i) => {
      const youngest = i === n - 1 || a.children === 'twins';
      const age = youngest && a.childAge ? { age_months: { min: a.childAge.min, max: a.childAge.max }, ...(a.childAge.weeks ? { age_weeks: a.childAge.weeks } : {}) } : {};
      return {
        ...age,
        // "1명" (not "쌍둥이예요"): an only child is no twin; with two or more, twins among them are not ruled out
        ...(a.children === 'twins' ? { twin: true, birth_order: 1 } : { birth_order: i + 1, ...(n === 1 ? { twin: false } : {}) }),
        ...(youngest && ticks?.hospitalized !== undefined && hospitalOffered(a) ? { hospitalized: ticks.hospitalized } : {}),
      };
    });
    // "3명 이상": the youngest is at least the third; rules only ever ask "at least", so 3 is safe
    // twins: both are the youngest; their order among older siblings is not known
    if (a.children === 'twins') s.children = s.children.map((c) => dropUndefined({ ...c, birth_order: undefined }));
  }
  if (h || a.income || a.district || a.role || ticks?.multicultural !== undefined || ticks?.koryoin !== undefined || ticks?.disability !== undefined) {
    const hh: NonNullable<Situation['household']> = {};
    if (a.role) hh.pregnant = a.role === 'pregnant';
    if (h) {
      hh.dual_earner = h === 'dual';
      hh.single_parent = h === 'singleWorks' || h === 'singleNot';
      hh.grandparent_headed = h === 'grandparents';
    }
    if (a.income) hh.income_band = a.income; // the engine reads it as a range of percentages too
    if (a.district) hh.district = a.district;
    // ticked: in the group; answered without ticking it: not; "잘 모르겠어요": unknown
    // A 고려인 family that did not tick 다문화가족 may still be one (a 고려인 married to a Korean is a
    // marriage migrant): 다문화가족 stays unknown for it, never a no.
    if (ticks?.multicultural !== undefined && !(ticks.koryoin === true && !ticks.multicultural)) hh.multicultural = ticks.multicultural;
    if (ticks?.koryoin !== undefined) hh.koryoin = ticks.koryoin;
    if (ticks?.disability !== undefined) hh.disability = ticks.disability;
    s.household = hh;
  }
  return s;
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Every path through the questions (each answer or "잘 모르겠어요" on each), for tests: how many questions one person meets. */
export function questionsFor(a: Answers): Question[] {
  return QUESTIONS.filter((q) => applicable(q, a));
}
