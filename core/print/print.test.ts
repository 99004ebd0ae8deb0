/**
 * Printing as a counsellor checks it: real PDFs from Chromium, read back with poppler
 * (pdfinfo, pdftotext, pdftoppm). PNG renders land in test-results/print/ for review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { importBoundaries } from '../geo/boundaries.node.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Catalogue } from '../../db/catalogue/store.js';
import { launchChromium } from './pdf.node.js';
import type { PrintOptions } from './service.node.js';
import type { StageId } from '../contract/kiosk-api.js';
import type { Core } from '../core.node.js';
import { testCore } from '../../tests/env.node.js';
import { itWithShared, sharedPath } from '../../tests/shared-data.node.js';

const OUT = join(import.meta.dirname, '..', '..', 'test-results', 'print');
/** The longest entries take two pages in normal type, three in large type (documented in the README). */
const MAX_PAGES = 2;
const MAX_PAGES_LARGE = 3;

let browser: Browser;
let core: Core;
let cat: Catalogue;
const tmp = mkdtempSync(join(tmpdir(), 'pdf-'));
beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchChromium();
  core = testCore({ printBrowser: async () => browser }).core;
  cat = core.catalogue.current();
}, 60_000);
afterAll(async () => {
  await core?.close();
  await browser?.close();
});

/** Through the print service, as the CLI and the web host call it. */
const printSheet = (id: string, o: PrintOptions = {}, c: Core = core) => c.print.sheetPdf(c.catalogue.current(), id, o);
const printBooklet = (sel: { stage?: StageId; ids?: string[] }, o: PrintOptions = {}) => core.print.booklet(cat, sel, o);

const save = (pdf: Buffer, name: string) => {
  const f = join(tmp, `${name}.pdf`);
  writeFileSync(f, pdf);
  return f;
};
const info = (f: string) => execFileSync('pdfinfo', [f], { encoding: 'utf8' });
const text = (f: string, page?: number) => execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', f, '-'], { encoding: 'utf8' });
const squash = (s: string) => s.replace(/\s+/g, '');
/** Each page's text, in order (pdftotext ends every page with a form feed): one read for a whole booklet. */
const pageTexts = (f: string) => text(f).split('\f').slice(0, -1);

describe('policy sheets', () => {
  it('every entry prints on A4 within the page limit, with its title, amount and phone (all of them in one booklet, each starting its own page)', async () => {
    const entries = cat.entries();
    const { pdf, pages } = await printBooklet({ ids: entries.map((e) => e.id) });
    const f = save(pdf, 'every-entry');
    const i = info(f);
    expect(i).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const total = Number(i.match(/Pages:\s+(\d+)/)![1]);
    const paper = pageTexts(f);
    expect(paper.length).toBe(total);
    // the back page closes the booklet: an entry's pages run from its first page to the page before the next entry's (or the back page)
    expect(paper[total - 1]).toMatch(/062-222-1279/);
    const pageCounts: Record<string, number> = {};
    entries.forEach((e, n) => {
      const from = pages[e.id]!;
      const to = (n + 1 < entries.length ? pages[entries[n + 1]!.id]! : total) - 1;
      pageCounts[e.id] = to - from + 1;
      expect(pageCounts[e.id], e.id).toBeGreaterThanOrEqual(1);
      expect(pageCounts[e.id], e.id).toBeLessThanOrEqual(MAX_PAGES);
      const body = squash(paper.slice(from - 1, to).join(''));
      // the entry's first page really is where the measure put it, and what it prints is all on its own pages
      expect(squash(paper[from - 1]!), `${e.id}: title on page ${from}`).toContain(squash(e.title.ko));
      if (e.amount) expect(body, `${e.id}: amount`).toContain(squash(e.amount.text.ko).slice(0, 14));
      if (e.phones[0]) expect(body, `${e.id}: phone`).toContain(e.phones[0].number);
      expect(body, `${e.id}: 1279 centre`).toContain('062-222-1279');
    });
    expect(Object.values(pageCounts).filter((n) => n === 1).length).toBeGreaterThan(entries.length * 0.7);
  }, 300_000);

  it('a large-type sheet in English, and PNG renders for review', async () => {
    const f = save(await printSheet('gj-grandparent-caregiver', { lang: 'en', large: true }), 'grandparent-en-large');
    expect(Number(info(f).match(/Pages:\s+(\d+)/)![1])).toBeLessThanOrEqual(MAX_PAGES_LARGE);
    const body = text(f);
    expect(body).toMatch(/Grandparent caregiver allowance/);
    expect(body).toMatch(/200,000 won a month/);
    expect(body).toMatch(/062-613-2284/);
    for (const [id, name, opts] of [
      ['gj-grandparent-caregiver', 'sheet-grandparent-ko', {}],
      ['gj-grandparent-caregiver', 'sheet-grandparent-en-large', { lang: 'en' as const, large: true }],
      ['fac-gj-emergency-childcare-center', 'sheet-emergency-centre', {}],
    ] as const) {
      const pdf = save(await printSheet(id, opts), name);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(OUT, name)]);
    }
  }, 60_000);
});

const GEO_FILE = 'data/geo/gwangju_gu_kostat2018_simplified.geojson';
const GEO = sharedPath(...GEO_FILE.split('/'));
describe('facility sheets', () => {
  itWithShared([GEO_FILE], 'carry a small map when a boundary layer is imported, the place marked approximate', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'print-geo-'));
    importBoundaries(dataDir, GEO);
    const withMap = testCore({ dataDir, printBrowser: async () => browser }).core;
    const f = save(await printSheet('fac-gj-emergency-childcare-center', {}, withMap), 'facility-with-map');
    await withMap.close();
    expect(text(f)).toMatch(/위치는 대략적이에요/);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', f, join(OUT, 'sheet-facility-with-map')]);
    // without a layer: no map, and nothing breaks
    expect(text(save(await printSheet('fac-gj-emergency-childcare-center'), 'facility-no-map'))).not.toMatch(/위치는 대략적이에요/);
  });
});

describe('booklets', () => {
  it.each(['pregnancy', 'infant', 'school', 'youth'] as StageId[])('the %s booklet: cover, contents whose page numbers are right, entries, back page', async (stage) => {
    const { pdf, pages } = await printBooklet({ stage });
    const f = save(pdf, `booklet-${stage}`);
    const total = Number(info(f).match(/Pages:\s+(\d+)/)![1]);
    expect(text(f, 1)).toMatch(/우리 아이 지원 안내/);
    expect(text(f, total)).toMatch(/062-222-1279/);
    const ids = Object.keys(pages);
    // the contents run from page 2 to the page before the first entry (several pages for a large stage)
    const firstEntryPage = Math.min(...Object.values(pages));
    expect(firstEntryPage).toBeGreaterThan(2);
    const paper = pageTexts(f);
    const toc = squash(paper.slice(1, firstEntryPage - 1).join(''));
    expect(ids.length).toBe(cat.entries({ stage }).filter((e) => e.status === 'active').length);
    for (const id of ids) {
      const title = squash(cat.entry(id)!.title.ko);
      // the contents list the entry with its page number …
      expect(toc, id).toContain(title);
      // … and that page really starts the entry
      expect(squash(paper[pages[id]! - 1]!), `${id} on page ${pages[id]}`).toContain(title);
    }
    expect(toc).toMatch(/차례/);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '3', f, join(OUT, `booklet-${stage}`)]);
  }, 180_000);

  it('the same booklet asked again the same day is the one already made; another language, type size or day is made anew', async () => {
    let now = new Date('2026-12-03T01:00:00Z');
    const { core: c } = testCore({ clock: () => now, printBrowser: async () => browser });
    try {
      const at = c.catalogue.current();
      const progress: number[][] = [];
      const first = await c.print.booklet(at, { stage: 'youth' }, { lang: 'ko' });
      const again = await c.print.booklet(at, { stage: 'youth' }, { lang: 'ko' }, { onProgress: (done, total) => progress.push([done, total]) });
      expect(again.pdf).toBe(first.pdf); // the very same PDF: not made twice
      expect(progress).toEqual([[first.count, first.count]]); // a progress bar that fills at once
      expect((await c.print.booklet(at, { stage: 'youth' }, { lang: 'en' })).pdf).not.toBe(first.pdf);
      expect((await c.print.booklet(at, { stage: 'youth' }, { lang: 'ko', large: true })).pdf).not.toBe(first.pdf);
      now = new Date('2026-12-04T01:00:00Z'); // tomorrow: what is current is judged again
      const tomorrow = await c.print.booklet(at, { stage: 'youth' }, { lang: 'ko' });
      expect(tomorrow.pdf).not.toBe(first.pdf);
      expect(text(save(tomorrow.pdf, 'booklet-youth-tomorrow'), 1)).toMatch(/우리 아이 지원 안내/);
      // a cancelled call is cancelled, even for a booklet already made
      const ac = new AbortController();
      ac.abort();
      await expect(c.print.booklet(at, { stage: 'youth' }, { lang: 'ko' }, { signal: ac.signal })).rejects.toMatchObject({ body: { code: 'cancelled' } });
    } finally {
      await c.close();
    }
  }, 180_000);
});

describe('the finder’s personal summary', () => {
  it('says what was ticked in "이 중에 해당하는 것이 있나요?" (in the reader’s language), "해당하는 것이 없어요" when nothing was, and nothing when it was not answered', async () => {
    const child = { applicant: { role: 'parent' as const }, children: [{ age_months: 26, hospitalized: false }] };
    const ko = await core.print.summary(cat, { ...child, household: { multicultural: true, disability: false } }, { lang: 'ko' });
    expect(ko.html).toContain('<p class="ticked">고르신 것: 다문화가족</p>');
    // ticked, the multicultural programs are among what can be got, unlabelled
    expect(ko.html).toMatch(/받을 수 있어요[\s\S]*이중언어[\s\S]*확인이 필요해요/);
    expect(ko.html).not.toMatch(/다문화가족이라면/);
    const vi = await core.print.summary(cat, { ...child, household: { multicultural: true, disability: true } }, { lang: 'vi' });
    expect(vi.html).toContain('<p class="ticked">Bạn đã chọn: gia đình đa văn hóa · gia đình có người khuyết tật</p>');
    const none = await core.print.summary(cat, { ...child, household: { multicultural: false, disability: false } }, { lang: 'ko' });
    expect(none.html).toContain('<p class="ticked">고르신 것: 해당하는 것이 없어요</p>');
    expect((await core.print.summary(cat, { ...child, children: [{ age_months: 26 }] }, { lang: 'ko' })).html).not.toContain('class="ticked"');
  });
});
