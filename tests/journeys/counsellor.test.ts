/**
 * The counsellor mode on what ships: the built hub (dist/node/hub.mjs) and the built CLI
 * (dist/node/cli.mjs, from a private copy of dist/), then the built web host and Chromium at a
 * counsellor's laptop size (1366×768). An operator enrols the device with the hub and adds a
 * counsellor (`cli counsellor add`, the PIN on standard input); the counsellor finds the way in
 * at the end of the status view, signs in — a wrong PIN first, which says the tries left — writes
 * a visit log and saves it as a draft, signs out (the draft's words are then nowhere in the
 * device's data folder in plain text, nor in the host's log), signs in again and the draft opens
 * with its words; submits it and a survey; one application the hub refuses (its sealed bytes
 * damaged on the device while the hub could not be reached) shows under "needs attention" with
 * the reason in words, is sent again, and is deleted after a confirmation that Esc cancels; the
 * kiosk's own idle reset signs the counsellor out; five wrong PINs lock the account and the
 * screen says an operator must unlock it. At the hub, `cli hub applications --json` lists the
 * visit log with the counsellor's name. Screenshots: test-results/screens/counsellor-*.png.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDir } from '../env.node.js';
import { startFaultProxy, type FaultProxy } from '../fault-proxy.node.js';
import { startBuiltHub, type BuiltHub } from './built-hub.js';
import { copyBuiltApp, runBuiltCli, type BuiltApp, type Ran } from './built-app.js';
import { apiCall, axe, LANDSCAPE, notInView, openKiosk, PORTRAIT, shot, startKiosk, tap, type Kiosk } from './harness.js';
import { freshHubLayout } from '../../sync/hub/testing.node.js';
import { next, stepOf, typeDigits, typeText } from './apply-touch.js';

const COUNSELLOR = '김상담';
const PIN = '73194628';
const WRONG = '11112222';
const NEW_PIN = '582047';
const DEVICE = '용봉동 상담 노트북';
/** what the counsellor writes in the visit log: looked for in the device's files after signing out */
const SITUATION = '할머니가 밤마다 쌍둥이를 돌보느라 허리가 아프심';
const PLACE = '용봉동 행정복지센터';

let app: BuiltApp;
let hub: BuiltHub;
let proxy: FaultProxy;
let hubDir: string;
let dataDir: string;
let k: Kiosk;
let page: Page;

/** The built CLI with `stdin` piped in (the PIN goes there, never in the arguments). */
const cli = (args: string[], stdin = ''): Promise<Ran> => runBuiltCli(app, args, { stdin });
async function cliOk(args: string[], stdin = ''): Promise<string> {
  const r = await cli(args, stdin);
  if (r.code !== 0) throw new Error(`cli ${args.join(' ')} exited with ${r.code}:\n${r.err}${r.out}`);
  return r.out;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}
/** Files in the data folder, and the host's log, holding any of `texts` in plain text (UTF-8 or UTF-16). */
function plainIn(texts: string[]): string[] {
  const needles = texts.flatMap((t) => [Buffer.from(t, 'utf8'), Buffer.from(t, 'utf16le')]);
  const found = files(dataDir).filter((f) => {
    const b = readFileSync(f);
    return needles.some((n) => b.includes(n));
  });
  if (needles.some((n) => Buffer.from(k.host.log(), 'utf8').includes(n))) found.push('the host log');
  return found;
}

const heading = (p: Page) => p.locator('main h1').innerText();
/** A whole-page screenshot taken from the top (else the sticky toolbar is drawn where the page was scrolled to). */
async function fullShot(p: Page, name: string) {
  await p.evaluate(() => window.scrollTo(0, 0));
  await shot(p, name, true);
}

/** From the home screen to the counsellor's sign-in: 1279 → 안내 정보 업데이트 → 상담사 (small, at the very end). */
async function toSignIn(p: Page) {
  await tap(p, '[data-action="centre"]');
  await tap(p, '[data-action="status"]');
  await p.locator('main[data-screen="status"] h1').waitFor();
  await tap(p, '[data-action="counsellor"]');
  await p.locator('[data-counsellor="sign-in"]').waitFor();
}

/** The PIN on the number pad, as a finger would type it. */
async function padPin(p: Page, pin: string) {
  for (const d of pin) await p.locator(`.number-pad [data-digit="${d}"]`).click();
}

async function signIn(p: Page, pin = PIN) {
  await tap(p, `[data-counsellor-name="${COUNSELLOR}"]`);
  const input = p.locator('[data-signin="pin"]');
  await input.focus();
  await p.keyboard.type(pin); // a laptop's keyboard
  await p.keyboard.press('Enter');
}

beforeAll(async () => {
  app = copyBuiltApp();
  hubDir = (await freshHubLayout('counsellor-hub-')).dataDir;
  hub = await startBuiltHub(app.hub, hubDir, { ...process.env, AICHINGU_RESOURCES: app.dist });
  proxy = await startFaultProxy(hub.url);
  dataDir = freshDir('counsellor-device-');
  const code = (await cliOk(['hub', 'enrol-device', DEVICE, '--data', hubDir])).trim().split('\n').at(-1)!;
  await cliOk(['enrol', '--hub', proxy.url, '--code', code, '--data', dataDir]);
  expect(await cliOk(['counsellor', 'add', COUNSELLOR, '--data', dataDir], `${PIN}\n`)).toContain(`counsellor "${COUNSELLOR}" added`);
  k = await startKiosk({ dataDir });
  page = await openKiosk(k, LANDSCAPE);
}, 240_000);
afterAll(async () => {
  await k?.close();
  await proxy?.close();
  await hub?.close();
});

describe('the counsellor mode (built host, real hub)', () => {
  it('signs in after a wrong PIN that says the tries left; the PIN is never on the page', async () => {
    await toSignIn(page);
    expect(await heading(page)).toBe('상담사 로그인');
    expect(await page.locator('[data-counsellor-name]').allInnerTexts()).toEqual([COUNSELLOR]);
    expect(await page.locator('[data-counsellor="badge"]').count()).toBe(0);
    await shot(page, 'counsellor-signin', false);
    expect(await axe(page, false)).toEqual([]);

    await tap(page, `[data-counsellor-name="${COUNSELLOR}"]`);
    expect(await page.locator('.counsellor-who').innerText()).toBe(`${COUNSELLOR} 님, 비밀번호를 눌러 주세요.`);
    const input = page.locator('[data-signin="pin"]');
    expect(await input.getAttribute('type')).toBe('password');
    await padPin(page, WRONG);
    // shown as dots only: the digits are in no attribute and no text of the page
    expect(await input.inputValue()).toBe(WRONG);
    expect(await page.content()).not.toContain(WRONG);
    await tap(page, '[data-signin="submit"]');
    const message = page.locator('[data-signin="message"]');
    await expect.poll(() => message.innerText()).toBe('비밀번호가 맞지 않아요. 4번 더 틀리면 잠겨요.');
    expect(await input.inputValue()).toBe('');
    await shot(page, 'counsellor-signin-wrong', false);
    expect(await axe(page, false)).toEqual([]);

    await input.focus();
    await page.keyboard.type(PIN);
    expect(await page.content()).not.toContain(PIN);
    await page.keyboard.press('Enter');
    await page.locator('[data-counsellor="dashboard"]').waitFor();
    expect(await heading(page)).toBe('상담사 모드');
    expect(await page.locator('[data-counsellor="who"]').innerText()).toBe(`${COUNSELLOR} 님이 로그인했어요.`);
    expect(await page.locator('[data-counsellor="badge"]').innerText()).toMatch(new RegExp(`상담사 모드\\s+${COUNSELLOR}\\s+로그아웃`));
    expect(await page.content()).not.toContain(PIN);
    await expect.poll(() => page.locator('[data-drafts="empty"]').innerText()).toBe('임시 저장한 기록이 없어요.');
    expect(await page.locator('[data-counsellor="summary"]').innerText()).toBe('신청: 보내기 기다림 0건 · 보냄 0건 · 확인 필요 0건');
    await shot(page, 'counsellor-dashboard', false);
    expect(await axe(page, false)).toEqual([]);
    // the high-contrast theme: AAA contrast (7:1) too
    await tap(page, '[data-tool="contrast"]');
    expect(await axe(page, true)).toEqual([]);
    await shot(page, 'counsellor-dashboard-contrast', false);
    await tap(page, '[data-tool="contrast"]');
  }, 60_000);

  it('saves a visit log as a draft; signed out, its words are nowhere in plain text; signed in again, it opens with them', async () => {
    await tap(page, '[data-counsellor-action="visit"]');
    await page.locator('[data-service="outreach-visit"] form').waitFor();
    expect(await heading(page)).toBe('방문 상담 기록');
    await tap(page, '[data-field="place_kind"] [data-option="home"]');
    await page.locator('#ff-place').fill(PLACE);
    await page.locator('#ff-situation').fill(SITUATION);
    // the family is told what refusing means for a visit log (no record), not the application's "apply elsewhere"
    const consentWords = await page.locator('[data-service="outreach-visit"] .consent-details').innerText();
    expect(consentWords).toContain('이번 방문 내용은 기록하지 않아요');
    expect(consentWords).toContain('상담사의 비밀번호로 잠가 두고');
    expect(consentWords).not.toContain('여기서 신청할 수는 없어요');
    await tap(page, '[data-field="consent"] [data-option="agree"]');
    await tap(page, '[data-outreach="save"]');
    await expect.poll(() => page.locator('[data-outreach="notice"]').innerText()).toMatch(/에 임시 저장했어요\. 로그아웃하면 잠기고, 다시 로그인하면 열 수 있어요\.$/);
    // as the counsellor sees it: the situation being written, 임시 저장 and 제출하기 kept at the bottom of the screen
    await page.locator('#ff-situation').scrollIntoViewIfNeeded();
    await shot(page, 'counsellor-visit', false);
    // (FormFields' calendar days read "2026년 12월 8일 화" for a visible "8": axe's label-content-name-mismatch, reported to FormFields' author; everything else must pass)
    expect((await axe(page, false)).filter((v) => !(v.id === 'label-content-name-mismatch' && v.nodes.every((n) => n.includes('> .ff-cal['))))).toEqual([]);

    // 뒤로: the dashboard lists the draft by its place and date
    await tap(page, '[data-tool="back"]');
    const draft = page.locator('[data-counsellor="drafts"] [data-draft]');
    await expect.poll(() => draft.count()).toBe(1);
    expect(await draft.locator('.counsellor-item-title').innerText()).toMatch(new RegExp(`^방문 상담 기록 · ${PLACE} · \\d{4}-\\d{2}-\\d{2}$`));

    // signing out (the toolbar's 로그아웃) wipes the drafts' key: the sign-in says the drafts are locked
    await tap(page, '[data-counsellor="badge-sign-out"]');
    await page.locator('[data-counsellor="sign-in"]').waitFor();
    expect(await page.locator('[data-ended]').innerText()).toBe('로그아웃했어요. 임시 저장한 기록은 잠겼어요. 다시 로그인해야 열 수 있어요.');
    expect(await page.locator('[data-counsellor="badge"]').count()).toBe(0);
    expect((await apiCall(k.host, 'counsellorStatus', {})).body.value).toMatchObject({ session: null });
    expect(plainIn([SITUATION, PLACE])).toEqual([]);

    await signIn(page);
    await page.locator('[data-counsellor="dashboard"]').waitFor();
    await expect.poll(() => draft.count()).toBe(1);
    await draft.locator('[data-draft-action="open"]').click();
    await page.locator('[data-service="outreach-visit"] form').waitFor();
    expect(await page.locator('#ff-situation').inputValue()).toBe(SITUATION);
    expect(await page.locator('#ff-place').inputValue()).toBe(PLACE);
    expect(await page.locator('[data-field="place_kind"] [data-option="home"]').getAttribute('aria-pressed')).toBe('true');
  }, 60_000);

  it('submits the visit log offline (its draft gone; it waits with its receipt number), then online it is sent; a survey too', async () => {
    // a home visit without a network: the hub cannot be reached
    proxy.add({ path: '/intake/', fault: { kind: 'status', status: 503 } });
    await tap(page, '[data-outreach="submit"]');
    await page.locator('[data-counsellor="dashboard"]').waitFor();
    expect(await page.locator('[data-counsellor="notice"]').innerText()).toMatch(/^방문 상담 기록을 제출했어요\./);
    await expect.poll(() => page.locator('[data-drafts="empty"]').count()).toBe(1);
    const waitingVisit = page.locator('[data-queue-group="pending"] [data-record]', { hasText: '방문 상담 기록' });
    await expect.poll(() => waitingVisit.innerText(), { timeout: 30_000 }).toMatch(/\d+번 보내 봤어요/);
    const receipt = /\d{4}-\d{4}-\d/.exec(await waitingVisit.innerText())?.[0];
    expect(receipt, 'the receipt number is given on the device, offline').toBeDefined();
    // back online: the uploader sends it by itself, under the same receipt
    proxy.clear();
    const sentVisit = page.locator('[data-queue-group="sent"] [data-record]', { hasText: '방문 상담 기록' });
    await expect.poll(() => sentVisit.count(), { timeout: 90_000 }).toBe(1);
    expect(await sentVisit.innerText()).toContain(`접수번호 ${receipt}`);

    await submitSurvey(page, { understood: '4', helpful: '5', needs: 'childcare' });
    const sent = page.locator('[data-queue-group="sent"] [data-record]');
    await expect.poll(() => sent.count(), { timeout: 30_000 }).toBe(2);
    expect(await page.locator('[data-counsellor="summary"]').innerText()).toBe('신청: 보내기 기다림 0건 · 보냄 2건 · 확인 필요 0건');
  }, 180_000);

  it('two families’ application drafts are told apart in the list (the service once, whose and how far), their names nowhere in plain text once signed out; each opens at the step it was left at', async () => {
    const families = [
      { name: '이지은', phone: '010-3141-5926', steps: 2 },
      { name: '한동수', phone: '010-2718-2818', steps: 1 },
    ];
    for (const f of families) {
      await tap(page, '[data-counsellor="mode"]');
      await page.locator('[data-counsellor="dashboard"]').waitFor();
      await tap(page, '[data-counsellor-action="apply"]');
      await tap(page, '[data-apply-service="gj-emergency-childcare"]');
      await tap(page, '[data-consent-action="agree"]');
      await expect.poll(() => stepOf(page)).toBe('0');
      await typeText(page, f.name);
      await next(page);
      await typeDigits(page, 'phone', f.phone);
      if (f.steps > 1) await next(page);
      await tap(page, '[data-apply="save-draft"]');
      await expect.poll(() => page.locator('[data-draft]').getAttribute('data-draft')).toBe('saved');
    }
    await tap(page, '[data-counsellor="mode"]');
    const drafts = page.locator('[data-counsellor="drafts"] [data-draft]');
    await expect.poll(() => drafts.count()).toBe(2);
    const titles = await drafts.locator('.counsellor-item-title').allInnerTexts();
    // newest first: 한동수 saved at the phone (step 2), 이지은 at the child's birth month (step 3)
    expect(titles[0]).toMatch(/^긴급아이돌봄 예약 · 한동수 · \d+단계 중 2단계까지$/);
    expect(titles[1]).toMatch(/^긴급아이돌봄 예약 · 이지은 · \d+단계 중 3단계까지$/);
    await shot(page, 'counsellor-drafts-two-families');

    await tap(page, '[data-counsellor="badge-sign-out"]');
    await page.locator('[data-counsellor="sign-in"]').waitFor();
    expect(plainIn(families.flatMap((f) => [f.name, f.phone]))).toEqual([]);

    await signIn(page);
    await page.locator('[data-counsellor="dashboard"]').waitFor();
    await expect.poll(() => drafts.count()).toBe(2);
    await drafts.nth(1).locator('[data-draft-action="open"]').click();
    await expect.poll(() => stepOf(page)).toBe('2');
    await tap(page, '[data-counsellor="mode"]');
    await drafts.nth(0).locator('[data-draft-action="open"]').click();
    await expect.poll(() => stepOf(page)).toBe('1');
    expect(await page.locator('[data-field="phone"] input').inputValue()).toBe(families[1]!.phone);

    // (the list empty again for what follows)
    await tap(page, '[data-counsellor="mode"]');
    for (let n = 2; n > 0; n--) {
      await expect.poll(() => drafts.count()).toBe(n);
      await drafts.first().locator('[data-draft-action="delete"]').click();
      await page.locator('[role="alertdialog"][data-confirm="delete-draft"] [data-confirm-action="confirm"]').click();
    }
    await expect.poll(() => page.locator('[data-drafts="empty"]').count()).toBe(1);
  }, 120_000);

  it('changes the PIN (the current one on the keyboard, the new one on the pad); the USB part is there to look at', async () => {
    await tap(page, '[data-counsellor-action="pin"]');
    await page.locator('[data-counsellor="change-pin"]').waitFor();
    expect(await heading(page)).toBe('비밀번호 바꾸기');
    await page.locator('[data-pin="current"]').focus();
    await page.keyboard.type(PIN);
    await page.locator('[data-pin="next"]').click();
    await padPin(page, NEW_PIN);
    await page.locator('[data-pin="again"]').click();
    await padPin(page, '582048');
    await tap(page, '[data-pin="submit"]');
    expect(await page.locator('[data-pin="message"]').innerText()).toBe('새 비밀번호 두 번이 서로 달라요. 다시 눌러 주세요.');
    await page.locator('[data-pin="again"]').fill('');
    await page.locator('[data-pin="again"]').click();
    await page.keyboard.type(NEW_PIN);
    expect(await page.content()).not.toContain(NEW_PIN);
    await shot(page, 'counsellor-pin', false);
    expect(await axe(page, false)).toEqual([]);
    await tap(page, '[data-pin="submit"]');
    await page.locator('[data-counsellor="dashboard"]').waitFor();
    expect(await page.locator('[data-counsellor="notice"]').innerText()).toBe('비밀번호를 바꿨어요. 임시 저장 0건을 새 비밀번호로 다시 잠갔어요.');

    // USB: only looked at — exporting would write onto whatever this machine has mounted under /media or /mnt
    await tap(page, '[data-counsellor-action="usb"]');
    await page.locator('[data-counsellor="usb"]').waitFor();
    await page.locator('[data-usb="rescan"]').waitFor();
    expect(await page.locator('main h2').allInnerTexts()).toEqual(['신청서를 USB로 내보내기', 'USB로 업데이트']);
    await shot(page, 'counsellor-usb', false);
    expect(await axe(page, false)).toEqual([]);
    await tap(page, '[data-tool="back"]');
    await page.locator('[data-counsellor="dashboard"]').waitFor();
  }, 60_000);

  it('an application the hub refuses waits under needs attention with the reason in words; 다시 보내기 sends it again; 삭제 only after a confirmation Esc cancels', async () => {
    // the hub cannot be reached: a survey waits, and its sealed bytes are damaged on the device (a bad disk sector)
    proxy.add({ path: '/intake/', fault: { kind: 'status', status: 503 } });
    await submitSurvey(page, { understood: '3', helpful: '3' });
    const pending = page.locator('[data-queue-group="pending"] [data-record]');
    await expect.poll(() => pending.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => pending.innerText(), { timeout: 30_000 }).toMatch(/\d+번 보내 봤어요/);
    // why it waits, in plain words (the hub answers 503): nothing in English
    expect(await pending.locator('[data-queue="problem"]').innerText()).toBe('허브가 지금은 신청서를 받을 수 없어요. 신청서는 이 기기에 안전하게 보관되어 있고, 잠시 뒤 자동으로 다시 보내요.');
    expect(await pending.innerText()).not.toMatch(/[A-Za-z]{3,}/);
    const clientId = (await pending.getAttribute('data-record'))!;
    const db = new Database(join(dataDir, 'outbox.sqlite'));
    db.pragma('busy_timeout = 5000');
    const row = db.prepare('SELECT sealed FROM application WHERE client_id = ?').get(clientId) as { sealed: Buffer };
    row.sealed[row.sealed.length - 1] = row.sealed.at(-1)! ^ 0xff;
    db.prepare('UPDATE application SET sealed = ? WHERE client_id = ?').run(row.sealed, clientId);
    db.close();
    // the hub is back; the next survey sends both at once (oldest first): the damaged one is refused
    proxy.clear();
    await submitSurvey(page, { understood: '5', helpful: '4', needs: 'money' });

    const refused = page.locator(`[data-queue-group="attention"] [data-record="${clientId}"]`);
    await expect.poll(() => refused.count(), { timeout: 60_000 }).toBe(1);
    expect(await refused.locator('[data-queue="reason"]').innerText()).toBe('신청서가 이 기기에서 손상되어 허브가 열지 못했어요. 다시 보내도 안 되면 삭제하고 가정과 함께 다시 신청해 주세요.');
    expect(await refused.innerText()).toContain('허브의 설명:');
    expect(await page.locator('[data-counsellor="summary-attention"]').innerText()).toBe("허브가 받지 않은 신청이 1건 있어요. 아래 '신청 대기열'에서 다시 보내거나 삭제해 주세요.");
    await expect.poll(() => page.locator('[data-queue-group="sent"] [data-record]').count(), { timeout: 30_000 }).toBe(3);
    const triesBefore = Number(/(\d+)번 보내 봤어요/.exec(await refused.innerText())![1]);

    // 다시 보내기: sent again, and refused again by the hub (the damage stays): the tries counted go up
    await refused.locator('[data-queue-action="retry"]').click();
    expect(await page.locator('[data-queue="notice"]').innerText()).toBe("방문 상담 설문: 다시 보내요. 허브가 받으면 '보냈어요'로 옮겨져요.");
    await expect.poll(async () => ((await refused.count()) ? Number(/(\d+)번 보내 봤어요/.exec(await refused.innerText())?.[1]) : 0), { timeout: 60_000 }).toBeGreaterThan(triesBefore);

    // 삭제: a dialog that says what will be lost, the safe choice focused; Esc cancels
    await refused.locator('[data-queue-action="discard"]').click();
    const dialog = page.locator('[role="alertdialog"][data-confirm="discard"]');
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await dialog.locator('h2').innerText()).toBe('이 신청을 삭제할까요?');
    expect(await dialog.innerText()).toContain('삭제하면 신청서 내용이 이 기기에서 완전히 지워지고 되살릴 수 없어요');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-confirm-action'))).toBe('cancel');
    await shot(page, 'counsellor-discard', false);
    expect(await axe(page, false)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await refused.count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-queue-action'))).toBe('discard');

    await refused.locator('[data-queue-action="discard"]').click();
    await dialog.locator('[data-confirm-action="confirm"]').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => refused.count()).toBe(0);
    expect(await page.locator('[data-queue="notice"]').innerText()).toBe('방문 상담 설문 신청을 삭제했어요. 종류와 시간만 기록으로 남아요.');
    expect(await page.locator('[data-queue="discarded"]').innerText()).toBe('삭제한 신청 1건 (종류와 시간만 남아요)');
    expect(await page.locator('[data-counsellor="summary"]').innerText()).toBe('신청: 보내기 기다림 0건 · 보냄 3건 · 확인 필요 0건');
    await fullShot(page, 'counsellor-dashboard-after');
  }, 150_000);

  it('a laptop zoomed to 150 % (911×512 CSS px): the toolbar, on two rows with the badge, scrolls away with the page; on each step of an application 다음 is in view and uncovered as the step opens', async () => {
    const zoomed = await openKiosk(k, { width: 911, height: 512 }, { zoom: 1.5 });
    await zoomed.locator('[data-counsellor="badge"]').waitFor();
    await tap(zoomed, '[data-counsellor="mode"]');
    await tap(zoomed, '[data-counsellor-action="apply"]');
    await tap(zoomed, '[data-apply-service="gj-emergency-childcare"]');
    await tap(zoomed, '[data-consent-action="agree"]');
    await expect.poll(() => stepOf(zoomed)).toBe('0');
    const toolbar = (await zoomed.locator('.toolbar').boundingBox())!;
    expect(toolbar.height, 'two rows of tools').toBeGreaterThan(512 / 5);
    expect(await zoomed.locator('.toolbar').getAttribute('data-toolbar')).toBe('scrolls');
    // each step opens at its progress line (the title above it is the same on every step): its field and 다음 in view
    expect(await notInView(zoomed, '[data-field] input', true)).toEqual([]);
    expect(await notInView(zoomed, '[data-apply="next"]', true)).toEqual([]);
    await shot(zoomed, 'counsellor-apply-zoomed-step1', false);
    // scrolled down to the field's end, the toolbar has gone up with the page; 다음 is still there
    await zoomed.mouse.wheel(0, 400);
    await expect.poll(() => zoomed.evaluate(() => document.querySelector('.toolbar')!.getBoundingClientRect().bottom)).toBeLessThanOrEqual(0);
    expect(await notInView(zoomed, '[data-apply="next"]', true)).toEqual([]);
    await zoomed.locator('[data-field] input').first().focus();
    await zoomed.keyboard.type('박보호'); // a laptop's keyboard
    await next(zoomed);
    expect(await notInView(zoomed, '[data-field="phone"] input', true)).toEqual([]);
    expect(await notInView(zoomed, '[data-apply="next"]', true)).toEqual([]);
    await shot(zoomed, 'counsellor-apply-zoomed-step2', false);
    await zoomed.context().close();
  }, 60_000);

  it('portrait kiosk: the dashboard and sign-in fit; the kiosk’s idle reset waits the counsellor’s session idle, then signs the counsellor out', async () => {
    const portrait = await openKiosk(k, PORTRAIT, { clock: true });
    // signed in on the other window: this one shows the badge, which opens the dashboard
    await portrait.locator('[data-counsellor="badge"]').waitFor();
    await tap(portrait, '[data-counsellor="mode"]');
    await portrait.locator('[data-counsellor="dashboard"]').waitFor();
    await shot(portrait, 'counsellor-dashboard-portrait', false);
    expect(await axe(portrait, false)).toEqual([]);
    // nobody touches the kiosk: while a counsellor is signed in, not the public kiosk's two minutes
    // but the counsellor's session idle (10 minutes); then the warning, then the reset, which signs the counsellor out
    await portrait.clock.runFor(121_000);
    await portrait.clock.runFor(2_000);
    expect(await portrait.locator('[data-idle="more"]').count(), 'a form with a family is not wiped after two minutes').toBe(0);
    await portrait.clock.runFor(600_000 - 123_000 + 1_000);
    await portrait.locator('[data-idle="more"]').waitFor();
    await portrait.clock.runFor(31_000);
    await portrait.locator('main[data-screen="home"]').waitFor();
    await expect.poll(async () => ((await apiCall(k.host, 'counsellorStatus', {})).body.value as { session: unknown }).session).toBeNull();
    await toSignIn(portrait);
    expect(await portrait.locator('[data-ended]').innerText()).toBe('오래 쓰지 않아 로그아웃했어요. 다시 로그인해 주세요.');
    await shot(portrait, 'counsellor-signin-portrait', false);
    await portrait.context().close();
  }, 60_000);

  it('five wrong PINs in a row lock the account; the screen says an operator must unlock it', async () => {
    // the first window follows the host: signed out, it is the sign-in again
    await page.locator('[data-counsellor="sign-in"]').waitFor();
    expect(await page.locator('[data-counsellor="badge"]').count()).toBe(0);
    await tap(page, `[data-counsellor-name="${COUNSELLOR}"]`);
    const input = page.locator('[data-signin="pin"]');
    const message = page.locator('[data-signin="message"]');
    for (const left of [4, 3, 2, 1]) {
      await input.focus();
      await page.keyboard.type(WRONG);
      await page.keyboard.press('Enter');
      await expect.poll(() => message.innerText()).toBe(`비밀번호가 맞지 않아요. ${left}번 더 틀리면 잠겨요.`);
    }
    await input.focus();
    await page.keyboard.type(WRONG);
    await page.keyboard.press('Enter');
    await expect.poll(() => message.innerText()).toBe(
      `비밀번호를 5번 틀려서 ${COUNSELLOR} 님의 계정이 잠겼어요. 관리자가 잠금을 풀어야 다시 로그인할 수 있어요 (관리자 명령: cli counsellor unlock ${COUNSELLOR}).`,
    );
    expect(await input.count()).toBe(0); // no PIN to type while locked
    await shot(page, 'counsellor-locked', false);
    expect(await axe(page, false)).toEqual([]);
    await tap(page, '[data-signin="other-name"]');
    expect(await page.locator(`[data-counsellor-name="${COUNSELLOR}"]`).innerText()).toMatch(/잠김/);
    // chosen again, the name asks no PIN: it says the account is locked
    await tap(page, `[data-counsellor-name="${COUNSELLOR}"]`);
    expect(await message.innerText()).toMatch(/계정이 잠겼어요/);
    expect(await input.count()).toBe(0);
  }, 90_000);

  it('at the hub, cli hub applications lists the visit log with its words and the counsellor’s name', async () => {
    const list = JSON.parse((await cliOk(['hub', 'applications', '--data', hubDir, '--json'])).trim().split('\n').at(-1)!) as { service: string; device: string; form: Record<string, unknown> | null }[];
    const visits = list.filter((a) => a.service === 'outreach-visit');
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ device: DEVICE, form: { situation: SITUATION, place: PLACE, place_kind: 'home', consent: true } });
    expect(visits[0]).toMatchObject({ counsellor: COUNSELLOR });
    expect(list.filter((a) => a.service === 'outreach-survey')).toHaveLength(2);
  }, 30_000);
});

/** 방문 설문 from the dashboard: the two scales, what else the family needs, consent, 제출하기; back on the dashboard. */
async function submitSurvey(p: Page, a: { understood: string; helpful: string; needs?: string }) {
  await tap(p, '[data-counsellor-action="survey"]');
  await p.locator('[data-service="outreach-survey"] form').waitFor();
  await tap(p, `[data-field="understood"] [data-option="${a.understood}"]`);
  await tap(p, `[data-field="helpful"] [data-option="${a.helpful}"]`);
  if (a.needs) await tap(p, `[data-field="needs"] [data-option="${a.needs}"]`);
  await tap(p, '[data-field="consent"] [data-option="agree"]');
  await tap(p, '[data-outreach="submit"]');
  await p.locator('[data-counsellor="dashboard"]').waitFor();
  expect(await p.locator('[data-counsellor="notice"]').innerText()).toMatch(/^방문 상담 설문을 제출했어요\./);
}
