/**
 * The outbox on what ships: the built hub (dist/node/hub.mjs) and the built CLI (dist/node/cli.mjs,
 * from a private copy of dist/), then the built web host and Chromium. An operator issues a code
 * at the hub (`hub enrol-device`), the device enrols with it (through a proxy that can fail
 * the hub), takes an application from a file (`apply`), counts it (`outbox`), sends it
 * (`outbox send`) and counts again; the data folder is private and holds the name and the
 * phone number nowhere, in no encoding the form used, nor do the logs. Then, with the hub
 * answering 503, three more wait: the kiosk's status view says so in one plain line, shows the
 * details (no personal data) to counsellors — why they wait in plain Korean, the English words
 * only as small print — and when the hub is back the kiosk sends them by
 * itself and the line says so. Then the hub refuses one (the device enrolled again while it
 * waited, its receipt number from the old enrolment): the receipt screen had said it was taken;
 * the status view and the counsellor's queue say in plain Korean that a person must look (the
 * hub's English only as small print), and the receipt printed now promises no call.
 * Screenshots: test-results/screens/outbox-*.png.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDir } from '../env.node.js';
import { startFaultProxy, type FaultProxy } from '../fault-proxy.node.js';
import { startBuiltHub, type BuiltHub } from './built-hub.js';
import { copyBuiltApp, jsonResult, runBuiltCli, type BuiltApp, type Ran } from './built-app.js';
import { apiCall, axe, openKiosk, PORTRAIT, shot, startKiosk, tap, type Kiosk } from './harness.js';
import { choose, next, typeDigits, typeText } from './apply-touch.js';
import { freshHubLayout } from '../../sync/hub/testing.node.js';

const PERSON = { name: '박영희', phone: '010-4321-8765', typed: '010 4321 8765' };
const TOPIC = '손주 어린이집 입소 상담';
/** what the status view says while the hub answers 503 (outbox.problem.hub_busy) */
/** what the status view and the counsellor's queue say of an application the hub refused for its receipt number (counsellor.queue.reason.receipt) */
const REFUSED = '접수번호가 허브의 기록과 맞지 않아 허브가 받지 않았어요. 가정이 받은 접수번호를 확인해야 하니 관리자에게 알려 주세요.';
const COUNSELLOR = '김상담';
const PIN = '73194628';
const HUB_BUSY = '허브가 지금은 신청서를 받을 수 없어요. 신청서는 이 기기에 안전하게 보관되어 있고, 잠시 뒤 자동으로 다시 보내요.';

let app: BuiltApp;
let hubDir: string;
let hub: BuiltHub;
let proxy: FaultProxy;
let dataDir: string;
let k: Kiosk | undefined;
const logs: string[] = [];

async function cli(args: string[]): Promise<Ran> {
  const r = await runBuiltCli(app, [...args], { env: { AICHINGU_LOG_LEVEL: 'debug' } });
  logs.push(r.out, r.err);
  return r;
}
async function cliOk(args: string[]): Promise<Ran> {
  const r = await cli(args);
  if (r.code !== 0) throw new Error(`cli ${args.join(' ')} exited with ${r.code}:\n${r.err}${r.out}`);
  return r;
}

/** The form written where a counsellor's script keeps it — outside the data folder — and removed after. */
async function apply(i: number): Promise<Ran> {
  const file = join(freshDir('form-'), 'form.json');
  writeFileSync(file, JSON.stringify({ name: PERSON.name, phone: PERSON.typed, topic: `${TOPIC} ${i}`, preferred_time: 'weekday_afternoon', consent: true }));
  try {
    return await cliOk(['apply', '--service', 'consultation-callback', '--form', file, '--data', dataDir, '--json']);
  } finally {
    rmSync(file);
  }
}

function walk(dir: string): { path: string; mode: number; dir: boolean }[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    const st = statSync(p);
    return [{ path: p, mode: st.mode & 0o777, dir: st.isDirectory() }, ...(st.isDirectory() ? walk(p) : [])];
  });
}

/** Files in the data folder, or logs, that hold the name, the phone (as typed, as stored, digits only) or the topic, in UTF-8. */
function personalIn(): string[] {
  const needles = [PERSON.name, PERSON.phone, PERSON.typed, PERSON.phone.replace(/-/g, ''), TOPIC].map((t) => Buffer.from(t, 'utf8'));
  const found: string[] = [];
  for (const f of walk(dataDir)) if (!f.dir && needles.some((n) => readFileSync(f.path).includes(n))) found.push(f.path);
  for (const [i, l] of [...logs, k?.host.log() ?? ''].entries()) if (needles.some((n) => Buffer.from(l, 'utf8').includes(n))) found.push(`log ${i}`);
  return found;
}

const outbox = async () => jsonResult<{ pending: number; sent: number; attention: number }>(await cliOk(['outbox', '--data', dataDir, '--json']));

/** The screen's words without the English small print (`lang="en"`): no English word of the network's or the hub's, no English sentence. */
async function expectNoEnglish(page: Page): Promise<void> {
  const said = await page.locator('main').evaluate((main) => {
    const copy = main.cloneNode(true) as HTMLElement;
    for (const el of copy.querySelectorAll('[lang="en"]')) el.remove();
    return copy.innerText || copy.textContent || '';
  });
  expect(said).not.toMatch(/hub|answered|reached|error|receipt/i);
  expect(said.match(/[A-Za-z]+(?:[ ,.:'’-]+[A-Za-z]+){2,}/g) ?? []).toEqual([]);
}

beforeAll(async () => {
  app = copyBuiltApp();
  hubDir = (await freshHubLayout('outbox-hub-')).dataDir;
  hub = await startBuiltHub(app.hub, hubDir, { ...process.env, AICHINGU_RESOURCES: app.dist });
  proxy = await startFaultProxy(hub.url);
  dataDir = freshDir('outbox-kiosk-');
}, 300_000);
afterAll(async () => {
  await k?.close();
  await proxy?.close();
  await hub?.close();
});

describe('the outbox on the built programs', () => {
  it('hub enrol-device → enrol → apply → outbox → outbox send → outbox: sent once, with a receipt', async () => {
    const issued = await cliOk(['hub', 'enrol-device', '행정복지센터 키오스크', '--data', hubDir]);
    const code = issued.out.trim().split('\n').at(-1)!;
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const enrolled = jsonResult(await cliOk(['enrol', '--hub', proxy.url, '--code', code.toLowerCase(), '--data', dataDir, '--json']));
    expect(enrolled).toMatchObject({ name: '행정복지센터 키오스크', hub_url: `${proxy.url}/`, device_id: expect.stringMatching(/^dev_/) });
    // the same code twice: refused in plain words
    const again = await cli(['enrol', '--hub', proxy.url, '--code', code, '--data', dataDir]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/did not accept the code .* ask the hub's operator for a new one/);

    // a bad form: exit 1, naming the field, never echoing it
    const bad = join(freshDir('form-'), 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: PERSON.name, phone: '12-34', topic: 'x', preferred_time: 'weekday_afternoon', consent: true }));
    const refused = await cli(['apply', '--service', 'consultation-callback', '--form', bad, '--data', dataDir]);
    rmSync(bad);
    expect(refused.code).toBe(1);
    expect(refused.err.split('\n').filter((l) => !l.startsWith('{'))).toEqual(['field "phone": Please check the phone number (for example 010-1234-5678) [invalid]', '']);

    const applied = jsonResult(await apply(0));
    expect(applied).toMatchObject({ service: 'consultation-callback', state: 'pending', client_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(await outbox()).toEqual({ pending: 1, sent: 0, attention: 0 });
    const text = await cliOk(['outbox', '--data', dataDir]);
    expect(text.out).toMatch(/^pending 1, sent 0, needs attention 0\n/);
    expect(text.out).toContain(`${applied.client_id as string}  consultation-callback`);

    const sent = await cliOk(['outbox', 'send', '--data', dataDir, '--json']);
    expect(jsonResult(sent)).toEqual({ sent: 1, attention: 0, pending: 0 });
    expect(await outbox()).toEqual({ pending: 0, sent: 1, attention: 0 });
    expect((await cliOk(['outbox', '--data', dataDir])).out).toMatch(/sent {2}after 1 try; receipt \d{4}-\d{4}-\d/);

    // at the hub, once, opened with its sealing key
    const listed = JSON.parse((await cliOk(['hub', 'applications', '--data', hubDir, '--json'])).out.trim().split('\n').at(-1)!) as { client_id: string; form: { name: string; phone: string } }[];
    expect(listed.filter((a) => a.client_id === applied.client_id)).toHaveLength(1);
    expect(listed[0]!.form).toMatchObject({ name: PERSON.name, phone: PERSON.phone });
    logs.splice(logs.length - 2); // (that listing is the hub operator's, not the device's)
  }, 240_000);

  it('the data folder is private (folders 0700, files 0600) and holds no name, phone or topic; nor do the logs', () => {
    const files = walk(dataDir);
    expect(files.map((f) => f.path.slice(dataDir.length + 1)).sort()).toEqual(expect.arrayContaining(['catalogue.sqlite', 'device.json', 'outbox.sqlite', 'sync.json']));
    for (const f of files) expect(f.mode.toString(8), f.path).toBe(f.dir ? '700' : '600');
    expect(personalIn()).toEqual([]);
  });

  it('the hub unreachable: outbox send tries a few times, says so, exit 1, the applications kept', async () => {
    proxy.add({ path: '/intake/', fault: { kind: 'status', status: 503 } });
    for (const i of [1, 2, 3]) await apply(i);
    const r = await cli(['outbox', 'send', '--data', dataDir, '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error: the hub cannot be reached: the hub answered 503 .*\(tried 5 times\); the 3 pending application\(s\) are kept and will be sent later/);
    expect(jsonResult(r)).toEqual({ sent: 0, attention: 0, pending: 3 });
    expect(await outbox()).toEqual({ pending: 3, sent: 1, attention: 0 });
  }, 120_000);

  it('the status view says "신청 3건이 전송을 기다리고 있어요", details without personal data; the kiosk sends them itself when the hub is back', async () => {
    k = await startKiosk({ dataDir });
    const page: Page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-action="centre"]');
    await tap(page, '[data-action="status"]');
    await page.locator('main[data-screen="status"] h1').waitFor();
    const line = page.locator('[data-outbox="line"]');
    await expect.poll(() => line.innerText(), { timeout: 20_000 }).toBe('신청 3건이 전송을 기다리고 있어요');
    const details = page.locator('[data-outbox="details"]');
    expect(await details.locator('h2').innerText()).toBe('관리자: 신청 전송');
    expect(await details.locator('[data-outbox="device"]').innerText()).toMatch(/^행정복지센터 키오스크 · http:\/\/127\.0\.0\.1:\d+\/ · \d{4}년 \d{1,2}월 \d{1,2}일 등록$/);
    expect(await details.locator('[data-outbox="counts"]').innerText()).toBe('기다림 3건 · 보냄 1건 · 확인 필요 0건');
    await expect.poll(() => details.locator('li[data-state="pending"]').count()).toBe(3);
    expect(await details.locator('li[data-state="sent"]').count()).toBe(1);
    expect(await details.locator('li[data-state="sent"]').innerText()).toMatch(/보냄 · 상담 신청 · .* · 1 KB\s+[0-9a-f]{8} · 접수번호 \d{4}-\d{4}-\d · 보낸 시도 1번/);
    // the kiosk's own uploader meets the 503s: it says so in plain Korean, and that it will try again
    await expect.poll(() => details.locator('[data-outbox="uploader"]').innerText(), { timeout: 30_000 }).toMatch(new RegExp(`^${HUB_BUSY.replace(/\./g, '\\.')} 다음 시도: \\d{4}년 .*\\d$`));
    // each waiting application says why it is still here, the same way; the English words only as small print for staff
    expect(await details.locator('li[data-state="pending"] [data-outbox="problem"]').allInnerTexts()).toEqual([HUB_BUSY, HUB_BUSY, HUB_BUSY]);
    const detail = details.locator('[data-outbox="detail"]');
    expect(await detail.count()).toBe(4); // the uploader's and the three applications'
    for (const d of await detail.all()) {
      expect(await d.getAttribute('class')).toContain('small-print');
      expect(await d.innerText()).toMatch(/^관리자용 정보: the hub answered 503/);
      expect(await d.locator('span[lang="en"]').innerText()).toMatch(/^the hub answered 503/);
    }
    // outside that small print, not one English sentence on the screen
    await expectNoEnglish(page);
    const body = await page.locator('main').innerText();
    for (const t of [PERSON.name, PERSON.phone, PERSON.phone.replace(/-/g, ''), TOPIC]) expect(body).not.toContain(t);
    expect(await axe(page, false)).toEqual([]);
    await shot(page, 'outbox-waiting', false);
    await shot(page, 'outbox-waiting-full', true);

    // the hub is back: the kiosk sends by itself (backoff with jitter), and the line changes by the outbox.changed event
    proxy.clear();
    await expect.poll(() => line.innerText(), { timeout: 90_000 }).toBe('신청은 모두 전송됐어요');
    expect(await details.locator('[data-outbox="counts"]').innerText()).toBe('기다림 0건 · 보냄 4건 · 확인 필요 0건');
    await shot(page, 'outbox-sent', false);
    expect(await outbox()).toEqual({ pending: 0, sent: 4, attention: 0 });
    for (const f of walk(dataDir)) expect(f.mode.toString(8), f.path).toBe(f.dir ? '700' : '600');
    expect(personalIn()).toEqual([]);
  }, 240_000);

  it('the hub refuses one (the device enrolled again; its number from the old enrolment): the receipt screen said it was kept on the device; the status view and the counsellor’s queue say in plain Korean that a person must look; the receipt printed now promises nothing', async () => {
    // an operator enrols the device again (a new code): meanwhile a family applies at the kiosk, the upload held by 503s
    const code = (await cliOk(['hub', 'enrol-device', '행정복지센터 키오스크 2', '--data', hubDir])).out.trim().split('\n').at(-1)!;
    expect((await runBuiltCli(app, ['counsellor', 'add', COUNSELLOR, '--data', dataDir], { stdin: `${PIN}\n` })).out).toContain(`counsellor "${COUNSELLOR}" added`);
    proxy.add({ path: '/intake/v1/applications', fault: { kind: 'status', status: 503 } });
    const page = await openKiosk(k!, PORTRAIT);
    await tap(page, '[data-action="callback"]');
    await tap(page, '[data-consent-action="agree"]');
    await typeText(page, PERSON.name);
    await next(page);
    await typeDigits(page, 'phone', PERSON.phone);
    await next(page);
    await typeText(page, '입소 상담');
    await next(page);
    await choose(page, 'preferred_time', 'weekday_afternoon');
    expect(await next(page)).toBe('review');
    await tap(page, '[data-apply="submit"]');
    await page.locator('main[data-screen="receipt"] h1').waitFor();
    // what the family reads: the number, that it is kept on this device until it can be sent (the hub is not reachable), and what happens next
    const receipt = (await page.locator('section[data-receipt]').getAttribute('data-receipt'))!;
    expect(receipt).toMatch(/^\d{4}-\d{4}-\d$/);
    expect(await page.locator('main h1').innerText()).toBe('신청을 마쳤어요');
    expect((await page.locator('.receipt-next').innerText()).split('\n').filter(Boolean)).toEqual([
      '다음은 이렇게 돼요',
      '이 기기에 안전하게 저장했어요. 인터넷이 연결되면 담당 기관으로 자동으로 보내요.',
      '담당 기관이 신청을 확인하고, 적어 주신 전화번호로 연락드려요.',
      '나중에 ‘신청 확인’에서 접수번호와 전화번호로 어떻게 됐는지 볼 수 있어요.',
    ]);
    // the device enrolled again, then the hub is back: the kiosk sends it by itself, and the hub refuses the old enrolment's number
    await cliOk(['enrol', '--hub', proxy.url, '--code', code, '--data', dataDir]);
    proxy.clear();

    await tap(page, '[data-receipt-action="home"]');
    await tap(page, '[data-action="centre"]');
    await tap(page, '[data-action="status"]');
    const line = page.locator('[data-outbox="line"]');
    await expect.poll(() => line.innerText(), { timeout: 30_000 }).toBe('신청 1건은 담당자 확인이 필요해요');
    const details = page.locator('[data-outbox="details"]');
    expect(await details.locator('[data-outbox="counts"]').innerText()).toBe('기다림 0건 · 보냄 4건 · 확인 필요 1건');
    const refused = details.locator('li[data-state="attention"]');
    expect(await refused.count()).toBe(1);
    const clientId = (await refused.getAttribute('data-record'))!;
    expect(await refused.locator('[data-outbox="reason"]').getAttribute('data-code')).toBe('receipt_not_own');
    expect(await refused.locator('[data-outbox="reason"]').innerText()).toBe(REFUSED);
    expect(await refused.innerText()).toContain(`확인 필요 · 상담 신청 · `);
    expect(await refused.innerText()).toContain(`접수번호 ${receipt} · 보낸 시도 `);
    // the hub's English words: only as small print, after its label
    const detail = refused.locator('[data-outbox="detail"]');
    expect(await detail.getAttribute('class')).toContain('small-print');
    expect(await detail.innerText()).toMatch(/^허브가 알려 준 이유: field "receipt": the receipt number's block \(\d{4}\) was not given to this device/);
    await expectNoEnglish(page);
    expect(await axe(page, false)).toEqual([]);
    await refused.scrollIntoViewIfNeeded();
    await shot(page, 'outbox-refused', false);

    // the counsellor's queue (the way in at the end of the status view): the same plain words, first, with the hub's words small
    await tap(page, '[data-action="counsellor"]');
    await tap(page, `[data-counsellor-name="${COUNSELLOR}"]`);
    await page.locator('[data-signin="pin"]').focus();
    await page.keyboard.type(PIN);
    await page.keyboard.press('Enter');
    const queued = page.locator(`[data-queue-group="attention"] [data-record="${clientId}"]`);
    await queued.waitFor();
    expect(await queued.locator('[data-queue="reason"]').innerText()).toBe(REFUSED);
    expect(await queued.innerText()).toContain(`접수번호 ${receipt}`);
    expect(await queued.innerText()).toContain('허브의 설명:');
    await expectNoEnglish(page);
    await shot(page, 'outbox-refused-queue', false);

    // the receipt printed now (the receipt screen's 접수증 인쇄): not "taken, we will call" — it has not reached the agency
    const printed = await apiCall(k!.host, 'receiptSheet', { clientId, lang: 'ko' });
    expect(printed.body.ok).toBe(true);
    const sheet = (printed.body.value as { html: string }).html;
    expect(sheet).toContain(`data-receipt="${receipt}"`);
    expect(sheet).toContain('신청이 아직 담당 기관에 전달되지 않았어요. 직원이 확인하고 있어요. 궁금하면 아래 번호로 전화해 주세요.');
    for (const promise of ['신청이 접수됐어요', '연락드려요', '진행 상황을 확인할 수 있어요']) expect(sheet).not.toContain(promise);
    expect(personalIn()).toEqual([]);
  }, 120_000);
});
