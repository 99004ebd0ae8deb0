/**
 * Applying at the kiosk, on what ships: the built hub and CLI (a private copy of dist/), a device
 * enrolled at the hub, then the hub stopped and the built web host in Chromium on that enrolled
 * data folder. Every public form is filled in by touch as a person would — the consent screen
 * first (refusing it leads back, with the 1279 phone, and nothing is queued), names on the
 * on-screen keyboard, phone numbers on the number pad (a wrong one answered in plain words under
 * the field), months, days and hours as buttons, the answers reviewed — while the hub is down:
 * each gets its receipt screen and waits in the outbox. The lookup says the kiosk is offline.
 * Then the hub is back, a Vietnamese family applies (labels and an error in Vietnamese), the
 * kiosk's uploader sends everything, the hub lists each application with the answers typed and
 * the receipt number shown on screen; the centre confirms the reservation and the lookup shows it
 * confirmed; a wrong phone is not found. Nothing anyone typed is left in plain text in the
 * device's data folder or the host's log. Screenshots: test-results/screens/apply-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDir, ROOT } from '../env.node.js';
import { copyBuiltApp, jsonResult, runBuiltCli, type BuiltApp, type Ran } from './built-app.js';
import { startBuiltHub, type BuiltHub } from './built-hub.js';
import { apiCall, axe, chooseLanguage, goHome, LANDSCAPE, openKiosk, PORTRAIT, PORTRAIT_150, shot, startKiosk, tap, type Kiosk } from './harness.js';
import { plainTextIn, plainTextOf, type Person } from './outbox-people.js';
import { chooseDay, chooseMonth, chooseTime, choose, clearPad, dayAhead, field, next, openKeys, stepOf, typeDigits, typeText } from './apply-touch.js';
import { freshHubLayout } from '../../sync/hub/testing.node.js';

type Tree = { [k: string]: string | Tree };
const locale = (lang: string) => JSON.parse(readFileSync(join(ROOT, 'core', 'contract', 'locales', `${lang}.json`), 'utf8')) as Tree;
const say = (tree: Tree, key: string, values: Record<string, string | number> = {}) => {
  const s = key.split('.').reduce<string | Tree>((t, k) => (t as Tree)[k]!, tree) as string;
  return s.replace(/{{(\w+)}}/g, (_, k: string) => String(values[k]));
};
const ko = locale('ko');
const vi = locale('vi');

// made-up people, one per form (each name typed on the keyboard, each phone on the pad)
const CALLBACK: Person = { name: '김순자', phone: '010-2741-3856' };
const HOSPITAL: Person = { name: '정미영', phone: '010-3852-4967' };
const EMERGENCY: Person = { name: '최하늘', phone: '010-4963-5178' };
const GRANDPARENT: Person = { name: '박영희', phone: '010-5174-6289' };
const VIETNAMESE: Person = { name: 'nguyen thi lan', phone: '010-6285-7391' };
const PEOPLE = [CALLBACK, HOSPITAL, EMERGENCY, GRANDPARENT, VIETNAMESE];
const TOPIC = '손주 돌봄 상담';

let app: BuiltApp;
let hubDir: string;
let hub: BuiltHub;
let hubPort: string;
let dataDir: string;
let k: Kiosk;
/** the receipt number each person saw on screen (null: none was given) */
const receipts = new Map<Person, string | null>();

const cli = async (args: string[]): Promise<Ran> => {
  const r = await runBuiltCli(app, args);
  if (r.code !== 0) throw new Error(`cli ${args.join(' ')} exited with ${r.code}:\n${r.err}${r.out}`);
  return r;
};
const outbox = async () => {
  const r = await apiCall(k.host, 'outboxStatus', {});
  return r.body.value as { pending: number; sent: number; attention: number; records: { receipt: string | null; service: string; state: string }[] };
};
const counts = async () => {
  const o = await outbox();
  return { pending: o.pending, sent: o.sent, attention: o.attention };
};

beforeAll(async () => {
  app = copyBuiltApp();
  hubDir = (await freshHubLayout('apply-hub-')).dataDir;
  hub = await startBuiltHub(app.hub, hubDir, { ...process.env, AICHINGU_RESOURCES: app.dist });
  hubPort = new URL(hub.url).port;
  dataDir = freshDir('apply-kiosk-');
  const code = (await cli(['hub', 'enrol-device', '용봉동 행정복지센터 키오스크', '--data', hubDir])).out.trim().split('\n').at(-1)!;
  await cli(['enrol', '--hub', hub.url, '--code', code, '--data', dataDir, '--json']);
  // the network is down: the hub is stopped before the kiosk starts
  await hub.close();
  k = await startKiosk({ dataDir });
}, 240_000);
afterAll(async () => {
  await k?.close();
  await hub?.close();
});

/** the apply screen shows a step (a number), the review, the consent or the refusal */
const atStep = async (page: Page, want: string) => expect.poll(() => stepOf(page)).toBe(want);

/** Agrees on the consent screen after checking it says what it must. */
async function consent(page: Page, service: string, shotName?: string) {
  await page.locator('main .apply[data-phase="consent"]').waitFor();
  const text = await page.locator('main .apply').innerText();
  expect(text).toContain(say(ko, `forms.consent.purpose.${service}`));
  expect(text).toContain(say(ko, 'forms.consent.kept'));
  expect(text).toContain(say(ko, 'forms.consent.refuse'));
  expect(text).toContain(say(ko, 'forms.consent.never'));
  expect(text).toContain(say(ko, 'forms.consent.sealed'));
  expect(await page.locator('[data-consent="items"]').innerText()).toContain(say(ko, 'forms.field.phone'));
  if (shotName) {
    expect(await axe(page, false)).toEqual([]);
    await shot(page, shotName);
  }
  await tap(page, '[data-consent-action="agree"]');
  await atStep(page, '0');
}

/** A name on the keyboard and a phone number on the pad, a step each. */
async function nameAndPhone(page: Page, nameField: string, p: Person) {
  await typeText(page, p.name);
  expect(await field(page, nameField).locator('input').inputValue()).toBe(p.name);
  await next(page);
  await typeDigits(page, 'phone', p.phone);
  expect(await field(page, 'phone').locator('input').inputValue()).toBe(p.phone);
  await next(page);
}

/** 신청하기 on the review, and the receipt screen: the receipt number shown (or none) and the outbox's count. */
async function submit(page: Page, p: Person, submitted: 'received' | 'requested') {
  const before = await counts();
  await tap(page, '[data-apply="submit"]');
  await page.locator('main[data-screen="receipt"] h1').waitFor();
  // the hub is down: sealed on this device, not received — the screen says so, never "접수됐어요" or that the centre has it
  expect(await page.locator('[data-state]').getAttribute('data-state')).toBe('pending');
  const next = await page.locator('.receipt-next').innerText();
  expect(next).toContain(say(ko, submitted === 'requested' ? 'forms.state.pendingRequest' : 'forms.state.pending'));
  expect(next).not.toContain(say(ko, `forms.state.${submitted}`));
  const box = page.locator('[data-receipt]').first();
  const receipt = await box.getAttribute('data-receipt');
  if (receipt && receipt !== 'none') {
    expect(receipt).toMatch(/^\d{4}-\d{4}-\d$/);
    // the number as groups, large
    expect((await page.locator('[data-receipt-shown]').innerText()).replace(/\s/g, '')).toBe(receipt);
    receipts.set(p, receipt);
  } else {
    expect(await page.locator('.receipt-none').innerText()).toBe(say(ko, 'receipt.noNumber'));
    receipts.set(p, null);
  }
  await expect.poll(() => page.locator('[data-centre-phone]').getAttribute('data-centre-phone')).toMatch(/1279/);
  // sealed into the outbox, waiting (the hub is down)
  expect(await counts()).toEqual({ ...before, pending: before.pending + 1 });
}

const TEXT_SIZES = [100, 150, 200] as const;
async function textSize(page: Page, size: (typeof TEXT_SIZES)[number]) {
  await tap(page, '[data-tool="size"]');
  await tap(page, `[data-size="${size}"]`);
  await expect.poll(() => page.locator('html').getAttribute('data-scale')).toBe(String(size));
}
/** The receipt number's groups on one line, inside its box, and still large (px): measured in the page. */
const receiptLine = (page: Page) =>
  page.evaluate(() => {
    const groups = [...document.querySelectorAll('.receipt-group')].map((g) => g.getBoundingClientRect());
    const line = document.querySelector('.receipt-groups')!;
    const box = document.querySelector('.receipt-box')!.getBoundingClientRect();
    const tops = groups.map((g) => Math.round(g.top));
    return {
      oneLine: tops.every((t) => Math.abs(t - tops[0]!) <= 1) && groups.length === 3,
      inside: groups.every((g) => g.left >= box.left && g.right <= box.right) && line.scrollWidth <= line.clientWidth + 1,
      px: parseFloat(getComputedStyle(line).fontSize),
    };
  });
/** The receipt on screen at every supported size: a portrait kiosk, one scaled to 150 %, a laptop; 100, 150 and 200 % text. */
async function receiptOnOneLine(page: Page, lang: string) {
  for (const viewport of [PORTRAIT, PORTRAIT_150, LANDSCAPE])
    for (const size of TEXT_SIZES) {
      await page.setViewportSize(viewport);
      await textSize(page, size);
      const at = `${lang} ${viewport.width}×${viewport.height} at ${size} %`;
      const m = await receiptLine(page);
      expect(m.oneLine, `${at}: the receipt number on one line`).toBe(true);
      expect(m.inside, `${at}: the receipt number inside its box`).toBe(true);
      expect(m.px, `${at}: the receipt number still large`).toBeGreaterThanOrEqual(48);
    }
  await textSize(page, 100);
}

/** 손자녀가족돌보미 from its entry (영유아 → 돌봄): consent, the caregiver's name and phone, a grandparent. */
async function startGrandparent(page: Page) {
    await tap(page, '[data-stage="infant"]');
    await tap(page, '[data-category="care"]');
    await tap(page, '[data-entry="gj-grandparent-caregiver"]');
    await tap(page, '[data-action="apply-here"]');
    await consent(page, 'gj-grandparent-caregiver');
    await nameAndPhone(page, 'caregiver_name', GRANDPARENT);
    await choose(page, 'caregiver', 'grandparent');
}

/** The grandparent application's last steps: income under the median, 북구, six hours a day (the review comes next). */
async function incomeDistrictHours(page: Page) {
    await choose(page, 'income_band', 'under_median_100');
    await next(page);
    await choose(page, 'district', '북구');
    await next(page);
    await typeDigits(page, 'care_hours_per_day', '6');
}

describe('applying at the kiosk, offline first, then online', () => {
  it('a kiosk not enrolled with a hub says so before any form, in the reader\'s language, with the number to call', async () => {
    const unenrolled = await startKiosk({ dataDir: freshDir('kiosk-unenrolled-') });
    try {
      const page = await openKiosk(unenrolled, PORTRAIT);
      await tap(page, '[data-action="callback"]');
      const note = page.locator('[data-apply="not-enrolled"]');
      await note.waitFor();
      expect(await note.innerText()).toBe(say(ko, 'apply.notEnrolled'));
      expect(await page.locator('main .apply[data-phase="consent"]').count()).toBe(0);
      await expect.poll(() => page.locator('[data-centre-phone]').getAttribute('data-centre-phone')).toMatch(/1279/);
      await shot(page, 'apply-not-enrolled');
      await goHome(page);
      await chooseLanguage(page, 'vi');
      await tap(page, '[data-action="callback"]');
      await note.waitFor();
      expect(await note.innerText()).toBe(say(vi, 'apply.notEnrolled'));
      // 신청 확인 there says why it cannot check (not connected to the centre yet), not that the internet is down
      await goHome(page);
      await chooseLanguage(page, 'ko');
      await tap(page, '[data-action="lookup"]');
      await page.locator('main[data-screen="lookup"] h1').waitFor();
      await typeDigits(page, 'receipt', '1234-5678-6'); // a well-formed number (its last digit checks)
      await tap(page, '#lookup-phone');
      await typeDigits(page, 'phone', '010-2345-6789');
      await tap(page, '[data-lookup="check"]');
      await expect.poll(() => page.locator('[data-failed]').getAttribute('data-failed')).toBe('not_enrolled');
      expect(await page.locator('[data-failed]').innerText()).toBe(say(ko, 'lookup.notEnrolled'));
      await page.context().close();
    } finally {
      await unenrolled.close();
    }
  });

  it('refusing consent leads back with the 1279 phone, and nothing is queued', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-action="callback"]');
    await page.locator('main .apply[data-phase="consent"]').waitFor();
    await tap(page, '[data-consent-action="disagree"]');
    await atStep(page, 'refused');
    expect(await page.locator('main h2').innerText()).toBe(say(ko, 'apply.refusedTitle'));
    await expect.poll(() => page.locator('[data-centre-phone]').getAttribute('data-centre-phone')).toMatch(/1279/);
    expect(await page.locator('.centre-phone').innerText()).toContain('1279');
    await shot(page, 'apply-refused');
    await tap(page, '[data-apply="home"]');
    await page.locator('main[data-screen="home"]').waitFor();
    expect(await counts()).toEqual({ pending: 0, sent: 0, attention: 0 });
    await page.context().close();
  });

  it('상담 신청 by touch with the hub stopped: a wrong phone number is said plainly under the field; the receipt shows; the outbox counts it pending', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-action="callback"]');
    await consent(page, 'consultation-callback', 'apply-consent');
    await typeText(page, CALLBACK.name);
    await next(page);
    // a number too short: the core's message, in the field, tied to the input
    await typeDigits(page, 'phone', '0102741');
    expect(await field(page, 'phone').locator('input').inputValue()).toBe('010-2741');
    await tap(page, '[data-apply="next"]');
    const problem = field(page, 'phone').locator('.field-error');
    await expect.poll(() => problem.innerText()).toBe(say(ko, 'forms.error.phone.invalid'));
    expect(await problem.getAttribute('role')).toBe('alert');
    const input = field(page, 'phone').locator('input');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toBe(await problem.getAttribute('id'));
    expect(await axe(page, false)).toEqual([]);
    await shot(page, 'apply-step-phone-error');
    await clearPad(page, 'phone');
    await typeDigits(page, 'phone', CALLBACK.phone);
    expect(await input.inputValue()).toBe(CALLBACK.phone);
    await next(page);
    await typeText(page, TOPIC);
    await shot(page, 'apply-step-topic');
    // at 150 %: the field, its keyboard and 다음 still together
    await tap(page, '[data-tool="size"]');
    await tap(page, '[data-size="150"]');
    await shot(page, 'apply-step-topic-150');
    await tap(page, '[data-tool="size"]');
    await tap(page, '[data-size="100"]');
    await next(page);
    await choose(page, 'preferred_time', 'weekday_morning');
    // beside it, the language to be called in: the screen's, chosen already
    expect(await field(page, 'language').locator('[data-option="ko"]').getAttribute('aria-pressed')).toBe('true');
    expect(await next(page)).toBe('review');
    const review = page.locator('.apply-review');
    expect(await review.locator('[data-review="name"] .apply-answer').innerText()).toBe(CALLBACK.name);
    expect(await review.locator('[data-review="phone"] .apply-answer').innerText()).toBe(CALLBACK.phone);
    expect(await review.locator('[data-review="topic"] .apply-answer').innerText()).toBe(TOPIC);
    expect(await review.locator('[data-review="preferred_time"] .apply-answer').innerText()).toBe(say(ko, 'forms.option.preferred_time.weekday_morning'));
    expect(await axe(page, false)).toEqual([]);
    await shot(page, 'apply-review');
    await submit(page, CALLBACK, 'received');
    expect(await axe(page, false)).toEqual([]);
    await shot(page, 'apply-receipt');
    // at 150 %: the receipt number still whole on screen
    await tap(page, '[data-tool="size"]');
    await tap(page, '[data-size="150"]');
    await shot(page, 'apply-receipt-150');
    await tap(page, '[data-tool="size"]');
    await tap(page, '[data-size="100"]');
    // at every supported size (a portrait kiosk whose screen is scaled to 150 % too): the number on one line, its last digit with the rest
    await receiptOnOneLine(page, 'ko');
    await page.setViewportSize(PORTRAIT_150);
    await textSize(page, 150);
    await shot(page, 'apply-receipt-portrait-150');
    await page.context().close();
  }, 180_000);

  it('입원아동 돌봄 from its page: 여기서 신청하기, the child, the hospital, a visit day and hours, the fee estimate', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-stage="infant"]');
    await tap(page, '[data-category="care"]');
    await tap(page, '[data-entry="gj-hospitalized-child-care"]');
    await tap(page, '[data-action="apply-here"]');
    await consent(page, 'gj-hospitalized-child-care');
    await nameAndPhone(page, 'applicant_name', HOSPITAL);
    const year = new Date().getFullYear();
    await chooseMonth(page, 'child_birth_month', `${year - 5}-03`);
    await next(page);
    await choose(page, 'district', '북구');
    await next(page);
    await typeText(page, '전남대병원');
    await next(page);
    await typeText(page, '소아병동 501호');
    await next(page);
    // a weekday at least two days on, 09:00 to 13:00
    const day = dayAhead(2, [1, 2, 3, 4, 5]);
    await chooseDay(page, '[data-field="visits"]', day);
    await chooseTime(page, '[data-field="visits"]', 'start', '09:00');
    await chooseTime(page, '[data-field="visits"]', 'end', '13:00');
    expect(await page.locator('[data-apply="facts"]').innerText()).toContain('08:00');
    expect(await axe(page, false)).toEqual([]);
    await shot(page, 'apply-step-visits');
    await next(page);
    await choose(page, 'income_tier', 'tier2');
    await expect.poll(() => page.locator('[data-apply="estimate"]').innerText()).toMatch(/4/);
    expect(await next(page)).toBe('review');
    expect(await page.locator('[data-review="visits"] .apply-answer').innerText()).toMatch(/09:00–13:00/);
    await expect.poll(() => page.locator('[data-apply="estimate"]').innerText()).toMatch(/원/);
    await submit(page, HOSPITAL, 'received');
    await page.context().close();
  }, 120_000);

  it('긴급아이돌봄 예약: a centre, an evening slot; the receipt says the centre will confirm', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-stage="infant"]');
    await tap(page, '[data-category="care"]');
    await tap(page, '[data-entry="gj-emergency-childcare"]');
    await tap(page, '[data-action="apply-here"]');
    await consent(page, 'gj-emergency-childcare');
    await nameAndPhone(page, 'parent_name', EMERGENCY);
    await chooseMonth(page, 'child_birth_month', `${new Date().getFullYear() - 3}-06`);
    await next(page);
    await choose(page, 'district', '광산구');
    await next(page);
    await choose(page, 'centre', 'fac-gj-emergency-childcare-center');
    await next(page);
    // the centre is open on weekday evenings (18:00 to 09:00): Tuesday 19:00 to 21:00
    const day = dayAhead(2, [2]);
    await chooseDay(page, '[data-field="slot"]', day);
    await chooseTime(page, '[data-field="slot"]', 'start', '19:00');
    await chooseTime(page, '[data-field="slot"]', 'end', '21:00');
    await expect.poll(() => page.locator('[data-apply="estimate"]').innerText().catch(() => '')).toMatch(/2/);
    await shot(page, 'apply-step-slot');
    expect(await next(page)).toBe('review');
    await submit(page, EMERGENCY, 'requested');
    expect(await page.locator('.receipt-next').innerText()).toContain(say(ko, 'receipt.nextRequested'));
    await page.context().close();
  }, 120_000);

  it('손자녀가족돌보미: the caregiver, the grandchild, the family, by buttons and the number pad; then the lookup says the kiosk is offline', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await startGrandparent(page);
    await typeDigits(page, 'caregiver_age', '66');
    await next(page);
    await chooseMonth(page, 'grandchild_birth_month', `${new Date().getFullYear() - 2}-04`);
    await next(page);
    await choose(page, 'grandchild_in_school', 'no');
    await choose(page, 'twins', 'yes');
    await next(page);
    await typeDigits(page, 'children_count', '2');
    await choose(page, 'family', 'dual_earner');
    await next(page);
    await incomeDistrictHours(page);
    expect(await next(page)).toBe('review');
    expect(await page.locator('[data-review="caregiver_age"] .apply-answer').innerText()).toBe('66');
    expect(await page.locator('[data-review="twins"] .apply-answer').innerText()).toBe(say(ko, 'apply.yes'));
    await expect.poll(() => page.locator('[data-apply="estimate"]').innerText()).toContain('200,000');
    await submit(page, GRANDPARENT, 'received');
    expect(await counts()).toEqual({ pending: 4, sent: 0, attention: 0 });

    // 신청 확인 while the hub cannot be reached: said plainly, with 1279
    await tap(page, '[data-tool="home"]');
    await tap(page, '[data-action="lookup"]');
    await page.locator('main[data-screen="lookup"] h1').waitFor();
    // (a receipt number comes from the block the hub gave at enrolment)
    const receipt = receipts.get(GRANDPARENT);
    expect(receipt, 'a receipt number was given offline').toBeTruthy();
    await typeDigits(page, 'receipt', receipt!);
    await tap(page, '#lookup-phone');
    await typeDigits(page, 'phone', GRANDPARENT.phone);
    expect(await page.locator('#lookup-phone').inputValue()).toBe(GRANDPARENT.phone);
    await tap(page, '[data-lookup="check"]');
    await expect.poll(() => page.locator('[data-failed]').getAttribute('data-failed')).toBe('unavailable');
    expect(await page.locator('[data-failed]').innerText()).toBe(say(ko, 'lookup.unavailable'));
    await page.context().close();
  }, 120_000);

  it('손자녀 돌보미: a caregiver of 73 is told at the age step with the limit, one child without twins at the children step; no allowance is promised meanwhile; nothing is queued', async () => {
    const before = await counts();
    const page = await openKiosk(k, PORTRAIT);
    await startGrandparent(page);
    await typeDigits(page, 'caregiver_age', '73');
    await tap(page, '[data-apply="next"]');
    const age = field(page, 'caregiver_age').locator('.field-error');
    await expect.poll(() => age.innerText()).toBe(say(ko, 'forms.error.caregiver_age.not_eligible', { rule: '돌보는 분이 70세 이하예요' }));
    expect(await stepOf(page)).toBe('2');
    expect(await page.locator('[data-apply="estimate"]').count()).toBe(0);
    await shot(page, 'apply-grandparent-age-73');
    await clearPad(page, 'caregiver_age');
    await typeDigits(page, 'caregiver_age', '66');
    expect(await next(page)).toBe('3');
    await chooseMonth(page, 'grandchild_birth_month', `${new Date().getFullYear() - 2}-04`);
    await next(page);
    await choose(page, 'grandchild_in_school', 'no');
    await choose(page, 'twins', 'no');
    expect(await next(page)).toBe('5');
    await typeDigits(page, 'children_count', '1');
    await choose(page, 'family', 'dual_earner');
    await tap(page, '[data-apply="next"]');
    const children = field(page, 'children_count').locator('.field-error');
    await expect.poll(() => children.innerText()).toBe(say(ko, 'forms.error.children_count.not_eligible'));
    expect(await stepOf(page)).toBe('5');
    await clearPad(page, 'children_count');
    await typeDigits(page, 'children_count', '2');
    expect(await next(page)).toBe('6');
    await incomeDistrictHours(page);
    // every condition met: the review, straight (no jump back to a step), and the allowance
    expect(await next(page)).toBe('review');
    await expect.poll(() => page.locator('[data-apply="estimate"]').innerText()).toContain('200,000');
    expect(await stepOf(page)).toBe('review');
    await page.context().close();
    expect(await counts()).toEqual(before);
  }, 120_000);

  it('the hub back: a Vietnamese family applies (labels and an error in Vietnamese); the uploader sends all five; the hub lists each with its answers and the receipt shown', async () => {
    hub = await startBuiltHub(app.hub, hubDir, { ...process.env, AICHINGU_RESOURCES: app.dist }, ['--port', hubPort]);
    const page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-tool="lang"]');
    await tap(page, '[data-lang="vi"]');
    await tap(page, '[data-action="callback"]');
    await page.locator('main .apply[data-phase="consent"]').waitFor();
    expect(await page.locator('main .apply h2').first().innerText()).toBe(say(vi, 'forms.consent.title'));
    expect(await page.locator('main .apply').innerText()).toContain(say(vi, 'forms.consent.never'));
    await tap(page, '[data-consent-action="agree"]');
    await atStep(page, '0');
    expect(await field(page, 'name').locator('label').innerText()).toBe(say(vi, 'forms.field.name'));
    // the Latin keyboard for Vietnamese
    expect(await page.locator('.keyboard').getAttribute('data-layout')).toBe('latin');
    await typeText(page, VIETNAMESE.name, say(vi, 'search.space'));
    await next(page);
    await typeDigits(page, 'phone', '0201');
    await tap(page, '[data-apply="next"]');
    await expect.poll(() => field(page, 'phone').locator('.field-error').innerText()).toBe(say(vi, 'forms.error.phone.invalid'));
    await shot(page, 'apply-vi-phone-error');
    await clearPad(page, 'phone');
    await typeDigits(page, 'phone', VIETNAMESE.phone);
    await next(page);
    await openKeys(page, 'topic');
    await typeText(page, 'cham soc tre', say(vi, 'search.space'));
    await next(page);
    await choose(page, 'preferred_time', 'any');
    expect(await next(page)).toBe('review');
    expect(await page.locator('[data-review="preferred_time"] .apply-answer').innerText()).toBe(say(vi, 'forms.option.preferred_time.any'));
    // she is called back in Vietnamese: the screen's language, chosen for her and shown on the review
    expect(await page.locator('[data-review="language"] .apply-answer').innerText()).toBe('Tiếng Việt');
    await tap(page, '[data-apply="submit"]');
    await page.locator('main[data-screen="receipt"] h1').waitFor();
    expect(await page.locator('main h1').innerText()).toBe(say(vi, 'receipt.title'));
    const r = await page.locator('[data-receipt]').first().getAttribute('data-receipt');
    receipts.set(VIETNAMESE, r && r !== 'none' ? r : null);
    await shot(page, 'apply-vi-receipt');

    // the new application woke the uploader: it sends it and the four that waited
    await expect.poll(() => counts(), { timeout: 60_000, interval: 500 }).toEqual({ pending: 0, sent: 5, attention: 0 });
    // the receipt screen heard it, with no one touching it: received now
    await expect.poll(() => page.locator('[data-state]').getAttribute('data-state'), { timeout: 15_000 }).toBe('received');
    expect(await page.locator('.receipt-state').innerText()).toBe(say(vi, 'forms.state.received'));
    await receiptOnOneLine(page, 'vi');
    await page.setViewportSize(PORTRAIT_150);
    await textSize(page, 150);
    await shot(page, 'apply-vi-receipt-portrait-150');
    const sent = (await outbox()).records.filter((x) => x.state === 'sent');
    const listed = jsonResult<{ receipt: string; service: string; status: string; form: Record<string, unknown> }[]>(await cli(['hub', 'applications', '--data', hubDir, '--json']));
    expect(listed).toHaveLength(5);
    const at = (service: string, name: string) => listed.find((a) => a.service === service && Object.values(a.form).includes(name));
    const cases: [Person, string, string, Record<string, unknown>][] = [
      [CALLBACK, 'consultation-callback', 'name', { phone: CALLBACK.phone, topic: TOPIC, preferred_time: 'weekday_morning', language: 'ko', consent: true }],
      [HOSPITAL, 'gj-hospitalized-child-care', 'applicant_name', { phone: HOSPITAL.phone, hospital: '전남대병원', ward: '소아병동 501호', district: '북구', income_tier: 'tier2', child_birth_month: `${new Date().getFullYear() - 5}-03` }],
      [EMERGENCY, 'gj-emergency-childcare', 'parent_name', { phone: EMERGENCY.phone, centre: 'fac-gj-emergency-childcare-center', district: '광산구' }],
      [GRANDPARENT, 'gj-grandparent-caregiver', 'caregiver_name', { phone: GRANDPARENT.phone, caregiver_age: 66, twins: true, grandchild_in_school: false, children_count: 2, family: 'dual_earner', income_band: 'under_median_100', care_hours_per_day: 6 }],
      [VIETNAMESE, 'consultation-callback', 'name', { phone: VIETNAMESE.phone, topic: 'cham soc tre', preferred_time: 'any', language: 'vi' }],
    ];
    for (const [p, service, nameField, answers] of cases) {
      const a = at(service, p.name);
      expect(a, `${service} of ${p.name} at the hub`).toBeDefined();
      expect(a!.form).toMatchObject({ [nameField]: p.name, ...answers });
      // the receipt number the person saw is the hub's
      const shown = receipts.get(p);
      if (shown) expect(a!.receipt, `${service}: the receipt on screen`).toBe(shown);
      else receipts.set(p, a!.receipt);
      expect(sent.some((x) => x.receipt === a!.receipt)).toBe(true);
    }
    expect(at('gj-hospitalized-child-care', HOSPITAL.name)!.form.visits).toEqual([{ date: dayAhead(2, [1, 2, 3, 4, 5]), start: '09:00', end: '13:00' }]);
    expect(at('gj-emergency-childcare', EMERGENCY.name)!.form.slot).toEqual({ date: dayAhead(2, [2]), start: '19:00', end: '21:00' });
    await page.context().close();
  }, 150_000);

  it('신청 확인 online: the reservation requested, then confirmed at the hub; a wrong phone is not found', async () => {
    const page = await openKiosk(k, PORTRAIT);
    const look = async (receipt: string, phone: string) => {
      await tap(page, '[data-tool="home"]');
      await tap(page, '[data-action="lookup"]');
      await page.locator('main[data-screen="lookup"] h1').waitFor();
      await typeDigits(page, 'receipt', receipt);
      expect(await page.locator('#lookup-receipt').inputValue()).toBe(receipt);
      await tap(page, '#lookup-phone');
      await typeDigits(page, 'phone', phone);
      await tap(page, '[data-lookup="check"]');
      await page.locator('main .lookup[data-answer]').waitFor();
      return page.locator('main .lookup').getAttribute('data-answer');
    };
    const reservation = receipts.get(EMERGENCY)!;
    expect(await look(reservation, EMERGENCY.phone)).toBe('requested');
    expect(await page.locator('.lookup-status-text').innerText()).toBe(say(ko, 'lookup.status.requested'));

    await cli(['hub', 'confirm', reservation, '--data', hubDir]);
    expect(await look(reservation, EMERGENCY.phone)).toBe('confirmed');
    expect(await page.locator('.lookup-status-text').innerText()).toBe(say(ko, 'lookup.status.confirmed'));
    await shot(page, 'apply-lookup-confirmed');

    expect(await look(receipts.get(CALLBACK)!, CALLBACK.phone)).toBe('received');
    expect(await look(receipts.get(CALLBACK)!, '010-9999-0000')).toBe('not_found');
    expect(await page.locator('[data-failed]').innerText()).toContain(say(ko, 'lookup.notFound'));
    await shot(page, 'apply-lookup-not-found');
    await tap(page, '[data-lookup="again"]');
    expect(await axe(page, false)).toEqual([]);
    await shot(page, 'apply-lookup');
    await page.context().close();
  }, 120_000);

  it('after it all, no name or phone anyone typed is in plain text in the data folder or the host’s log', () => {
    expect(plainTextOf(dataDir, PEOPLE)).toEqual([]);
    expect(plainTextIn(k.host.log(), PEOPLE)).toEqual([]);
    expect(k.host.log()).not.toContain(TOPIC);
  });
});
