/**
 * On a public holiday the built kiosk knows it from the calendar the catalogue ships — no
 * --holidays given: on 추석 2026 (Friday 25 September) a toy library open Monday to Saturday
 * but closed on public holidays is shown closed, with the holiday's name, in Korean and in
 * English; its page says it too; the status view says until when the calendar is known.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANDSCAPE, PORTRAIT, apiCall, chooseLanguage, openKiosk, shot, startKiosk, tap, type Kiosk } from './harness.js';

const TOY = 'fac-namgu-toy-library-aisarang';
const row = `.facility-list [data-facility="${TOY}"]`;

let k: Kiosk;
beforeAll(async () => {
  // a kiosk in 남구 on 추석 morning (KST), configured with no holidays at all
  k = await startKiosk({ args: ['--location', '남구'], now: '2026-09-25T10:30:00+09:00' });
}, 60_000);
afterAll(async () => k?.close());

describe('public holidays from the shipped calendar', () => {
  it('on 추석 a facility closed on holidays is shown closed, by the holiday’s name, in Korean and in English', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-action="facilities"]');
    await page.locator(row).waitFor();
    expect(await page.locator(row).getAttribute('data-open')).toBe('false');
    const ko = await page.locator(row).innerText();
    expect(ko).toContain('오늘은 쉬어요');
    expect(ko).toContain('오늘은 공휴일(추석)이라 쉬어요');
    expect(ko).not.toContain('지금은 닫혔어요');
    await page.locator(row).scrollIntoViewIfNeeded();
    await shot(page, 'holidays-chuseok-facilities-ko', false);
    // "지금 연 곳만" leaves it out
    await tap(page, '[data-filter="open-now"]');
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.facility-list [data-facility]')).every((b) => b.getAttribute('data-open') === 'true'));
    expect(await page.locator(row).count()).toBe(0);
    await tap(page, '[data-filter="open-now"]');
    await page.locator(row).waitFor();
    // its page
    await tap(page, row);
    await page.locator('.holiday-today').waitFor();
    expect(await page.locator('.holiday-today').innerText()).toBe('오늘은 공휴일(추석)이라 쉬어요');
    expect(await page.locator('.holiday-today').getAttribute('data-holiday')).toBe('closed');
    await shot(page, 'holidays-chuseok-entry-ko');
    // in English: the team's translation with the Korean name beside it
    await chooseLanguage(page, 'en');
    await expect.poll(() => page.locator('.holiday-today').innerText()).toBe('Closed today for a public holiday: Chuseok harvest festival (추석)');
    await tap(page, '[data-tool="back"]');
    await page.locator(row).waitFor();
    const en = await page.locator(row).innerText();
    expect(en).toContain('Closed today');
    expect(en).toContain('Closed today for a public holiday: Chuseok harvest festival (추석)');
    await page.locator(row).scrollIntoViewIfNeeded();
    await shot(page, 'holidays-chuseok-facilities-en', false);
    await page.context().close();
  });

  it('the API answers the same, and the status view says until when the calendar is known', async () => {
    const r = await apiCall(k.host, 'facilities', { openNow: false, lang: 'ko', limit: 50 });
    const item = (r.body.value as { items: { id: string; open: boolean; holidayName: { text: string } | null; holidayClosed: boolean }[] }).items.find((i) => i.id === TOY)!;
    expect(item).toMatchObject({ open: false, holidayClosed: true, holidayName: { text: '추석' } });
    const info = await apiCall(k.host, 'info', {});
    expect((info.body.value as { holidays: unknown }).holidays).toEqual({ knownUntil: '2027-12-31', days: 46, ended: false });
    const page = await openKiosk(k, LANDSCAPE);
    await tap(page, '[data-action="centre"]');
    await tap(page, '[data-action="status"]');
    await page.locator('[data-status="holidays"]').waitFor();
    expect(await page.locator('[data-status="holidays"]').innerText()).toBe('공휴일 달력: 2027년 12월 31일까지');
    await shot(page, 'holidays-status-ko', false);
    await page.context().close();
  });
});
