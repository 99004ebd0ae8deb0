/**
 * The eligibility engine: evaluates an entry's rules (data, in the catalogue) against a
 * household situation in three-valued logic. A missing fact is never guessed: it makes the
 * criterion "unknown — ask the centre". The UI and the CLI call this same function.
 */
import { INCOME_BANDS, type Criterion, type EligibilityRules, type FactName, type Lang, type LocalText, type Situation } from '../../db/catalogue/schema.js';
import { FOR_GROUP_FACT, INCOME_BAND_PCT, type DateFact, type ForGroup, type NumericFact, type YesNoFact } from '../contract/lists.js';
import { inGroup } from '../contract/situation.js';

export type Met = true | false | null;
export type Result = 'eligible' | 'not_eligible' | 'unknown';
export interface Reason {
  text: string;
  met: Met;
  /** "expired": the rule was set until a day that has passed; the UI words it itself */
  code?: 'expired';
  until?: string;
}
export interface Verdict {
  result: Result;
  reasons: Reason[];
}

type Child = NonNullable<Situation['children']>[number];
type Range = { lo: number; hi: number };
/** What a fact holds, by its kind in core/contract/lists.ts: numbers and dates (as day numbers) as ranges (answers may be ranges), yes/no, or a word (role, district, income band). */
type FactValue<N extends FactName> = N extends NumericFact | DateFact ? Range : N extends YesNoFact ? boolean : string;
type Value = Range | string | boolean | undefined;

const range = (v: number | { min: number; max: number } | undefined): Range | undefined => (v === undefined ? undefined : typeof v === 'number' ? { lo: v, hi: v } : { lo: v.min, hi: v.max });
/** A fact's value, checked against the kind the fact lists give it (a number fact must read as a range …); undefined = not told. */
const typed = <N extends FactName>(_name: N, v: FactValue<N> | undefined): Value => v;

/* ---- dates: a day is a whole number of days since 1970-01-01 (UTC) ---- */
const DAY = 86_400_000;
export const dayNumber = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY);
};
const dateOf = (day: number) => new Date(day * DAY);
/** The day `months` whole months before `day` (the same day of the month, or the month's last day). */
function monthsBefore(day: number, months: number): number {
  const d = dateOf(day);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / DAY);
}
/** Whole months from `born` to `today` (a child is "N months old" from the day N months after birth). */
function monthsOld(born: number, today: number): number {
  const [b, t] = [dateOf(born), dateOf(today)];
  let m = (t.getUTCFullYear() - b.getUTCFullYear()) * 12 + (t.getUTCMonth() - b.getUTCMonth());
  if (monthsBefore(today, m) < born) m -= 1;
  return Math.max(0, m);
}
/** The days a birth date as told (YYYY, YYYY-MM, YYYY-MM-DD) may stand for. */
function birthDays(s: string): Range {
  const [y, m, d] = s.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (d !== undefined) return { lo: dayNumber(s), hi: dayNumber(s) };
  if (m !== undefined) return { lo: Math.floor(Date.UTC(y, m - 1, 1) / DAY), hi: Math.floor(Date.UTC(y, m, 0) / DAY) };
  return { lo: Math.floor(Date.UTC(y, 0, 1) / DAY), hi: Math.floor(Date.UTC(y, 11, 31) / DAY) };
}

/**
 * A child's age three ways — months, weeks since birth and birth date — from whichever was told,
 * widened (never narrowed) when one is derived from another, so a derived fact can only make a
 * verdict "ask", never a wrong yes or no.
 */
export interface ChildAge {
  months?: Range;
  weeks?: Range;
  born?: Range;
}
export function childAge(c: Child | undefined | null, today: number): ChildAge {
  if (!c) return {};
  let born = c.birth_date !== undefined ? birthDays(c.birth_date) : undefined;
  let months = range(c.age_months);
  let weeks = range(c.age_weeks);
  if (born) {
    months ??= { lo: monthsOld(born.hi, today), hi: monthsOld(born.lo, today) };
    weeks ??= { lo: Math.floor((today - born.hi) / 7), hi: Math.floor((today - born.lo) / 7) };
  }
  if (months && !born) {
    // "m months old" = born after the day m+1 months ago and on or before the day m months ago
    born = { lo: monthsBefore(today, months.hi + 1) + 1, hi: monthsBefore(today, months.lo) };
  }
  if (weeks && !born) born = { lo: today - (weeks.hi + 1) * 7 + 1, hi: today - weeks.lo * 7 };
  if (months && !weeks) weeks = { lo: Math.floor((months.lo * 28) / 7), hi: Math.floor(((months.hi + 1) * 31 - 1) / 7) };
  if (weeks && !months) months = { lo: Math.floor((weeks.lo * 7) / 31), hi: Math.floor(((weeks.hi + 1) * 7 - 1) / 28) };
  return { months, weeks, born };
}

const incomePct = (h: Situation['household']): Range | undefined => range(h?.income_pct) ?? (h?.income_band ? range(INCOME_BAND_PCT[h.income_band]) : undefined);

function fact(s: Situation, child: Child | undefined | null, name: FactName, today: number): Value {
  switch (name) {
    case 'applicant.role':
      return typed(name, s.applicant?.role);
    case 'applicant.age':
      return typed(name, range(s.applicant?.age));
    case 'applicant.employed':
      return typed(name, s.applicant?.employed);
    case 'children.count':
      return typed(name, s.children === undefined ? undefined : { lo: s.children.length, hi: s.children.length });
    case 'child.age_months':
      return typed(name, childAge(child, today).months);
    case 'child.age_weeks':
      return typed(name, childAge(child, today).weeks);
    case 'child.born_on':
      return typed(name, childAge(child, today).born);
    case 'child.twin':
      return typed(name, child?.twin);
    case 'child.birth_order':
      return typed(name, range(child?.birth_order));
    case 'child.hospitalized':
      return typed(name, child?.hospitalized);
    case 'household.district':
      return typed(name, s.household?.district);
    case 'household.dual_earner':
      return typed(name, s.household?.dual_earner);
    case 'household.single_parent':
      return typed(name, s.household?.single_parent);
    case 'household.grandparent_headed':
      return typed(name, s.household?.grandparent_headed);
    case 'household.pregnant':
      // The role "pregnant" stands for a pregnancy in the household; another role told, with nothing said of a pregnancy, says there is none.
      return typed(name, s.household?.pregnant ?? (s.applicant?.role === undefined ? undefined : s.applicant.role === 'pregnant'));
    case 'household.income_band':
      return typed(name, s.household?.income_band);
    case 'household.income_pct':
      return typed(name, incomePct(s.household));
    case 'household.multicultural':
      return typed(name, s.household?.multicultural);
    case 'household.koryoin':
      return typed(name, s.household?.koryoin);
    case 'household.disability':
      return typed(name, s.household?.disability);
    default: {
      // A fact in FACT_NAMES without a case above does not compile.
      const unimplemented: never = name;
      throw new Error(`the eligibility engine does not implement the fact ${String(unimplemented)}`);
    }
  }
}

const and = (xs: Met[]): Met => (xs.includes(false) ? false : xs.includes(null) ? null : true);
const or = (xs: Met[]): Met => (xs.includes(true) ? true : xs.includes(null) ? null : false);
const usesChild = (c: Criterion): boolean => ('any_of' in c ? c.any_of.some(usesChild) : 'all_of' in c ? c.all_of.some(usesChild) : c.fact.startsWith('child.'));
const incomeRank = (band: string) => (INCOME_BANDS as readonly string[]).indexOf(band);

/** child: a child to check; undefined = children not told (unknown); null = told there are none. */
function test(c: Criterion, s: Situation, child: Child | undefined | null, today: number): Met {
  if ('any_of' in c) return or(c.any_of.map((x) => test(x, s, child, today)));
  if ('all_of' in c) return and(c.all_of.map((x) => test(x, s, child, today)));
  if (child === null && c.fact.startsWith('child.')) return false;
  const v = fact(s, child, c.fact, today);
  if (v === undefined) return null;
  // The schema gives each test only to facts of its kind (min/max to numbers, on_or_after/before
  // to dates, equals to yes/no, income_at_most to the income band); a value of another kind cannot be tested: ask.
  const dated = c.on_or_after !== undefined || c.before !== undefined;
  if (c.min !== undefined || c.max !== undefined || dated) {
    // Stryker disable next-line ConditionalExpression: dropping the guard is equivalent (a value that is not a range compares as undefined: neither met nor missed, null); it narrows the type
    if (typeof v !== 'object') return null;
    const min = dated ? (c.on_or_after !== undefined ? dayNumber(c.on_or_after) : -Infinity) : (c.min ?? -Infinity);
    const max = dated ? (c.before !== undefined ? dayNumber(c.before) - 1 : Infinity) : (c.max ?? Infinity);
    if (v.lo >= min && v.hi <= max) return true;
    if (v.hi < min) return false;
    // above the limit but within what some source still allows (ask_up_to): ask, never a no
    if (v.lo > max) return c.ask_up_to !== undefined && !dated && v.lo <= c.ask_up_to ? null : false;
    return null; // the answer's range straddles the limit: ask
  }
  if (c.in)
    // Stryker disable next-line ConditionalExpression: dropping the check is equivalent (a list of words includes no number or yes/no); it narrows the type
    return typeof v === 'string' && c.in.includes(v);
  if (c.equals !== undefined) return v === c.equals;
  if (c.income_at_most) return typeof v === 'string' ? incomeRank(v) <= incomeRank(c.income_at_most) : null;
  return null;
}

export const text = (t: LocalText, lang: Lang): string => t[lang] ?? t.ko;

/** The reason for a program's group, for a rule tagged `for_group` that does not test the group's fact itself (a catalogue written before the finder asked). */
const GROUP_REASON: Record<ForGroup, Required<LocalText>> = {
  multicultural: { ko: '다문화가족을 위한 지원이에요', en: 'This is for multicultural families', vi: 'Hỗ trợ này dành cho gia đình đa văn hóa', zh: '这是为多元文化家庭提供的支援' },
  disability: { ko: '장애가 있는 가족을 위한 지원이에요', en: 'This is for families with a registered disability', vi: 'Hỗ trợ này dành cho gia đình có người khuyết tật đã đăng ký', zh: '这是为有登记残疾人的家庭提供的支援' },
  low_income: { ko: '형편이 어려운 가정(수급·차상위)을 위한 지원이에요', en: 'This is for low-income families (basic livelihood, near-poverty)', vi: 'Hỗ trợ này dành cho gia đình khó khăn (hộ trợ cấp sinh hoạt cơ bản, cận nghèo)', zh: '这是为困难家庭（基本生活保障户、次贫困户）提供的支援' },
};
const testsFact = (cs: Criterion[], name: FactName): boolean => cs.some((c) => ('any_of' in c ? testsFact(c.any_of, name) : 'all_of' in c ? testsFact(c.all_of, name) : c.fact === name));

/** Today as a day number: the situation's own date when it fixes one (test cases), else the given clock. */
const dayOf = (s: Situation, now: Date) => (s.today !== undefined ? dayNumber(s.today) : Math.floor(now.getTime() / DAY));

/**
 * The verdict: "eligible" only when every criterion is met by an answer and the rule states no
 * condition beyond them (`also`: conditions the answers cannot settle, shown as one more reason
 * to check); one criterion missed is "not eligible"; anything else is "ask".
 */
// Stryker disable next-line StringLiteral: equivalent, text() gives Korean for a language without a text of its own
export function evaluate(rules: Extract<EligibilityRules, { stated: true }>, s: Situation, lang: Lang = 'ko', now: Date = new Date()): Verdict {
  const today = dayOf(s, now);
  // Stryker disable next-line MethodExpression: equivalent, a child criterion evaluated here is evaluated again child by child below
  const household = rules.criteria.filter((c) => !usesChild(c));
  const perChild = rules.criteria.filter(usesChild);
  const reasons = new Map<Criterion, Met>();
  for (const c of household) reasons.set(c, test(c, s, undefined, today));
  // Stryker disable next-line ConditionalExpression: entering with no child criteria is equivalent (the block sets no reason); skipping it is killed by every child test, but ignored with it
  if (perChild.length) {
    // One child must meet every child criterion; the reasons shown are those of the child that comes closest.
    // No children told: child facts are unknown; told there are none: child facts are false (other
    // alternatives in an any_of, such as being pregnant, still count).
    const rank = (m: Met) => (m === true ? 2 : m === null ? 1 : 0);
    const candidates: (Child | undefined | null)[] = s.children === undefined ? [undefined] : s.children.length ? s.children : [null];
    const tries = candidates.map((ch) => perChild.map((c) => ({ c, met: test(c, s, ch, today) })));
    const score = (t: { met: Met }[]) => ({ all: rank(and(t.map((x) => x.met))), met: t.filter((x) => x.met === true).length });
    const best = tries.reduce((a, b) => {
      const [sa, sb] = [score(a), score(b)];
      return sb.all > sa.all || (sb.all === sa.all && sb.met > sa.met) ? b : a;
    });
    for (const { c, met } of best) reasons.set(c, met);
  }
  const ordered: Reason[] = rules.criteria.map((c) => ({ text: text(c.label, lang), met: reasons.get(c) ?? null }));
  // A program only for a group: a household told to be outside it is not eligible, one told to be in it meets that condition.
  // The catalogue's rules test the group's fact as a criterion; a rule that does not (an older catalogue) gets the reason here.
  const group = rules.for_group;
  if (group !== undefined && !testsFact(rules.criteria, FOR_GROUP_FACT[group])) {
    const member = inGroup(group, s);
    if (member !== undefined) ordered.push({ text: text(GROUP_REASON[group], lang), met: member });
  }
  // A condition no answer settles: never a yes (but a missed criterion still says no) — unless the
  // answer that settles it (`also_met_by`) is given; not met, it stays a question, never a no.
  if (rules.also) ordered.push({ text: text(rules.also, lang), met: rules.also_met_by && test(rules.also_met_by, s, undefined, today) === true ? true : null });
  // A rule set until a day that has passed may have changed: never a yes on it.
  if (rules.valid_until !== undefined && dayNumber(rules.valid_until) < today)
    ordered.push({ text: `이 조건은 ${rules.valid_until}까지 정해진 것이라 바뀌었을 수 있어요 — 전화로 확인하세요`, met: null, code: 'expired', until: rules.valid_until });
  const m = and(ordered.map((r) => r.met));
  return { result: m === true ? 'eligible' : m === false ? 'not_eligible' : 'unknown', reasons: ordered };
}
