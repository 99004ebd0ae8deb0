/**
 * Filling in the kiosk's forms by touch, as a person does: Hangul tapped jamo by jamo on the
 * on-screen keyboard (the keyboard composes the syllables), Latin letters and digits on theirs,
 * a phone number on the number pad, choices, months, days and hours as buttons, 다음 after each
 * step. Only what is on the screen: selectors are the data-* attributes the screens carry.
 */
import type { Page } from 'playwright-core';

const CHO = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const JUNG = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
const JONG = ['', 'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ', 'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];
const SPLIT: Record<string, string> = { ㄳ: 'ㄱㅅ', ㄵ: 'ㄴㅈ', ㄶ: 'ㄴㅎ', ㄺ: 'ㄹㄱ', ㄻ: 'ㄹㅁ', ㄼ: 'ㄹㅂ', ㄽ: 'ㄹㅅ', ㄾ: 'ㄹㅌ', ㄿ: 'ㄹㅍ', ㅀ: 'ㄹㅎ', ㅄ: 'ㅂㅅ' };

/** The keys a person taps for a text: each syllable's jamo (a compound vowel is a key of its own), digits and letters as they are. */
export function keysOf(text: string): string[] {
  const keys: string[] = [];
  for (const ch of text) {
    const c = ch.charCodeAt(0) - 0xac00;
    if (c >= 0 && c < 11172) {
      keys.push(CHO[Math.floor(c / 588)]!, JUNG[Math.floor((c % 588) / 28)]!);
      const jong = JONG[c % 28]!;
      if (jong) keys.push(...(SPLIT[jong] ?? jong));
    } else keys.push(ch);
  }
  return keys;
}

/** Types a text on the open on-screen keyboard; `space`: the space key's words in the language shown. */
export async function typeText(page: Page, text: string, space = '띄어쓰기'): Promise<void> {
  const board = page.locator('.keyboard').first();
  for (const k of keysOf(text)) {
    if (k === ' ') await board.locator('.controls button', { hasText: space }).click();
    else if (/[ㄲㄸㅃㅆㅉ]/.test(k)) throw new Error(`the test types no double consonant (${k}): it is behind the shift key`);
    else await board.locator(`button.key[aria-label="${k}"]`).click();
  }
}

/** Digits on the number pad of a field (its pad is open under it). */
export async function typeDigits(page: Page, field: string, digits: string): Promise<void> {
  const pad = page.locator(`[data-keys-for="${field}"] .number-pad`);
  for (const d of digits.replace(/\D/g, '')) await pad.locator(`[data-digit="${d}"]`).click();
}

/** Clears a field's number pad (지우기). */
export const clearPad = (page: Page, field: string) => page.locator(`[data-keys-for="${field}"] [data-pad="clear"]`).click();

export const field = (page: Page, name: string) => page.locator(`[data-field="${name}"]`);

/** Taps an option of a choice (or 예/아니요: yes/no). */
export const choose = (page: Page, name: string, value: string) => field(page, name).locator(`[data-option="${value}"]`).click();

/** Moves to a field's keyboard or pad when it is not the open one. */
export async function openKeys(page: Page, name: string): Promise<void> {
  if (await page.locator(`[data-keys-for="${name}"]`).count()) return;
  await field(page, name).locator('[data-open-keys]').click();
}

/** A month: the year with − / + from the year shown, then the month's button. */
export async function chooseMonth(page: Page, name: string, ym: string): Promise<void> {
  const f = field(page, name);
  const want = Number(ym.slice(0, 4));
  for (let i = 0; i < 30; i++) {
    const shown = Number(await f.locator('[data-year]').getAttribute('data-year'));
    if (shown === want) break;
    await f.locator(`[data-year-step="${shown > want ? -1 : 1}"]`).click();
  }
  await f.locator(`.ff-months [data-option="${Number(ym.slice(5, 7))}"]`).click();
}

/** A day on the calendar inside `scope`: the next month until the day is shown, then the day. */
export async function chooseDay(page: Page, scopeSelector: string, iso: string): Promise<void> {
  const scope = page.locator(scopeSelector);
  for (let i = 0; i < 4 && (await scope.locator(`[data-day="${iso}"]`).count()) === 0; i++) await scope.locator('[data-cal="next"]').click();
  await scope.locator(`[data-day="${iso}"]`).click();
}

/** A start or end time on the hour buttons (and :30 when asked). */
export async function chooseTime(page: Page, scopeSelector: string, which: 'start' | 'end', hhmm: string): Promise<void> {
  const t = page.locator(`${scopeSelector} [data-time="${which}"]`);
  await t.locator(`[data-hour="${hhmm.slice(0, 2)}"]`).click();
  if (hhmm.endsWith(':30')) await t.locator('[data-minute="30"]').click();
}

/** The step the apply screen shows: a number, 'review', 'consent', 'refused'. */
export async function stepOf(page: Page): Promise<string> {
  const a = page.locator('main .apply');
  const phase = await a.getAttribute('data-phase');
  return phase === 'step' ? (await a.getAttribute('data-step'))! : phase!;
}

/** 다음, and the next step shown (throws with the problems shown when the step stays). */
export async function next(page: Page): Promise<string> {
  const before = await stepOf(page);
  await page.locator('[data-apply="next"]').click();
  await page.waitForFunction(
    (b) => {
      const a = document.querySelector('main .apply');
      const now = a?.getAttribute('data-phase') === 'step' ? a.getAttribute('data-step') : a?.getAttribute('data-phase');
      return now !== b || document.querySelector('main .apply .field-error') !== null;
    },
    before,
    { timeout: 15_000 },
  );
  const now = await stepOf(page);
  if (now !== before) return now;
  const problems = await page.locator('main .apply .field-error').allInnerTexts();
  throw new Error(`step ${before} stayed: ${problems.join(' / ')}`);
}

/** YYYY-MM-DD of the first day from `from` (local) that is on one of the weekdays (0 = Sunday … 6), at least `ahead` days on. */
export function dayAhead(ahead: number, weekdays: number[], from = new Date()): string {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + ahead, 12);
  while (!weekdays.includes(d.getDay())) d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
