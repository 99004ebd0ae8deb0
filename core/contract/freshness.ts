/**
 * Is a figure still this year's? One rule for the policy page, the printed sheet, the booklet,
 * the finder and the catalogue audit: a figure is current until its `valid_until` has passed and
 * while the year it holds for is this year or last year. Environment-free.
 */
export interface Dated {
  /** "2026" or a span "2024–2025" */
  year: string;
  valid_until?: string;
}

/** The last year a "2024–2025" style span names. */
export const lastYearOf = (year: string): number => Number(/(\d{4})\D*$/.exec(year)?.[1] ?? NaN);

/** today as YYYY-MM-DD (UTC date of the clock) */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

export type Freshness = { current: true } | { current: false; why: 'expired' | 'old'; until?: string };

export function freshness(a: Dated, now: Date): Freshness {
  if (a.valid_until !== undefined && a.valid_until < isoDay(now)) return { current: false, why: 'expired', until: a.valid_until };
  if (!(lastYearOf(a.year) >= now.getUTCFullYear() - 1)) return { current: false, why: 'old' };
  return { current: true };
}
