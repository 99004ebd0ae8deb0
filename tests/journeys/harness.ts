/**
 * Journey tests run what ships: the built web host (dist/node/web-host.mjs, started as
 * `npm run start:web` starts it, as a child process, on a fresh data folder) and Debian's
 * Chromium driven by playwright-core. Nothing here imports the host's source.
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../core/print/pdf.node.js';
import { ROOT } from '../env.node.js';

export const SCREENS_DIR = join(ROOT, 'test-results', 'screens');
export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1366, height: 768 };
/** a portrait 1080×1920 kiosk whose screen is scaled to 150 % (open it with `zoom: 1.5`) */
export const PORTRAIT_150 = { width: 720, height: 1280 };
export const BUILT_HOST = join(ROOT, 'dist', 'node', 'web-host.mjs');

export interface BuiltHost {
  url: string;
  port: number;
  token: string;
  dataDir: string;
  /** what the host has written to its log (standard error) so far: one JSON object per line */
  log: () => string;
  process: ChildProcess;
  close: () => Promise<void>;
}

/** Starts the built web host and waits for its URL line; `now` pins its clock (AICHINGU_NOW). */
export async function startBuiltHost(o: { dataDir?: string; args?: string[]; now?: string; env?: Record<string, string> } = {}): Promise<BuiltHost> {
  if (!existsSync(BUILT_HOST)) throw new Error(`the web host is not built (${BUILT_HOST}); run: npm run build`);
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-data-'));
  const child = spawn(process.execPath, [BUILT_HOST, '--data', dataDir, ...(o.args ?? [])], {
    cwd: ROOT,
    // no background sync in journeys (a test that wants it says so in `env`): a kiosk whose hub is set would look for updates a minute after start
    env: { ...process.env, AICHINGU_SYNC_MINUTES: '0', ...(o.now ? { AICHINGU_NOW: o.now } : {}), ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web host did not print its URL in 20 s; it said: ${err}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the web host exited with code ${code}: ${err}`));
    });
  });
  const u = new URL(url);
  return {
    url,
    port: Number(u.port),
    token: u.searchParams.get('token')!,
    dataDir,
    log: () => err,
    process: child,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A call to the host's API as a script would make it (the token as a cookie): the status and the result envelope. */
export async function apiCall(host: BuiltHost, method: string, input: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(new URL(`/api/${method}`, host.url), { method: 'POST', headers: { 'content-type': 'application/json', cookie: `kiosk_token=${host.token}`, ...headers }, body: JSON.stringify(input) });
  return { status: r.status, body: (await r.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string; requestId?: string } } };
}

export interface Kiosk {
  host: BuiltHost;
  browser: Browser;
  close: () => Promise<void>;
}

export async function startKiosk(o: Parameters<typeof startBuiltHost>[0] = {}): Promise<Kiosk> {
  const host = await startBuiltHost(o);
  const info = await apiCall(host, 'info', {}); // answers once the core is up
  if (!info.body.ok) throw new Error(`the kiosk's core did not start: ${JSON.stringify(info.body)}\n${host.log()}`);
  const browser = await launchChromium();
  mkdirSync(SCREENS_DIR, { recursive: true });
  return { host, browser, close: async () => (await browser.close(), await host.close()) };
}

/**
 * `init`: a script run in the page before the kiosk's own (page.addInitScript), e.g. to watch the
 * first screen being drawn; `before`: done with the page before it opens the kiosk (listen to its
 * requests, route them); `zoom`: a browser zoomed in (1.5: a 1366×768 screen at 150 % is a
 * viewport of 911×512 CSS px, each drawn 1.5 device pixels wide — pass that viewport).
 */
export async function openKiosk(k: Kiosk, viewport = LANDSCAPE, opts: { clock?: boolean; init?: () => void; before?: (page: Page) => Promise<void>; zoom?: number } = {}): Promise<Page> {
  // `zoom`: the screen's own scaling, or the browser's zoom (a 1080×1920 kiosk at 150 % is a 720×1280 viewport at 1.5)
  const ctx = await k.browser.newContext({ viewport, locale: 'ko-KR', reducedMotion: 'reduce', ...(opts.zoom ? { deviceScaleFactor: opts.zoom } : {}) });
  // Waits (for an element, a click, a navigation) up to a minute, not Playwright's 30 s: on a
  // two-core CI machine running two test files, each with its hosts, hubs and Chromium, a screen
  // has taken longer than 30 s to appear. A wait is not a performance target (the benchmarks are).
  ctx.setDefaultTimeout(60_000);
  const page = await ctx.newPage();
  if (opts.clock) await page.clock.install();
  if (opts.init) await page.addInitScript(opts.init);
  await opts.before?.(page);
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

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

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

/**
 * Problems with elements that must be wholly in the window below the toolbar and not under
 * anything else (the keyboard, the toolbar, a bar stuck to the bottom): a finger lands on their
 * centre and near their top and bottom edges. Unless `scrolled`, with the page not scrolled (as
 * the screen opens). An empty list: all in view.
 */
export const notInView = (page: Page, selector: string, scrolled = false) =>
  page.evaluate(
    ([s, scrolled]) => {
      const out: string[] = [];
      const els = Array.from(document.querySelectorAll<HTMLElement>(s));
      if (!els.length) return [`nothing matches ${s}`];
      const toolbar = document.querySelector('.toolbar')!.getBoundingClientRect().bottom;
      for (const el of els) {
        const r = el.getBoundingClientRect();
        const name = `${el.getAttribute('data-finder') ?? el.getAttribute('data-answer') ?? s} "${el.innerText.split('\n')[0]!.slice(0, 20)}"`;
        if (r.top < toolbar - 0.5 || r.bottom > window.innerHeight + 0.5 || r.left < 0 || r.right > window.innerWidth + 0.5)
          out.push(`${name} is at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}: outside the window below the toolbar (${window.innerWidth}×${window.innerHeight}, toolbar to ${Math.round(toolbar)})`);
        else
          for (const y of [(r.top + r.bottom) / 2, r.top + 8, r.bottom - 8]) {
            const hit = document.elementFromPoint((r.left + r.right) / 2, y);
            if (!hit || !(el === hit || el.contains(hit))) out.push(`${name} is covered at y ${Math.round(y)} by ${hit?.tagName.toLowerCase()}.${hit?.className}`);
          }
      }
      if (!scrolled && window.scrollY !== 0) out.push(`the page was scrolled by ${window.scrollY} px`);
      return out;
    },
    [selector, scrolled] as const,
  );

export const tap = async (page: Page, selector: string) => page.locator(selector).first().click();
/** The toolbar's language menu, as a reader picks her language; waits for the page to be in it. */
export async function chooseLanguage(page: Page, lang: string) {
  await tap(page, '[data-tool="lang"]');
  await tap(page, `[data-lang="${lang}"]`);
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
}
export async function goHome(page: Page) {
  await tap(page, '[data-tool="home"]');
  await page.locator('main[data-screen="home"]').waitFor();
}
