/**
 * The eligibility engine: evaluates an entry's rules (data, in the catalogue) against a
 * household situation in three-valued logic. A missing fact is never guessed: it makes the
 * criterion "unknown — ask the centre". The UI and the CLI call this same function.
 */
import { INCOME_BANDS, type Criterion, type EligibilityRules, type Lang, type LocalText, type Situation } from '../../db/catalogue/schema.js';

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
type Value = { lo: number; hi: number } | string | boolean | undefined;

const range = (v: number | { min: number; max: number } | undefined) => (v === undefined ? undefined : typeof v === 'number' ? { lo: v, hi: v } : { lo: v.min, hi: v.max });

function fact(s: Situation, child: Child | undefined | null, name: string): Value {
  switch (name) {
    case 'applicant.role':
      return s.applicant?.role;
    case 'applicant.age':
      return range(s.applicant?.age);
    case 'children.count':
      return s.children === undefined ? undefined : { lo: s.children.length, hi: s.children.length };
    case 'child.age_months':
      return range(child?.age_months);
    case 'child.twin':
      return child?.twin;
    case 'child.birth_order':
      return range(child?.birth_order);
    case 'child.hospitalized':
      return child?.hospitalized;
    case 'household.district':
      return s.household?.district;
    case 'household.dual_earner':
      return s.household?.dual_earner;
    case 'household.single_parent':
      return s.household?.single_parent;
    case 'household.income_band':
      return s.household?.income_band;
  }
  return undefined;
}

const and = (xs: Met[]): Met => (xs.includes(false) ? false : xs.includes(null) ? null : true);
const or = (xs: Met[]): Met => (xs.includes(true) ? true : xs.includes(null) ? null : false);
const usesChild = (c: Criterion): boolean => ('any_of' in c ? c.any_of.some(usesChild) : c.fact.startsWith('child.'));

/** child: a child to check; undefined = children not told (unknown); null = told there are none. */
function test(c: Criterion, s: Situation, child: Child | undefined | null): Met {
  if ('any_of' in c) return or(c.any_of.map((x) => test(x, s, child)));
  if (child === null && c.fact.startsWith('child.')) return false;
  const v = fact(s, child, c.fact);
  if (v === undefined) return null;
  if (c.min !== undefined || c.max !== undefined) {
    const r = v as { lo: number; hi: number };
    const min = c.min ?? -Infinity;
    const max = c.max ?? Infinity;
    if (r.lo >= min && r.hi <= max) return true;
    if (r.hi < min || r.lo > max) return false;
    return null; // the answer's range straddles the limit: ask
  }
  if (c.in) return c.in.includes(v as string);
  if (c.equals !== undefined) return v === c.equals;
  if (c.income_at_most) return INCOME_BANDS.indexOf(v as (typeof INCOME_BANDS)[number]) <= INCOME_BANDS.indexOf(c.income_at_most);
  return null;
}

export const text = (t: LocalText, lang: Lang): string => t[lang] ?? t.ko;

export function evaluate(rules: Extract<EligibilityRules, { stated: true }>, s: Situation, lang: Lang = 'ko'): Verdict {
  const household = rules.criteria.filter((c) => !usesChild(c));
  const perChild = rules.criteria.filter(usesChild);
  const reasons = new Map<Criterion, Met>();
  for (const c of household) reasons.set(c, test(c, s, undefined));
  if (perChild.length) {
    // One child must meet every child criterion; the reasons shown are those of the child that comes closest.
    // No children told: child facts are unknown; told there are none: child facts are false (other
    // alternatives in an any_of, such as being pregnant, still count).
    const rank = (m: Met) => (m === true ? 2 : m === null ? 1 : 0);
    const candidates: (Child | undefined | null)[] = s.children === undefined ? [undefined] : s.children.length ? s.children : [null];
    const tries = candidates.map((ch) => perChild.map((c) => test(c, s, ch)));
    const best = tries.reduce((a, b) => (rank(and(b)) > rank(and(a)) || (rank(and(b)) === rank(and(a)) && b.filter((x) => x === true).length > a.filter((x) => x === true).length) ? b : a));
    perChild.forEach((c, i) => reasons.set(c, best[i]));
  }
  const ordered = rules.criteria.map((c) => ({ text: text(c.label, lang), met: reasons.get(c) ?? null }));
  return { result: (() => { const m = and(ordered.map((r) => r.met)); return m === true ? 'eligible' : m === false ? 'not_eligible' : 'unknown'; })(), reasons: ordered };
}
