/** Printing from the kiosk UI: react-to-print gets the sheet; the web host renders PDFs in Chromium. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKiosk, shot, startKiosk, tap, LANDSCAPE, type Kiosk } from './harness.js';

let k: Kiosk;
beforeAll(async () => {
  k = await startKiosk();
}, 60_000);
afterAll(async () => k?.close());
const tmp = mkdtempSync(join(tmpdir(), 'ui-pdf-'));

describe('printing from the kiosk', () => {
  it('a policy page prints its sheet (react-to-print) and saves it as a PDF rendered by Chromium', async () => {
    const page = await openKiosk(k, LANDSCAPE);
    await tap(page, '[data-stage="infant"]');
    await tap(page, '[data-entry="gj-grandparent-caregiver"]');
    await page.locator('article.entry h1').waitFor();
    await tap(page, '[data-print="large"]');
    await expect.poll(() => page.locator('.print-root').innerHTML()).toMatch(/class="sheet large"/);
    expect(await page.locator('.print-root h1').innerText()).toBe('손자녀 돌보미 지원');
    const href = await page.locator('[data-print="pdf"]').getAttribute('href');
    const res = await page.request.get(new URL(href!, k.host.url).href);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const f = join(tmp, 'sheet.pdf');
    writeFileSync(f, await res.body());
    expect(execFileSync('pdfinfo', [f], { encoding: 'utf8' })).toMatch(/A4/);
    expect(execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' })).toMatch(/손자녀 돌보미 지원/);
    // without the launch token's cookie, no PDF
    expect((await fetch(new URL(href!, k.host.url).href)).status).toBe(401);
    await page.context().close();
  });

  it('a life-stage booklet shows its progress and arrives as a PDF', async () => {
    const page = await openKiosk(k, LANDSCAPE);
    await tap(page, '[data-stage="youth"]');
    await tap(page, '[data-print="booklet"]');
    await page.locator('[data-print="booklet-ready"]').waitFor({ timeout: 60_000 });
    await shot(page, 'booklet-ready');
    const res = await page.request.get(new URL((await page.locator('[data-print="booklet-ready"]').getAttribute('href'))!, k.host.url).href);
    const f = join(tmp, 'booklet.pdf');
    writeFileSync(f, await res.body());
    const pages = Number(execFileSync('pdfinfo', [f], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)![1]);
    expect(pages).toBeGreaterThan(4);
    expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', f, '-'], { encoding: 'utf8' })).toMatch(/청년·일생활/);
    await page.context().close();
  }, 90_000);
});
