/**
 * When something fails, the person at the kiosk is told plainly and shown the way on — never
 * "no results" for a failure, never a blank screen. The real built host serves everything;
 * only the failure itself is injected (Playwright answers one request in its place).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKiosk, PORTRAIT, shot, startBuiltHost, startKiosk, tap, type Kiosk } from './harness.js';

let k: Kiosk;
beforeAll(async () => {
  k = await startKiosk();
}, 60_000);
afterAll(async () => k?.close());

const failWith = (page: Page, method: string, status: number, code: string) =>
  page.route(`**/api/${method}`, (route) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code, message: 'injected', requestId: 'test' } }) }));

async function typeWord(page: Page, keys: string[]) {
  for (const key of keys) await page.locator(`.keyboard button[aria-label="${key}"]`).click();
}

describe('failures a person can act on', () => {
  it('a search that fails says so and offers 다시 시도 — it is not shown as "no results"', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await failWith(page, 'search', 503, 'unavailable');
    await tap(page, '[data-action="search"]');
    await typeWord(page, ['ㄷ', 'ㅗ', 'ㄹ']);
    const failed = page.locator('[data-error="load"]');
    await failed.waitFor();
    expect(await failed.getAttribute('data-code')).toBe('unavailable');
    expect(await page.locator('[data-results]').count()).toBe(0);
    expect(await failed.innerText()).toMatch(/다시 시도/);
    await shot(page, 'failure-search-portrait');
    // the host answers again: 다시 시도 brings the results
    await page.unroute('**/api/search');
    await tap(page, '[data-retry]');
    await page.locator('[data-results]').waitFor();
    expect(Number(await page.locator('[data-results]').getAttribute('data-results'))).toBeGreaterThan(0);
    await page.context().close();
  });

  it('when the host itself is gone, a search says the connection dropped (a real stopped host, nothing injected)', async () => {
    const own = await startBuiltHost();
    const page = await k.browser.newPage({ viewport: PORTRAIT });
    await page.goto(own.url);
    await page.locator('main[data-screen="home"] h1').waitFor();
    await tap(page, '[data-action="search"]');
    await page.locator('.keyboard button[aria-label="ㄷ"]').waitFor(); // the search screen is loaded and drawn
    await own.close(); // the host process ends, as a crashed one would
    await typeWord(page, ['ㄷ', 'ㅗ', 'ㄹ']);
    const failed = page.locator('[data-error="load"]');
    await failed.waitFor();
    expect(await failed.getAttribute('data-code')).toBe('unavailable');
    expect(await failed.innerText()).toMatch(/연결이 잠시 끊겼어요/);
    await page.close();
  });

  it('a screen that cannot be drawn shows a plain message and 처음으로, and the kiosk goes on', async () => {
    const page = await openKiosk(k, PORTRAIT);
    // an answer the screen cannot draw (a policy page without its lists)
    await page.route('**/api/entry', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: { id: 'x', title: { text: 'x', lang: 'ko' } } }) }));
    await tap(page, '[data-stage="infant"]');
    await tap(page, '[data-entry="gj-grandparent-caregiver"]');
    const failed = page.locator('[data-error="render"]');
    await failed.waitFor();
    expect(await failed.innerText()).toMatch(/처음으로/);
    await shot(page, 'failure-render-portrait');
    await tap(page, '[data-failed="home"]');
    await page.locator('main[data-screen="home"] h1').waitFor();
    await page.unroute('**/api/entry');
    await tap(page, '[data-stage="infant"]');
    await tap(page, '[data-entry="gj-grandparent-caregiver"]');
    await page.locator('article.entry h1').waitFor();
    expect(await page.locator('article.entry h1').innerText()).toBe('손자녀 돌보미 지원');
    await page.context().close();
  });

  it('the idle reset still works while a screen that failed is shown: an unattended kiosk returns home by itself', async () => {
    const page = await openKiosk(k, PORTRAIT, { clock: true });
    await page.route('**/api/entry', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: { id: 'x', title: { text: 'x', lang: 'ko' } } }) }));
    await tap(page, '[data-stage="infant"]');
    await tap(page, '[data-entry="gj-grandparent-caregiver"]');
    await page.locator('[data-error="render"]').waitFor();
    await page.clock.runFor(121_000);
    await page.locator('[role="alertdialog"]').waitFor();
    await page.clock.runFor(31_000);
    await page.locator('main[data-screen="home"] h1').waitFor();
    expect(await page.locator('[data-error]').count()).toBe(0);
    await page.context().close();
  });

  it('a policy page that is not there says "not found", not a connection failure', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await failWith(page, 'entry', 404, 'not_found');
    await tap(page, '[data-stage="infant"]');
    await tap(page, '[data-entry="gj-grandparent-caregiver"]');
    const failed = page.locator('[data-error="load"]');
    await failed.waitFor();
    expect(await failed.getAttribute('data-code')).toBe('not_found');
    expect(await page.locator('[data-retry]').count()).toBe(0);
    await page.context().close();
  });
});
