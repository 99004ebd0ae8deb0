/**
 * The printed receipt (issue 14) as a family takes it home: made through the core's channel
 * (receiptSheet) from an application in a real device's outbox — enrolled with the REAL hub
 * (PGlite, HTTP on 127.0.0.1) — in ko, en, vi and zh; and as a PDF from Chromium, read back
 * with pdftotext. It holds the receipt number with its check digit (or, when the device had no
 * number left, the sentence that the number comes once it is sent), the service, when, what
 * happens next, the 1279 centre's phone and how to check the status — and no name, phone or
 * anything else that was written on the form. A PNG render lands in test-results/print/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { freshDir, resources, testCore } from '../../tests/env.node.js';
import { startTestHub, type TestHub } from '../counsellor/testing.node.js';
import { deviceFile } from '../outbox/enrol.node.js';
import { formFor } from '../forms/registry.js';
import type { Core } from '../core.node.js';
import type { Result } from '../contract/result.js';
import { LANGS, type Lang } from '../contract/lists.js';
import { launchChromium } from './pdf.node.js';
import { koreaTime } from './receipt.js';

const OUT = join(import.meta.dirname, '..', '..', 'test-results', 'print');
const PERSON = { name: '한복순', phone: '010-5772-1566', topic: '손녀 어린이집 대기 상담' };
const CENTRE_PHONE = '062-222-1279';
const strings = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(readFileSync(join(resources().locales, `${l}.json`), 'utf8')) as Record<string, Record<string, Record<string, string | Record<string, string>>>>])) as Record<
  Lang,
  Record<string, Record<string, Record<string, string | Record<string, string>>>>
>;
const receiptStrings = (l: Lang) => strings[l].print!.receipt as Record<string, string>;
const serviceName = (l: Lang, id: string) => (strings[l].forms!.service as Record<string, string>)[id]!;
/** the text of the HTML, as a reader sees it (tags gone, entities read) */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

let hub: TestHub;
let browser: Browser;
const cores: Core[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'receipt-pdf-'));

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  hub = await startTestHub();
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  for (const c of cores) await c.close();
  await hub?.close();
  await browser?.close();
});

async function device(name: string): Promise<Core> {
  const { core } = testCore({ dataDir: freshDir('receipt-print-'), printBrowser: async () => browser });
  cores.push(core);
  await hub.enrolDevice(core.env.dataDir, name);
  return core;
}
const sheet = async (core: Core, clientId: string, lang: Lang) => (await core.channel.call('receiptSheet', { clientId, lang })) as Result<{ html: string; css: string }>;
/** The receipt sheet's HTML (the call must succeed). */
async function sheetHtml(core: Core, clientId: string, lang: Lang): Promise<string> {
  const r = await sheet(core, clientId, lang);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.html;
}
const personal = (s: string) => [PERSON.name, PERSON.phone, PERSON.phone.replace(/-/g, ''), PERSON.topic].filter((p) => s.includes(p));

describe('the printed receipt', () => {
  it('in every language: the receipt number with its check digit, the service, when, what happens next, the 1279 phone, how to check — and nothing personal', async () => {
    const core = await device('receipt-kiosk');
    const s = core.outbox.submit({ service: 'consultation-callback', form: { name: PERSON.name, phone: PERSON.phone, topic: PERSON.topic, preferred_time: 'weekday_evening', consent: true } });
    expect(s.receipt).toMatch(/^\d{4}-\d{4}-\d$/);
    for (const lang of LANGS) {
      const r = await sheet(core, s.client_id, lang);
      if (!r.ok) throw new Error(r.error.message);
      const text = textOf(r.value.html);
      const rs = receiptStrings(lang);
      expect(text, lang).toContain(s.receipt!);
      expect(text, lang).toContain(rs.title!);
      expect(text, lang).toContain(rs.number!);
      expect(text, lang).toContain(serviceName(lang, 'consultation-callback'));
      expect(text, lang).toContain(koreaTime(s.created_at));
      expect(text, lang).toContain(rs.nextReceived!);
      expect(text, lang).toContain(rs.check!);
      expect(text, lang).toContain(CENTRE_PHONE);
      expect(text, lang).not.toContain(rs.noNumber!);
      expect(personal(r.value.html), lang).toEqual([]);
      expect(r.value.css).toContain('.receipt-no');
    }
    const ko = textOf(await sheetHtml(core, s.client_id, 'ko'));
    expect(ko).toContain('접수번호');
    expect(ko).toContain('상담 신청');
    expect(ko).toMatch(/담당 기관에서 .*연락드려요/);
    expect(ko).toMatch(/키오스크에서 진행 상황을 확인/);
  });

  it('a reservation says the centre will confirm by phone; a device with no number left says the number comes once it is sent; an unknown client id is not_found', async () => {
    const core = await device('receipt-kiosk-2');
    const example = formFor('gj-emergency-childcare', { catalogue: core.catalogue.current(), today: new Date().toISOString().slice(0, 10) })!.example as Record<string, unknown>;
    const booked = core.outbox.submit({ service: 'gj-emergency-childcare', form: { ...example, phone: PERSON.phone } });
    const r = await sheet(core, booked.client_id, 'ko');
    if (!r.ok) throw new Error(r.error.message);
    const text = textOf(r.value.html);
    expect(text).toContain(booked.receipt!);
    expect(text).toContain('긴급아이돌봄 예약');
    expect(text).toContain(receiptStrings('ko').nextRequested!);
    expect(text).toMatch(/전화로 확정해 드려요/);
    expect(personal(r.value.html)).toEqual([]);

    // no number left on the device (enrolled by an older hub): no number on the receipt, and why
    const empty = await device('receipt-kiosk-3');
    const f = deviceFile(empty.env.dataDir);
    const d = JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
    delete d.receipt_block;
    writeFileSync(f, JSON.stringify(d));
    const none = empty.outbox.submit({ service: 'consultation-callback', form: { name: PERSON.name, phone: PERSON.phone, topic: PERSON.topic, preferred_time: 'any', consent: true } });
    expect(none.receipt).toBeNull();
    for (const lang of ['ko', 'en'] as const) {
      const t = textOf(await sheetHtml(empty, none.client_id, lang));
      expect(t).toContain(receiptStrings(lang).noNumber!);
      expect(t).not.toMatch(/\d{4}-\d{4}-\d/);
      expect(t).not.toContain(receiptStrings(lang).check!);
    }

    const unknown = await sheet(core, '00000000-0000-4000-8000-000000000000', 'ko');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', field: 'clientId' } });
    expect(await core.channel.call('receiptSheet', { clientId: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'clientId' } });
  });

  it('an application the hub refused (its number from an older enrolment): in every language, the receipt says it has not reached the agency and promises no call', async () => {
    const core = await device('receipt-kiosk-4');
    const s = core.outbox.submit({ service: 'consultation-callback', form: { name: PERSON.name, phone: PERSON.phone, topic: PERSON.topic, preferred_time: 'any', consent: true } });
    expect(textOf(await sheetHtml(core, s.client_id, 'ko'))).toContain(receiptStrings('ko').nextReceived!);
    // the device is enrolled again before it sends: the hub refuses the old enrolment's number
    await hub.enrolDevice(core.env.dataDir, 'receipt-kiosk-4 again');
    const pass = await core.outbox.sendNow({ retries: 0 });
    expect(pass).toMatchObject({ sent: 0, attention: 1 });
    for (const lang of LANGS) {
      const html = await sheetHtml(core, s.client_id, lang);
      const text = textOf(html);
      const rs = receiptStrings(lang);
      expect(text, lang).toContain(s.receipt!);
      expect(text, lang).toContain(rs.refused!);
      expect(text, lang).not.toContain(rs.nextReceived!);
      expect(text, lang).not.toContain(rs.check!);
      expect(text, lang).toContain(CENTRE_PHONE);
      expect(personal(html), lang).toEqual([]);
    }
    expect(textOf(await sheetHtml(core, s.client_id, 'ko'))).not.toMatch(/연락드려요/);
  });

  it('while it is only sealed on the device it says so — kept here, sent once online — never that it was received or that the centre has the booking; once sent, received; the channel\'s applicationState says which, and outbox.changed tells when', async () => {
    const core = await device('receipt-kiosk-pending');
    const states = (l: Lang) => strings[l].forms!.state as Record<string, string>;
    const s = core.outbox.submit({ service: 'consultation-callback', form: { name: PERSON.name, phone: PERSON.phone, topic: PERSON.topic, preferred_time: 'any', consent: true } });
    const example = formFor('gj-emergency-childcare', { catalogue: core.catalogue.current(), today: new Date().toISOString().slice(0, 10) })!.example as Record<string, unknown>;
    // (a reservation on a device of its own: the test hub has no catalogue to check its form with)
    const other = await device('receipt-kiosk-pending-2');
    const booked = other.outbox.submit({ service: 'gj-emergency-childcare', form: { ...example, phone: PERSON.phone } });
    expect(await core.channel.call('applicationState', { clientId: s.client_id })).toEqual({ ok: true, value: { clientId: s.client_id, state: 'pending', status: null, statusReason: null } });
    for (const lang of LANGS) {
      const text = textOf(await sheetHtml(core, s.client_id, lang));
      expect(text, lang).toContain(states(lang).pending!);
      expect(text, lang).not.toContain(states(lang).received!);
      const reservation = textOf(await sheetHtml(other, booked.client_id, lang));
      expect(reservation, lang).toContain(states(lang).pendingRequest!);
      expect(reservation, lang).not.toContain(states(lang).requested!);
    }
    expect(textOf(await sheetHtml(core, s.client_id, 'ko'))).toContain('이 기기에 안전하게 저장했어요');

    const heard: unknown[] = [];
    core.events.on('outbox.changed', (e) => heard.push(e));
    expect(await core.outbox.sendNow({ retries: 0 })).toMatchObject({ sent: 1, attention: 0 });
    expect(heard.length).toBeGreaterThan(0);
    expect(await core.channel.call('applicationState', { clientId: s.client_id })).toMatchObject({ ok: true, value: { state: 'sent', status: 'received' } });
    expect(await other.channel.call('applicationState', { clientId: booked.client_id })).toMatchObject({ ok: true, value: { state: 'pending', status: null } });
    for (const lang of LANGS) {
      const text = textOf(await sheetHtml(core, s.client_id, lang));
      expect(text, lang).toContain(states(lang).received!);
      expect(text, lang).not.toContain(states(lang).pending!);
    }
    expect(await core.channel.call('applicationState', { clientId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'clientId' } });
  });

  it('as a PDF: one A4 page whose text has the number, the service and the 1279 phone, and nothing personal', async () => {
    const core = await device('receipt-kiosk-pdf');
    const s = core.outbox.submit({ service: 'consultation-callback', form: { name: PERSON.name, phone: PERSON.phone, topic: PERSON.topic, preferred_time: 'weekday_morning', consent: true } });
    for (const lang of ['ko', 'vi'] as const) {
      const pdf = await core.print.receiptPdf(core.catalogue.current(), core.outbox.receiptEnvelope(s.client_id), { lang });
      const file = join(tmp, `receipt-${lang}.pdf`);
      writeFileSync(file, pdf);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Pages:\s+1\n/);
      expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain(s.receipt!);
      expect(text.replace(/\s+/g, '')).toContain(serviceName(lang, 'consultation-callback').replace(/\s+/g, ''));
      expect(text).toContain(CENTRE_PHONE);
      expect(personal(text)).toEqual([]);
      if (lang === 'ko') execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(OUT, 'receipt-ko')]);
    }
  }, 60_000);
});
