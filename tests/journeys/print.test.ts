/** Printing from the kiosk UI: react-to-print gets the sheet; the web host renders PDFs in Chromium. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiCall, openKiosk, shot, startBuiltHost, startKiosk, tap, LANDSCAPE, PORTRAIT, type Kiosk } from './harness.js';

let k: Kiosk;
beforeAll(async () => {
  k = await startKiosk();
}, 60_000);
afterAll(async () => k?.close());
const tmp = mkdtempSync(join(tmpdir(), 'ui-pdf-'));

describe('printing from the kiosk', () => {
  it('a policy page prints its sheet (react-to-print), previews it in the app without opening a tab, and its PDF comes from the host', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-stage="infant"]');
    await tap(page, '[data-entry="gj-grandparent-caregiver"]');
    await page.locator('article.entry h1').waitFor();
    await tap(page, '[data-print="large"]');
    await expect.poll(() => page.locator('.print-root').innerHTML()).toMatch(/class="sheet large"/);
    expect(await page.locator('.print-root h1').innerText()).toBe('손자녀 돌보미 지원');
    // the preview: in the app, with 인쇄 and 닫기; no browser tab opens
    await tap(page, '[data-print="preview"]');
    const dialog = page.locator('[role="dialog"][data-preview="html"]');
    await dialog.waitFor();
    const sheet = page.frameLocator('.preview-frame');
    await expect.poll(() => sheet.locator('h1').innerText()).toBe('손자녀 돌보미 지원');
    expect(await sheet.locator('.phone').first().innerText()).toMatch(/\d{2,3}-\d{3,4}-\d{4}/);
    await shot(page, 'print-preview-portrait', false);
    expect(page.context().pages()).toHaveLength(1);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await tap(page, '[data-print="preview"]');
    await dialog.waitFor();
    await tap(page, '[data-preview-action="close"]');
    await dialog.waitFor({ state: 'detached' });
    // 인쇄 in the preview prints what it shows: the sheet in its type, or in large type once asked
    await tap(page, '[data-print="preview"]');
    await dialog.waitFor();
    expect(await page.locator('[data-preview-action="large"]').getAttribute('aria-pressed')).toBe('false');
    await tap(page, '[data-preview-action="print"]');
    await expect.poll(() => page.locator('.print-root').innerHTML()).toMatch(/class="sheet"/);
    await tap(page, '[data-preview-action="large"]');
    await expect.poll(() => sheet.locator('section.sheet').getAttribute('class')).toBe('sheet large');
    expect(await page.locator('[data-preview-action="large"]').getAttribute('aria-pressed')).toBe('true');
    await shot(page, 'print-preview-large-portrait', false);
    await tap(page, '[data-preview-action="print"]');
    await expect.poll(() => page.locator('.print-root').innerHTML()).toMatch(/class="sheet large"/);
    await tap(page, '[data-preview-action="close"]');
    await dialog.waitFor({ state: 'detached' });
    // the same sheet as a PDF, from the host's stable URL (scripts and counsellors use it)
    const url = new URL('/print/sheet/gj-grandparent-caregiver.pdf?lang=ko', k.host.url).href;
    const res = await page.request.get(url);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const f = join(tmp, 'sheet.pdf');
    writeFileSync(f, await res.body());
    expect(execFileSync('pdfinfo', [f], { encoding: 'utf8' })).toMatch(/A4/);
    expect(execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' })).toMatch(/손자녀 돌보미 지원/);
    // without the launch token's cookie, no PDF
    expect((await fetch(url)).status).toBe(401);
    expect(page.context().pages()).toHaveLength(1);
    await page.context().close();
  });

  it('in the kiosk app (printing direct), 안내지 인쇄 prints straight to the printer with no dialog and says so; a printer that refuses says to tell staff', async () => {
    // The Electron shell's part, which cannot run here, is played by the test: its settings say
    // printing: direct, and its printOut (tested in main/ under a stand-in electron) takes the job.
    // Everything else is the built web host's.
    const page = await openKiosk(k, PORTRAIT);
    const jobs: { html: string; css: string; title: string; lang: string }[] = [];
    let refuse = false;
    await page.route('**/api/printOut', async (route) => {
      jobs.push(route.request().postDataJSON() as (typeof jobs)[number]);
      if (refuse) return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'unavailable', message: 'the printer did not take the page: no paper' } }) });
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: { printer: 'Kiosk_Printer' } }) });
    });
    // the shell's settings: the page the host serves carries them (the UI asks /api/settings only when it does not)
    let carried = 0;
    await page.route('**/*', async (route) => {
      if (route.request().resourceType() !== 'document') return route.fallback();
      const res = await route.fetch();
      const html = (await res.text()).replace(/(<script type="application\/json" id="kiosk-settings">)([^<]*)(<\/script>)/, (_, open: string, json: string, close: string) => {
        carried++;
        return `${open}${JSON.stringify({ ...(JSON.parse(json) as object), printing: 'direct' }).replace(/</g, '\\u003c')}${close}`;
      });
      return route.fulfill({ response: res, body: html });
    });
    await page.route('**/api/settings', async (route) => {
      const real = (await (await route.fetch()).json()) as { value: object };
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: { ...real.value, printing: 'direct' } }) });
    });
    await page.reload();
    expect(carried, 'the page carries the settings').toBe(1);
    await tap(page, '[data-stage="infant"]');
    await tap(page, '[data-entry="gj-grandparent-caregiver"]');
    await page.locator('article.entry h1').waitFor();
    await tap(page, '[data-print="sheet"]');
    await expect.poll(() => page.locator('[data-printed="yes"]').innerText()).toMatch(/인쇄했어요/);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ title: 'gj-grandparent-caregiver', lang: 'ko' });
    expect(jobs[0]!.html).toMatch(/손자녀 돌보미 지원/);
    expect(jobs[0]!.css).toMatch(/@page/);
    // no dialog: react-to-print never made its frame, and nothing is waiting in the page's print root
    expect(await page.locator('iframe#printWindow').count()).toBe(0);
    expect(await page.locator('.print-root').innerHTML()).toBe('');
    await shot(page, 'print-direct-done', false);
    refuse = true;
    await tap(page, '[data-print="large"]');
    await expect.poll(() => page.locator('[data-error="printer"]').innerText()).toMatch(/직원에게 알려 주시거나 1279/);
    expect(jobs).toHaveLength(2);
    expect(jobs[1]!.html).toMatch(/class="sheet large"/);
    expect(await page.locator('[data-printed="yes"]').count()).toBe(0);
    await page.context().close();
  });

  it('a life-stage booklet shows its progress, then opens in an in-app preview as a PDF', async () => {
    const page = await openKiosk(k, LANDSCAPE);
    await tap(page, '[data-stage="youth"]');
    await tap(page, '[data-print="booklet"]');
    await page.locator('[data-print="booklet-ready"]').waitFor({ timeout: 60_000 });
    await shot(page, 'booklet-ready');
    const pdf = page.waitForResponse((r) => r.url().includes('/print/jobs/'));
    await tap(page, '[data-print="booklet-ready"]');
    await page.locator('[role="dialog"][data-preview="pdf"]').waitFor();
    const res = await pdf;
    // the host answered the frame with the booklet's PDF (Chromium's viewer shows it in the frame;
    // its pages and contents are checked in host.test.ts, where the PDF is read back)
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    await page.waitForTimeout(3000); // the viewer draws the first page (a screenshot to look at)
    await shot(page, 'booklet-preview', false);
    expect(page.context().pages()).toHaveLength(1);
    await tap(page, '[data-preview-action="close"]');
    await page.locator('[role="dialog"]').waitFor({ state: 'detached' });
    await page.context().close();
  }, 90_000);

  it('npm start\'s host (--warm-printer) starts its printer a few seconds after its core, before anything is printed, and the first booklet is made by that printer; a host without it starts none until the first print', async () => {
    // the host's log lines so far (the last one may still be arriving: only whole lines)
    const events = (log: string) => log.split('\n').slice(0, -1).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { event?: string });
    const cold = await startBuiltHost({ dataDir: mkdtempSync(join(tmpdir(), 'kiosk-cold-')) });
    const warm = await startBuiltHost({ dataDir: mkdtempSync(join(tmpdir(), 'kiosk-warm-')), args: ['--warm-printer'] });
    try {
      for (const h of [cold, warm]) expect((await apiCall(h, 'info', {})).body.ok).toBe(true);
      await expect.poll(() => events(warm.log()).map((e) => e.event), { timeout: 30_000 }).toContain('printer.warmed');
      expect(events(warm.log()).filter((e) => e.event === 'printer.started')).toHaveLength(1);
      // the same seconds on the host without it: no printer yet
      expect(events(cold.log()).map((e) => e.event)).not.toContain('printer.started');
      const made = await apiCall(warm, 'booklet', { stage: 'youth' });
      expect(made.body.ok, JSON.stringify(made.body)).toBe(true);
      expect((made.body as { value: { pages: number } }).value.pages).toBeGreaterThan(10);
      expect(events(warm.log()).filter((e) => e.event === 'printer.started')).toHaveLength(1); // no second Chromium
      expect(events(warm.log()).map((e) => e.event)).not.toContain('printer.warm_failed');
    } finally {
      await Promise.all([cold.close(), warm.close()]);
    }
    // closed: nothing was logged as failing on the way out
    expect(events(warm.log()).filter((e) => /failed/.test(e.event ?? ''))).toEqual([]);
  }, 90_000);
});
