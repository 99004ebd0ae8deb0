/**
 * "A layout for a portrait kiosk and large text" (issue 10, item 7), on the built host in
 * Chromium: the home tiles fill a portrait 1080×1920 screen; at 100, 150 and 200 % the action
 * tiles and the first search results are in view, above or beside the keyboard, on a portrait
 * kiosk and a 1366×768 laptop (the keyboard itself inside the window); no text anywhere renders
 * under 24 px; the toolbar, the idle dialog and the map labels grow with the text size; search
 * says how many it found in all ("31개 중 12개") and shows the rest with 더 보기; a life-stage list
 * is grouped by category, money first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { importBoundaries } from '../../core/geo/boundaries.node.js';
import { hasShared, itWithShared, sharedPath } from '../shared-data.node.js';
import { LANDSCAPE, PORTRAIT, apiCall, chooseLanguage, goHome, notInView, openKiosk, shot, startKiosk, tap, type Kiosk } from './harness.js';

// the 자치구 layer draws the map, the 행정동 layer places facilities (as on a kiosk set up with both)
const LAYERS = ['data/geo/gwangju_gu_kostat2018_simplified.geojson', 'data/geo/gwangju_dong_admdongkor_20210401_simplified.geojson'];

let k: Kiosk;
beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-layout-'));
  if (hasShared(...LAYERS)) for (const layer of LAYERS) importBoundaries(dataDir, sharedPath(...layer.split('/')));
  k = await startKiosk({ dataDir, args: ['--location', '북구'] });
}, 60_000);
afterAll(async () => k?.close());

const SIZES = [100, 150, 200] as const;
type Size = (typeof SIZES)[number];
const VIEWPORTS = [PORTRAIT, LANDSCAPE];
const where = (v: { width: number; height: number }, size: Size) => `${v.width}×${v.height} at ${size} %`;

async function chooseSize(page: Page, size: Size) {
  if (size === 100) return;
  await tap(page, '[data-tool="size"]');
  await tap(page, `[data-size="${size}"]`);
  await expect.poll(() => page.locator('html').getAttribute('data-scale')).toBe(String(size));
}

/** Runs `check` on a fresh kiosk page on the portrait kiosk and the laptop, at 100, 150 and 200 % text (the page closed after). */
async function atEverySize(check: (page: Page, viewport: { width: number; height: number }, size: Size, w: string) => Promise<void>) {
  for (const viewport of VIEWPORTS) {
    for (const size of SIZES) {
      const page = await openKiosk(k, viewport);
      try {
        await chooseSize(page, size);
        await check(page, viewport, size, where(viewport, size));
      } finally {
        await page.context().close();
      }
    }
  }
}

/** Taps the on-screen keys, one character each, and waits for the results for what was typed. */
async function search(page: Page, keys: string) {
  await tap(page, '[data-action="search"]');
  for (const c of keys) await page.locator(`.keyboard button[aria-label="${c}"]`).click();
  const q = await page.locator('#q').inputValue();
  await page.locator(`.search-results[data-query="${q}"] h2[data-results]`).waitFor();
}

type Box = { top: number; bottom: number; left: number; right: number };
const box = (page: Page, selector: string): Promise<Box | null> =>
  page.evaluate((s) => {
    const r = document.querySelector(s)?.getBoundingClientRect();
    return r ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right } : null;
  }, selector);

/**
 * Every text node on the screen as drawn (visible, with a size): the ones under 24 px, with
 * their text. SVG text counts at the size it is drawn (its font size × the drawing's scale).
 */
const smallText = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    let seen = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 1 && r.height > 1);
      if (!rects.length) continue; // not drawn (display: none, a screen reader's only text clipped to 1 px)
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      seen++;
      let px = parseFloat(style.fontSize);
      const svg = el instanceof SVGElement ? el.closest('svg') : null;
      if (svg) px *= svg.getScreenCTM()?.a ?? 1;
      if (px < 23.95) out.push(`"${n.textContent.trim().slice(0, 24)}" (${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}) is ${px.toFixed(1)} px`);
    }
    for (const input of Array.from(document.querySelectorAll<HTMLInputElement>('input'))) {
      const px = parseFloat(getComputedStyle(input).fontSize);
      if (px < 23.95) out.push(`input#${input.id} is ${px.toFixed(1)} px`);
    }
    return { small: out, seen };
  });

const fontSize = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

describe('a portrait kiosk and a laptop, at 100, 150 and 200 % text', () => {
  it('the home tiles fill a portrait 1080×1920 screen and a 1366×768 laptop at 100 %; the action tiles are in view at every size', async () => {
    await atEverySize(async (page, viewport, size, w) => {
      await page.locator('.tile-count').first().waitFor();
      expect(await notInView(page, '.tile.action'), w).toEqual([]);
      if (size === 100) {
        // every tile in view, the last ones ending at the bottom of the screen (no empty half screen), and nothing to scroll
        expect(await notInView(page, '.tile'), w).toEqual([]);
        const last = await box(page, '.tiles.stages li:last-child .tile');
        expect(last!.bottom, w).toBeGreaterThan(viewport.height - 60);
        expect(await page.evaluate(() => document.documentElement.scrollHeight), w).toBeLessThanOrEqual(viewport.height);
        const first = await box(page, '.tiles.actions li:first-child .tile');
        // the tiles share the screen: on the portrait kiosk each of the two rows of actions is a quarter of it or more
        if (viewport === PORTRAIT) expect(first!.bottom - first!.top, w).toBeGreaterThan(viewport.height / 8);
      }
      await shot(page, `layout-home-${viewport.width}x${viewport.height}-${size}`, false);
    });
  }, 180_000);

  it('the keyboard, the input and the first results are in view together, beside or above the keyboard, never under it', async () => {
    await atEverySize(async (page, viewport, size, w) => {
      await search(page, 'ㅈㅣㅇㅝㄴ'); // 지원: more results than one page
      // the whole keyboard (its last row too: 띄어쓰기, 지우기) inside the window, with nothing to scroll
      expect(await notInView(page, '.keyboard button'), w).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollHeight), w).toBeLessThanOrEqual(viewport.height);
      expect(await notInView(page, '#q'), w).toEqual([]);
      expect(await notInView(page, '.search-results h2'), w).toEqual([]);
      // the first result whole, the second one begun, neither overlapping the keyboard
      expect(await notInView(page, '.search-results .entry-list li:first-child .entry-button'), w).toEqual([]);
      const second = await box(page, '.search-results .entry-list li:nth-child(2)');
      expect(second!.top, w).toBeLessThan(viewport.height - 48);
      const keys = await box(page, '.keyboard');
      const first = await box(page, '.search-results .entry-list li:first-child');
      const apart = Math.max(keys!.top - first!.bottom, first!.top - keys!.bottom, keys!.left - first!.right, first!.left - keys!.right);
      expect(apart, `${w}: the first result and the keyboard overlap`).toBeGreaterThan(0);
      // portrait: results between the input and the keyboard; landscape: beside it
      if (viewport === PORTRAIT) expect(first!.bottom, w).toBeLessThan(keys!.top);
      else expect(first!.left, w).toBeGreaterThan(keys!.right);
      await shot(page, `layout-search-${viewport.width}x${viewport.height}-${size}`, false);
    });
  }, 240_000);

  it('lists with filters — the facility finder and a life stage: the heading, the count and the first item (its name; for a facility, open or closed) are in view at every size; on a landscape screen the list sits beside the filters and the map, its first item whole', async () => {
    await atEverySize(async (page, viewport, size, w) => {
      await tap(page, '[data-action="facilities"]');
      await page.locator('.facility-list li').first().waitFor();
      if (hasShared(...LAYERS)) await page.locator('.map').waitFor();
      expect(await notInView(page, '.facilities h1'), w).toEqual([]);
      expect(await notInView(page, '.facilities h2[data-total]'), w).toEqual([]);
      // the first facility's name and whether it is open now; on a landscape screen the whole of it
      expect(await notInView(page, '.facility-list li:first-child .entry-title'), w).toEqual([]);
      expect(await notInView(page, '.facility-list li:first-child .badges'), w).toEqual([]);
      if (viewport === LANDSCAPE) {
        expect(await notInView(page, '.facility-list li:first-child .entry-button'), w).toEqual([]);
        const list = await box(page, '.facility-list');
        for (const s of ['.facilities .chips', ...(hasShared(...LAYERS) ? ['.facilities .map'] : [])]) expect((await box(page, s))!.right, `${w}: ${s} beside the list`).toBeLessThan(list!.left);
      }
      await shot(page, `layout-facilities-${viewport.width}x${viewport.height}-${size}`, false);

      // a life stage's list, with its category filters: the same
      await goHome(page);
      await tap(page, '[data-stage="pregnancy"]');
      await page.locator('.stage .entry-list li').first().waitFor();
      expect(await notInView(page, '.stage h1'), `${w}: stage`).toEqual([]);
      expect(await notInView(page, '.stage .split-results > h2'), `${w}: stage`).toEqual([]);
      expect(await notInView(page, '.stage section.category-group:first-of-type li:first-child .entry-title'), `${w}: stage`).toEqual([]);
      if (viewport === LANDSCAPE) {
        // (at 200 % a policy's title and summary make its button taller than the screen under the headings: its title is in view, above)
        if (size < 200) expect(await notInView(page, '.stage section.category-group:first-of-type li:first-child .entry-button'), `${w}: stage`).toEqual([]);
        expect((await box(page, '.stage .chips'))!.right, `${w}: the stage's filters beside its list`).toBeLessThan((await box(page, '.stage .entry-list'))!.left);
      }
      await shot(page, `layout-stage-${viewport.width}x${viewport.height}-${size}`, false);
    });
  }, 180_000);

  it('신청 확인: on a portrait kiosk both fields, the number pad and 확인 are in view at every size; on a 1366×768 laptop the pad sits beside the fields — all four in view at 100 %, the fields and the pad at 150 %, the first field and the pad at 200 %', async () => {
    await atEverySize(async (page, viewport, size, w) => {
      await tap(page, '[data-action="lookup"]');
      await page.locator('#lookup-receipt').waitFor();
      await tap(page, '#lookup-receipt');
      await page.locator('[data-keys-for="receipt"]').waitFor();
      const wanted = viewport === PORTRAIT || size === 100 ? ['#lookup-receipt', '#lookup-phone', '[data-keys-for] button', '[data-lookup="check"]'] : size === 150 ? ['#lookup-receipt', '#lookup-phone', '[data-keys-for] button'] : ['#lookup-receipt', '[data-keys-for] button'];
      for (const s of wanted) expect(await notInView(page, s), `${w}: ${s}`).toEqual([]);
      if (viewport === LANDSCAPE) expect((await box(page, '#lookup-receipt'))!.right, `${w}: the pad beside the fields`).toBeLessThan((await box(page, '[data-keys-for]'))!.left);
      await shot(page, `layout-lookup-${viewport.width}x${viewport.height}-${size}`, false);
    });
  }, 180_000);

  it('no text anywhere is drawn under 24 px: home, search, a life-stage list, a policy page, the facility map, the toolbar panels, the idle dialog', async () => {
    const screens: [string, (p: Page) => Promise<void>][] = [
      ['home', async (p) => void (await p.locator('.tile-count').first().waitFor())],
      ['toolbar panels', async (p) => (await tap(p, '[data-tool="size"]'), await p.locator('[data-size="150"]').waitFor())],
      ['search', async (p) => search(p, 'ㅈㅣㅇㅝㄴ')],
      ['search, 초성', async (p) => (await tap(p, '[data-action="search"]'), await tap(p, 'button:has-text("초성으로 찾기")'), await p.locator('.hint').waitFor())],
      ['stage list', async (p) => (await tap(p, '[data-stage="infant"]'), await p.locator('.category-group').first().waitFor())],
      ['policy page', async (p) => (await tap(p, '[data-stage="infant"]'), await tap(p, '[data-entry="gj-grandparent-caregiver"]'), await p.locator('article.entry .sources').waitFor())],
      ['facilities', async (p) => (await tap(p, '[data-action="facilities"]'), await p.locator('.facility-list li').first().waitFor(), await p.locator('.map').waitFor())],
      ['centre', async (p) => (await tap(p, '[data-action="centre"]'), await tap(p, '.faq-q'), await p.locator('.faq-a').waitFor())],
    ];
    // one visitor per screen size, going from home to each screen and back home, as a person would
    for (const viewport of VIEWPORTS) {
      const page = await openKiosk(k, viewport);
      for (const [name, reach] of screens) {
        await reach(page);
        const r = await smallText(page);
        expect(r.small, `${name} at ${viewport.width}×${viewport.height}`).toEqual([]);
        expect(r.seen, `${name}: text was found to check`).toBeGreaterThan(5);
        if (name === 'toolbar panels') await tap(page, '[data-tool="size"]'); // closed again
        await goHome(page);
      }
      await page.context().close();
    }
    const page = await openKiosk(k, LANDSCAPE, { clock: true });
    await page.clock.runFor(121_000);
    await page.locator('[role="alertdialog"]').waitFor();
    const r = await smallText(page);
    expect(r.small, 'the idle dialog').toEqual([]);
    await page.context().close();
  }, 180_000);

  it('the toolbar and the idle dialog grow with the text size; the toolbar stays one row on a 1366 px laptop', async () => {
    const seen: Record<string, number[]> = { toolbar: [], dialog: [], toolbarHeight: [] };
    for (const size of SIZES) {
      const page = await openKiosk(k, LANDSCAPE, { clock: true });
      await chooseSize(page, size);
      seen.toolbar!.push(await fontSize(page, '[data-tool="home"]'));
      seen.toolbarHeight!.push((await page.locator('.toolbar').boundingBox())!.height);
      await page.clock.runFor(121_000);
      await page.locator('[role="alertdialog"]').waitFor();
      seen.dialog!.push(await fontSize(page, '#idle-body'));
      expect(await notInView(page, '[data-idle="more"]'), `the idle dialog's "more time" at ${size} %`).toEqual([]);
      await shot(page, `layout-idle-${size}`, false);
      await page.context().close();
    }
    const [t100, t150, t200] = seen.toolbar as [number, number, number];
    expect(t100).toBeGreaterThanOrEqual(24);
    expect(t150).toBeGreaterThan(t100);
    expect(t200).toBeGreaterThan(t150);
    const [d100, d150, d200] = seen.dialog as [number, number, number];
    expect(d150).toBeCloseTo(d100 * 1.5, 0);
    expect(d200).toBeCloseTo(d100 * 2, 0);
    for (const h of seen.toolbarHeight!) expect(h, 'one row of tools').toBeLessThan(110);
  }, 120_000);

  it('in every language the toolbar is one row on a portrait kiosk at 100 % and on a laptop up to 150 % (no label pushed onto a second row)', async () => {
    for (const lang of ['ko', 'en', 'vi', 'zh']) {
      for (const [viewport, sizes] of [[PORTRAIT, [100]], [LANDSCAPE, [100, 150]]] as const) {
        const page = await openKiosk(k, viewport);
        if (lang !== 'ko') {
          await tap(page, '[data-tool="lang"]');
          await tap(page, `[data-lang="${lang}"]`);
          await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
        }
        for (const size of sizes) {
          if (size !== 100) await chooseSize(page, size);
          const rows = await page.evaluate(() => new Set(Array.from(document.querySelectorAll('.toolbar-row > button')).map((b) => Math.round(b.getBoundingClientRect().bottom))).size);
          expect(rows, `${lang} at ${viewport.width}×${viewport.height}, ${size} %`).toBe(1);
        }
        if (lang === 'vi' && viewport === PORTRAIT) await shot(page, 'layout-toolbar-vi-portrait', false);
        await page.context().close();
      }
    }
  }, 120_000);

  it('a filter chip or category heading whose label wraps keeps its count beside the label\'s last word, never alone on a line (Vietnamese and English, a laptop at 150 and 200 %, a portrait kiosk at 200 %)', async () => {
    for (const [viewport, size, lang] of [[LANDSCAPE, 150, 'vi'], [LANDSCAPE, 200, 'en'], [PORTRAIT, 200, 'vi']] as const) {
      const page = await openKiosk(k, viewport);
      await chooseLanguage(page, lang);
      await chooseSize(page, size);
      const w = `${where(viewport, size)}, ${lang}`;
      await tap(page, '[data-action="facilities"]');
      await page.locator('.facility-list li').first().waitFor();
      expect(await lonelyCounts(page), `${w}: facilities`).toEqual([]);
      await goHome(page);
      await tap(page, '[data-stage="infant"]');
      await page.locator('.stage .entry-list li').first().waitFor();
      expect(await lonelyCounts(page), `${w}: 영유아`).toEqual([]);
      await page.context().close();
    }
  }, 120_000);

  itWithShared(LAYERS, 'the names on the map stand clear of the markers, the ≈ signs and one another — a portrait kiosk at 100 and 150 % text, a 1366×768 laptop at 100 %, in every language (names measured as drawn; near their district\'s centre, else anywhere inside it)', async () => {
    for (const [viewport, sizes] of [[PORTRAIT, [100, 150]], [LANDSCAPE, [100]]] as const) {
      const page = await openKiosk(k, viewport);
      await tap(page, '[data-action="facilities"]');
      for (const lang of ['ko', 'en', 'vi', 'zh']) {
        if (lang !== 'ko') await chooseLanguage(page, lang);
        for (const size of sizes) {
          await tap(page, '[data-tool="size"]');
          await tap(page, `[data-size="${size}"]`);
          await expect.poll(() => page.locator('html').getAttribute('data-scale')).toBe(String(size));
          await page.locator('.map .area-label').first().waitFor();
          // (the map draws again for the new size: asked until it holds, or 10 s)
          await expect.poll(() => mapCrowding(page), { message: `${where(viewport, size)}, ${lang}` }).toEqual([]);
        }
      }
      await shot(page, `layout-map-clear-${viewport.width}-zh`, false);
      await page.context().close();
    }
  }, 120_000);
  itWithShared(LAYERS, 'the map labels grow with the text size (24 px on screen at 100 %, 48 px at 200 %)', async () => {
    const drawn: number[] = [];
    for (const size of [100, 200] as const) {
      const page = await openKiosk(k, PORTRAIT);
      await chooseSize(page, size);
      await tap(page, '[data-action="facilities"]');
      await page.locator('.map .area-label').first().waitFor();
      // the size a label is drawn at: its font size in the map's units × the map's scale on screen
      const px = await page.locator('.map .area-label').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize) * ((el as SVGGraphicsElement).ownerSVGElement!.getScreenCTM()?.a ?? 1));
      drawn.push(px);
      await shot(page, `layout-map-${size}`);
      await page.context().close();
    }
    expect(drawn[0]).toBeCloseTo(24, 0);
    expect(drawn[1]).toBeCloseTo(48, 0);
  }, 60_000);
});

/**
 * Counts standing alone at the start of a line (a chip or heading whose label wrapped and left
 * its number behind, under it): each count whose line holds none of its label's text. Empty: none.
 */
const lonelyCounts = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    for (const count of Array.from(document.querySelectorAll<HTMLElement>('.chip .count, h2 .count, h3 .count'))) {
      const holder = count.closest('button, h2, h3')!;
      const range = document.createRange();
      range.setStart(holder, 0);
      range.setEndBefore(count);
      const text = Array.from(range.getClientRects()).filter((r) => r.width > 1);
      const c = count.getBoundingClientRect();
      const mid = (c.top + c.bottom) / 2;
      if (!text.some((r) => r.top < mid && r.bottom > mid)) out.push(`"${(holder as HTMLElement).innerText.replace(/\s+/g, ' ')}": its count is alone on its line`);
    }
    return out;
  });

/**
 * The names on the facility map (the districts' and "여기") that a person cannot read whole: one
 * drawn under a marker, or whose letters meet a marker's circle, a ≈ or another name. A word's
 * letters: across, as drawn; up and down, from its baseline (0.85 em above, 0.15 below; a ≈ is a
 * short mark in the middle of its line). An empty list: every name clear.
 */
const mapCrowding = (page: Page) =>
  page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('.map svg')!;
    const ctm = svg.getScreenCTM()!;
    const ink = (t: SVGTextElement) => {
      const across = t.getBoundingClientRect();
      const em = parseFloat(getComputedStyle(t).fontSize) * ctm.a;
      const mark = t.classList.contains('approx-mark');
      const base = new DOMPoint(Number(t.getAttribute('x')), Number(t.getAttribute('y'))).matrixTransform(ctm).y + (mark ? 0.35 * em : 0);
      return { left: across.left, right: across.right, top: base - (mark ? 0.6 : 0.85) * em, bottom: base + (mark ? -0.1 : 0.15) * em };
    };
    type Box = ReturnType<typeof ink>;
    const meet = (a: Box, b: Box) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    const drawn = Array.from(svg.children);
    const firstMarker = drawn.findIndex((e) => e.classList.contains('point'));
    const out = drawn.filter((e, i) => e.classList.contains('area-label') && i < firstMarker).map((e) => `"${e.textContent}" is drawn under the markers`);
    const names = Array.from(svg.querySelectorAll<SVGTextElement>('.area-label, .origin text'));
    const marks = [...Array.from(svg.querySelectorAll('.point .dot')).map((d) => ['a marker', d.getBoundingClientRect()] as const), ...Array.from(svg.querySelectorAll<SVGTextElement>('.approx-mark')).map((a) => ['a ≈', ink(a)] as const)];
    for (const n of names) {
      for (const [what, box] of marks) if (meet(ink(n), box)) out.push(`"${n.textContent}" meets ${what}`);
      for (const o of names) if (o !== n && meet(ink(n), ink(o))) out.push(`"${n.textContent}" meets "${o.textContent}"`);
    }
    return out;
  });

/** A screen with its browser zoomed in: the viewport in CSS px (each drawn `zoom` device pixels wide). */
const zoomed = (screen: { width: number; height: number }, zoom: number) => ({ width: Math.round(screen.width / zoom), height: Math.round(screen.height / zoom) });

/**
 * The search screen's parts overlapping one another: the input, every on-screen key and control,
 * the results' heading and their first one (before anything is typed, the examples); and keys cut
 * off by the window's sides (the page never scrolls sideways to them) or under 64 px. An empty
 * list: none. With `ownKeys` (the reader's own layout), a key below the window too, unless the
 * keyboard is stacked (a zoomed-in window shorter than the keyboard: the page scrolls).
 */
const searchOverlaps = (page: Page, ownKeys = false) =>
  page.evaluate((ownKeys) => {
    const out: string[] = [];
    const at = (r: DOMRect) => `${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`;
    const meet = (a: DOMRect, b: DOMRect) => Math.max(a.left - b.right, b.left - a.right, a.top - b.bottom, b.top - a.bottom) < -0.5;
    const parts: [string, DOMRect][] = [];
    for (const [name, s] of [['the search input', '#q'], ['the results heading', '.search-results h2'], ['the first result', '.search-results .entry-list li:first-child'], ['an example', '.search-results .chips li']] as const)
      for (const el of Array.from(document.querySelectorAll(s))) parts.push([`${name} (${at(el.getBoundingClientRect())})`, el.getBoundingClientRect()]);
    if (!parts.length || !parts[0]![0].startsWith('the search input')) out.push('no search input');
    for (const [name, r] of parts.slice(1)) if (meet(r, parts[0]![1])) out.push(`${name} overlaps ${parts[0]![0]}`);
    const keys = Array.from(document.querySelectorAll<HTMLElement>('.keyboard button'));
    if (!keys.length) out.push('no keys');
    // a reader's own keys, unless stacked (the page then scrolls, the keyboard taller than the window), stand whole in the
    // window: no key below it (English labels on the Hangul keys, two lines each beside the letters, are not held to it: README)
    const whole = ownKeys && document.querySelector('.keyboard')?.getAttribute('data-fit') !== 'stacked';
    for (const key of keys) {
      const r = key.getBoundingClientRect();
      const name = `the key "${(key.getAttribute('aria-label') ?? key.innerText).replace(/\s+/g, ' ').slice(0, 24)}" (${at(r)})`;
      if (r.left < -0.5 || r.right > window.innerWidth + 0.5) out.push(`${name} is cut off by the window's side (${window.innerWidth} px wide)`);
      if (whole && r.bottom > window.innerHeight + 0.5) out.push(`${name} is below the window (${window.innerHeight} px high)`);
      if (r.width < 63.5 || r.height < 63.5) out.push(`${name} is under 64 px`);
      for (const [part, p] of parts) if (meet(r, p)) out.push(`${name} overlaps ${part}`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${window.innerWidth})`);
    return out;
  }, ownKeys);

/** Each reader's own keys (and English on the Hangul keys too, whose controls are the longest), and what they type on them */
const READERS = [
  { lang: 'ko', layouts: [['hangul', 'ㅈㅣㅇㅝㄴ']] },
  { lang: 'zh', layouts: [['pinyin', 'ertong']] },
  { lang: 'en', layouts: [['latin', '24'], ['hangul', 'ㅈㅣㅇㅝㄴ']] },
  { lang: 'vi', layouts: [['hangul', 'ㅈㅣㅇㅝㄴ']] },
] as const;

/**
 * On the search screen in `lang`, each of its layouts: nothing overlaps before anything is typed
 * (the examples), as pinyin letters are typed (their candidates) and with results (soft checks:
 * a failure names every size and language that fails). How the keyboard stood in each, returned.
 */
async function searchInEveryLayout(page: Page, lang: string, w: string, name: string) {
  const seen: string[] = [];
  if (lang !== 'ko') await chooseLanguage(page, lang);
  await tap(page, '[data-action="search"]');
  const keyboard = page.locator('.keyboard');
  await keyboard.waitFor();
  const layouts = READERS.find((r) => r.lang === lang)!.layouts;
  for (const [layout, typed] of layouts) {
    const own = layout === layouts[0][0]; // the reader's own keys (English: the ABC ones)
    if ((await keyboard.getAttribute('data-layout')) !== layout) await tap(page, `[data-layout-switch="${layout}"]`);
    await page.locator('#q').fill(''); // (what the layout before typed)
    const where = `${w}, ${lang} on the ${layout} keys`;
    await page.locator('.search-results .chips').waitFor();
    expect.soft(await searchOverlaps(page, own), `${where}, the examples`).toEqual([]);
    for (const c of typed) await page.locator(`.keyboard button[aria-label="${c}"]`).first().click();
    if (layout === 'pinyin') {
      await page.locator(`.candidates [data-candidate="儿童"]`).waitFor();
      expect.soft(await searchOverlaps(page, own), `${where}, the candidates for ${typed}`).toEqual([]);
      await tap(page, '.candidates [data-candidate="儿童"]');
    }
    const q = await page.locator('#q').inputValue();
    await page.locator(`.search-results[data-query="${q}"] h2[data-results]`).waitFor();
    expect.soft(await searchOverlaps(page, own), `${where}, the results for ${q}`).toEqual([]);
    seen.push(`${where}: ${(await keyboard.getAttribute('data-fit')) ?? (await keyboard.getAttribute('data-controls')) ?? 'under'}`);
    await shot(page, `layout-search-${name}-${lang}-${layout}`, false);
  }
  return seen;
}

describe('search in every language, its input, keys and results apart', () => {
  it('a 1366×768 laptop zoomed to 125, 150 and 200 % in the browser (1093×614, 911×512, 683×384 CSS px) and a portrait 1080×1920 screen at 150 and 200 % (720×1280, 540×960): in Korean (Hangul), Chinese (pinyin: ertong → 儿童), English (ABC and Hangul) and Vietnamese (Hangul) the input, every key and control and the first result or the examples do not overlap, no key is cut off at the side, and none of a reader\'s own keys is below the window unless the keyboard stands above the results (stacked, the page scrolling)', async () => {
    const seen: string[] = [];
    for (const [screen, zoom] of [[LANDSCAPE, 1.25], [LANDSCAPE, 1.5], [LANDSCAPE, 2], [PORTRAIT, 1.5], [PORTRAIT, 2]] as const) {
      const viewport = zoomed(screen, zoom);
      for (const { lang } of READERS) {
        const page = await openKiosk(k, viewport, { zoom });
        try {
          seen.push(...(await searchInEveryLayout(page, lang, `${screen.width}×${screen.height} zoomed to ${zoom * 100} % (${viewport.width}×${viewport.height})`, `zoom-${screen.width}x${screen.height}-${zoom * 100}`)));
        } finally {
          await page.context().close();
        }
      }
    }
    console.log(seen.join('\n'));
  }, 600_000);

  it('the same on a 1366×768 laptop at 100, 150 and 200 % text, in every language', async () => {
    const seen: string[] = [];
    for (const size of SIZES) {
      for (const { lang } of READERS) {
        const page = await openKiosk(k, LANDSCAPE);
        try {
          await chooseSize(page, size);
          seen.push(...(await searchInEveryLayout(page, lang, where(LANDSCAPE, size), `1366x768-${size}`)));
        } finally {
          await page.context().close();
        }
      }
    }
    console.log(seen.join('\n'));
  }, 600_000);
});

describe('a life stage\'s booklet, once made', () => {
  it('"책자가 준비됐어요", 미리 보기 and the hint: the button\'s label on one line, the three apart and inside the column (one under the other where it is narrow: a 1366×768 laptop zoomed to 150 and 200 %, and at 200 % text)', async () => {
    for (const [viewport, zoom, size, lang] of [[zoomed(LANDSCAPE, 1.5), 1.5, 100, 'ko'], [zoomed(LANDSCAPE, 1.5), 1.5, 100, 'en'], [zoomed(LANDSCAPE, 2), 2, 100, 'ko'], [LANDSCAPE, 1, 200, 'ko'], [LANDSCAPE, 1, 100, 'vi']] as const) {
      const w = `${viewport.width}×${viewport.height} zoomed to ${zoom * 100} %, ${size} % text, ${lang}`;
      const page = await openKiosk(k, viewport, { zoom });
      try {
        if (lang !== 'ko') await chooseLanguage(page, lang);
        await chooseSize(page, size);
        await tap(page, '[data-stage="infant"]');
        await tap(page, '[data-print="booklet"]');
        await page.locator('[data-print="booklet-ready"]').waitFor();
        const r = await page.locator('[data-print="booklet-ready"]').evaluate((button) => {
          const box = (el: Node) => {
            const range = document.createRange();
            range.selectNodeContents(el);
            return range.getBoundingClientRect();
          };
          // the message (its text first in the paragraph), the button, the hint
          const p = button.closest('p')!;
          const [message, hint] = [p.firstChild!, p.querySelector('.hint')!];
          // the label's lines: a line box each (a label broken inside a word, 미/리/보/기, had four)
          const range = document.createRange();
          range.selectNodeContents(button);
          const lines = new Set(Array.from(range.getClientRects()).map((l) => Math.round(l.top))).size;
          const out: string[] = [];
          const parts = [['the message', box(message)], ['the button', button.getBoundingClientRect()], ['the hint', box(hint)]] as const;
          const column = box(p.closest('.booklet')!);
          parts.forEach(([name, a], i) => {
            if (a.left < column.left - 0.5 || a.right > column.right + 0.5) out.push(`${name} (${Math.round(a.left)}–${Math.round(a.right)}) is outside its column (${Math.round(column.left)}–${Math.round(column.right)})`);
            for (const [other, b] of parts.slice(i + 1)) if (Math.max(a.left - b.right, b.left - a.right, a.top - b.bottom, b.top - a.bottom) < -0.5) out.push(`${name} and ${other} overlap`);
          });
          return { lines, label: button.textContent, width: Math.round(box(button).width), out };
        });
        expect(r.lines, `${w}: "${r.label}" (${r.width} px wide) on ${r.lines} lines`).toBe(1);
        expect(r.out, w).toEqual([]);
        await shot(page, `layout-booklet-ready-${viewport.width}x${viewport.height}-${size}-${lang}`, false);
      } finally {
        await page.context().close();
      }
    }
  }, 180_000);
});

describe('search tells the truth about its count', () => {
  it('"31개 중 12개": the total is every match, and 더 보기 shows the rest, each once', async () => {
    // every match, page by page over the API (50 at most per call), to compare with
    type Page = { hits: { id: string }[]; total: number; atLeast: boolean };
    const first = (await apiCall(k.host, 'search', { query: '지원', limit: 50 })).body.value as Page;
    const all: Page = { ...first, hits: [...first.hits] };
    while (all.hits.length < all.total) {
      const next = (await apiCall(k.host, 'search', { query: '지원', limit: 50, offset: all.hits.length })).body.value as Page;
      expect(next.total).toBe(all.total);
      expect(next.hits.length).toBeGreaterThan(0);
      all.hits.push(...next.hits);
    }
    expect(all.atLeast).toBe(false);
    expect(all.total).toBeGreaterThan(12);
    expect(all.hits.length).toBe(all.total);
    const page = await openKiosk(k, PORTRAIT);
    await search(page, 'ㅈㅣㅇㅝㄴ');
    const heading = page.locator('.search-results h2');
    expect(await heading.innerText()).toBe(`찾은 결과 ${all.total}개 중 12개`);
    expect(await page.locator('.search-results .entry-list li').count()).toBe(12);
    const more = page.locator('.search-results button[data-more]');
    for (let shown = 12; shown < all.total; ) {
      expect(await more.innerText()).toBe(`${Math.min(12, all.total - shown)}개 더 보기`);
      await more.click();
      shown = Math.min(shown + 12, all.total);
      await expect.poll(() => page.locator('.search-results .entry-list li').count()).toBe(shown);
      if (shown < all.total) expect(await heading.innerText()).toBe(`찾은 결과 ${all.total}개 중 ${shown}개`);
    }
    expect(await heading.innerText()).toBe(`찾은 결과 ${all.total}개`);
    expect(await more.count()).toBe(0);
    const ids = await page.locator('.search-results .entry-list li button[data-entry]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-entry')));
    expect(ids).toEqual(all.hits.map((h) => h.id)); // the same entries in the same order, none twice
    await shot(page, 'layout-search-all-results', false);
    // a new word starts afresh: its own count, one page
    await tap(page, 'button:has-text("모두 지우기")');
    for (const c of 'ㅂㅕㅇㅇㅝㄴ') await page.locator(`.keyboard button[aria-label="${c}"]`).click();
    await page.locator('.search-results[data-query="병원"] h2[data-results]').waitFor();
    const hospital = (await apiCall(k.host, 'search', { query: '병원', limit: 12 })).body.value as { hits: unknown[]; total: number };
    expect(await page.locator('.search-results .entry-list li').count()).toBe(hospital.hits.length);
    expect(await heading.innerText()).toBe(hospital.total > 12 ? `찾은 결과 ${hospital.total}개 중 12개` : `찾은 결과 ${hospital.total}개`);
    await page.context().close();
  }, 60_000);

  it('the search API pages: offset continues where the page ended, and a page past the end is empty with the same total', async () => {
    const first = (await apiCall(k.host, 'search', { query: '돌봄', limit: 5 })).body.value as { hits: { id: string }[]; total: number };
    const next = (await apiCall(k.host, 'search', { query: '돌봄', limit: 5, offset: 5 })).body.value as { hits: { id: string }[]; total: number };
    const both = (await apiCall(k.host, 'search', { query: '돌봄', limit: 10 })).body.value as { hits: { id: string }[]; total: number };
    expect([...first.hits, ...next.hits].map((h) => h.id)).toEqual(both.hits.map((h) => h.id));
    expect(next.total).toBe(first.total);
    const past = (await apiCall(k.host, 'search', { query: '돌봄', limit: 5, offset: first.total })).body.value as { hits: unknown[]; total: number };
    expect(past).toEqual({ hits: [], total: first.total, atLeast: false });
  });
});

describe('a life-stage list is grouped by category, money first', () => {
  it('영유아: one heading per category, allowances and birth support first, every entry under its own category', async () => {
    const list = (await apiCall(k.host, 'list', { stage: 'infant', limit: 100 })).body.value as { categories: { id: string; count: number }[]; entries: { id: string; category: string }[]; total: number };
    const categoryOf = new Map(list.entries.map((e) => [e.id, e.category]));
    const page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-stage="infant"]');
    await page.locator('.category-group').first().waitFor();
    const more = page.locator('.stage button.more');
    while ((await more.count()) > 0) {
      const before = await page.locator('.stage .entry-list li').count();
      await more.click();
      await expect.poll(() => page.locator('.stage .entry-list li').count()).toBeGreaterThan(before);
    }
    const groups = await page.locator('.category-group').evaluateAll((gs) =>
      gs.map((g) => ({
        id: g.getAttribute('data-group'),
        heading: (g.querySelector('h3') as HTMLElement | null)?.innerText ?? '',
        entries: Array.from(g.querySelectorAll('button[data-entry]')).map((b) => b.getAttribute('data-entry')),
      })),
    );
    const ids = groups.map((g) => g.id);
    expect(new Set(ids).size, 'each category once').toBe(ids.length);
    expect(ids).toEqual(list.categories.map((c) => c.id)); // in the order of the chips
    const money = ids.filter((c) => c === 'allowance' || c === 'birth-support');
    expect(money.length, 'infant has money benefits').toBeGreaterThan(0);
    expect(ids.slice(0, money.length)).toEqual(money);
    expect(ids.slice(0, 1)).toEqual(['allowance']);
    const names = await page.locator('.chips [data-category]').evaluateAll((cs) => Object.fromEntries(cs.map((c) => [c.getAttribute('data-category'), (c as HTMLElement).innerText.replace(/\s*\d+$/, '')])));
    for (const g of groups) {
      expect(g.heading).toMatch(new RegExp(`^${names[g.id!]}\\s+${list.categories.find((c) => c.id === g.id)!.count}$`));
      for (const e of g.entries) expect(categoryOf.get(e!), `${e} under ${g.id}`).toBe(g.id);
    }
    expect(groups.reduce((n, g) => n + g.entries.length, 0)).toBe(list.total);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'layout-stage-infant-grouped', false);
    await page.context().close();
  }, 60_000);
});
