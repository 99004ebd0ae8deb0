/**
 * The kiosk's settings file reaches the screen (the built web host, Chromium): a kiosk at a
 * Vietnamese community centre set to start every session in Vietnamese with a one-minute idle
 * time starts in Vietnamese, warns after a minute without a touch, and after the reset starts in
 * Vietnamese again — a person who switched to Korean leaves no trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshDir } from '../env.node.js';
import { openKiosk, PORTRAIT, startKiosk, tap, type Kiosk } from './harness.js';

let k: Kiosk;
beforeAll(async () => {
  const dataDir = freshDir('kiosk-settings-');
  writeFileSync(join(dataDir, 'kiosk.json'), JSON.stringify({ profile: 'kiosk', language: 'vi', idleSeconds: 60 }));
  k = await startKiosk({ dataDir });
}, 60_000);
afterAll(async () => {
  await k?.close();
});

describe('DATA/kiosk.json on the screen', () => {
  it('every session starts in the configured language; the idle warning comes after the configured time', async () => {
    const page = await openKiosk(k, PORTRAIT, { clock: true });
    // (the first screen may be drawn with the defaults a moment before the settings come: the session then starts again in Vietnamese)
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
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
});
