/**
 * Print HTML → PDF in Chromium (playwright-core, Debian's /usr/bin/chromium or CHROMIUM_PATH).
 * The document is served to the page from memory under PRINT_ORIGIN (with the shipped fonts
 * from the app's resources): nothing printable is written to disk, and the page can reach
 * nothing else (every other request is refused).
 */
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { PRINT_ORIGIN } from './sheet.js';
import { LOAD_TIMEOUT_MS, PAGE_WIDTH_PX, pageScript, pdfChromiumPath } from './pages.js';
import { printRoute } from './print-origin.node.js';
import { oneAtATime } from './one-at-a-time.js';
import { throwIfCancelled } from '../contract/result.js';
import type { PageEvaluate, PdfJob, PdfMaker } from '../env.node.js';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** Headless Chromium as this machine runs it (also used by the journey tests and benchmarks). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: pdfChromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

export { PAGE_CONTENT_PX, PAGE_WIDTH_PX, pdfPageCount } from './pages.js';




/**
 * Renders PDFs in one page kept open per browser, so fonts already loaded stay warm between jobs.
 * `owned`: the browser is this renderer's (launched for it), closed with it.
 */
export class PdfRenderer implements PdfMaker {
  private page: Promise<Page> | undefined;
  private html = '';
  constructor(
    private readonly browser: Browser,
    private readonly fontsDir: string,
    private readonly owned = false,
  ) {}

  async close(): Promise<void> {
    if (this.owned) await this.browser.close();
  }

  private openPage(): Promise<Page> {
    return (this.page ??= (async () => {
      const page = await this.browser.newPage({ viewport: { width: Math.round(PAGE_WIDTH_PX), height: 1100 } });
      await page.emulateMedia({ media: 'print' });
      await page.route('**/*', (route) => this.serve(route));
      return page;
    })());
  }

  private async serve(route: Route): Promise<void> {
    const to = printRoute(this.fontsDir, route.request().url());
    if (to.kind === 'refused') return route.abort('blockedbyclient');
    if (to.kind === 'document') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: this.html });
    if (to.kind === 'not_found') return route.fulfill({ status: 404, body: '' });
    try {
      return await route.fulfill({ status: 200, contentType: to.type, body: await readFile(to.file) });
    } catch {
      return route.fulfill({ status: 404, body: '' });
    }
  }

  /** One job at a time on the page (a booklet measures the page it prints). */
  readonly render: (job: PdfJob) => Promise<Buffer> = oneAtATime(async (job: PdfJob) => {
    throwIfCancelled(job.signal, 'the print');
    const page = await this.openPage();
    this.html = job.html;
    // 'load' waits for the font stylesheets; laying the page out then starts the loads of the
    // font files its text needs, and fonts.ready waits for them (without this, a print could
    // race the web font and come out in a system font).
    // A booklet of a whole stage is a large document: on a busy two-core kiosk its load has
    // taken over Playwright's default 30 s. A print that is wanted is waited for (its caller
    // can cancel); only one that is stuck is given up, after two minutes.
    await page.goto(`${PRINT_ORIGIN}/`, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    await page.evaluate(async () => {
      document.body.getBoundingClientRect();
      await document.fonts.ready;
    });
    throwIfCancelled(job.signal, 'the print');
    const evaluate: PageEvaluate = (fn, arg) => page.evaluate(pageScript(fn, arg));
    if (job.prepare) await job.prepare(evaluate);
    throwIfCancelled(job.signal, 'the print');
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    this.html = '';
    return pdf;
  });
}
