/** "What can I get?" and "where is it, is it open, is it near" — in Chromium against the web host. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { importBoundaries } from '../../core/geo/boundaries.node.js';
import { hasShared, itWithShared, sharedPath } from '../shared-data.node.js';
import { LANDSCAPE, PORTRAIT, apiCall, axe, chooseLanguage, notInView, openKiosk, shot, startKiosk, tap, type Kiosk } from './harness.js';

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

/** The middle height (pt) of the words on a PDF's pages, from `pdftotext -bbox`: the size of most of its text. */
function medianWordHeight(bbox: string): number {
  const h = [...bbox.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">/g)].map((m) => Number(m[2]) - Number(m[1])).sort((a, b) => a - b);
  return h[Math.floor(h.length / 2)] ?? 0;
}

/**
 * Answers the questions in turn, from home. An answer is a button's data-answer; for the
 * multi-choice question ("이 중에 해당하는 것이 있나요?") a list of ticks, then 다음 — or "none".
 */
async function answer(page: Page, answers: (string | string[])[], o: { results?: boolean } = {}) {
  await tap(page, '[data-action="finder"]');
  await answerOn(page, answers, o);
}
/** The same from the question on screen. */
async function answerOn(page: Page, answers: (string | string[])[], o: { results?: boolean } = {}) {
  for (const a of answers) {
    const q = await page.locator('[data-question]').getAttribute('data-question');
    if (Array.isArray(a)) {
      for (const tick of a) await tap(page, `[data-answer="${tick}"]`);
      await tap(page, '[data-finder="next"]');
    } else await tap(page, `[data-answer="${a}"]`);
    await page.waitForFunction((prev) => document.querySelector('[data-question]')?.getAttribute('data-question') !== prev, q);
  }
  if (o.results !== false) await page.locator('[data-group="eligible"]').waitFor();
}
/** A kiosk screen of 1280×800 (landscape) besides the 1366×768 laptop. */
const KIOSK_1280 = { width: 1280, height: 800 };

async function chooseSize(page: Page, size: 100 | 150 | 200) {
  await tap(page, '[data-tool="size"]');
  await tap(page, `[data-size="${size}"]`);
  await expect.poll(() => page.locator('html').getAttribute('data-scale')).toBe(String(size));
}

const idsIn = (page: Page, group: string) => page.locator(`[data-group="${group}"] [data-finding]`).evaluateAll((cs) => cs.map((c) => c.getAttribute('data-finding')!));

const reasonsOf = (page: Page, group: string, id: string) => page.locator(`[data-group="${group}"] [data-finding="${id}"] .reasons li`).allInnerTexts();

describe('나에게 맞는 지원 찾기', () => {
  it('a grandmother with twin grandchildren ends at 손자녀 돌보미 "받을 수 있어요" with its reasons, amount, year and phone', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-action="finder"]');
    expect(await page.locator('.progress').innerText()).toMatch(/1 \/ 8/);
    await shot(page, 'finder-1-first-question');
    await page.goto(k.host.url); // start again from home, as a new visitor would
    await page.locator('main[data-screen="home"]').waitFor();
    await answer(page, ['grandparent', 'y50to70', 'twins', 'y2to5', 'none', 'dual', 'under_median_100', '북구']);
    const card = page.locator('[data-group="eligible"] [data-finding="gj-grandparent-caregiver"]');
    const reasons = await reasonsOf(page, 'eligible', 'gj-grandparent-caregiver');
    expect(reasons.length).toBeGreaterThanOrEqual(5);
    for (const r of reasons) expect(r).toMatch(/^✔/);
    expect(reasons.join('\n')).toMatch(/70세 이하/);
    expect(await card.locator('[data-amount]').innerText()).toMatch(/20만 ?원[\s\S]*2026년 기준/);
    expect(await card.locator('[data-phone]').getAttribute('data-phone')).toMatch(/^\d{2,4}-\d{3,4}-\d{4}$/);
    expect(await page.locator('[data-group="eligible"] h2').innerText()).toMatch(/받을 수 있어요/);
    // "해당되지 않아요" is folded away until asked for
    expect(await page.locator('details[data-group="not_eligible"]').getAttribute('open')).toBeNull();
    expect(await page.locator('[data-group="not_eligible"] [data-finding]').first().isVisible()).toBe(false);
    await shot(page, 'finder-2-grandmother-results');
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'finder-2-grandmother-caregiver-card', false);
    expect(await axe(page, false)).toEqual([]);
    // her results in large type, on paper: the summary printed with the larger class
    expect(await page.locator('[data-print="summary-large"]').innerText()).toBe('큰 글씨로 인쇄');
    await tap(page, '[data-print="summary-large"]');
    await expect.poll(() => page.locator('.print-root').innerHTML()).toMatch(/class="summary-sheet large"/);
    expect(await page.locator('.print-root').innerText()).toMatch(/손자녀 돌보미 지원/);
    await tap(page, '[data-group="eligible"] [data-finding="gj-grandparent-caregiver"] button');
    await expect.poll(() => page.locator('article.entry h1').innerText()).toBe('손자녀 돌보미 지원');
    await page.context().close();
  });

  it('답하신 내용: a grandmother who tapped 광산구 for 북구 sees her eight answers (the income in the amounts she was shown), 고치기 at the district, 북구, and she is back at her results', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await answer(page, ['grandparent', 'y50to70', 'twins', 'y2to5', 'none', 'dual'], { results: false });
    await tap(page, '[data-size="more"]'); // one more person in the household than the answers made it
    const incomeShown = await page.locator('[data-answer="under_median_100"]').innerText();
    await answerOn(page, ['under_median_100', '광산구']);
    // both parents work: the care gap 아이돌봄서비스 asks for is there, so it is a yes (it was "확인이 필요해요")
    expect(await idsIn(page, 'eligible')).toContain('child-care-service');
    const careGap = await reasonsOf(page, 'eligible', 'child-care-service');
    expect(careGap.filter((r) => /^✔[\s\S]*돌봄 공백이 있는 가정이어야 해요/.test(r)), careGap.join(' | ')).toHaveLength(1);
    const answers = page.locator('[data-finder="answers"]');
    expect(await answers.locator('summary').innerText()).toBe('답하신 내용 보기 (8개)');
    expect(await answers.locator('li').first().isVisible(), 'folded, the results stay near the top').toBe(false);
    await answers.locator('summary').click();
    const said = () => answers.locator('[data-answered]').evaluateAll((li) => Object.fromEntries(li.map((l) => [l.getAttribute('data-answered'), (l.querySelector('.finder-answer-a') as HTMLElement).innerText])));
    const before = await said();
    expect(Object.keys(before)).toHaveLength(8);
    expect(before).toMatchObject({ district: '광산구', income: incomeShown, circumstances: '해당하는 것이 없어요', children: expect.stringMatching(/쌍둥이/) });
    expect(incomeShown).toMatch(/^\d+만 원 이하예요$/);
    await shot(page, 'finder-your-answers', false);
    expect(await axe(page, false)).toEqual([]);
    await tap(page, '[data-change="district"]');
    await page.locator('[data-question="district"]').waitFor();
    expect(await page.locator('[data-answer="광산구"]').getAttribute('aria-pressed')).toBe('true');
    await tap(page, '[data-answer="북구"]');
    // straight back to the results, not through the questions after it
    await page.locator('[data-group="eligible"]').waitFor();
    await answers.locator('summary').click();
    expect(await said()).toEqual({ ...before, district: '북구' });
    await page.context().close();
  });

  it('a grandmother caring for one grandchild who skips "이 중에 해당하는 것이 있나요?": the allowance for twins or two or more is "해당되지 않아요"; "확인이 필요해요" shows its closest 8, the rest one tap away, the programs only for a group labelled and last', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await answer(page, ['grandparent', 'y50to70', 'one', 'y1', 'unsure', 'dual', 'under_median_150', '북구']);
    expect(await page.locator('[data-ticked]').count()).toBe(0); // nothing said, nothing summarised
    expect(await page.locator('[data-group="eligible"] [data-finding="gj-grandparent-caregiver"], [data-group="unknown"] [data-finding="gj-grandparent-caregiver"]').count()).toBe(0);
    await tap(page, 'details[data-group="not_eligible"] summary');
    const reasons = await reasonsOf(page, 'not_eligible', 'gj-grandparent-caregiver');
    expect(reasons.filter((r) => r.startsWith('✘')).join(' ')).toMatch(/쌍둥이이거나 자녀가 두 명 이상/);
    const unknown = page.locator('[data-group="unknown"]');
    const total = Number(await unknown.locator('h2 .count').innerText());
    expect(total).toBeGreaterThan(8);
    expect(await unknown.locator('.entry-list > li').count()).toBe(8); // cards (a choice is one card of several programs)
    // her closest 8 are programs for anyone: those only for multicultural families, a disability or 수급·차상위 come after, labelled
    expect(await unknown.locator('[data-for-group]').count()).toBe(0);
    const shown = await unknown.locator('[data-finding]').count();
    const more = page.locator('[data-more="unknown"]');
    expect(await more.innerText()).toBe(`확인이 필요한 지원 ${total - shown}개 더 보기`);
    await more.click();
    await expect.poll(() => unknown.locator('[data-finding]').count()).toBe(total);
    expect(await more.count()).toBe(0);
    const cards = await unknown.locator('[data-finding]').evaluateAll((cs) => cs.map((c) => ({ id: c.getAttribute('data-finding'), group: c.querySelector('[data-for-group]')?.textContent ?? null })));
    const firstForGroup = cards.findIndex((c) => c.group !== null);
    expect(firstForGroup).toBeGreaterThanOrEqual(8);
    expect(cards.slice(firstForGroup).every((c) => c.group !== null)).toBe(true); // all of them at the end
    const seq = cards.slice(firstForGroup).map((c) => c.group);
    expect(seq.filter((g, i) => i === 0 || g !== seq[i - 1])).toEqual([...new Set(seq)]); // each group's together
    expect(cards.find((c) => c.id === 'gj-bukgu-naturalization-fee')?.group).toBe('다문화가족이라면');
    expect(cards.find((c) => c.id === 'developmental-rehab-voucher')?.group).toBe('장애가 있는 가족이라면');
    // a family that is one finds them at once: the chip at the top of the list goes to the first of them
    await page.evaluate(() => window.scrollTo(0, 0));
    const multicultural = cards.filter((c) => c.group === '다문화가족이라면');
    const jump = page.locator('[data-jump-group="multicultural"]');
    expect(await jump.innerText()).toBe(`다문화가족을 위한 지원 ${multicultural.length}개 보기`);
    await jump.click();
    const first = unknown.locator('[data-finding]:has([data-for-group="multicultural"])').first();
    expect(await first.getAttribute('data-finding')).toBe(multicultural[0]!.id);
    // just below the toolbar (which stays on top), in the upper half of the screen, its button focused
    await expect.poll(() => first.evaluate((el) => { const top = el.getBoundingClientRect().top; return top >= document.querySelector('.toolbar')!.getBoundingClientRect().bottom && top < window.innerHeight / 2 && el.contains(document.activeElement); })).toBe(true);
    await shot(page, 'finder-for-group-multicultural', false);
    await page.context().close();
  });

  it('a multicultural mother ticks 다문화가족이에요 (✔, aria-pressed) and finds the multicultural programs among "받을 수 있어요", with no group label', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await answer(page, ['parent', 'y19to39', 'one', 'y2to5'], { results: false });
    await page.locator('[data-question="circumstances"]').waitFor();
    expect(await page.locator('[data-question]').innerText()).toBe('이 중에 해당하는 것이 있나요? (모두 고르세요)');
    expect(await page.locator('.answers [data-answer]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-answer')))).toEqual(['hospitalized', 'multicultural', 'koryoin', 'disability', 'none', 'unsure']);
    const mc = page.locator('[data-answer="multicultural"]');
    expect(await mc.innerText()).toMatch(/다문화가족이에요/);
    // 다음 waits for a tick; a tick is said by ✔ in its box and aria-pressed, not by colour alone
    expect(await page.locator('[data-finder="next"]').isDisabled()).toBe(true);
    await tap(page, '[data-answer="multicultural"]');
    expect(await mc.getAttribute('aria-pressed')).toBe('true');
    expect(await mc.locator('.box').innerText()).toBe('✔');
    expect(await page.locator('[data-answer="disability"] .box').innerText()).toBe('');
    // every option a big target (ACCESSIBILITY.md: 64 px or more)
    for (const b of await page.locator('.answers button, [data-finder="next"]').all()) {
      const box = (await b.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(64);
    }
    await shot(page, 'finder-circumstances-ticked', false);
    expect(await axe(page, false)).toEqual([]);
    // tapped again, the tick goes; tapped once more, it is back
    await tap(page, '[data-answer="multicultural"]');
    expect(await mc.getAttribute('aria-pressed')).toBe('false');
    await tap(page, '[data-answer="multicultural"]');
    await tap(page, '[data-finder="next"]');
    await page.locator('[data-question="household"]').waitFor();
    // 뒤로: the question comes back with her tick
    await tap(page, '[data-finder="back"]');
    await expect.poll(() => mc.getAttribute('aria-pressed')).toBe('true');
    await tap(page, '[data-finder="next"]');
    await page.locator('[data-question="household"]').waitFor();
    await answerOn(page, ['one', 'under_median_100', '광산구']);
    expect(await page.locator('[data-ticked]').innerText()).toBe('고르신 것: 다문화가족');
    const yes = await idsIn(page, 'eligible');
    expect(yes).toEqual(expect.arrayContaining(['mc-bilingual-family', 'mc-visiting-parent-education']));
    const card = page.locator('[data-group="eligible"] [data-finding="mc-bilingual-family"]');
    expect(await card.locator('[data-for-group]').count()).toBe(0);
    expect((await reasonsOf(page, 'eligible', 'mc-bilingual-family')).every((r) => r.startsWith('✔'))).toBe(true);
    expect((await reasonsOf(page, 'eligible', 'mc-bilingual-family')).some((r) => /^✔[\s\S]*다문화가족이에요$/.test(r))).toBe(true);
    // no label anywhere for her group, and no chip to jump to it
    expect(await page.locator('[data-for-group="multicultural"]').count()).toBe(0);
    expect(await page.locator('[data-jump-group="multicultural"]').count()).toBe(0);
    await shot(page, 'finder-multicultural-results');
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'finder-multicultural-card', false);
    await page.context().close();
  });

  it('a 고려인 mother expecting a baby in 광산구 ticks 고려인 동포 가족이에요 and is not told no for 다문화가정 산모 돌보미', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await answer(page, ['pregnant', 'y19to39', 'none'], { results: false });
    await page.locator('[data-question="circumstances"]').waitFor();
    const koryoin = page.locator('[data-answer="koryoin"]');
    expect(await koryoin.innerText()).toMatch(/고려인 동포 가족이에요/);
    const box = (await koryoin.boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(64);
    await tap(page, '[data-answer="koryoin"]');
    expect(await koryoin.getAttribute('aria-pressed')).toBe('true');
    await tap(page, '[data-finder="next"]');
    await page.locator('[data-question="household"]').waitFor();
    await answerOn(page, ['one', 'under_median_100', '광산구']);
    expect(await page.locator('[data-ticked]').innerText()).toBe('고르신 것: 고려인 동포 가족');
    const more = page.locator('[data-more="unknown"]');
    if (await more.count()) await more.click();
    // to check (산모 본인이 결혼이주여성이나 고려인인지는 센터에서), not among 해당되지 않아요, and not labelled 다문화가족이라면
    expect(await idsIn(page, 'unknown')).toContain('gj-multicultural-postpartum-helper');
    const card = page.locator('[data-group="unknown"] [data-finding="gj-multicultural-postpartum-helper"]');
    expect(await card.locator('[data-for-group]').count()).toBe(0);
    const reasons = await reasonsOf(page, 'unknown', 'gj-multicultural-postpartum-helper');
    expect(reasons.some((r) => /^✔[\s\S]*다문화가족이거나 고려인 동포 가족이에요$/.test(r))).toBe(true);
    expect(reasons.some((r) => r.startsWith('✘'))).toBe(false);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'finder-koryoin-postpartum-card', false);
    await page.context().close();
  });

  it('a grandmother who answers 해당하는 것이 없어요 no longer has the programs only for multicultural families or a disability to check', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await answer(page, ['grandparent', 'y50to70', 'one', 'school36', 'none', 'dual', 'under_median_150', '북구']);
    expect(await page.locator('[data-ticked]').innerText()).toBe('고르신 것: 해당하는 것이 없어요');
    const more = page.locator('[data-more="unknown"]');
    if (await more.count()) await more.click();
    const toCheck = await idsIn(page, 'unknown');
    const groupIds = ['mc-visiting-parent-education', 'mc-visiting-child-life', 'mc-child-language-development', 'mc-bilingual-family', 'gj-multicultural-postpartum-helper', 'gj-bukgu-naturalization-fee', 'developmental-rehab-voucher', 'disabled-child-family-care', 'disabled-parent-child-language', 'dream-start'];
    expect(toCheck.filter((id) => groupIds.includes(id))).toEqual([]);
    expect(await page.locator('[data-group="unknown"] [data-for-group]').count()).toBe(0);
    expect(await page.locator('[data-jump-group]').count()).toBe(0);
    // they are among "해당되지 않아요", each with its reason
    await tap(page, 'details[data-group="not_eligible"] summary');
    const missed = (await reasonsOf(page, 'not_eligible', 'mc-bilingual-family')).filter((r) => r.startsWith('✘'));
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatch(/다문화가족이에요$/);
    await shot(page, 'finder-grandmother-none-results');
    await page.context().close();
  });

  it('the 입원 option still leads to 입원아동 돌봄: a parent ticks 아이가 지금 병원에 입원해 있어요', async () => {
    const page = await openKiosk(k, LANDSCAPE);
    await answer(page, ['parent', 'y19to39', 'one', 'y2to5', ['hospitalized'], 'dual', 'under_median_100', '북구']);
    expect(await page.locator('[data-ticked]').innerText()).toBe('고르신 것: 아이가 입원해 있어요');
    const reasons = await reasonsOf(page, 'unknown', 'gj-hospitalized-child-care');
    expect(reasons.some((r) => /^✔[\s\S]*아이가 병원에 입원했어요$/.test(r))).toBe(true);
    expect(reasons.filter((r) => r.startsWith('?'))).toHaveLength(1); // only the 3 months in Gwangju is left to check by phone
    await page.context().close();
  });

  it('이전 and 다음 stay on screen on the multi-choice question in portrait, on a 1366×768 laptop and a 1280×800 kiosk, at 100, 150 and 200 %, in every language; at 150 % in landscape the question and all its answers too; answers below the window are one tap away', async () => {
    const seen: string[] = [];
    for (const viewport of [PORTRAIT, LANDSCAPE, KIOSK_1280]) {
      for (const lang of ['ko', 'en', 'vi', 'zh']) {
        const page = await openKiosk(k, viewport);
        if (lang !== 'ko') await chooseLanguage(page, lang);
        await answer(page, ['parent', 'y19to39', 'one', 'y2to5'], { results: false });
        await page.locator('[data-question="circumstances"]').waitFor();
        for (const size of [100, 150, 200] as const) {
          const w = `${lang} ${viewport.width}×${viewport.height} at ${size} %`;
          if (size !== 100) await chooseSize(page, size);
          await page.evaluate(() => window.scrollTo(0, 0));
          // as the question opens, before any scrolling: 다음 (waiting for a tick) and 이전 question wholly in the window, nothing over them
          expect(await notInView(page, '[data-finder="next"], [data-finder="back"]'), w).toEqual([]);
          expect(await notInView(page, '[data-question]'), w).toEqual([]);
          if (size === 150 && viewport !== PORTRAIT) expect(await notInView(page, '.answers [data-answer]'), `${w}: every answer in view`).toEqual([]);
          if (size === 150 && viewport === LANDSCAPE) await shot(page, `finder-ticks-${lang}-${viewport.width}x${viewport.height}-150`, false);
          // what lies below the window: "아래에 더 있어요" in the bar says so; each tap brings more up, until the last answer is in view above the bar
          const more = page.locator('[data-finder="more-below"]');
          const hidden = () => page.evaluate(() => document.querySelector('.answers li:last-child')!.getBoundingClientRect().bottom > document.querySelector('.finder-bar')!.getBoundingClientRect().top + 1);
          if (await hidden()) seen.push(`${w}: answers below the window`);
          for (let taps = 0; await hidden(); taps++) {
            expect(taps, `${w}: the last answer is still below the window`).toBeLessThan(5);
            expect(await more.count(), `${w}: answers below the window, and nothing says so`).toBe(1);
            const y = await page.evaluate(() => window.scrollY);
            // tapped where it is (Playwright's click would first scroll the page to the bar's place in the page's flow, its end)
            const b = (await more.boundingBox())!;
            await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
            await page.waitForFunction((before) => window.scrollY !== before, y);
          }
          await expect.poll(() => more.count(), { message: `${w}: the last answer is in view, "아래에 더 있어요" goes` }).toBe(0);
          expect(await notInView(page, '.answers li:last-child [data-answer]', true), w).toEqual([]);
          expect(await notInView(page, '[data-finder="next"], [data-finder="back"]', true), w).toEqual([]);
          if (size === 200 && viewport === LANDSCAPE && lang === 'vi') await shot(page, 'finder-ticks-vi-1366x768-200-scrolled', false);
        }
        // a tick and 다음 from the bar, at 200 %: the next question
        await tap(page, '[data-answer="multicultural"]');
        await tap(page, '[data-finder="next"]');
        await page.locator('[data-question="household"]').waitFor();
        await page.context().close();
      }
    }
    console.log(seen.join('\n'));
  }, 300_000);

  it('a teenager’s family and a family with no children are not offered 입원; with no children the question is still asked (4 of 7)', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await answer(page, ['parent', 'y40to49', 'one', 'teen'], { results: false });
    await page.locator('[data-question="circumstances"]').waitFor();
    expect(await page.locator('[data-answer="hospitalized"]').count()).toBe(0);
    await page.context().close();
    const expecting = await openKiosk(k, PORTRAIT);
    await answer(expecting, ['pregnant', 'y19to39', 'none'], { results: false });
    await expecting.locator('[data-question="circumstances"]').waitFor();
    expect(await expecting.locator('.progress').innerText()).toMatch(/4 \/ 7/);
    expect(await expecting.locator('.answers [data-answer]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-answer')))).toEqual(['multicultural', 'koryoin', 'disability', 'none', 'unsure']);
    await expecting.context().close();
  });

  it('in Vietnamese: the question, the ticks and the results (a Vietnamese mother in 광산구)', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await chooseLanguage(page, 'vi');
    await answer(page, ['parent', 'y19to39', 'one', 'm6to11'], { results: false });
    await page.locator('[data-question="circumstances"]').waitFor();
    expect(await page.locator('[data-question]').innerText()).toBe('Gia đình có điều nào dưới đây không? (Chọn tất cả điều đúng)');
    await tap(page, '[data-answer="multicultural"]');
    expect(await page.locator('[data-finder="next"]').innerText()).toMatch(/Tiếp/);
    await shot(page, 'finder-circumstances-vi', false);
    expect(await axe(page, false)).toEqual([]);
    await tap(page, '[data-finder="next"]');
    await page.locator('[data-question="household"]').waitFor();
    await answerOn(page, ['one', 'under_median_100', '광산구']);
    expect(await page.locator('[data-ticked]').innerText()).toBe('Bạn đã chọn: gia đình đa văn hóa');
    expect(await idsIn(page, 'eligible')).toEqual(expect.arrayContaining(['mc-bilingual-family']));
    await shot(page, 'finder-multicultural-results-vi');
    expect(await axe(page, false)).toEqual([]);
    await page.context().close();
  });

  it('asks the income in won for the household’s size, and says whose income is meant', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-action="finder"]');
    for (const a of ['parent', 'y19to39', 'two', 'y2to5', 'none', 'dual']) await tap(page, `[data-answer="${a}"]`);
    await page.locator('[data-question="income"]').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/4명 기준/); // two parents and two children
    expect(text).toMatch(/649만 원 이하/); // the 2026 median income of a household of four
    expect(text).toMatch(/함께 사는 가족 모두/);
    await tap(page, '[data-size="more"]');
    await expect.poll(() => page.locator('main').innerText()).toMatch(/755만 원 이하/); // five people
    await shot(page, 'finder-income-in-won');
    await page.context().close();
  });

  it('a parent of a 4-month-old sees the emergency centre as "해당되지 않아요 — 6개월부터", once she opens that list', async () => {
    const page = await openKiosk(k, LANDSCAPE);
    await answer(page, ['parent', 'unsure', 'one', 'm4to5', 'none', 'dual', 'unsure', '북구']);
    await tap(page, 'details[data-group="not_eligible"] summary');
    const reasons = await reasonsOf(page, 'not_eligible', 'gj-emergency-childcare');
    expect(reasons.filter((r) => r.startsWith('✘')).join(' ')).toMatch(/6개월/);
    expect(await page.locator('[data-group="not_eligible"] summary').innerText()).toMatch(/해당되지 않아요/);
    await shot(page, 'finder-3-four-month-old');
    await page.context().close();
  });

  it('a parent of a 3-year-old is offered 보육료, 유아학비 and 양육수당 as one choice, not three yeses', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await answer(page, ['parent', 'y19to39', 'one', 'y2to5', 'none', 'one', 'under_median_150', '광산구']);
    const choice = page.locator('[data-choice="daycare-or-home"]');
    await choice.waitFor();
    const ids = await choice.locator('[data-finding]').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));
    expect(ids).toEqual(expect.arrayContaining(['childcare-fee', 'home-care-allowance']));
    expect(await choice.innerText()).toMatch(/하나를 골라/);
    // outside the choice, none of them is listed again
    for (const id of ['childcare-fee', 'home-care-allowance']) expect(await page.locator(`[data-finding="${id}"]`).count()).toBe(1);
    await choice.scrollIntoViewIfNeeded();
    await shot(page, 'finder-4-choice', false);
    await page.context().close();
  });

  it('skipped questions give "확인이 필요해요", never a guess', async () => {
    const page = await openKiosk(k, LANDSCAPE);
    await answer(page, ['unsure', 'unsure', 'unsure', 'unsure', 'unsure', 'unsure', 'unsure', 'unsure']);
    expect(await page.locator('[data-group="eligible"] [data-finding]').count()).toBe(0);
    expect(await page.locator('[data-group="unknown"] [data-finding]').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('the personal summary prints on at most two A4 pages, in its type and in large type: what can be got with amounts and phones, no buttons, no "not eligible" list', async () => {
    const page = await openKiosk(k, PORTRAIT);
    const situations = [
      {}, // nothing answered: everything is to check — the longest list
      { applicant: { role: 'parent', age: { min: 19, max: 39 }, employed: true }, children: [{ age_months: { min: 4, max: 5 }, birth_order: 1 }], household: { pregnant: false, dual_earner: true, single_parent: false, grandparent_headed: false, income_band: 'under_median_100', district: '북구' } },
      { applicant: { role: 'grandparent', age: { min: 50, max: 70 } }, children: [{ age_months: { min: 24, max: 71 }, twin: true }, { age_months: { min: 24, max: 71 }, twin: true }], household: { pregnant: false, dual_earner: true, single_parent: false, grandparent_headed: false, income_band: 'under_median_100', district: '북구' } },
      { applicant: { role: 'pregnant' }, children: [], household: { pregnant: true, income_band: 'basic', single_parent: true, district: '광산구' } },
    ];
    for (const [i, situation] of situations.entries()) {
      const typeHeight: number[] = [];
      for (const large of [false, true]) {
        const where = `situation ${i}${large ? ' in large type' : ''}`;
        const r = await apiCall(k.host, 'summary', { situation, lang: 'ko', large });
        expect(r.body.ok, JSON.stringify(r.body)).toBe(true);
        const { html, css } = r.body.value as { html: string; css: string };
        expect(html).not.toMatch(/<button|해당되지 않아요/);
        await page.setContent(`<!doctype html><html lang="ko"><head><meta charset="utf-8"><style>${css}</style></head><body>${html}</body></html>`);
        const f = join(tmpdir(), `summary-${process.pid}-${i}-${large}.pdf`);
        writeFileSync(f, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
        const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f], { encoding: 'utf8' }))?.[1]);
        const text = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
        typeHeight.push(medianWordHeight(execFileSync('pdftotext', ['-bbox', f, '-'], { encoding: 'utf8' })));
        rmSync(f);
        expect(pages, where).toBeLessThanOrEqual(2);
        expect(text, where).toMatch(/062-222-1279/); // the centre's number, always
        if (i === 2) expect(text, where).toMatch(/손자녀 돌보미[\s\S]*20만 ?원[\s\S]*2026년 기준/);
        if (i === 0) expect(text, where).toMatch(/확인이 필요해요/);
      }
      // most words in large type stand at least 1.3 times as tall on the paper
      expect(typeHeight[1]! / typeHeight[0]!, `situation ${i}: ${typeHeight.map((h) => h.toFixed(1)).join(' → ')} pt`).toBeGreaterThan(1.3);
    }
    await page.context().close();
  }, 120_000);
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
    // those whose hours nobody knows are not dropped unseen: named apart, nearest first, call first
    const unknown = rows.filter((r) => r.open === 'null');
    expect(unknown.length).toBeGreaterThan(10);
    const section = page.locator('[data-hours-unknown]');
    expect(await section.getAttribute('data-hours-unknown')).toBe(String(unknown.length));
    expect(await section.locator('h2').innerText()).toBe(`운영 시간을 모르는 곳 ${unknown.length}곳`);
    expect(await section.innerText()).toMatch(/가기 전에 전화로 확인하세요[\s\S]*가까운 10곳만 보여요/);
    const shown = await section.locator('[data-facility]').evaluateAll((bs) => bs.map((b) => ({ id: b.getAttribute('data-facility'), open: b.getAttribute('data-open') })));
    expect(shown).toEqual(unknown.slice(0, 10).map((r) => ({ id: r.id, open: 'null' })));
    expect(await page.locator('.facility-list [data-facility][data-open="false"]').count()).toBe(0);
    await shot(page, 'facilities-open-now-bukgu');
    // a parent looking for a children's hospital on a Saturday morning: the one open until midnight, hours unknown, is there to call
    await tap(page, '[data-category="medical"]');
    await page.locator('[data-hours-unknown] [data-facility="fac-gwangju-christian-hospital"]').waitFor();
    expect(await page.locator('[data-hours-unknown] [data-facility="fac-gwangju-christian-hospital"]').innerText()).toMatch(/광주기독병원[\s\S]*운영 시간 정보 없음/);
    await shot(page, 'facilities-open-now-medical');
    await page.context().close();
  });

  it('a district chosen, a facility opened and 뒤로: the list comes back with the same district, filtered', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-action="facilities"]');
    await page.locator('.facility-list li').first().waitFor();
    await tap(page, '[data-district="북구"]');
    await expect.poll(() => page.locator('[data-district="북구"]').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await page.locator('.facility-list [data-facility]').allInnerTexts()).every((t) => t.includes('북구'))).toBe(true);
    const total = await page.locator('h2[data-total]').getAttribute('data-total');
    await page.locator('.facility-list [data-facility]').first().click();
    await page.locator('article.entry h1').waitFor();
    await tap(page, '[data-tool="back"]');
    await page.locator('.facility-list li').first().waitFor();
    expect(await page.locator('[data-district="북구"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('h2[data-total]').getAttribute('data-total')).toBe(total);
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
    // every facility listed that has a place is on the map once: alone, or counted in the marker of its spot
    const listed = (await apiCall(k.host, 'facilities', { openNow: false, lang: 'ko', limit: 50 })).body.value as { items: { place: unknown }[] };
    const onMap = await page.locator('.map .point').evaluateAll((gs) => gs.reduce((n, g) => n + Number((g as SVGElement).dataset.cluster ?? 1), 0));
    expect(onMap).toBe(listed.items.filter((i) => i.place).length);
    expect(listed.items.length).toBe(await page.locator('.facility-list [data-facility]').count());
    // the districts' names and "여기" drawn over the points (a point at a district's centre hid them)
    const drawnAfterPoints = () =>
      page.locator('.map svg').evaluate((svg) => {
        const points = svg.querySelectorAll('.point');
        const last = points[points.length - 1]!;
        return Array.from(svg.querySelectorAll('.area-label, .origin')).every((w) => last.compareDocumentPosition(w) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
    expect(await drawnAfterPoints()).toBe(true);
    const names = async () => (await page.locator('.map .area-label').allTextContents()).sort();
    expect(await names()).toEqual(['광산구', '남구', '동구', '북구', '서구']);
    await shot(page, 'facilities-map-portrait');
    expect(await axe(page, false)).toEqual([]);
    // a Chinese reader reads the districts as the filter chips name them
    await chooseLanguage(page, 'zh');
    await expect.poll(names).toEqual(['东区', '光山区', '北区', '南区', '西区'].sort());
    expect(await page.locator('[data-district="광산구"]').innerText()).toBe('光山区');
    await shot(page, 'facilities-map-portrait-zh');
    await chooseLanguage(page, 'ko');
    // the facilities at one centre are one marker with their count: tapped, the list shows just those
    const marker = page.locator('.map [data-cluster]').first();
    const n = Number(await marker.getAttribute('data-cluster'));
    expect(n).toBeGreaterThan(1);
    expect(await marker.getAttribute('aria-label')).toMatch(new RegExp(`^한곳에 있는 시설 ${n} 곳 \\(대략적인 위치\\): `));
    expect(await marker.locator('text.count').textContent()).toBe(String(n));
    const total = await page.locator('h2[data-total]').getAttribute('data-total');
    await marker.click();
    await expect.poll(() => page.locator('h2[data-picked]').innerText()).toBe(`지도에서 고른 곳: 시설 ${n}곳`);
    expect(await page.locator('.facility-list [data-facility]').count()).toBe(n);
    expect(await notInView(page, 'h2[data-picked]')).toEqual([]);
    await shot(page, 'facilities-map-picked', false);
    const picked = await page.locator('.facility-list [data-facility]').evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.facility));
    // one of them opened, and 뒤로: the same few
    await page.locator('.facility-list [data-facility]').last().click();
    await page.locator('article.entry h1').waitFor();
    expect(await page.locator('article.entry').innerText()).toMatch(/위치는 대략적이에요|정확한 위치 정보는 아직 없어요/);
    await tap(page, '[data-tool="back"]');
    await page.locator('h2[data-picked]').waitFor();
    expect(await page.locator('.facility-list [data-facility]').evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.facility))).toEqual(picked);
    // 모든 시설 보기: every facility again
    await tap(page, '[data-action="all-facilities"]');
    await expect.poll(() => page.locator('h2[data-total]').getAttribute('data-total')).toBe(total);
    expect(await page.locator('.facility-list [data-facility]').count()).toBeGreaterThan(n);
    await page.context().close();
  });
});
