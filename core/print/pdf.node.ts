/**
 * Print HTML → PDF in Chromium (playwright-core, Debian's /usr/bin/chromium or CHROMIUM_PATH).
 * The page is written to a temporary file so the shipped font files load from node_modules.
 */
import { chromium, type Browser } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PAGE_MARGIN_MM } from './sheet.js';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** Headless Chromium as this machine runs it (also used by the journey tests and benchmarks). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}
export const launchPrinter = launchChromium;

/** A4 at 96 CSS px per inch, less the page margins: the height one page holds. */
export const PAGE_CONTENT_PX = ((297 - 2 * PAGE_MARGIN_MM) / 25.4) * 96;
export const PAGE_WIDTH_PX = ((210 - 2 * PAGE_MARGIN_MM) / 25.4) * 96;

export interface PrintJob {
  html: string;
  /** called with the page before printing: e.g. to measure and fill in a table of contents */
  prepare?: (page: import('playwright-core').Page) => Promise<void>;
}

const pages = new WeakMap<Browser, import('playwright-core').Page>();

/** Renders in one page kept open per browser, so fonts already loaded stay warm between jobs. */
export async function renderPdf(browser: Browser, job: PrintJob): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'print-'));
  const file = join(dir, 'print.html');
  writeFileSync(file, job.html);
  let page = pages.get(browser);
  if (!page || page.isClosed()) {
    page = await browser.newPage({ viewport: { width: Math.round(PAGE_WIDTH_PX), height: 1100 } });
    await page.emulateMedia({ media: 'print' });
    pages.set(browser, page);
  }
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'domcontentloaded' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    if (job.prepare) await job.prepare(page);
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Counts the pages of a PDF Chromium wrote (its page objects). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}
