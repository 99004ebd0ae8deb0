/** "What can I get?" and "where is it, is it open, is it near" — in Chromium against the web host. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { importBoundaries } from '../../core/geo/boundaries.node.js';
import { hasShared, itWithShared, sharedPath } from '../shared-data.node.js';
import { LANDSCAPE, PORTRAIT, axe, openKiosk, shot, startKiosk, tap, type Kiosk } from './harness.js';

// Boundary files are operator data, never in the repository: tests load them from ../shared/data/geo.
const GEO = sharedPath('data', 'geo');
const LAYERS = ['data/geo/gwangju_gu_kostat2018_simplified.geojson', 'data/geo/gwangju_dong_admdongkor_20210401_simplified.geojson'];
const hasGeo = hasShared(...LAYERS);

let k: Kiosk;
beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-geo-'));
  if (hasGeo) {
    importBoundaries(dataDir, join(GEO, 'gwangju_gu_kostat2018_simplified.geojson'));
    importBoundaries(dataDir, join(GEO, 'gwangju_dong_admdongkor_20210401_simplified.geojson'));
  }
  // a kiosk at a 북구 community centre, on a Saturday morning (KST)
  k = await startKiosk({ dataDir, args: ['--location', '북구'], now: '2026-11-28T10:30:00+09:00' });
}, 60_000);
afterAll(async () => k?.close());

async function answer(page: Page, answers: string[]) {
  await tap(page, '[data-action="finder"]');
  for (const a of answers) {
    const q = await page.locator('[data-question]').getAttribute('data-question');
    await tap(page, `[data-answer="${a}"]`);
    await page.waitForFunction((prev) => document.querySelector('[data-question]')?.getAttribute('data-question') !== prev, q);
  }
  await page.locator('[data-group="eligible"]').waitFor();
}

const reasonsOf = (page: Page, group: string, id: string) => page.locator(`[data-group="${group}"] [data-finding="${id}"] .reasons li`).allInnerTexts();

describe('나에게 맞는 지원 찾기', () => {
  it('a grandmother with twin grandchildren ends at 손자녀 돌보미 "받을 수 있어요" with its reasons', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-action="finder"]');
    expect(await page.locator('.progress').innerText()).toMatch(/1 \/ 8/);
    await shot(page, 'finder-1-first-question');
    await page.goto(k.host.url); // start again from home, as a new visitor would
    await page.locator('main[data-screen="home"]').waitFor();
    await answer(page, ['grandparent', 'from60to70', 'twins', 'y2to5', 'no', 'dual', 'under_median_100', '북구']);
    const reasons = await reasonsOf(page, 'eligible', 'gj-grandparent-caregiver');
    expect(reasons.length).toBeGreaterThanOrEqual(5);
    for (const r of reasons) expect(r).toMatch(/^✔/);
    expect(reasons.join('\n')).toMatch(/70세 이하/);
    expect(await page.locator('[data-group="eligible"] h2').innerText()).toMatch(/받을 수 있어요/);
    await shot(page, 'finder-2-grandmother-results');
    await page.locator('[data-group="eligible"] [data-finding="gj-grandparent-caregiver"]').scrollIntoViewIfNeeded();
    await shot(page, 'finder-2-grandmother-caregiver-card', false);
    expect(await axe(page, false)).toEqual([]);
    await tap(page, '[data-group="eligible"] [data-finding="gj-grandparent-caregiver"] button');
    await expect.poll(() => page.locator('article.entry h1').innerText()).toBe('손자녀 돌보미 지원');
    await page.context().close();
  });

  it('a parent of a 4-month-old sees the emergency centre as "해당되지 않아요 — 6개월부터"', async () => {
    const page = await openKiosk(k, LANDSCAPE);
    await answer(page, ['parent', 'unsure', 'one', 'm0to5', 'no', 'dual', 'unsure', '북구']);
    const reasons = await reasonsOf(page, 'not_eligible', 'gj-emergency-childcare');
    expect(reasons.filter((r) => r.startsWith('✘')).join(' ')).toMatch(/6개월/);
    expect(await page.locator('[data-group="not_eligible"] h2').innerText()).toMatch(/해당되지 않아요/);
    await shot(page, 'finder-3-four-month-old');
    await page.context().close();
  });

  it('skipped questions give "확인이 필요해요", never a guess', async () => {
    const page = await openKiosk(k, LANDSCAPE);
    await answer(page, ['unsure', 'unsure', 'unsure', 'unsure', 'unsure', 'unsure', 'unsure', 'unsure']);
    expect(await page.locator('[data-group="eligible"] [data-finding]').count()).toBe(0);
    expect(await page.locator('[data-group="unknown"] [data-finding]').count()).toBeGreaterThan(0);
    await page.context().close();
  });
});

describe('facility directory', () => {
  it('lists the nearest facilities first for a kiosk in 북구, with open-now and today’s hours', async () => {
    const page = await openKiosk(k, LANDSCAPE);
    await tap(page, '[data-action="facilities"]');
    await page.locator('.facility-list li').first().waitFor();
    const rows = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.facility-list [data-facility]')).map((b) => ({
        id: b.getAttribute('data-facility'),
        open: b.getAttribute('data-open'),
        text: (b as HTMLElement).innerText,
      })),
    );
    expect(rows.length).toBeGreaterThan(10);
    const km = rows.map((r) => Number(r.text.match(/([\d.]+)\s*km/)?.[1] ?? Infinity));
    if (hasGeo) {
      expect(km[0]).toBeLessThan(Infinity);
      expect(km, 'nearest first').toEqual([...km].sort((a, b) => a - b));
    }
    await tap(page, '[data-filter="open-now"]');
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.facility-list [data-facility]')).every((b) => b.getAttribute('data-open') === 'true'));
    const nearestOpen = page.locator('.facility-list [data-facility]').first();
    const nearestOpenId = await nearestOpen.getAttribute('data-facility');
    const expected = rows.find((r) => r.open === 'true');
    expect(nearestOpenId).toBe(expected?.id);
    expect(await nearestOpen.innerText()).toMatch(/지금 열었어요/);
    await shot(page, 'facilities-open-now-bukgu');
    await page.context().close();
  });

  itWithShared(LAYERS, 'draws the Gwangju map from the imported layer, approximate places marked', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-action="facilities"]');
    await page.locator('.map svg path.area').first().waitFor();
    expect(await page.locator('.map svg path.area').count()).toBe(5);
    expect(await page.locator('.map .point').count()).toBeGreaterThan(0);
    expect(await page.locator('.map .point.approx').count()).toBe(await page.locator('.map .point').count()); // no source gives exact coordinates
    expect(await page.locator('.map .origin').count()).toBe(1);
    await shot(page, 'facilities-map-portrait');
    expect(await axe(page, false)).toEqual([]);
    await page.locator('.map .point').last().click(); // points at one centre overlap: the top one
    await page.locator('article.entry h1').waitFor();
    expect(await page.locator('article.entry').innerText()).toMatch(/위치는 대략적이에요|정확한 위치 정보는 아직 없어요/);
    await page.context().close();
  });
});
