/**
 * Journey tests run the real kiosk: the web host on 127.0.0.1 (real SQLite catalogue in a
 * fresh data folder) and Debian's Chromium driven by playwright-core.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../core/print/pdf.node.js';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost, type WebHost, type WebHostOptions } from '../../core/host/web.node.js';

export const SCREENS_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1366, height: 768 };

export interface Kiosk {
  host: WebHost;
  browser: Browser;
  close: () => Promise<void>;
}

export async function startKiosk(opts: Omit<WebHostOptions, 'dataDir'> & { dataDir?: string } = {}): Promise<Kiosk> {
  const host = await startWebHost({ dataDir: opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-data-')), ...opts });
  await host.ready;
  const browser = await launchChromium();
  mkdirSync(SCREENS_DIR, { recursive: true });
  return { host, browser, close: async () => (await browser.close(), await host.close()) };
}

export async function openKiosk(k: Kiosk, viewport = LANDSCAPE, opts: { clock?: boolean } = {}): Promise<Page> {
  const ctx = await k.browser.newContext({ viewport, locale: 'ko-KR', reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  if (opts.clock) await page.clock.install();
  await page.goto(k.host.url);
  await page.locator('main[data-screen="home"] h1').waitFor();
  return page;
}

export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  // Result lists skip rendering what is off screen (content-visibility: auto), and Chromium's
  // full-page capture does not bring it on screen: render it all, as someone scrolling would see it.
  const all = fullPage ? await page.addStyleTag({ content: '* { content-visibility: visible !important; }' }) : null;
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage });
  await all?.evaluate((tag) => (tag as Element).remove());
}

const AXE = readFileSync(join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** axe-core in the page; in the high-contrast theme the AAA contrast rule (7:1) is on too. */
export async function axe(page: Page, aaa: boolean): Promise<{ id: string; nodes: string[] }[]> {
  // Evaluated through the DevTools protocol: the page's strict CSP (no inline scripts) stays on.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async (enhanced) => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { rules: { 'color-contrast-enhanced': { enabled: enhanced } } });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  }, aaa);
}

export const tap = async (page: Page, selector: string) => page.locator(selector).first().click();
export async function goHome(page: Page) {
  await tap(page, '[data-tool="home"]');
  await page.locator('main[data-screen="home"]').waitFor();
}
