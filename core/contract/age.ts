/**
 * A child's age limits in the words people use — months for babies, 만 N세 from two — for the
 * policy page and the printed sheet alike (83 months as an upper bound reads "만 6세까지"); and a
 * source's date as both say it.
 */
type T = (key: string, options?: Record<string, unknown>) => string;
interface AgeLimits {
  minAgeMonths?: number;
  maxAgeMonths?: number;
}

function ageWords(months: number, bound: 'from' | 'to', t: T): string {
  // an upper bound of 23, 35 … months is a whole year of age: "만 1세까지" in Korean; in other
  // languages "1 year" alone would read as the first birthday, so they say "before turning 2"
  if (bound === 'to' && months >= 23 && (months + 1) % 12 === 0) {
    const n = (months + 1) / 12 - 1;
    return t('entry.yearsTo', { count: n, next: n + 1 });
  }
  if (months >= 24 && months % 12 === 0) return t('entry.years', { count: months / 12 });
  return t('entry.months', { count: months });
}

export function ageText(el: AgeLimits | undefined, t: T): string {
  if (!el) return '';
  const from = el.minAgeMonths !== undefined ? ageWords(el.minAgeMonths, 'from', t) : undefined;
  const to = el.maxAgeMonths !== undefined ? ageWords(el.maxAgeMonths, 'to', t) : undefined;
  if (from && to) return t('entry.ageRange', { from, to });
  if (from) return t('entry.ageFrom', { from });
  if (to) return t('entry.ageTo', { to });
  return '';
}

/** A source's date as the page and the printed sheet say it: the date, or "날짜 모름" in the reader's words for a source without one. */
export const sourceDate = (t: (key: string) => string, date: string): string => (date === 'unknown' ? t('entry.sourceUndated') : date);
