/**
 * What the forms read from the catalogue: the entry of each service with a form (its current
 * eligibility rule, its dated amount, its schedules) and the facilities that offer it. No figure
 * of a form is written in the form's code: each is read here from the entry — a structured field
 * where the catalogue schema has one (rules, ages, districts, schedules, dates), else the number
 * the entry's own Korean text states (the hourly rate and the family's share, the hours of a
 * visit, the monthly amount), found by the phrase the catalogue words it with. When the text no
 * longer says it so (a new year's wording), reading fails with the field named, and the tests
 * (core/forms/catalogue.test.ts) say which — the form is never built on a guessed figure.
 *
 * Environment-free: the forms run in the UI, the core and the hub.
 */
import type { Entry, EligibilityRules } from '../../db/catalogue/schema.js';
import { freshness } from '../contract/freshness.js';

/** The catalogue as the forms see it: the catalogue in use (db/catalogue/store.ts Catalogue has both), or entries in memory (catalogueOf). */
export interface FormCatalogue {
  entry(id: string): Entry | null | undefined;
  /** the facilities that offer a service (HSDS service_at_location) */
  facilitiesFor(service: string): Entry[];
}

/** The services whose forms read the catalogue. */
export const CATALOGUE_FORMS = ['gj-hospitalized-child-care', 'gj-emergency-childcare', 'gj-grandparent-caregiver'] as const;

export function catalogueOf(entries: readonly Entry[]): FormCatalogue {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return {
    entry: (id) => byId.get(id),
    facilitiesFor: (service) => entries.filter((e) => e.kind === 'facility' && e.services.includes(service)),
  };
}

/** A figure the catalogue does not state in a form the forms can read. */
export class CatalogueFigureError extends Error {
  constructor(
    readonly entry: string,
    readonly field: string,
    what: string,
  ) {
    super(`catalogue entry "${entry}", field "${field}": ${what}`);
    this.name = 'CatalogueFigureError';
  }
}

export type StatedRules = Extract<EligibilityRules, { stated: true }>;

export function entryOf(c: FormCatalogue, id: string): Entry {
  const e = c.entry(id);
  if (!e) throw new CatalogueFigureError(id, '(entry)', 'not in the catalogue');
  return e;
}

export function rulesOf(e: Entry): StatedRules {
  if (!e.eligibility_rules?.stated) throw new CatalogueFigureError(e.id, 'eligibility_rules', 'states no rule');
  return e.eligibility_rules;
}

/** A won amount as the catalogue writes it: "14,000원", "1,400원", "20만원" (만 = 10,000). */
export function won(s: string): number {
  const m = /^([\d,]+)(만)?\s*원$/.exec(s.trim());
  if (!m) return NaN;
  const n = Number(m[1]!.replace(/,/g, ''));
  return m[2] ? n * 10_000 : n;
}

/** The number(s) a phrase of the entry's Korean text states; throws naming the field when the text does not say it so. */
export function stated(e: Entry, field: 'amount.text.ko' | 'what.ko', re: RegExp, what: string): RegExpExecArray {
  const text = field === 'amount.text.ko' ? e.amount?.text.ko : e.what?.ko;
  const m = text === undefined ? null : re.exec(text);
  if (!m) throw new CatalogueFigureError(e.id, field, `does not state ${what} (the forms read it from a phrase like ${re.source})`);
  return m;
}

/** When a figure holds for: the year and dates of the entry's amount, and whether it is current today. */
export interface FigureDate {
  /** the year the figures hold for ("2024"), or null when the catalogue gives none (an undated page) */
  year: string | null;
  valid_from?: string;
  valid_until?: string;
  /** this year's or last year's and not past valid_until (core/contract/freshness.ts); false when undated */
  current: boolean;
}

export function amountDate(e: Entry, today: string): FigureDate {
  if (!e.amount) return { year: null, current: false };
  const { year, valid_from, valid_until } = e.amount;
  return { year, ...(valid_from ? { valid_from } : {}), ...(valid_until ? { valid_until } : {}), current: freshness({ year, valid_until }, new Date(`${today}T12:00:00Z`)).current };
}
