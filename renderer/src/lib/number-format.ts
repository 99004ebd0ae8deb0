/**
 * Digits as people read them while they type them on the number pad: a phone number with its
 * dashes where Korean numbers have them (010-1234-5678, 02-123-4567, 062-123-4567, 1588-1234),
 * a receipt number in its groups (1234-5678-9), and a time or day as the screen says it.
 * Only display: what a form takes is checked by the core (formCheck), never here.
 */

/** A Korean phone number's digits with dashes, as far as they are typed (the middle group grows from 3 to 4 digits when the number is that long). */
export function phoneShown(digits: string): string {
  const d = digits.replace(/\D/g, '');
  if (/^1[568]/.test(d) && d.length <= 8) return d.length > 4 ? `${d.slice(0, 4)}-${d.slice(4)}` : d;
  const area = d.startsWith('02') ? 2 : 3;
  if (d.length <= area) return d;
  const rest = d.slice(area);
  // a mobile (010, 070) has 4 digits in the middle; others 3 until the number is long enough for 4
  const middle = /^0[17]0/.test(d) ? 4 : d.length >= area + 8 ? 4 : 3;
  if (rest.length <= middle) return `${d.slice(0, area)}-${rest}`;
  return `${d.slice(0, area)}-${rest.slice(0, middle)}-${rest.slice(middle)}`;
}

/** A receipt number's digits in its groups: 1234-5678-9 (the last digit is the check digit). */
export function receiptShown(digits: string): string {
  const d = digits.replace(/\D/g, '').slice(0, 9);
  return [d.slice(0, 4), d.slice(4, 8), d.slice(8)].filter(Boolean).join('-');
}

/** The receipt number split for reading aloud and showing large: ['1234', '5678', '9']. */
export const receiptGroups = (receipt: string): string[] => receiptShown(receipt).split('-').filter(Boolean);

/**
 * Korea's time zone: every family, form and centre the kiosk serves is in Korea, so a day and a
 * time are Korea's whatever the device's clock is set to (a laptop left on UTC said "오전 0:14" on
 * the screen where the printed slip, made in the core, said 09:14).
 */
export const KOREA_TIME_ZONE = 'Asia/Seoul';
const KOREA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: KOREA_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD of the day it is (or was, at `d`) in Korea. */
export const koreaDay = (d: Date = new Date()): string => KOREA_DAY.format(d);

/** An instant (ISO time) as `locale` writes it with `options`, in Korea's time; the text as it is when it is no time. */
export function inKorea(iso: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale, { ...options, timeZone: KOREA_TIME_ZONE }).format(d);
}

/** An instant as the chosen language writes a day and a time, in Korea's time: 2026년 12월 3일 오전 9:14. */
export const momentShown = (iso: string, lang: string): string => inKorea(iso, intlOf(lang), { dateStyle: 'long', timeStyle: 'short' });

/** An instant's time of day, in Korea's time: 오전 9:14. */
export const timeShown = (iso: string, lang: string): string => inKorea(iso, intlOf(lang), { hour: 'numeric', minute: '2-digit' });

/** A YYYY-MM-DD day as a Date at local noon (no time-zone edge). */
export const dayDate = (iso: string): Date => new Date(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)), 12);

const INTL: Record<string, string> = { ko: 'ko-KR', en: 'en-GB', vi: 'vi-VN', zh: 'zh-CN' };
export const intlOf = (lang: string): string => INTL[lang] ?? 'ko-KR';

/** A day as the chosen language writes it, with its weekday: 2026년 3월 4일 (수). */
export function dayShown(iso: string, lang: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return new Intl.DateTimeFormat(intlOf(lang), { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }).format(dayDate(iso));
}

/** A month as the chosen language writes it: 2024년 5월. */
export function monthShown(ym: string, lang: string): string {
  if (!/^\d{4}-\d{2}$/.test(ym)) return ym;
  return new Intl.DateTimeFormat(intlOf(lang), { year: 'numeric', month: 'long' }).format(new Date(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)) - 1, 15));
}

/** The name of month 1–12 in the chosen language: 5월, May, tháng 5, 五月. */
export const monthName = (m: number, lang: string): string => new Intl.DateTimeFormat(intlOf(lang), { month: 'long' }).format(new Date(2000, m - 1, 15));
