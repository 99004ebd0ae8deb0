/**
 * Korean telephone numbers as people write them: with or without spaces and dashes, stored in
 * one normalized form with dashes. Environment-free (the UI's forms use it too).
 *
 *   mobile       010-XXXX-XXXX; the older 011, 016, 017, 018, 019 with 3 or 4 digits in the middle
 *   Seoul        02-XXX-XXXX or 02-XXXX-XXXX
 *   regional     0NN-XXX-XXXX or 0NN-XXXX-XXXX (031 … 064: Gwangju is 062)
 *   internet     070-XXXX-XXXX
 *   nationwide   15XX-XXXX, 16XX-XXXX, 18XX-XXXX (one number for a whole company or centre)
 *
 * The middle part of a number never starts with 0 (no exchange does), which catches a doubled
 * 0 typed by mistake; a number is not dialled to check it.
 */

/** the regional area codes (after Seoul's 02) */
const AREA = ['031', '032', '033', '041', '042', '043', '044', '051', '052', '053', '054', '055', '061', '062', '063', '064'];
const LEGACY_MOBILE = ['011', '016', '017', '018', '019'];

/** A phone number in its stored form (e.g. 010-1234-5678, 062-123-4567, 1588-1234), or null when it is not a Korean number. */
export function normalizeKoreanPhone(typed: string): string | null {
  if (typeof typed !== 'string' || typed.length > 40) return null;
  const d = typed.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(d)) return null;
  const rest = (prefix: string, middle: number[]): string | null => {
    const tail = d.slice(prefix.length);
    for (const m of middle)
      if (tail.length === m + 4 && /^[1-9]/.test(tail)) return `${prefix}-${tail.slice(0, m)}-${tail.slice(m)}`;
    return null;
  };
  if (/^1[568]\d{6}$/.test(d)) return `${d.slice(0, 4)}-${d.slice(4)}`;
  if (d.startsWith('010')) return rest('010', [4]);
  if (d.startsWith('070')) return rest('070', [4]);
  const p3 = d.slice(0, 3);
  if (LEGACY_MOBILE.includes(p3)) return rest(p3, [3, 4]);
  if (AREA.includes(p3)) return rest(p3, [3, 4]);
  if (d.startsWith('02')) return rest('02', [3, 4]);
  return null;
}
