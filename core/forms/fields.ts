/**
 * The fields forms are made of, each reporting a problem as the message of its code
 * (`required`, `invalid`, `too_long`, `out_of_range`, `not_eligible`, `too_many`), and the dates
 * and times they take: a real calendar day (YYYY-MM-DD), a month (YYYY-MM), a time (HH:MM).
 * Environment-free; days are whole UTC days.
 */
import * as z from 'zod';
import { DISTRICTS, INCOME_BANDS } from '../contract/lists.js';
import { evaluate } from '../eligibility/engine.js';
import type { Situation } from '../contract/situation.js';
import type { StatedRules } from './catalogue.js';
import { criterionFacts } from '../../db/catalogue/schema.js';
import { normalizeKoreanPhone } from './phone.js';

export const absent = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const requiredOr = (code: string) => (iss: { input: unknown }) => (absent(iss.input) ? 'required' : code);

/** plain text: no control characters (tabs and line breaks are fine) */
const hasControl = (s: string) =>
  [...s].some((c) => {
    const n = c.charCodeAt(0);
    return (n < 32 && n !== 9 && n !== 10 && n !== 13) || n === 127;
  });

export const text = (max: number) =>
  z
    .string({ error: requiredOr('invalid') })
    .trim()
    .min(1, 'required')
    .max(max, 'too_long')
    .refine((s) => !hasControl(s), 'invalid');

/** A Korean phone number (core/forms/phone.ts), stored with dashes. */
export const phone = z
  .string({ error: requiredOr('invalid') })
  .trim()
  .min(1, 'required')
  .transform((s, ctx) => {
    const n = normalizeKoreanPhone(s);
    if (n === null) {
      ctx.addIssue({ code: 'custom', message: 'invalid' });
      return z.NEVER;
    }
    return n;
  });

export const consent = z.literal(true, { error: () => 'required' });

export const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: requiredOr('invalid') });

/** A whole number from min to max. */
export const count = (min: number, max: number) => z.number({ error: requiredOr('invalid') }).int('invalid').min(min, 'out_of_range').max(max, 'out_of_range');

export const yesNo = z.boolean({ error: requiredOr('invalid') });

/** A district of Gwangju, or "outside" (the rule, not the list, says who may apply). */
export const PLACES = [...DISTRICTS, 'outside'] as const;
export const place = choice(PLACES);
export const incomeBand = choice(INCOME_BANDS);

// ---- dates ----------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
/** days since 1970-01-01 of a YYYY-MM-DD day */
export const dayNo = (iso: string): number => Math.floor(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS);
export const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const addDays = (iso: string, n: number): string => isoOf(dayNo(iso) + n);
/** 0 = Monday … 6 = Sunday */
export const weekday = (iso: string): number => (new Date(dayNo(iso) * DAY_MS).getUTCDay() + 6) % 7;
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export function isRealDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
export const isRealMonth = (s: string): boolean => /^\d{4}-\d{2}$/.test(s) && isRealDay(`${s}-01`);

/** minutes since midnight of HH:MM (00:00–24:00), or NaN */
export function minutesOf(s: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(s);
  if (!m) return NaN;
  const n = Number(m[1]) * 60 + Number(m[2]);
  return n > 1440 ? NaN : n;
}

/** A day, YYYY-MM-DD (a real date). */
export const day = z
  .string({ error: requiredOr('invalid') })
  .trim()
  .min(1, 'required')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid')
  .refine(isRealDay, 'invalid');

/** A month, YYYY-MM (a real month, not after this one). */
export const month = (today: string) =>
  z
    .string({ error: requiredOr('invalid') })
    .trim()
    .min(1, 'required')
    .regex(/^\d{4}-\d{2}$/, 'invalid')
    .refine(isRealMonth, 'invalid')
    .refine((m) => m <= today.slice(0, 7), 'out_of_range');

/** A time of day, HH:MM on the 24-hour clock. */
export const time = z
  .string({ error: requiredOr('invalid') })
  .trim()
  .min(1, 'required')
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid');

// ---- a form against the catalogue's rule ----------------------------------------------------

type Ctx = z.core.$RefinementCtx;

/** What a form's own rules say of a field: the code and the figures its message names. */
export type Say = (field: string, code: string, values?: Record<string, string | number>) => void;

/** Adds a problem to a field, with the values its message names. */
export function problem(ctx: Ctx, field: string, code: string, values?: Record<string, string | number>): void {
  ctx.addIssue({ code: 'custom', path: [field], message: code, ...(values ? { params: values } : {}) });
}

/**
 * A form schema's refinement by its rules (the same rules checkForm weighs on a form not whole
 * yet): weighed on a form whose every field is valid, so a problem is said once, on its own
 * field; each problem the rules say becomes an issue.
 */
export const refinedBy =
  (rules: (form: Record<string, unknown>, say: Say) => void) =>
  (form: Record<string, unknown>, ctx: Ctx): void => {
    if (ctx.issues.length) return;
    rules(form, (field, code, values) => problem(ctx, field, code, values));
  };

/** Where a rule on a child's age and the family's district is said, in a form that asks the child's birth month and the district. */
export const CHILD_AND_DISTRICT: Record<string, string> = { 'child.age_months': 'child_birth_month', 'child.age_weeks': 'child_birth_month', 'child.born_on': 'child_birth_month', 'household.district': 'district' };

/**
 * A criterion's words in every language, as a message's values: `rule` in Korean and `rule_en`,
 * `rule_vi`, `rule_zh` (the view gives the message the reader's as `rule`; Korean where the
 * catalogue has no words in that language).
 */
export function ruleWords(label: { ko: string; en?: string; vi?: string; zh?: string }): Record<string, string> {
  return { rule: label.ko, rule_en: label.en ?? label.ko, rule_vi: label.vi ?? label.ko, rule_zh: label.zh ?? label.ko };
}

/**
 * The catalogue's rule checked on what the form says (the finder's engine, core/eligibility),
 * criterion by criterion: each criterion the answers miss is a `not_eligible` problem on the
 * form's field for its fact (`fields`: fact → field), with the rule's own words (`ruleWords`). A
 * criterion the answers cannot settle (a birth month against a limit inside that month, a fact
 * not answered yet) is not a problem: the agency checks, or a later step asks. `situation` may
 * depend on the criterion's facts (the number of children counts siblings the form knows nothing else of).
 */
export function checkRule(say: Say, rules: StatedRules, situation: Situation | ((facts: string[]) => Situation), fields: Record<string, string>, now: Date): void {
  for (const c of rules.criteria) {
    const facts = criterionFacts(c);
    const s = typeof situation === 'function' ? situation(facts) : situation;
    if (evaluate({ stated: true, criteria: [c], cases: [] }, s, 'ko', now).result !== 'not_eligible') continue;
    const field = facts.map((f) => fields[f]).find((f) => f !== undefined);
    if (field) say(field, 'not_eligible', ruleWords(c.label));
  }
}

/**
 * The fields of a form that pass their own checks, as the schema takes them (trimmed, a phone
 * with dashes): what a form's rules can already weigh while the rest is still to be filled in.
 */
export function validFields(schema: z.ZodType, input: Record<string, unknown>): Record<string, unknown> {
  const known: Record<string, unknown> = {};
  if (!(schema instanceof z.ZodObject)) return known;
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (!Object.hasOwn(input, name) || absent(input[name])) continue;
    const r = field.safeParse(input[name]);
    if (r.success) known[name] = r.data;
  }
  return known;
}
