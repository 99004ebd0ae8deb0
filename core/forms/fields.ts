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

/** Adds a problem to a field, with the values its message names. */
export function problem(ctx: Ctx, field: string, code: string, values?: Record<string, string | number>): void {
  ctx.addIssue({ code: 'custom', path: [field], message: code, ...(values ? { params: values } : {}) });
}

const factsOf = (c: StatedRules['criteria'][number]): string[] => ('any_of' in c ? c.any_of.flatMap(factsOf) : 'all_of' in c ? c.all_of.flatMap(factsOf) : [c.fact]);

/**
 * The catalogue's rule checked on what the form says (the finder's engine, core/eligibility),
 * criterion by criterion: each criterion the answers miss is a `not_eligible` problem on the
 * form's field for its fact (`fields`: fact → field), with the rule's own words as `rule`. A
 * criterion the answers cannot settle (a birth month against a limit inside that month) is not a
 * problem: the agency checks. `situation` may depend on the criterion's facts (the number of
 * children counts siblings the form knows nothing else of).
 */
export function checkRule(ctx: Ctx, rules: StatedRules, situation: Situation | ((facts: string[]) => Situation), fields: Record<string, string>, now: Date): void {
  for (const c of rules.criteria) {
    const facts = factsOf(c);
    const s = typeof situation === 'function' ? situation(facts) : situation;
    if (evaluate({ stated: true, criteria: [c], cases: [] }, s, 'ko', now).result !== 'not_eligible') continue;
    const field = facts.map((f) => fields[f]).find((f) => f !== undefined);
    if (field) problem(ctx, field, 'not_eligible', { rule: c.label.ko });
  }
}
