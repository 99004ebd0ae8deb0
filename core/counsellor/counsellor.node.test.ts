/**
 * The counsellor mode's core with real SQLite, real scrypt and AES-GCM, and the REAL hub (PGlite,
 * intake over HTTP): the PIN verifier, the lockout (kept across a restart of the core), the
 * operator's unlock, idle sign-out on an injected clock, drafts that no file shows in plain text
 * and nothing opens without the PIN, a PIN change re-encrypting them, applications on a
 * family's behalf with the counsellor sealed inside, the queue's retry and discard, migration
 * 002 on a database of migration 001, and the outreach forms.
 */
import { scryptSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.node.js';
import { freshDir, resources, testEnv } from '../../tests/env.node.js';
import { unseal } from '../../sync/protocol/seal.node.js';
import { checkForm } from '../forms/registry.js';
import { readMigrations } from '../../db/sqlite.js';
import { OutboxStore } from '../outbox/store.node.js';
import { decryptDraft } from './draft-crypto.node.js';
import { OUTREACH_SURVEY, OUTREACH_VISIT } from './forms.js';
import { MAX_FAILURES } from './service.node.js';
import { holds, startTestHub, walk, type TestHub } from './testing.node.js';

const CHEAP = { N: 2 ** 14, r: 8, p: 1 }; // real scrypt, a cheaper cost: these tests sign in often
const PIN = '482913';
const OTHER_PIN = '90817263';
const FAMILY = { name: '박말순', phone: '010-2468-1357', note: '둘째 아이 입원 중, 야간 돌봄 필요' };
const callback = (i = 0) => ({ name: FAMILY.name, phone: FAMILY.phone, topic: `손자녀 돌봄 문의 ${i}`, preferred_time: 'any', consent: true });

let hub: TestHub;
const cores: Core[] = [];

/** A core on `dataDir` (a fresh one by default) with a clock the test moves. */
function core(o: { dataDir?: string; clock?: { now: Date }; idleMs?: number } = {}) {
  const clock = o.clock ?? { now: new Date('2026-12-02T09:00:00Z') };
  const t = testEnv({ dataDir: o.dataDir ?? freshDir('counsellor-'), clock: () => clock.now });
  const c = createCore(t.env, { counsellorCost: CHEAP, counsellorIdleMs: o.idleMs });
  cores.push(c);
  return { core: c, clock, logLines: t.logLines };
}

async function enrolledCore(name: string, o: { clock?: { now: Date }; idleMs?: number } = {}) {
  const r = core(o);
  await hub.enrolDevice(r.core.env.dataDir, name);
  return r;
}

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { reason: string; triesLeft?: number; message: string });
const db = (c: Core) => (c.counsellor as unknown as { store(): { db: Database.Database } }).store().db;
const outboxDb = (c: Core) => (c.outbox as unknown as { store(): { db: Database.Database } }).store().db;
const minutes = (clock: { now: Date }, m: number) => (clock.now = new Date(clock.now.getTime() + m * 60_000));

beforeAll(async () => {
  hub = await startTestHub();
}, 180_000);
afterAll(async () => {
  for (const c of cores) await c.close();
  await hub?.close();
});

describe('accounts and the PIN', () => {
  it('only on an enrolled device; the PIN kept only as an scrypt verifier (own salt, OWASP cost), never in the file', async () => {
    const bare = core().core;
    await expect(bare.counsellor.add('김상담', PIN)).rejects.toMatchObject({ reason: 'not_enrolled' });
    await expect(bare.counsellor.signIn('김상담', PIN)).rejects.toMatchObject({ reason: 'not_enrolled' });

    // the default cost, as a host builds it
    const t = testEnv({ dataDir: freshDir('counsellor-') });
    const c = createCore(t.env);
    cores.push(c);
    await hub.enrolDevice(c.env.dataDir, 'verifier-device');
    for (const [name, pin, reason] of [['', PIN, 'bad_name'], ['a'.repeat(41), PIN, 'bad_name'], ['김상담', '12345', 'bad_pin'], ['김상담', '123456789', 'bad_pin'], ['김상담', '12345a', 'bad_pin']] as const)
      await expect(c.counsellor.add(name, pin)).rejects.toMatchObject({ reason });
    expect(await c.counsellor.add('  김상담 ', PIN)).toMatchObject({ name: '김상담' });
    await expect(c.counsellor.add('김상담', OTHER_PIN)).rejects.toMatchObject({ reason: 'exists' });
    const row = db(c).prepare('SELECT * FROM counsellor').get() as { id: string; verifier: Buffer; verifier_salt: Buffer; key_salt: Buffer; scrypt_n: number; scrypt_r: number; scrypt_p: number };
    expect({ n: row.scrypt_n, r: row.scrypt_r, p: row.scrypt_p }).toEqual({ n: 2 ** 17, r: 8, p: 1 });
    expect(row.verifier).toHaveLength(32);
    expect(row.verifier_salt).toHaveLength(16);
    expect(row.key_salt.equals(row.verifier_salt)).toBe(false);
    const cost = { N: 2 ** 17, r: 8, p: 1, maxmem: 2 ** 28 };
    expect(scryptSync(PIN, row.verifier_salt, 32, cost).equals(row.verifier)).toBe(true);
    expect(scryptSync('482914', row.verifier_salt, 32, cost).equals(row.verifier)).toBe(false);
    expect(row.id).toMatch(/^c_[0-9a-f]{16}$/);
    c.counsellor.close(); // the WAL folded in: every byte is in the files looked at
    expect(holds(c.env.dataDir, PIN)).toEqual([]);
    for (const f of walk(c.env.dataDir)) expect(f.mode, f.path).toBe(f.dir ? 0o700 : 0o600);
    // the log names the account by its id, never the person
    expect(JSON.stringify(t.logLines())).not.toContain('김상담');
    expect(t.logLines().some((l) => l.event === 'counsellor.added' && l.account === row.id)).toBe(true);
  });

  it('locks after 5 wrong PINs in a row — counted across a restart of the core — until an operator unlocks; a right PIN clears the count', async () => {
    const { core: c, logLines } = await enrolledCore('lockout-device');
    const dataDir = c.env.dataDir;
    await c.counsellor.add('이상담', PIN);
    // a right PIN after wrong ones clears them
    await expect(c.counsellor.signIn('이상담', '000000')).rejects.toMatchObject({ reason: 'wrong_pin', triesLeft: 4 });
    await c.counsellor.signIn('이상담', PIN);
    expect(c.counsellor.status().counsellors).toEqual([{ name: '이상담', locked: false, triesLeft: 5 }]);
    c.counsellor.signOut();
    // two wrong, then the program restarts: the count stays
    expect(await refusal(c.counsellor.signIn('이상담', '111111'))).toMatchObject({ reason: 'wrong_pin', triesLeft: 4, message: expect.stringMatching(/wrong PIN; 4 more wrong tries lock/) });
    expect(await refusal(c.counsellor.signIn('이상담', '222222'))).toMatchObject({ reason: 'wrong_pin', triesLeft: 3 });
    await c.close();
    const { core: c2 } = core({ dataDir });
    expect(c2.counsellor.status().counsellors).toEqual([{ name: '이상담', locked: false, triesLeft: 3 }]);
    expect(await refusal(c2.counsellor.signIn('이상담', '333333'))).toMatchObject({ reason: 'wrong_pin', triesLeft: 2 });
    // a PIN of the wrong shape through the channel is refused before the service (bad_request, not counted)
    expect(await c2.channel.call('counsellorSignIn', { name: '이상담', pin: '12' })).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'pin' } });
    expect(await c2.channel.call('counsellorSignIn', { name: '이상담', pin: '444444' })).toMatchObject({ ok: false, error: { code: 'unauthorized', reason: 'wrong_pin', field: 'pin', message: expect.stringMatching(/1 more wrong try locks/) } });
    expect(await refusal(c2.counsellor.signIn('이상담', '555555'))).toMatchObject({ reason: 'locked', triesLeft: 0 });
    // locked: the right PIN is refused too, and after another restart as well
    expect(await refusal(c2.counsellor.signIn('이상담', PIN))).toMatchObject({ reason: 'locked' });
    await c2.close();
    const { core: c3 } = core({ dataDir });
    expect(c3.counsellor.status()).toMatchObject({ counsellors: [{ name: '이상담', locked: true, triesLeft: 0 }], session: null });
    expect(await c3.channel.call('counsellorSignIn', { name: '이상담', pin: PIN })).toMatchObject({ ok: false, error: { code: 'unauthorized', reason: 'locked' } });
    expect(c3.counsellor.list()).toMatchObject([{ name: '이상담', locked: true, failures: MAX_FAILURES, lockedAt: expect.any(String) }]);
    // the operator clears it
    expect(c3.counsellor.unlock('이상담')).toEqual({ name: '이상담', wasLocked: true, failures: 5 });
    expect(await c3.counsellor.signIn('이상담', PIN)).toMatchObject({ name: '이상담' });
    expect(await c3.channel.call('counsellorSignIn', { name: '아무개', pin: PIN })).toMatchObject({ ok: false, error: { code: 'not_found', reason: 'unknown_counsellor' } });
    expect(JSON.stringify(logLines())).not.toMatch(/이상담|482913|111111/);
  });

  it('signs out after the idle time (an injected clock) and on demand; each counsellor call keeps the session; the key is wiped', async () => {
    const { core: c, clock } = await enrolledCore('idle-device', { idleMs: 10 * 60_000 });
    const heard: unknown[] = [];
    c.channel.on('counsellor.changed', (e) => heard.push(e));
    await c.counsellor.add('최상담', PIN);
    const s = await c.counsellor.signIn('최상담', PIN);
    expect(heard).toEqual([{ signedIn: true, why: 'signed_in' }]);
    expect(s).toEqual({ name: '최상담', signedInAt: '2026-12-02T09:00:00.000Z', lastActiveAt: '2026-12-02T09:00:00.000Z', expiresAt: '2026-12-02T09:10:00.000Z' });
    const key = (c.counsellor as unknown as { current: { key: Buffer } }).current.key;
    expect(key.some((b) => b !== 0)).toBe(true);
    minutes(clock, 9);
    expect(c.counsellor.drafts()).toEqual([]); // a call: active again
    minutes(clock, 9);
    expect(c.counsellor.status().session).toMatchObject({ name: '최상담', expiresAt: '2026-12-02T09:19:00.000Z' });
    expect(c.counsellor.status({ touch: true }).session?.expiresAt).toBe('2026-12-02T09:28:00.000Z'); // the UI's touch
    minutes(clock, 10);
    expect(c.counsellor.status().session).toBeNull();
    expect(heard.at(-1), 'the screens are told at once').toEqual({ signedIn: false, why: 'idle' });
    expect(key.every((b) => b === 0)).toBe(true);
    expect(() => c.counsellor.drafts()).toThrow(expect.objectContaining({ reason: 'signed_out' }));
    expect(await c.channel.call('counsellorDrafts', {})).toMatchObject({ ok: false, error: { code: 'unauthorized', reason: 'signed_out' } });
    // on demand
    await c.counsellor.signIn('최상담', PIN);
    expect(await c.channel.call('counsellorSignOut', {})).toEqual({ ok: true, value: { signedOut: true } });
    expect(await c.channel.call('counsellorSignOut', {})).toEqual({ ok: true, value: { signedOut: false } });
    expect(heard.slice(-2)).toEqual([{ signedIn: true, why: 'signed_in' }, { signedIn: false, why: 'requested' }]);
    expect(c.counsellor.status().session).toBeNull();
  });
});

describe('drafts', () => {
  it('encrypted at rest: no file holds them in plain text; after sign-out nothing opens them; only a key from the PIN does', async () => {
    const { core: c, logLines } = await enrolledCore('drafts-device');
    await c.counsellor.add('정상담', PIN);
    await c.counsellor.add('한상담', OTHER_PIN);
    await c.counsellor.signIn('정상담', PIN);
    const saved = await c.channel.call('counsellorDraftSave', { kind: 'application', service: 'consultation-callback', label: `${FAMILY.name} 가정`, data: { name: FAMILY.name, phone: FAMILY.phone, topic: FAMILY.note } });
    expect(saved).toMatchObject({ ok: true, value: { kind: 'application', service: 'consultation-callback', label: `${FAMILY.name} 가정` } });
    const id = (saved as { value: { id: string } }).value.id;
    const visit = c.counsellor.saveDraft({ kind: 'visit', data: { situation: FAMILY.note, place: '북구 용봉동' } });
    expect(c.counsellor.saveDraft({ id: visit.id, kind: 'visit', data: { situation: `${FAMILY.note} (수정)` } })).toMatchObject({ id: visit.id, createdAt: visit.createdAt });
    expect(c.counsellor.drafts().map((d) => d.id).sort()).toEqual([id, visit.id].sort());
    expect(c.counsellor.openDraft(id)).toMatchObject({ id, data: { name: FAMILY.name, phone: FAMILY.phone } });
    expect(c.counsellor.openDraft(visit.id).data).toEqual({ situation: `${FAMILY.note} (수정)` });
    await expect(c.channel.call('counsellorDraftSave', { kind: 'application', data: {} })).resolves.toMatchObject({ ok: false, error: { code: 'bad_request', reason: 'bad_draft' } });
    await expect(c.channel.call('counsellorDraftSave', { kind: 'visit', data: { big: 'x'.repeat(300_000) } })).resolves.toMatchObject({ ok: false, error: { code: 'too_large' } });

    // another counsellor sees none of them
    await c.counsellor.signIn('한상담', OTHER_PIN);
    expect(c.counsellor.drafts()).toEqual([]);
    expect(() => c.counsellor.openDraft(id)).toThrow(expect.objectContaining({ reason: 'draft_not_found' }));
    c.counsellor.signOut();
    expect(() => c.counsellor.openDraft(id)).toThrow(expect.objectContaining({ reason: 'signed_out' }));
    expect(await c.channel.call('counsellorDraftOpen', { id })).toMatchObject({ ok: false, error: { code: 'unauthorized', reason: 'signed_out' } });

    // the files: no plain text anywhere in the data folder (the WAL folded in first), all private
    c.counsellor.close();
    for (const t of [FAMILY.name, FAMILY.phone, FAMILY.note, '북구 용봉동', 'consultation-callback']) expect(holds(c.env.dataDir, t), t).toEqual([]);
    for (const f of walk(c.env.dataDir)) expect(f.mode, f.path).toBe(f.dir ? 0o700 : 0o600);
    expect(JSON.stringify(logLines())).not.toMatch(new RegExp(`${FAMILY.name}|${FAMILY.phone}|정상담|${PIN}`));

    // the rows open with scrypt(PIN, key_salt) and with nothing else (another PIN, the verifier)
    const raw = new Database(join(c.env.dataDir, 'counsellor.sqlite'), { readonly: true });
    const acct = raw.prepare("SELECT id, key_salt, verifier FROM counsellor WHERE name = '정상담'").get() as { id: string; key_salt: Buffer; verifier: Buffer };
    const row = raw.prepare('SELECT * FROM draft WHERE id = ?').get(id) as { iv: Buffer; tag: Buffer; ciphertext: Buffer };
    raw.close();
    const cost = { N: CHEAP.N, r: 8, p: 1 };
    const ids = { counsellorId: acct.id, draftId: id };
    expect(() => decryptDraft(scryptSync(OTHER_PIN, acct.key_salt, 32, cost), ids, row)).toThrow();
    expect(() => decryptDraft(acct.verifier, ids, row)).toThrow();
    expect(() => decryptDraft(scryptSync(PIN, acct.key_salt, 32, cost), { ...ids, draftId: visit.id }, row)).toThrow(); // bound to its row
    expect(JSON.parse(decryptDraft(scryptSync(PIN, acct.key_salt, 32, cost), ids, row).toString('utf8'))).toMatchObject({ kind: 'application', data: { name: FAMILY.name } });

    // deleted: gone
    await c.counsellor.signIn('정상담', PIN);
    expect(await c.channel.call('counsellorDraftDelete', { id })).toEqual({ ok: true, value: { deleted: true } });
    expect(c.counsellor.drafts().map((d) => d.id)).toEqual([visit.id]);
  });

  it('a PIN change re-encrypts the drafts with new salts: the old PIN opens nothing, the new one everything', async () => {
    const { core: c } = await enrolledCore('pin-change-device');
    await c.counsellor.add('윤상담', PIN);
    await c.counsellor.signIn('윤상담', PIN);
    const a = c.counsellor.saveDraft({ kind: 'visit', label: '첫 방문', data: { situation: FAMILY.note } });
    const b = c.counsellor.saveDraft({ kind: 'survey', data: { understood: 4 } });
    const before = db(c).prepare('SELECT id, iv, ciphertext FROM draft ORDER BY id').all() as { id: string; iv: Buffer; ciphertext: Buffer }[];
    const acct0 = db(c).prepare('SELECT id, key_salt, verifier_salt FROM counsellor').get() as { id: string; key_salt: Buffer; verifier_salt: Buffer };
    expect(await c.channel.call('counsellorChangePin', { pin: PIN, newPin: PIN })).toMatchObject({ ok: false, error: { reason: 'same_pin', field: 'newPin' } });
    expect(await c.channel.call('counsellorChangePin', { pin: '999999', newPin: OTHER_PIN })).toMatchObject({ ok: false, error: { reason: 'wrong_pin' } });
    expect(await c.channel.call('counsellorChangePin', { pin: PIN, newPin: OTHER_PIN })).toEqual({ ok: true, value: { drafts: 2 } });
    // still signed in, with the new key
    expect(c.counsellor.openDraft(a.id)).toMatchObject({ label: '첫 방문', data: { situation: FAMILY.note } });
    const after = db(c).prepare('SELECT id, iv, ciphertext FROM draft ORDER BY id').all() as { id: string; iv: Buffer; ciphertext: Buffer }[];
    const acct1 = db(c).prepare('SELECT key_salt, verifier_salt, failures FROM counsellor').get() as { key_salt: Buffer; verifier_salt: Buffer; failures: number };
    expect(acct1.key_salt.equals(acct0.key_salt)).toBe(false);
    expect(acct1.verifier_salt.equals(acct0.verifier_salt)).toBe(false);
    expect(acct1.failures).toBe(0); // the wrong try before was cleared by the right one
    for (const [i, r] of after.entries()) {
      expect(r.iv.equals(before[i]!.iv)).toBe(false);
      expect(r.ciphertext.equals(before[i]!.ciphertext)).toBe(false);
      expect(() => decryptDraft(scryptSync(PIN, acct0.key_salt, 32, CHEAP), { counsellorId: acct0.id, draftId: r.id }, r as never)).toThrow();
      expect(() => decryptDraft(scryptSync(PIN, acct1.key_salt, 32, CHEAP), { counsellorId: acct0.id, draftId: r.id }, r as never)).toThrow();
    }
    c.counsellor.signOut();
    await expect(c.counsellor.signIn('윤상담', PIN)).rejects.toMatchObject({ reason: 'wrong_pin' });
    await c.counsellor.signIn('윤상담', OTHER_PIN);
    expect(c.counsellor.openDraft(b.id).data).toEqual({ understood: 4 });
    // the operator's way (the CLI's): by name, the current PIN checked
    expect(await c.counsellor.changePin('윤상담', OTHER_PIN, PIN)).toEqual({ drafts: 2 });
    expect(c.counsellor.openDraft(a.id).data).toEqual({ situation: FAMILY.note }); // the session followed
  });
});

describe('on a family’s behalf, and the queue', () => {
  it('a counsellor’s application carries their name inside the seal — not in the envelope, the database or the log; outreach forms only in the counsellor mode', async () => {
    const { core: c, logLines } = await enrolledCore('behalf-device');
    await c.counsellor.add('강상담', PIN);
    expect(await c.channel.call('counsellorSubmit', { service: 'consultation-callback', form: callback() })).toMatchObject({ ok: false, error: { reason: 'signed_out' } });
    await c.counsellor.signIn('강상담', PIN);
    const draft = c.counsellor.saveDraft({ kind: 'application', service: 'consultation-callback', data: callback() });
    const r = await c.channel.call('counsellorSubmit', { service: 'consultation-callback', form: callback(), draftId: draft.id });
    expect(r).toMatchObject({ ok: true, value: { service: 'consultation-callback', state: 'pending' } });
    expect(c.counsellor.drafts()).toEqual([]); // the draft is gone once sealed
    const clientId = (r as { value: { clientId: string } }).value.clientId;
    const row = outboxDb(c).prepare('SELECT * FROM application WHERE client_id = ?').get(clientId) as { sealed: Buffer; service: string; created_at: string };
    const opened = JSON.parse(unseal(row.sealed, hub.sealing, { client_id: clientId, service: row.service, created_at: row.created_at }).toString('utf8'));
    expect(opened).toMatchObject({ counsellor: { name: '강상담' }, form: { name: FAMILY.name } });
    // the outreach forms: a visit log, its catalogue ids checked
    const visit = { ...OUTREACH_VISIT.example, situation: FAMILY.note };
    expect(await c.channel.call('counsellorSubmit', { service: 'outreach-visit', form: { ...visit, services_explained: ['no-such-entry'] } })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', field: 'form.services_explained', reason: 'invalid' },
    });
    expect(await c.channel.call('counsellorSubmit', { service: 'outreach-visit', form: { ...visit, follow_up_date: '2026-11-30' } })).toMatchObject({ ok: false, error: { field: 'form.follow_up_date' } });
    expect(await c.channel.call('counsellorSubmit', { service: 'outreach-visit', form: visit })).toMatchObject({ ok: true, value: { service: 'outreach-visit' } });
    expect(await c.channel.call('counsellorSubmit', { service: 'outreach-survey', form: OUTREACH_SURVEY.example })).toMatchObject({ ok: true, value: { service: 'outreach-survey' } });
    // a kiosk visitor cannot send them
    expect(await c.channel.call('submitApplication', { service: 'outreach-visit', form: visit })).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'service' } });
    c.counsellor.close();
    await c.outbox.close();
    for (const t of ['강상담', FAMILY.name, FAMILY.phone, FAMILY.note]) expect(holds(join(c.env.dataDir), t).filter((f) => !f.endsWith('counsellor.sqlite')), t).toEqual([]);
    expect(JSON.stringify(logLines())).not.toMatch(new RegExp(`강상담|${FAMILY.name}|${FAMILY.phone}`));
  });

  it('retry puts a needs-attention application back to pending (then it is sent); discard, confirmed, deletes its sealed bytes and keeps the envelope with who and when', async () => {
    const { core: c, logLines } = await enrolledCore('queue-device');
    await c.counsellor.add('임상담', PIN);
    const ids = [0, 1, 2].map((i) => c.outbox.submit({ service: 'consultation-callback', form: callback(i) }).client_id);
    const [retried, discarded, fine] = ids as [string, string, string];
    // two damaged on the disk after sealing: the hub cannot open them
    const odb = outboxDb(c);
    const flip = (id: string) => {
      const row = odb.prepare('SELECT sealed FROM application WHERE client_id = ?').get(id) as { sealed: Buffer };
      row.sealed[row.sealed.length - 1]! ^= 1;
      odb.prepare('UPDATE application SET sealed = ? WHERE client_id = ?').run(row.sealed, id);
    };
    flip(retried);
    flip(discarded);
    expect(await c.outbox.sendNow()).toMatchObject({ sent: 1, attention: 2, pending: 0 });

    // signed out: refused
    expect(await c.channel.call('counsellorRetry', { clientId: retried })).toMatchObject({ ok: false, error: { code: 'unauthorized', reason: 'signed_out' } });
    expect(await c.channel.call('counsellorDiscard', { clientId: discarded, confirm: true })).toMatchObject({ ok: false, error: { code: 'unauthorized', reason: 'signed_out' } });
    await c.counsellor.signIn('임상담', PIN);
    // only what needs attention; only with confirm
    expect(await c.channel.call('counsellorRetry', { clientId: fine })).toMatchObject({ ok: false, error: { code: 'bad_request', reason: 'not_attention', message: expect.stringMatching(/this one is sent/) } });
    expect(await c.channel.call('counsellorRetry', { clientId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'not_found', reason: 'application_not_found' } });
    expect(await c.channel.call('counsellorDiscard', { clientId: discarded })).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'confirm' } });

    // retry: back to pending, and (the disk repaired) sent
    expect(await c.channel.call('counsellorRetry', { clientId: retried })).toEqual({ ok: true, value: { clientId: retried, state: 'pending', at: '2026-12-02T09:00:00.000Z' } });
    const rec = c.outbox.status().records.find((x) => x.clientId === retried)!;
    expect(rec).toMatchObject({ state: 'pending', code: null, lastProblem: 'put_back', lastError: expect.stringMatching(/the hub refused it \(.+\); put back to send again/) });
    expect(odb.prepare('SELECT retried_by, retried_at FROM application WHERE client_id = ?').get(retried)).toEqual({ retried_by: '임상담', retried_at: '2026-12-02T09:00:00.000Z' });
    flip(retried);
    expect(await c.outbox.sendNow()).toMatchObject({ sent: 1, attention: 0, pending: 0 });

    // discard: the sealed bytes gone, the envelope kept, who and when
    const sealedBefore = (odb.prepare('SELECT sealed FROM application WHERE client_id = ?').get(discarded) as { sealed: Buffer }).sealed;
    expect(await c.channel.call('counsellorDiscard', { clientId: discarded, confirm: true })).toEqual({ ok: true, value: { clientId: discarded, state: 'discarded', at: '2026-12-02T09:00:00.000Z' } });
    expect(odb.prepare('SELECT state, sealed, discarded_by, discarded_at, attention_code IS NOT NULL AS why FROM application WHERE client_id = ?').get(discarded)).toEqual({
      state: 'discarded',
      sealed: null,
      discarded_by: '임상담',
      discarded_at: '2026-12-02T09:00:00.000Z',
      why: 1,
    });
    const st = c.outbox.status();
    expect(st).toMatchObject({ pending: 0, sent: 2, attention: 0, discarded: { count: 1, records: [{ clientId: discarded, discardedBy: '임상담', discardedAt: '2026-12-02T09:00:00.000Z', code: expect.any(String) }] } });
    expect(st.records.map((r) => r.clientId)).not.toContain(discarded);
    expect((await c.channel.call('outboxStatus', {})).ok).toBe(true); // the contract's schema holds
    expect(await c.channel.call('counsellorRetry', { clientId: discarded })).toMatchObject({ ok: false, error: { reason: 'not_attention' } });
    // the deleted bytes are not in any file (secure_delete, the WAL truncated)
    await c.outbox.close();
    const probe = sealedBefore.subarray(8, 40);
    expect(walk(c.env.dataDir).filter((f) => !f.dir && openAndHas(f.path, probe)).map((f) => f.path)).toEqual([]);
    // the log: what happened, by client id and account id — no name
    const lines = logLines();
    expect(lines.some((l) => l.event === 'outbox.discarded' && l.client_id === discarded)).toBe(true);
    expect(lines.some((l) => l.event === 'counsellor.retried' && l.client_id === retried && typeof l.account === 'string')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('임상담');
  });
});

const openAndHas = (path: string, bytes: Buffer): boolean => readFileSync(path).includes(bytes);

describe('the outbox migrations 002 and after', () => {
  it('rebuild a database of migration 001 with its rows; numbering continues; a sent one gets its status', () => {
    const dir = freshDir('outbox-migration-');
    const file = join(dir, 'outbox.sqlite');
    const all = readMigrations(join(resources().migrations, 'outbox'));
    expect(all.map((m) => m.name)).toEqual(['001_outbox.sql', '002_retry_discard.sql', '003_status.sql', '004_receipts.sql', '005_problem.sql', '006_uploader_pause.sql']);
    const old = new Database(file);
    old.exec(all[0]!.sql);
    old.exec('CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)');
    old.prepare('INSERT INTO schema_migration VALUES (1, ?, ?, ?)').run(all[0]!.name, all[0]!.checksum, '2026-12-01T00:00:00Z');
    old.prepare("INSERT INTO application (client_id, service, created_at, size, sealed, attempts, last_error) VALUES ('a', 'consultation-callback', '2026-12-01T00:00:00Z', 3, x'010203', 1, 'the hub answered 503')").run();
    old.prepare("INSERT INTO application (client_id, service, created_at, size, sealed, state, attention_code, attention_reason) VALUES ('b', 'consultation-callback', '2026-12-01T00:00:01Z', 3, x'040506', 'attention', 'tampered', 'x')").run();
    old.prepare("INSERT INTO application (client_id, service, created_at, size, sealed, state, receipt, received_at) VALUES ('c', 'consultation-callback', '2026-12-01T00:00:02Z', 3, NULL, 'sent', '1234-5678-9', 't')").run();
    old.close();
    const store = new OutboxStore(dir, join(resources().migrations, 'outbox'));
    expect(store.counts()).toEqual({ pending: 1, sent: 1, attention: 1 });
    expect(store.record('b')).toMatchObject({ seq: 2, state: 'attention', attention_code: 'tampered', discarded_by: null });
    expect(store.record('c')).toMatchObject({ state: 'sent', receipt: '1234-5678-9', status: 'received' }); // migration 003: a sent callback is received
    expect(store.insert({ client_id: 'd', service: 'consultation-callback', created_at: 't', sealed: Buffer.from([7]) })).toBe(4);
    expect(store.receiptsLeft('dev_x')).toBe(0); // migration 004: no receipt block yet; the rows before it keep no number
    expect(store.record('a')).toMatchObject({ last_error: 'the hub answered 503', last_problem: null }); // migration 005: the English kept, no code for a try made before it
    expect(store.discard('a', 'x', 't')).toBe(false); // pending: not discarded
    expect(store.discard('b', '누구', '2026-12-02T00:00:00Z')).toBe(true);
    expect(store.discardedCount()).toBe(1);
    expect(() => store.db.prepare("UPDATE application SET state = 'discarded' WHERE client_id = 'a'").run()).toThrow(/CHECK/);
    store.close();
  });
});

describe('the outreach forms', () => {
  it('take their examples and refuse bad dates, unknown fields and out-of-range answers by field', () => {
    expect(checkForm(OUTREACH_VISIT, OUTREACH_VISIT.example)).toMatchObject({ ok: true, consentVersion: 'outreach-visit/consent-v2' });
    expect(checkForm(OUTREACH_SURVEY, OUTREACH_SURVEY.example)).toMatchObject({ ok: true, consentVersion: 'outreach-survey/consent-v2' });
    const visitProblems = (f: Record<string, unknown>) => {
      const r = checkForm(OUTREACH_VISIT, { ...OUTREACH_VISIT.example, ...f });
      return r.ok ? [] : r.problems.map((p) => `${p.field}.${p.code}`);
    };
    expect(visitProblems({ visit_date: '2026-02-30' })).toEqual(['visit_date.invalid']);
    expect(visitProblems({ visit_date: '' })).toEqual(['visit_date.required']);
    expect(visitProblems({ place_kind: 'car' })).toEqual(['place_kind.invalid']);
    expect(visitProblems({ situation: 'x'.repeat(2001) })).toEqual(['situation.too_long']);
    expect(visitProblems({ services_explained: ['Not An Id'] })).toEqual(['services_explained.invalid']);
    expect(visitProblems({ services_explained: ['a', 'a'] })).toEqual(['services_explained.invalid']);
    expect(visitProblems({ follow_up_date: '2026-11-01' })).toEqual(['follow_up_date.invalid']);
    expect(visitProblems({ consent: false })).toEqual(['consent.required']);
    expect(visitProblems({ phone: '010-1234-5678' })).toEqual(['phone.unknown']);
    const { follow_up_date: _f, services_explained: _s, ...minimal } = OUTREACH_VISIT.example;
    expect(checkForm(OUTREACH_VISIT, minimal)).toMatchObject({ ok: true, form: { services_explained: [] } });
    const surveyProblems = (f: Record<string, unknown>) => {
      const r = checkForm(OUTREACH_SURVEY, { ...OUTREACH_SURVEY.example, ...f });
      return r.ok ? [] : r.problems.map((p) => `${p.field}.${p.code}`);
    };
    expect(surveyProblems({ understood: 6, helpful: 0 })).toEqual(['understood.invalid', 'helpful.invalid']);
    expect(surveyProblems({ understood: undefined })).toEqual(['understood.required']);
    expect(surveyProblems({ needs: ['money', 'cars'] })).toEqual(['needs.invalid']);
    expect(surveyProblems({ comment: 'y'.repeat(501) })).toEqual(['comment.too_long']);
    expect(surveyProblems({ name: '박말순' })).toEqual(['name.unknown']);
  });
});
