/**
 * The kiosk's settings file reaches the screen (the built web host, Chromium): a kiosk at a
 * Vietnamese community centre set to start every session in Vietnamese with a one-minute idle
 * time starts in Vietnamese, warns after a minute without a touch, and after the reset starts in
 * Vietnamese again — a person who switched to Korean leaves no trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, freshDir } from '../env.node.js';
import type { Page } from 'playwright-core';
import { openKiosk, PORTRAIT, startKiosk, tap, type Kiosk } from './harness.js';

const VI_TITLE = (JSON.parse(readFileSync(join(ROOT, 'core/contract/locales/vi.json'), 'utf8')) as { app: { title: string } }).app.title;

/** In the page, before the kiosk's script: notes the language and the title of the home screen the moment it is first drawn. */
function watchFirstHome() {
  const w = window as unknown as { firstHome?: { lang: string; title: string } };
  new MutationObserver((_, observer) => {
    const h1 = document.querySelector('main[data-screen="home"] h1');
    if (!h1 || w.firstHome) return;
    w.firstHome = { lang: document.documentElement.lang, title: (h1 as HTMLElement).innerText };
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

let k: Kiosk;
beforeAll(async () => {
  const dataDir = freshDir('kiosk-settings-');
  writeFileSync(join(dataDir, 'kiosk.json'), JSON.stringify({ profile: 'kiosk', language: 'vi', idleSeconds: 60 }));
  k = await startKiosk({ dataDir });
}, 60_000);
afterAll(async () => {
  await k?.close();
});

/** The kiosk's calls and what the browser reports about its page (a CSP violation would be among them), from before it opens. */
function watchPage(): { calls: string[]; reports: string[]; before: (page: Page) => Promise<void> } {
  const calls: string[] = [];
  const reports: string[] = [];
  return {
    calls,
    reports,
    before: async (page) => {
      page.on('request', (r) => void (new URL(r.url()).pathname.startsWith('/api/') && calls.push(new URL(r.url()).pathname)));
      page.on('console', (m) => void (m.type() !== 'log' && reports.push(m.text())));
      page.on('pageerror', (e) => void reports.push(e.message));
    },
  };
}

describe('DATA/kiosk.json on the screen', () => {
  it('every session starts in the configured language; the idle warning comes after the configured time', async () => {
    // the settings come in the page the host serves: the first screen is drawn without asking for them, within the page's CSP
    const watched = watchPage();
    const page = await openKiosk(k, PORTRAIT, { clock: true, init: watchFirstHome, before: watched.before });
    // the very first screen drawn is already in Vietnamese: never Korean for a moment while the settings come
    await expect.poll(() => page.evaluate(() => (window as unknown as { firstHome?: unknown }).firstHome)).toEqual({ lang: 'vi', title: VI_TITLE });
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(watched.calls).not.toContain('/api/settings');
    expect(watched.reports).toEqual([]);
    await expect.poll(() => page.locator('[data-tool="lang"]').innerText()).toContain('Tiếng Việt');
    await tap(page, '[data-tool="lang"]');
    await tap(page, '[data-lang="ko"]');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ko');
    await page.clock.runFor(50_000);
    expect(await page.locator('[role="alertdialog"]').count(), 'not before the minute').toBe(0);
    await page.clock.runFor(11_000);
    await page.locator('[role="alertdialog"]').waitFor();
    await page.clock.runFor(31_000);
    await page.locator('main[data-screen="home"]').waitFor();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
    await page.context().close();
  });

  it('a page without the settings in it (the Electron shell serves none) asks for them, and starts just the same', async () => {
    const watched = watchPage();
    const stripped = async (page: Page) => {
      await watched.before(page);
      // the first address (the token's), whose redirect to / the fetch follows (Playwright routes only a redirect's first request)
      await page.route((url) => url.searchParams.has('token'), async (route) => {
        const res = await route.fetch();
        const html = await res.text();
        expect(html).toContain('id="kiosk-settings"');
        await route.fulfill({ response: res, body: html.replace(/<script type="application\/json" id="kiosk-settings">[^<]*<\/script>/, '') });
      });
    };
    const page = await openKiosk(k, PORTRAIT, { clock: true, init: watchFirstHome, before: stripped });
    await expect.poll(() => page.evaluate(() => (window as unknown as { firstHome?: unknown }).firstHome)).toEqual({ lang: 'vi', title: VI_TITLE });
    expect(watched.calls.filter((c) => c === '/api/settings')).toHaveLength(1);
    await page.clock.runFor(50_000);
    expect(await page.locator('[role="alertdialog"]').count(), 'not before the minute').toBe(0);
    await page.clock.runFor(11_000);
    await page.locator('[role="alertdialog"]').waitFor();
    await page.context().close();
  });
});
