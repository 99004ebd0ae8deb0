/**
 * The eligibility engine: evaluates an entry's rules (data, in the catalogue) against a
 * household situation in three-valued logic. A missing fact is never guessed: it makes the
 * criterion "unknown — ask the centre". The UI and the CLI call this same function.
 */
import { INCOME_BANDS, type Criterion, type EligibilityRules, type FactName, type Lang, type LocalText, type Situation } from '../../db/catalogue/schema.js';
import type { NumericFact, YesNoFact } from '../contract/lists.js';

export type Met = true | false | null;
export type Result = 'eligible' | 'not_eligible' | 'unknown';
export interface Reason {
  text: string;
  met: Met;
}
export interface Verdict {
  result: Result;
  reasons: Reason[];
}

type Child = NonNullable<Situation['children']>[number];
type Range = { lo: number; hi: number };
/** What a fact holds, by its kind in core/contract/lists.ts: numbers as ranges (answers may be ranges), yes/no, or a word (role, district, income band). */
type FactValue<N extends FactName> = N extends NumericFact ? Range : N extends YesNoFact ? boolean : string;
type Value = Range | string | boolean | undefined;

const range = (v: number | { min: number; max: number } | undefined): Range | undefined => (v === undefined ? undefined : typeof v === 'number' ? { lo: v, hi: v } : { lo: v.min, hi: v.max });
/** A fact's value, checked against the kind the fact lists give it (a number fact must read as a range …); undefined = not told. */
const typed = <N extends FactName>(_name: N, v: FactValue<N> | undefined): Value => v;

function fact(s: Situation, child: Child | undefined | null, name: FactName): Value {
  switch (name) {
    case 'applicant.role':
      return typed(name, s.applicant?.role);
    case 'applicant.age':
      return typed(name, range(s.applicant?.age));
    case 'children.count':
      return typed(name, s.children === undefined ? undefined : { lo: s.children.length, hi: s.children.length });
    case 'child.age_months':
      return typed(name, range(child?.age_months));
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
    case 'household.income_band':
      return typed(name, s.household?.income_band);
    default: {
      // A fact in FACT_NAMES without a case above does not compile.
      const unimplemented: never = name;
      throw new Error(`the eligibility engine does not implement the fact ${String(unimplemented)}`);
    }
  }
}

const and = (xs: Met[]): Met => (xs.includes(false) ? false : xs.includes(null) ? null : true);
const or = (xs: Met[]): Met => (xs.includes(true) ? true : xs.includes(null) ? null : false);
const usesChild = (c: Criterion): boolean => ('any_of' in c ? c.any_of.some(usesChild) : c.fact.startsWith('child.'));
const incomeRank = (band: string) => (INCOME_BANDS as readonly string[]).indexOf(band);

/** child: a child to check; undefined = children not told (unknown); null = told there are none. */
function test(c: Criterion, s: Situation, child: Child | undefined | null): Met {
  if ('any_of' in c) return or(c.any_of.map((x) => test(x, s, child)));
  if (child === null && c.fact.startsWith('child.')) return false;
  const v = fact(s, child, c.fact);
  if (v === undefined) return null;
  // The schema gives each test only to facts of its kind (min/max to numbers, equals to yes/no,
  // income_at_most to the income band); a value of another kind cannot be tested: ask.
  if (c.min !== undefined || c.max !== undefined) {
    // Stryker disable next-line ConditionalExpression: dropping the guard is equivalent (a value that is not a range compares as undefined: neither met nor missed, null); it narrows the type
    if (typeof v !== 'object') return null;
    const min = c.min ?? -Infinity;
    const max = c.max ?? Infinity;
    if (v.lo >= min && v.hi <= max) return true;
    if (v.hi < min || v.lo > max) return false;
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

// Stryker disable next-line StringLiteral: equivalent, text() gives Korean for a language without a text of its own
export function evaluate(rules: Extract<EligibilityRules, { stated: true }>, s: Situation, lang: Lang = 'ko'): Verdict {
  // Stryker disable next-line MethodExpression: equivalent, a child criterion evaluated here is evaluated again child by child below
  const household = rules.criteria.filter((c) => !usesChild(c));
  const perChild = rules.criteria.filter(usesChild);
  const reasons = new Map<Criterion, Met>();
  for (const c of household) reasons.set(c, test(c, s, undefined));
  // Stryker disable next-line ConditionalExpression: entering with no child criteria is equivalent (the block sets no reason); skipping it is killed by every child test, but ignored with it
  if (perChild.length) {
    // One child must meet every child criterion; the reasons shown are those of the child that comes closest.
    // No children told: child facts are unknown; told there are none: child facts are false (other
    // alternatives in an any_of, such as being pregnant, still count).
    const rank = (m: Met) => (m === true ? 2 : m === null ? 1 : 0);
    const candidates: (Child | undefined | null)[] = s.children === undefined ? [undefined] : s.children.length ? s.children : [null];
    const tries = candidates.map((ch) => perChild.map((c) => ({ c, met: test(c, s, ch) })));
    const score = (t: { met: Met }[]) => ({ all: rank(and(t.map((x) => x.met))), met: t.filter((x) => x.met === true).length });
    const best = tries.reduce((a, b) => {
      const [sa, sb] = [score(a), score(b)];
      return sb.all > sa.all || (sb.all === sa.all && sb.met > sa.met) ? b : a;
    });
    for (const { c, met } of best) reasons.set(c, met);
  }
  const ordered = rules.criteria.map((c) => ({ text: text(c.label, lang), met: reasons.get(c) ?? null }));
  return { result: (() => { const m = and(ordered.map((r) => r.met)); return m === true ? 'eligible' : m === false ? 'not_eligible' : 'unknown'; })(), reasons: ordered };
}
