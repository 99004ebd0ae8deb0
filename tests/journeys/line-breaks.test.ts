/**
 * Where lines break, on the built host in Chromium, as a reader sees it on a 1366×768 laptop whose
 * browser is zoomed to 150 % (a 911×512 window in CSS pixels; four action tiles across): Korean
 * words are never cut inside ("검색하/기"), Chinese lines break between characters by Chinese rules
 * (no line starts with "，"), and the four actions stay in view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, chooseLanguage, openKiosk, shot, startKiosk, type Kiosk } from './harness.js';

const ZOOMED_LAPTOP = { width: 911, height: 512 };

let k: Kiosk;
beforeAll(async () => {
  k = await startKiosk();
}, 60_000);
afterAll(async () => k?.close());

/**
 * How the text of the elements matched is broken into lines: `words`, those drawn over more than
 * one line (a word ends at a space, after a "·" and before a "(": "초등·" / "청소년" and "초성" /
 * "(ㅇㅇㄷㅂ)으로" are fair breaks); `badStarts`, the characters that begin a line although
 * Chinese never starts a line with them.
 */
const breaks = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const words: string[] = [];
    const badStarts: string[] = [];
    for (const el of document.querySelectorAll(s)) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        const rects = (from: number, to: number) => {
          const r = document.createRange();
          r.setStart(n!, from);
          r.setEnd(n!, to);
          return [...r.getClientRects()];
        };
        for (const m of text.matchAll(/\(?[^\s·(]+·?/g)) if (new Set(rects(m.index, m.index + m[0].length).map((x) => Math.round(x.top))).size > 1) words.push(m[0]);
        const topOf = (i: number) => rects(i, i + 1)[0]?.top ?? NaN;
        for (let i = 1; i < text.length; i++) if ('，。、）：；！？'.includes(text[i]!) && topOf(i) > topOf(i - 1) + 2) badStarts.push(`${text.slice(Math.max(0, i - 4), i)}|${text.slice(i, i + 4)}`);
      }
    }
    return { words, badStarts };
  }, selector);

describe('line breaks on a laptop zoomed to 150 %', () => {
  it('Korean: no word of the home tiles is cut inside, and the four actions are in view', async () => {
    const page = await openKiosk(k, ZOOMED_LAPTOP);
    await shot(page, 'line-breaks-ko-911', false);
    expect((await breaks(page, '.home .tile-title, .home .tile-hint')).words).toEqual([]);
    const bottom = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.home .tile.action')].map((t) => t.getBoundingClientRect().bottom)));
    expect(bottom).toBeLessThanOrEqual(ZOOMED_LAPTOP.height);
    await page.context().close();
  });

  it('Chinese: lines break between characters, never before a comma or a full stop', async () => {
    const page = await openKiosk(k, ZOOMED_LAPTOP);
    await chooseLanguage(page, 'zh');
    await shot(page, 'line-breaks-zh-911', false);
    expect((await breaks(page, 'main')).badStarts).toEqual([]);
    // a tile's title breaks between characters when it must (word-break normal), not at an arbitrary point of an overflowing "word"
    const overflowing = await page.evaluate(() => [...document.querySelectorAll('.home .tile-title, .home .tile-hint')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
    expect(overflowing).toEqual([]);
    // the Korean example in the search tile's hint ("（ㅇㅇㄷㅂ）") stays whole at any width its tile may have, in the Korean face
    const example = await page.evaluate(() => {
      const hint = document.querySelector('[data-action="search"] .tile-hint') as HTMLElement;
      const split: number[] = [];
      for (let w = 120; w <= 420; w += 4) {
        hint.style.display = 'block';
        hint.style.width = `${w}px`;
        const walker = document.createTreeWalker(hint, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = (n.textContent ?? '').indexOf('ㅇㅇㄷㅂ');
          if (at < 0) continue;
          const r = document.createRange();
          r.setStart(n, at);
          r.setEnd(n, at + 4);
          if (new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1) split.push(w);
        }
      }
      hint.removeAttribute('style');
      return { text: hint.textContent, split, lang: [...hint.querySelectorAll('[lang]')].map((e) => `${e.getAttribute('lang')}:${e.textContent}`) };
    });
    expect(example.text).toContain('ㅇㅇㄷㅂ');
    expect(example.split).toEqual([]);
    expect(example.lang).toEqual(['ko:ㅇㅇㄷㅂ']);
    // drawn in Simplified Chinese letterforms, not the Korean face's
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.home .tile-title' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    expect(fonts.map((f) => f.familyName)).toEqual(['Noto Sans CJK SC']);
    await page.context().close();
  });
});

describe('line breaks on paper', () => {
  it('a Chinese policy sheet, every one of a life stage’s: lines break between characters, never before a full stop or a comma', async () => {
    const page = await openKiosk(k, { width: 1000, height: 1400 });
    const list = (await apiCall(k.host, 'list', { stage: 'infant', lang: 'zh', limit: 100 })).body.value as { entries: { id: string }[] };
    expect(list.entries.length).toBeGreaterThan(10);
    const bad: string[] = [];
    for (const { id } of list.entries) {
      const r = await apiCall(k.host, 'sheet', { id, lang: 'zh' });
      const { html, css } = r.body.value as { html: string; css: string };
      // the page's text column as printed: A4 less the margins (182 mm)
      await page.setContent(`<!doctype html><html lang="zh"><head><meta charset="utf-8"><style>${css} body { width: 182mm; }</style></head><body>${html}</body></html>`);
      for (const b of (await breaks(page, 'body')).badStarts) bad.push(`${id}: ${b}`);
    }
    expect(bad).toEqual([]);
    await page.context().close();
  }, 120_000);
});
