/**
 * "A keyboard for everyone" (issue 10, item 6), on the built host in Chromium: the on-screen
 * keyboard types every word without knowing how jamo combine (compound vowels as keys, digits,
 * a Latin layout for English and Vietnamese, pinyin for Chinese), and a physical keyboard works as a counsellor
 * expects (keys out of the tab order, focus on each screen's heading, Esc and Alt+← go back,
 * the finder's 뒤로 goes to the previous question).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chooseLanguage, LANDSCAPE, notInView, PORTRAIT, openKiosk, shot, startKiosk, tap, type Kiosk } from './harness.js';

let k: Kiosk;
beforeAll(async () => {
  k = await startKiosk();
}, 60_000);
afterAll(async () => k?.close());

const query = (p: Page) => p.locator('#q').inputValue();
const screenName = (p: Page) => p.locator('main').getAttribute('data-screen');

/** Taps the on-screen keys, one character each (the aria-label of a key is the character it types). */
async function typeOnKeyboard(page: Page, keys: string) {
  for (const c of keys) await page.locator(`.keyboard button[aria-label="${c}"]`).click();
}

/** The entries found for a query, once the results for it are shown. */
async function resultsFor(page: Page, q: string): Promise<string[]> {
  await page.locator(`.search-results[data-query="${q}"] h2[data-results]`).waitFor();
  return page.locator('.search-results .entry-list li button[data-entry]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-entry') ?? ''));
}

/** What has the focus, in words a failed assertion can show. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (!a || a === document.body) return 'body';
    const where = a.closest('.keyboard') ? 'keyboard ' : a.closest('main') ? 'main ' : a.closest('.toolbar') ? 'toolbar ' : '';
    return `${where}${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''} ${(a.getAttribute('aria-label') ?? a.innerText ?? '').slice(0, 30)}`.trim();
  });

/** The heading of the screen has the focus (each new screen puts it there). */
const headingFocused = (page: Page) => page.evaluate(() => document.activeElement === document.querySelector('main h1'));

async function chooseSize(page: Page, size: 100 | 150 | 200) {
  await tap(page, '[data-tool="size"]');
  await tap(page, `[data-size="${size}"]`);
}

/**
 * Every on-screen key: at least 64 × 64 px, at least 12 px from every other key, inside the
 * screen's sides, out of the tab order, named; the pinyin candidates in one row, none cut off.
 * `below`: keys under the screen's bottom edge (the page scrolls to them) — asserted for each
 * layout as it opens, and with 된소리 and 초성 on (which once put the last controls there on a
 * 1366×768 laptop at 200 %).
 */
const keyboardProblems = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    const below: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    const keys = Array.from(document.querySelectorAll<HTMLButtonElement>('.keyboard button'));
    const name = (b: HTMLElement) => (b.getAttribute('aria-label') ?? b.innerText).slice(0, 24);
    const rects = keys.map((b) => b.getBoundingClientRect());
    // the pinyin layout's candidates: one row, each key wholly inside it (none cut off by the row's edge)
    const row = document.querySelector('.keyboard .candidates')?.getBoundingClientRect();
    const candidates = keys.filter((b) => b.closest('.candidates'));
    if (new Set(candidates.map((b) => Math.round(b.getBoundingClientRect().top))).size > 1) out.push('the candidates take more than one row');
    keys.forEach((b, i) => {
      const r = rects[i]!;
      if (row && b.closest('.candidates') && (r.left < row.left - 1 || r.right > row.right + 1)) out.push(`"${name(b)}" is cut off by the candidates' row`);
      if (!b.getAttribute('aria-label') && !b.innerText.trim()) out.push('a key without a name');
      if (r.width < 64 || r.height < 64) out.push(`"${name(b)}" is ${Math.round(r.width)}×${Math.round(r.height)}`);
      if (r.left < 0 || r.right > window.innerWidth + 1) out.push(`"${name(b)}" is cut off at the side`);
      if (r.bottom > window.innerHeight + 1) below.push(`"${name(b)}" is below the screen`);
      if (b.tabIndex !== -1) out.push(`"${name(b)}" is in the tab order`);
      for (let j = i + 1; j < keys.length; j++) {
        const o = rects[j]!;
        const apart = Math.max(o.left - r.right, r.left - o.right, o.top - r.bottom, r.top - o.bottom);
        if (apart < 11.5) out.push(`"${name(b)}" and "${name(keys[j]!)}" are ${apart.toFixed(1)} px apart`);
      }
    });
    return { problems: out, below, keys: keys.length, candidates: candidates.length, bottom: Math.round(Math.max(...rects.map((r) => r.bottom + window.scrollY))) };
  });

/** the 초성 key in each language (its label: the key has no other name) */
const CHOSUNG: Record<string, string> = { ko: '초성으로 찾기', en: 'Search by initial consonants', vi: 'Tìm bằng phụ âm đầu', zh: '用首辅音搜索' };

/**
 * The first result is begun in view: the first line of its title wholly inside the window below
 * the toolbar, beside the keyboard (right of it, on a landscape screen) and not under anything —
 * a tap on it opens the entry. (A long title at 200 % runs on below the window, in the results'
 * own scrolling area, as it did before; the layout journey holds a shorter one whole.)
 */
const firstResultBegun = (page: Page) =>
  page.evaluate(() => {
    const button = document.querySelector<HTMLElement>('.search-results .entry-list li:first-child .entry-button');
    const title = button?.querySelector('.entry-title');
    if (!button || !title) return ['no first result'];
    const range = document.createRange();
    range.selectNodeContents(title);
    const line = range.getClientRects()[0]!;
    const toolbar = document.querySelector('.toolbar')!.getBoundingClientRect().bottom;
    const keys = document.querySelector('.keyboard')!.getBoundingClientRect();
    const out: string[] = [];
    const at = `${Math.round(line.left)},${Math.round(line.top)}–${Math.round(line.right)},${Math.round(line.bottom)}`;
    if (line.top < toolbar - 0.5 || line.bottom > window.innerHeight + 0.5 || line.right > window.innerWidth + 0.5) out.push(`the first line of the first result is at ${at}: outside the window below the toolbar (to ${Math.round(toolbar)})`);
    if (line.left < keys.right) out.push(`the first line of the first result (${at}) is not beside the keyboard (to ${Math.round(keys.right)})`);
    const hit = document.elementFromPoint((line.left + line.right) / 2, (line.top + line.bottom) / 2);
    if (!hit || !button.contains(hit)) out.push(`the first line of the first result is covered by ${hit?.tagName.toLowerCase()}.${hit?.className}`);
    return out;
  });

describe('the on-screen keyboard types every word', () => {
  it('a senior types 지원 and 병원 by tapping keys only (ㅝ is a key of its own) and gets results', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-action="search"]');
    await page.locator('.keyboard').waitFor();
    for (const v of ['ㅘ', 'ㅙ', 'ㅚ', 'ㅝ', 'ㅞ', 'ㅟ', 'ㅢ', 'ㅒ', 'ㅖ']) expect(await page.locator(`.keyboard button[aria-label="${v}"]`).isVisible(), v).toBe(true);
    await typeOnKeyboard(page, 'ㅈㅣㅇㅝㄴ'); // 징 + ㅝ → 지워: the final moves on, as it does for any vowel
    expect(await query(page)).toBe('지원');
    const support = await resultsFor(page, '지원');
    expect(support.length).toBeGreaterThan(0);
    expect(support).toContain('gj-grandparent-caregiver');
    await shot(page, 'keyboard-1-ko-portrait-jiwon');
    await tap(page, 'button:has-text("모두 지우기")');
    await typeOnKeyboard(page, 'ㅂㅕㅇㅇㅝㄴ');
    expect(await query(page)).toBe('병원');
    const hospital = await resultsFor(page, '병원');
    expect(hospital.length).toBeGreaterThan(0);
    expect(await page.locator('.search-results .entry-title').first().textContent()).toMatch(/병원/);
    // backspace takes back the whole ㅝ tapped as one key
    await tap(page, 'button:has-text("한 글자 지우기")');
    await tap(page, 'button:has-text("한 글자 지우기")');
    expect(await query(page)).toBe('병ㅇ');
    await page.context().close();
  });

  it('"24" typed on the digit keys finds the 24-hour emergency care', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-action="search"]');
    await typeOnKeyboard(page, '24');
    expect(await query(page)).toBe('24');
    expect((await resultsFor(page, '24')).slice(0, 3)).toContain('gj-emergency-childcare');
    await typeOnKeyboard(page, 'ㅅㅣㄱㅏㄴ');
    expect(await query(page)).toBe('24시간');
    const hits = await resultsFor(page, '24시간');
    expect(hits.slice(0, 3)).toContain('gj-emergency-childcare');
    await shot(page, 'keyboard-2-ko-portrait-24');
    await tap(page, '[data-entry="gj-emergency-childcare"]');
    await expect.poll(() => page.locator('article.entry h1').innerText()).toMatch(/긴급아이돌봄/);
    await page.context().close();
  });

  it('English and Vietnamese readers get a Latin layout ("care" finds results); Chinese readers pinyin, Korean readers Hangul; each can switch', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await chooseLanguage(page, 'en');
    await tap(page, '[data-action="search"]');
    const keyboard = page.locator('.keyboard');
    expect(await keyboard.getAttribute('data-layout')).toBe('latin');
    const labels = await keyboard.locator('button[aria-label]').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')).join(''));
    expect(labels).toBe('abcdefghijklmnopqrstuvwxyz1234567890');
    expect(await keyboard.innerText()).toMatch(/Space/);
    expect(await keyboard.innerText()).toMatch(/Delete one letter/);
    await typeOnKeyboard(page, 'care');
    expect(await query(page)).toBe('care');
    expect((await resultsFor(page, 'care')).length).toBeGreaterThan(0);
    await shot(page, 'keyboard-3-en-portrait-care');
    // an English reader may type Korean too, and go back to ABC
    await tap(page, '[data-layout-switch="hangul"]');
    expect(await keyboard.getAttribute('data-layout')).toBe('hangul');
    await tap(page, '.keyboard button:has-text("Space")');
    await typeOnKeyboard(page, 'ㄷㅗㄹㅂㅗㅁ');
    expect(await query(page)).toBe('care 돌봄');
    await tap(page, '[data-layout-switch="latin"]');
    expect(await keyboard.getAttribute('data-layout')).toBe('latin');

    await chooseLanguage(page, 'vi');
    expect(await keyboard.getAttribute('data-layout')).toBe('latin');
    await tap(page, 'button:has-text("Xóa hết")');
    await typeOnKeyboard(page, '1279');
    expect((await resultsFor(page, '1279')).length).toBeGreaterThan(0);
    await shot(page, 'keyboard-4-vi-portrait-1279');
    // Vietnamese typed without its marks finds the Vietnamese text: ta em be → "Hỗ trợ tiền tã và sữa bột" (nappies and formula)
    await tap(page, 'button:has-text("Xóa hết")');
    await typeOnKeyboard(page, 'ta');
    await tap(page, '.keyboard button:has-text("Dấu cách")');
    await typeOnKeyboard(page, 'em');
    await tap(page, '.keyboard button:has-text("Dấu cách")');
    await typeOnKeyboard(page, 'be');
    expect(await query(page)).toBe('ta em be');
    expect((await resultsFor(page, 'ta em be')).slice(0, 3)).toContain('low-income-diaper-formula');
    expect(await page.locator('.search-results button[data-entry="low-income-diaper-formula"]').innerText()).toMatch(/tiền tã và sữa bột/);
    await shot(page, 'keyboard-5-vi-portrait-ta-em-be');
    await chooseLanguage(page, 'zh');
    expect(await keyboard.getAttribute('data-layout')).toBe('pinyin');
    await chooseLanguage(page, 'ko');
    expect(await keyboard.getAttribute('data-layout')).toBe('hangul');
    await page.context().close();
  });

  it('a Chinese reader types pinyin by tapping keys only (育儿, then 津贴 with the space key) and gets results for those words', async () => {
    const started = Date.now();
    const page = await openKiosk(k, PORTRAIT);
    await chooseLanguage(page, 'zh');
    await tap(page, '[data-action="search"]');
    const keyboard = page.locator('.keyboard');
    expect(await keyboard.getAttribute('data-layout')).toBe('pinyin');
    const candidates = () => page.locator('.candidates [data-candidate]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-candidate')));
    const lettersShown = (letters: string) => page.locator(`.candidates[data-letters="${letters}"][data-candidates]`).waitFor();

    // a syllable begun: "yue" already offers 育儿, first; the input shows the letters, the examples stay
    await typeOnKeyboard(page, 'yue');
    expect(await query(page)).toBe('yue');
    await lettersShown('yue');
    expect((await candidates())[0]).toBe('育儿');
    expect(await page.locator('.search-results [data-example]').count()).toBeGreaterThan(0);
    // more words than a row holds: 更多词 shows the next ones
    const firstRow = await candidates();
    await tap(page, '[data-more-candidates]');
    await expect.poll(candidates).not.toEqual(firstRow);
    expect(await candidates()).not.toContain('育儿');
    await shot(page, 'keyboard-6-zh-portrait-yue');

    // "yuer": 育儿 first; tapping it puts it into the search, which runs as for any typed text
    await typeOnKeyboard(page, 'r');
    await lettersShown('yuer');
    expect((await candidates())[0]).toBe('育儿');
    await tap(page, '.candidates [data-candidate="育儿"]');
    expect(await query(page)).toBe('育儿');
    expect((await resultsFor(page, '育儿')).length).toBeGreaterThan(5);
    // (textContent: a result below the keyboard is not drawn yet — content-visibility: auto — and has no innerText)
    const titles = await page.locator('.search-results .entry-title').allTextContents();
    expect(titles[0]).toMatch(/育儿/);
    expect(await page.locator('.candidates p.hint').innerText()).toMatch(/拼音/);

    // backspace takes back a letter first; the space key picks the first word: 育儿 + jintie → 育儿津贴
    await typeOnKeyboard(page, 'jintiex');
    await tap(page, 'button:has-text("删除一个字")');
    expect(await query(page)).toBe('育儿jintie');
    await lettersShown('jintie');
    expect((await candidates())[0]).toBe('津贴');
    await tap(page, '.keyboard button:has-text("空格")');
    expect(await query(page)).toBe('育儿津贴');
    expect((await resultsFor(page, '育儿津贴')).slice(0, 3)).toContain('gj-birth-childcare-allowance');
    expect(await page.locator('.search-results button[data-entry="gj-birth-childcare-allowance"] .entry-title').textContent()).toMatch(/光州出生育儿津贴/);
    await shot(page, 'keyboard-7-zh-portrait-yuerjintie');

    // ü is v: "nv" offers 女 (女性); the letters on a switch to Hangul are typed as they are, and 拼音 brings the layout back
    await tap(page, 'button:has-text("全部删除")');
    await typeOnKeyboard(page, 'nv');
    await lettersShown('nv');
    expect(await candidates()).toContain('女');
    await tap(page, '[data-layout-switch="hangul"]');
    expect(await keyboard.getAttribute('data-layout')).toBe('hangul');
    expect(await query(page)).toBe('nv');
    await tap(page, '[data-layout-switch="pinyin"]');
    expect(await keyboard.getAttribute('data-layout')).toBe('pinyin');
    // the keys never took the focus from the input, nor are they in the tab order
    expect(await page.locator('.keyboard button').evaluateAll((bs) => bs.filter((b) => (b as HTMLElement).tabIndex !== -1).length)).toBe(0);
    await page.context().close();
    console.log(`the Chinese reader's journey: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 60_000);

  it('keys stay at least 64 px and 12 px apart in portrait and landscape at 100, 150 and 200 % text, in every layout of every language (Hangul, 된소리 and 초성 for English and Vietnamese readers too; pinyin with its candidates at 100 and 200 %)', async () => {
    const seen: string[] = [];
    for (const viewport of [PORTRAIT, LANDSCAPE]) {
      for (const size of [100, 150, 200] as const) {
        for (const lang of size === 150 ? ['ko', 'en', 'vi'] : ['ko', 'en', 'vi', 'zh']) {
          const page = await openKiosk(k, viewport);
          if (lang !== 'ko') await chooseLanguage(page, lang);
          if (size !== 100) await chooseSize(page, size);
          await tap(page, '[data-action="search"]');
          await page.locator('.keyboard').waitFor();
          const where = `${lang} ${viewport.width}×${viewport.height} ${size} %`;
          const normal = await keyboardProblems(page);
          expect(normal.problems, where).toEqual([]);
          expect(normal.below, where).toEqual([]);
          // Hangul: its keys, digits, 6 controls; ABC: a–z, digits, 4 controls (to Hangul); pinyin: 5 (to Hangul and to ABC)
          expect(normal.keys, where).toBe(lang === 'ko' ? 14 + 21 + 10 + 6 : lang === 'zh' ? 26 + 10 + 5 : 26 + 10 + 4);
          seen.push(`${where}: keyboard ends at ${normal.bottom} px`);
          await shot(page, `keyboard-${lang}-${viewport.width}x${viewport.height}-${size}`);
          if (lang !== 'zh') {
            // English and Vietnamese readers switch to the Hangul keys (ㄱㄴㄷ) too; there, as in Korean, 된소리 and 초성
            if (lang !== 'ko') {
              await tap(page, '[data-layout-switch="hangul"]');
              const hangul = await keyboardProblems(page);
              expect(hangul.problems, `${where} hangul`).toEqual([]);
              expect(hangul.below, `${where} hangul`).toEqual([]);
              expect(hangul.keys, `${where} hangul`).toBe(14 + 21 + 10 + 6);
              seen.push(`${where} hangul: keyboard ends at ${hangul.bottom} px`);
            }
            await tap(page, '.keyboard .key-row.controls button[aria-pressed="false"]:first-child'); // 된소리 ㄲ ㄸ
            const doubled = await keyboardProblems(page);
            expect(doubled.problems, `${where} with 된소리`).toEqual([]);
            expect(doubled.below, `${where} with 된소리`).toEqual([]);
            expect(doubled.keys, `${where} with 된소리`).toBe(14 + 5 + 21 + 10 + 6);
            await tap(page, `.keyboard button:has-text("${CHOSUNG[lang]!}")`);
            const chosung = await keyboardProblems(page);
            expect(chosung.problems, `${where} in 초성 mode`).toEqual([]);
            expect(chosung.below, `${where} in 초성 mode`).toEqual([]);
          }
          if (lang === 'zh') {
            // "y" spells more words than a row holds: as many candidate keys as fit, and 更多词
            await typeOnKeyboard(page, 'y');
            await page.locator('.candidates [data-more-candidates]').waitFor();
            const typed = await keyboardProblems(page);
            expect(typed.problems, `${where} with candidates`).toEqual([]);
            expect(typed.below, `${where} with candidates`).toEqual([]);
            expect(typed.candidates, where).toBeGreaterThanOrEqual(4);
            expect(typed.bottom, `${where}: the candidates do not make the keyboard taller`).toBe(normal.bottom);
            seen.push(`${where}: ${typed.candidates - 1} candidates and 更多词 in the row`);
            await shot(page, `keyboard-zh-pinyin-${viewport.width}x${viewport.height}-${size}`);
            // Hangul and ABC in Chinese carry a 拼音 key besides their own
            for (const other of ['hangul', 'latin']) {
              await tap(page, `[data-layout-switch="${other}"]`);
              const keys = await keyboardProblems(page);
              expect(keys.problems, `${where} ${other}`).toEqual([]);
              expect(keys.below, `${where} ${other}`).toEqual([]);
              expect(keys.keys, `${where} ${other}`).toBe(other === 'hangul' ? 14 + 21 + 10 + 7 : 26 + 10 + 5);
              await tap(page, '[data-layout-switch="pinyin"]');
            }
          }
          await page.context().close();
        }
      }
    }
    console.log(seen.join('\n'));
  }, 360_000);
});

describe('every key on a 1366×768 laptop at 200 % text', () => {
  it('every language in its own layout and in Hangul (with 된소리, and 초성): every key on the screen, ≥ 64 px, 12 px apart, nothing scrolled, the input, the count and the first line of the first result in view; 된소리 adds no row', async () => {
    const seen: string[] = [];
    for (const lang of ['ko', 'en', 'vi', 'zh']) {
      const page = await openKiosk(k, LANDSCAPE);
      if (lang !== 'ko') await chooseLanguage(page, lang);
      await chooseSize(page, 200);
      await expect.poll(() => page.locator('html').getAttribute('data-scale')).toBe('200');
      await tap(page, '[data-action="search"]');
      const keyboard = page.locator('.keyboard');
      await keyboard.waitFor();
      // "24" is on the digit keys of every layout: the 24-hour emergency care comes first, and stays in view as the layouts change
      await typeOnKeyboard(page, '24');
      await resultsFor(page, '24');
      const check = async (what: string) => {
        const r = await keyboardProblems(page);
        expect(r.problems, `${lang} ${what}`).toEqual([]);
        expect(r.below, `${lang} ${what}`).toEqual([]);
        expect(await page.evaluate(() => window.scrollY), `${lang} ${what}: the page was scrolled`).toBe(0);
        // the search input and the count wholly in view and uncovered; the first result begun beside the keyboard
        expect(await notInView(page, '#q'), `${lang} ${what}`).toEqual([]);
        expect(await notInView(page, '.search-results h2'), `${lang} ${what}`).toEqual([]);
        expect(await firstResultBegun(page), `${lang} ${what}`).toEqual([]);
        seen.push(`${lang} ${what}: ${r.keys} keys, the last row ends at ${r.bottom} px of 768`);
        return r;
      };
      const own = await keyboard.getAttribute('data-layout');
      const first = await check(`${own}`);
      await shot(page, `keyboard-${lang}-1366x768-200-${own}`, false);
      // every reader can switch to the Hangul keys (ㄱㄴㄷ), and there to 된소리 and to 초성
      if (lang !== 'ko') await tap(page, '[data-layout-switch="hangul"]');
      expect(await keyboard.getAttribute('data-layout')).toBe('hangul');
      const plain = lang === 'ko' ? first : await check('hangul');
      if (lang !== 'ko') await shot(page, `keyboard-${lang}-1366x768-200-hangul`, false);
      await tap(page, '.keyboard .key-row.controls button[aria-pressed="false"]:first-child'); // 된소리 ㄲ ㄸ (Double consonants, Phụ âm đôi, 紧音)
      expect(await page.locator('.keyboard button[aria-label="ㄲ"]').count()).toBe(1);
      const doubled = await check('hangul with 된소리');
      expect(doubled.bottom, `${lang}: 된소리 makes the keyboard no taller`).toBe(plain.bottom);
      await shot(page, `keyboard-${lang}-1366x768-200-doubles`, false);
      await tap(page, `.keyboard .key-row.controls button[aria-pressed="false"]:has-text("${CHOSUNG[lang]!}")`);
      expect(await page.locator('.keyboard button[aria-label="ㅏ"]').count(), `${lang}: 초성 mode shows consonants only`).toBe(0);
      await check('초성');
      // the 초성 hint under the keys, in view too (under the input it pushed the first result below the window)
      expect(await notInView(page, '.search-keys > .hint'), `${lang} 초성`).toEqual([]);
      await shot(page, `keyboard-${lang}-1366x768-200-chosung`, false);
      await page.context().close();
    }
    console.log(seen.join('\n'));
  }, 180_000);
});

describe('a physical keyboard (a counsellor on a laptop)', () => {
  it('focus goes to each new screen\'s heading; Tab from the input never lands on an on-screen key; typing goes to the input', async () => {
    const page = await openKiosk(k, LANDSCAPE);
    expect(await headingFocused(page)).toBe(true);
    await page.locator('[data-action="search"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('.keyboard').waitFor();
    await expect.poll(() => headingFocused(page), { message: 'search: the heading has the focus' }).toBe(true);
    expect(await page.locator('.keyboard button').evaluateAll((bs) => bs.filter((b) => (b as HTMLElement).tabIndex !== -1).length)).toBe(0);

    // typing with the focus on the heading goes into the input
    await page.keyboard.type('24');
    expect(await query(page)).toBe('24');
    expect(await focused(page)).toMatch(/^main input#q/);
    expect((await resultsFor(page, '24')).slice(0, 3)).toContain('gj-emergency-childcare');

    // Tab on from the input, all the way round the page and back: never an on-screen key
    const path: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      path.push(await focused(page));
    }
    expect(path.filter((p) => p.startsWith('keyboard')), path.join('\n')).toEqual([]);
    expect(path.some((p) => p.startsWith('main input#q')), 'Tab comes round to the input again').toBe(true);
    expect(path.some((p) => p.startsWith('main button')), 'Tab reaches the results').toBe(true);
    await page.locator('#q').focus();
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).not.toMatch(/^keyboard/);

    // tapping an on-screen key leaves the focus in the input, so typing goes on there
    await page.locator('#q').focus();
    await tap(page, 'button:has-text("모두 지우기")');
    await typeOnKeyboard(page, '1');
    expect(await focused(page)).toMatch(/^main input#q/);
    await page.keyboard.type('279');
    expect(await query(page)).toBe('1279');

    // screens reached by a tap, loaded for the first time, put the focus on their heading too
    await tap(page, '[data-tool="home"]');
    await tap(page, '[data-stage="infant"]');
    await page.locator('main[data-screen="stage"] .entry-list li').first().waitFor();
    await expect.poll(() => headingFocused(page), { message: 'stage: the heading has the focus' }).toBe(true);
    await tap(page, '[data-entry="gj-grandparent-caregiver"]');
    await page.locator('article.entry h1').waitFor();
    await expect.poll(() => headingFocused(page), { message: 'entry: the heading has the focus' }).toBe(true);
    await page.context().close();
  });

  it('Esc and Alt+← go back, as the toolbar\'s 뒤로 does (Esc first closes an open toolbar panel)', async () => {
    const page = await openKiosk(k, LANDSCAPE);
    const url = page.url();
    await tap(page, '[data-stage="infant"]');
    await tap(page, '[data-entry="gj-grandparent-caregiver"]');
    await page.locator('article.entry h1').waitFor();
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(() => screenName(page)).toBe('stage');
    await expect.poll(() => headingFocused(page)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => screenName(page)).toBe('home');
    await expect.poll(() => headingFocused(page)).toBe(true);

    // from the search input: Esc goes back and keeps what was typed (not the browser's "clear the search box")
    await tap(page, '[data-action="search"]');
    await page.locator('#q').focus();
    await page.keyboard.type('24');
    await page.keyboard.press('Escape');
    await expect.poll(() => screenName(page)).toBe('home');
    await tap(page, '[data-action="search"]');
    expect(await query(page)).toBe('24');
    await page.locator('#q').focus();
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(() => screenName(page)).toBe('home');
    expect(page.url()).toBe(url); // the browser's own history back did not leave the kiosk

    // a toolbar panel open: Esc closes it first, then goes back
    await tap(page, '[data-action="centre"]');
    await tap(page, '[data-tool="size"]');
    await page.locator('[data-size="150"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-size="150"]').waitFor({ state: 'detached' });
    expect(await screenName(page)).toBe('centre');
    await page.keyboard.press('Escape');
    await expect.poll(() => screenName(page)).toBe('home');
    // at home there is nowhere to go back to
    await page.keyboard.press('Escape');
    expect(await screenName(page)).toBe('home');
    await page.context().close();
  });

  it('in the finder, 뒤로 (and Esc) goes to the previous question; at the first question it leaves', async () => {
    const page = await openKiosk(k, LANDSCAPE);
    const question = () => page.locator('[data-question]').getAttribute('data-question');
    await tap(page, '[data-action="finder"]');
    expect(await question()).toBe('role');
    await tap(page, '[data-answer="grandparent"]');
    await expect.poll(question).toBe('applicantAge');
    // a new question is a new screen for someone on a keyboard or a screen reader: its heading has the focus
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-question'))).toBe('applicantAge');
    await tap(page, '[data-answer="y50to70"]');
    await expect.poll(question).toBe('children');
    await shot(page, 'keyboard-5-finder-third-question', false);

    await tap(page, '[data-tool="back"]');
    await expect.poll(question).toBe('applicantAge');
    expect(await screenName(page)).toBe('finder');
    expect(await page.locator('.answer[aria-pressed="true"]').getAttribute('data-answer')).toBe('y50to70'); // the answer given is kept
    await page.keyboard.press('Escape');
    await expect.poll(question).toBe('role');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-question'))).toBe('role');
    expect(await screenName(page)).toBe('finder');
    await tap(page, '[data-tool="back"]');
    await expect.poll(() => screenName(page)).toBe('home');

    // from the results, 뒤로 goes to the last question
    await tap(page, '[data-action="finder"]');
    expect(await question()).toBe('role'); // (the step is kept, as before: the first question here)
    for (let i = 0; i < 8; i++) {
      const q = await question();
      await tap(page, '[data-answer="unsure"]');
      await page.waitForFunction((prev) => document.querySelector('[data-question]')?.getAttribute('data-question') !== prev, q);
    }
    await page.locator('[data-group="unknown"]').waitFor();
    await tap(page, '[data-tool="back"]');
    await expect.poll(question).toBe('district');
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(question).toBe('income');
    await page.context().close();
  });
});
