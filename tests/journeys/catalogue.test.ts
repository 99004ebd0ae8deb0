/** The catalogue as families read it on the shipped kiosk: how old a figure is, and whose translation a text is. */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseLanguage, LANDSCAPE, PORTRAIT, openKiosk, shot, startKiosk, tap, type Kiosk } from './harness.js';

let k: Kiosk;
beforeAll(async () => {
  k = await startKiosk({ now: '2026-12-01T10:00:00+09:00' });
}, 60_000);
afterAll(async () => k?.close());

/** A life stage's list, in the reader's language. */
async function openStage(lang: 'ko' | 'vi', viewport: { width: number; height: number }, stage: string) {
  const page = await openKiosk(k, viewport);
  if (lang !== 'ko') await chooseLanguage(page, lang);
  await tap(page, `[data-stage="${stage}"]`);
  return page;
}

/** An entry of the list on `page`, opened. */
async function openListed(page: Page, id: string) {
  await tap(page, `[data-entry="${id}"]`);
  await page.locator('article.entry h1').waitFor();
}

async function openEntry(lang: 'ko' | 'vi', viewport: { width: number; height: number }, stage: string, id: string) {
  const page = await openStage(lang, viewport, stage);
  await openListed(page, id);
  return page;
}

describe('figures and translations on the policy page', () => {
  it('a figure from a year before last says it may have changed, with the number to call; this year’s says "2026년 기준" alone', async () => {
    const page = await openEntry('ko', LANDSCAPE, 'infant', 'home-care-allowance');
    const stale = page.locator('[data-stale]');
    expect(await stale.innerText()).toMatch(/^2024년 기준이라 바뀌었을 수 있어요 — 전화로 확인하세요\. \d{2,4}-\d{3,4}-\d{4}$/);
    await stale.scrollIntoViewIfNeeded();
    await shot(page, 'catalogue-stale-figure', false);
    await page.context().close();
    const current = await openEntry('ko', LANDSCAPE, 'infant', 'gj-grandparent-caregiver');
    expect(await current.locator('article.entry').innerText()).toMatch(/2026년 기준/);
    expect(await current.locator('[data-stale]').count()).toBe(0);
    await current.context().close();
  });

  it('a Vietnamese reader gets the page in Vietnamese, told it is the team’s translation, with the Korean official name beside it', async () => {
    const page = await openEntry('vi', PORTRAIT, 'infant', 'child-allowance');
    const article = page.locator('article.entry');
    expect(await page.locator('article.entry h1').getAttribute('lang')).toBe('vi');
    expect(await page.locator('[data-translated]').innerText()).toMatch(/không phải bản dịch chính thức/);
    expect(await page.locator('.official [lang="ko"]').innerText()).toMatch(/아동수당/);
    expect(await article.innerText()).toMatch(/năm 2026/);
    await shot(page, 'catalogue-vi-policy-page', false);
    await page.context().close();
  });

  it('in Vietnamese, a district program says its district as the filter chips do (Buk-gu, not 북구), and the age limit says "before turning 2"', async () => {
    const page = await openStage('vi', PORTRAIT, 'infant');
    await page.locator('main [data-entry] .badge').first().waitFor();
    const badges = await page.locator('main .badge').allInnerTexts();
    expect(badges.length).toBeGreaterThan(0);
    expect(badges.filter((b) => /[동서남북]구|광산구/.test(b))).toEqual([]);
    expect(badges.some((b) => /-gu$/.test(b))).toBe(true);
    // 기저귀·분유값: children under 2 (0–23 months)
    await openListed(page, 'low-income-diaper-formula');
    expect(await page.locator('article.entry').innerText()).toContain('1 tuổi (trước khi tròn 2 tuổi)');
    expect(await page.locator('article.entry').innerText()).not.toContain('(unknown)');
    // its history (the older income limit) is in Vietnamese too, so no "only in Korean" note
    expect(await page.locator('article.entry').innerText()).toContain('Đến tháng 6/2026, giới hạn thu nhập cho hộ có người khuyết tật và hộ đông con');
    expect(await page.locator('[data-only-korean="history"]').count()).toBe(0);
    // so are the remarks about its sources in the 출처 section: Vietnamese, without "(Phần này chỉ có bằng tiếng Hàn.)"
    const notes = page.locator('section.sources .source-notes');
    expect(await notes.getAttribute('lang')).toBe('vi');
    expect(await notes.innerText()).toMatch(/^Việc nới tiêu chuẩn thu nhập từ tháng 7 năm 2026 \(từ 80% lên 100% thu nhập trung vị\)/);
    expect(await notes.innerText()).not.toContain('chỉ có bằng tiếng Hàn');
    await page.context().close();
  });

  it('search offers examples in the reader\'s language; a Chinese reader (no pinyin on the touch keyboard) taps 尿布 and finds the nappy allowance', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await chooseLanguage(page, 'zh');
    await tap(page, '[data-action="search"]');
    await page.locator('[data-example]').first().waitFor();
    expect(await page.locator('[data-example]').allInnerTexts()).toEqual(['尿布', '祖父母', '疫苗', '托儿', '育儿津贴']);
    await tap(page, '[data-example="尿布"]');
    await page.locator('[data-results]').waitFor();
    await expect.poll(() => page.locator('main [data-entry]').first().getAttribute('data-entry')).toBe('low-income-diaper-formula');
    await shot(page, 'search-zh-example', false);
    await page.context().close();
  });
});
