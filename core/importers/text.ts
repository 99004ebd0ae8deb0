/**
 * Cell and field helpers shared by the open-data importers: text as it may be stored (no
 * control characters), values quoted safely in a reason, real calendar dates, Korean phone
 * numbers. Pure functions, no Node: they run wherever an importer's schema runs.
 */

/** Line breaks and tabs (and the whitespace around them) become one space. */
const BREAKS = /\s*[\t\n\v\f\r\u0085\u2028\u2029]\s*/g;
/**
 * Control (Cc: C0, DEL, C1), format (Cf: bidi overrides, zero-width characters, BOM, soft hyphen
 * …) and lone surrogate (Cs) code points: nothing a person reads, and some change what others
 * see (a bidi override reverses a name on screen and on paper).
 */
const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}]/gu;

/** Text as it may be stored: line breaks and tabs become a space, other control characters are removed, ends trimmed. */
export function cleanText(s: string): string {
  return s.replace(BREAKS, ' ').replace(CONTROL, '').trim();
}

/** True when the string holds a character cleanText would remove or replace. */
export const hasControl = (s: string): boolean => /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u.test(s);

/** A value quoted for a reason: cleaned, and cut (by code point, never inside a pair) after `max` characters. */
export function shown(s: string, max = 60): string {
  const chars = Array.from(cleanText(s));
  return `"${chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('')}"`;
}

/** How a JSON value that should have been text is described in a reason. */
export function kindOf(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number') return `the number ${Number.isFinite(v) ? v : String(v)}`;
  return `a ${typeof v}`;
}

/** Days in a month of the Gregorian calendar. */
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * A real calendar date as YYYY-MM-DD, from YYYY-MM-DD, YYYYMMDD, YYYY.MM.DD or YYYY/MM/DD with
 * an optional time (" 10:00:00", "T10:00", or six digits after YYYYMMDD as 보조금24 writes
 * 수정일시). null for anything else, including dates that do not exist (2026-02-30) and years
 * outside 1900–2100.
 */
export function realDate(s: string): string | null {
  const m = /^(\d{4})([-./]?)(\d{2})\2(\d{2})(?:(?:[ T]|(?<=^\d{8}))(\d{2}):?(\d{2})(?::?(\d{2})(?:\.\d{1,9})?)?)?$/.exec(s.trim());
  if (!m) return null;
  const [, y, , mo, d, hh, mi, ss] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hh !== undefined && (Number(hh) > 23 || Number(mi) > 59 || (ss !== undefined && Number(ss) > 59))) return null;
  return `${y}-${mo}-${d}`;
}

/**
 * Korean telephone number prefixes: 02 (Seoul); 031–033, 041–044, 051–055, 061–064 (provinces
 * and metropolitan cities, 062 = Gwangju); 010/011/016–019 (mobile); 070 (internet phone); 060,
 * 080 (paid / free-call); 0502–0508 (personal numbers).
 */
const LONG = /^(02|0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4])|01[016-9]|0[678]0|050[2-8])(\d{3,4})(\d{4})$/;
/** 전국대표번호 such as 1588-1234, 1644-…, 1899-5912. */
const REPRESENTATIVE = /^(1(?:5[4-9]|6[0-9]|8[0-9])\d)(\d{4})$/;

/**
 * A Korean phone number written the way the catalogue writes it (062-123-4567, 1899-5912), from
 * digits with or without - . ( ) and spaces, or +82; null when it is not one. Where the input
 * separates digits, each separation must fall between the number's own parts: 0621234567 and
 * (062)123-4567 are read, 021-234-5678 is not (a wrong area code, or a Seoul number grouped
 * wrongly: either way not safe to print).
 */
export function koreanPhone(s: string): string | null {
  const t = s.trim();
  if (!/^(\+82[\s.-]?)?\(?\d[\d\s().-]*$/.test(t) || t.length > 24) return null;
  const international = t.startsWith('+');
  const groups = (international ? t.slice(3) : t).split(/\D+/).filter(Boolean);
  if (international && groups[0] !== undefined && !groups[0].startsWith('0')) groups[0] = `0${groups[0]}`;
  const digits = groups.join('');
  const m = LONG.exec(digits) ?? REPRESENTATIVE.exec(digits);
  if (!m) return null;
  const parts = m.slice(1).filter((x): x is string => x !== undefined);
  const ends = new Set(parts.map((_, i) => parts.slice(0, i + 1).join('').length));
  let at = 0;
  for (const g of groups) if (!ends.has((at += g.length))) return null;
  return parts.join('-');
}

/**
 * Phone numbers in free text (보조금24's 전화문의, e.g. "문의 062-123-4567, 보건복지상담센터 129"):
 * runs of digits joined by - . ( ), read as a number when koreanPhone reads them, or as a
 * three-digit service number (120, 129 …). `unreadable` holds runs that start like a phone
 * number (0 or +82) and are long enough to be one but are not (021-234-5678, 062-123-456).
 */
export function phonesInText(text: string): { numbers: string[]; unreadable: string[] } {
  const numbers: string[] = [];
  const unreadable: string[] = [];
  for (const [token] of text.matchAll(/(?<![\d])(?:\+82[\s.-]?)?\(?\d(?:[\d().-]*\d)?(?![\d])/g)) {
    const n = koreanPhone(token) ?? (/^1\d{2}$/.test(token) ? token : null);
    if (n) {
      if (!numbers.includes(n)) numbers.push(n);
    } else if (/^(\+|\(?0)/.test(token) && token.replace(/\D/g, '').length >= 8) unreadable.push(token);
  }
  return { numbers, unreadable };
}
