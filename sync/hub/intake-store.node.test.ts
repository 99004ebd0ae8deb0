/**
 * The intake's part of the hub store (devices, one-time codes, sealed applications), run twice:
 * on the embedded PGlite and on a real PostgreSQL server (tests/postgres.node.ts) — there also
 * with two stores on one database at once, as two hub processes behind a load balancer are.
 */
import { describe, expect, it } from 'vitest';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { freshDir } from '../../tests/env.node.js';
import { memoryLogger } from '../../core/log.node.js';
import { generateHubKeys } from '../protocol/keys.node.js';
import { parseReceipt } from '../protocol/intake.js';
import { hubLayout } from './layout.node.js';
import { freshHubLayout, hubStoreBackends, refusal } from './testing.node.js';
import { openHubStore } from './store.node.js';
import type { HubStore, NewApplication } from './store.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const devId = () => `dev_${randomBytes(16).toString('hex')}`;
const pub = () => generateHubKeys().publicKey;
const later = (ms = 86_400_000) => new Date(Date.now() + ms).toISOString();
const app = (device_id: string, o: Partial<NewApplication> = {}): NewApplication => ({
  client_id: randomUUID(),
  device_id,
  service: 'consultation-callback',
  created_at: '2026-12-02T09:00:00.000+09:00',
  sealed: randomBytes(200),
  ...o,
});


const { backends } = hubStoreBackends();

describe.each(backends)('the intake store on $name', ({ url }) => {
  async function open(databaseUrl?: string): Promise<HubStore> {
    const layout = databaseUrl ? hubLayout(freshDir('intake-store-')) : await freshHubLayout('intake-store-');
    return openHubStore({ layout, databaseUrl, logger: memoryLogger('hub').logger });
  }
  async function withStore(f: (s: HubStore, databaseUrl: string | undefined) => Promise<void>) {
    const databaseUrl = await url();
    const s = await open(databaseUrl);
    try {
      await f(s, databaseUrl);
    } finally {
      await s.close();
    }
  }
  async function enrolled(s: HubStore, name = 'kiosk-1') {
    const code = sha(randomUUID());
    await s.createCode({ code_sha256: code, name, expires_at: later() });
    return (await s.enrol({ code_sha256: code, device_id: devId(), public_key: pub() }))!;
  }

  it('a code enrols one device once; a wrong, used or expired code enrols nobody', async () => {
    await withStore(async (s) => {
      const code = sha('ABCDE12345');
      await s.createCode({ code_sha256: code, name: '3층 키오스크', expires_at: later() });
      const key = pub();
      const id = devId();
      expect(await s.enrol({ code_sha256: sha('WRONG00000'), device_id: devId(), public_key: key })).toBeNull();
      const d = await s.enrol({ code_sha256: code, device_id: id, public_key: key });
      expect(d).toMatchObject({ id, name: '3층 키오스크', public_key: key, revoked_at: null });
      expect(Date.parse(d!.enrolled_at)).toBeGreaterThan(Date.now() - 60_000);
      expect(await s.device(id)).toEqual(d);
      expect(await s.enrol({ code_sha256: code, device_id: devId(), public_key: pub() }), 'used').toBeNull();
      const old = sha('OLD0000000');
      await s.createCode({ code_sha256: old, name: 'laptop', expires_at: new Date(Date.now() - 1000).toISOString() });
      expect(await s.enrol({ code_sha256: old, device_id: devId(), public_key: pub() }), 'expired').toBeNull();
      expect((await s.devices()).map((x) => x.name)).toEqual(['3층 키오스크']);
      expect(await s.device(devId())).toBeNull();
      expect(await s.device('not an id')).toBeNull();
    });
  });

  it('a code used by many at once enrols exactly one device', async () => {
    await withStore(async (s, databaseUrl) => {
      const code = sha('RACE000000');
      await s.createCode({ code_sha256: code, name: 'race', expires_at: later() });
      const other = databaseUrl ? await open(databaseUrl) : s; // a second hub process on the same database
      try {
        const tries = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? other : s).enrol({ code_sha256: code, device_id: devId(), public_key: pub() })));
        expect(tries.filter((t) => t !== null)).toHaveLength(1);
        expect((await s.devices()).filter((d) => d.name === 'race')).toHaveLength(1);
      } finally {
        if (other !== s) await other.close();
      }
    });
  });

  it('a name is unique among devices not revoked; a new code supersedes an unused one; revoking refuses the device and cancels its codes', async () => {
    await withStore(async (s) => {
      const d = await enrolled(s, 'kiosk-1');
      const taken = await refusal(s.createCode({ code_sha256: sha('x'), name: 'kiosk-1', expires_at: later() }));
      expect(taken.code).toBe('name_taken');
      expect(taken.message).toMatch(/"kiosk-1" is enrolled.*revoke-device/);

      const first = sha('first');
      const second = sha('second');
      await s.createCode({ code_sha256: first, name: 'laptop', expires_at: later() });
      await s.createCode({ code_sha256: second, name: 'laptop', expires_at: later() });
      expect(await s.enrol({ code_sha256: first, device_id: devId(), public_key: pub() }), 'superseded').toBeNull();
      const waiting = sha('waiting');
      await s.createCode({ code_sha256: waiting, name: 'tablet', expires_at: later() });
      // revoking a name with only a code waiting cancels the code
      expect(await s.revokeDevice('tablet')).toMatchObject({ name: 'tablet' });
      expect(await s.enrol({ code_sha256: waiting, device_id: devId(), public_key: pub() })).toBeNull();

      const r = await s.revokeDevice('kiosk-1');
      expect(r).toMatchObject({ name: 'kiosk-1' });
      expect((await s.device(d.id))!.revoked_at).toBe(r!.revoked_at);
      expect(await s.revokeDevice('kiosk-1'), 'revoked again: the same answer').toEqual(r);
      expect(await s.revokeDevice('nobody')).toBeNull();
      // the name is free again
      const again = await enrolled(s, 'kiosk-1');
      expect(again.id).not.toBe(d.id);
      expect((await s.devices()).filter((x) => x.revoked_at === null).map((x) => x.id)).toEqual([again.id]);
      expect((await s.devices()).map((x) => [x.name, x.revoked_at === null])).toEqual([
        ['kiosk-1', false],
        ['kiosk-1', true],
      ]);
    });
  });

  it('stores an application once: 201-like "created" with a receipt, the same bytes again "same" with that receipt, other bytes "conflict"', async () => {
    await withStore(async (s) => {
      const d = await enrolled(s);
      const a = app(d.id);
      const [first] = await s.putApplications([a]);
      expect(first).toMatchObject({ outcome: 'created' });
      if (first!.outcome === 'conflict') throw new Error('unreachable');
      expect(parseReceipt(first!.receipt)).toBe(first!.receipt);
      const [again] = await s.putApplications([{ ...a, sealed: Buffer.from(a.sealed) }]);
      expect(again).toEqual({ ...first, outcome: 'same' });
      const [other] = await s.putApplications([{ ...a, sealed: randomBytes(200) }]);
      expect(other).toEqual({ outcome: 'conflict' });
      expect(await s.receipt(first!.receipt)).toEqual({ receipt: first!.receipt, service: 'consultation-callback', status: 'received', received_at: first!.received_at, status_at: null, reason: null });
      expect(await s.receipt('0000-0000-0')).toBeNull();
      const [stored] = await s.applications();
      expect(stored).toMatchObject({ client_id: a.client_id, device_id: d.id, created_at: a.created_at, size: 200, status: 'received', receipt: first!.receipt });
      expect(Buffer.from(stored!.sealed).equals(Buffer.from(a.sealed))).toBe(true);
      expect(stored!.digest).toBe(createHash('sha256').update(a.sealed).digest('hex'));
    });
  });

  it('a batch: results in order, a repeat inside the batch is "same", receipts unique and not sequential; listed oldest first', async () => {
    await withStore(async (s) => {
      const d = await enrolled(s);
      const list = Array.from({ length: 120 }, () => app(d.id));
      const out = await s.putApplications([...list, list[3]!, { ...list[4]!, sealed: randomBytes(10) }]);
      expect(out.slice(0, 120).every((o) => o.outcome === 'created')).toBe(true);
      expect(out[120]).toEqual({ ...out[3], outcome: 'same' });
      expect(out[121]).toEqual({ outcome: 'conflict' });
      const receipts = out.slice(0, 120).map((o) => (o.outcome === 'conflict' ? '' : o.receipt));
      expect(new Set(receipts).size).toBe(120);
      const numbers = receipts.map((r) => Number(r.replace(/-/g, '').slice(0, 8))).sort((x, y) => x - y);
      expect(numbers.some((n, i) => i > 0 && n !== numbers[i - 1]! + 1)).toBe(true);
      const later2 = app(d.id);
      await s.putApplications([later2]);
      const listed = await s.applications();
      expect(listed.map((x) => x.client_id)).toEqual([...list.map((x) => x.client_id), later2.client_id]);
    });
  });

  it('puts of one client id at once — identical and different, from two stores on one database when there is a server — store it exactly once', async () => {
    await withStore(async (s, databaseUrl) => {
      const other = databaseUrl ? await open(databaseUrl) : s;
      try {
        const d = await enrolled(s);
        for (let round = 0; round < 10; round++) {
          const a = app(d.id);
          const diff = { ...a, sealed: randomBytes(200) };
          const outs = await Promise.all([s.putApplications([a]), other.putApplications([a]), s.putApplications([a]), other.putApplications([diff])]);
          const flat = outs.map((o) => o[0]!);
          const stored = (await s.applications()).filter((x) => x.client_id === a.client_id);
          expect(stored).toHaveLength(1);
          const winnerIsA = Buffer.from(stored[0]!.sealed).equals(Buffer.from(a.sealed));
          expect(flat.filter((f) => f.outcome === 'created')).toHaveLength(1);
          const sameReceipt = flat.flatMap((f) => (f.outcome === 'conflict' ? [] : [f.receipt]));
          expect(new Set(sameReceipt).size).toBe(1);
          expect(sameReceipt[0]).toBe(stored[0]!.receipt);
          // the three identical puts succeed when they won; the different one conflicts — or the reverse
          expect(flat.filter((f) => f.outcome === 'conflict')).toHaveLength(winnerIsA ? 1 : 3);
        }
      } finally {
        if (other !== s) await other.close();
      }
    });
  }, 60_000);

  it('refuses records that are not ones, naming the field', async () => {
    await withStore(async (s) => {
      const d = await enrolled(s);
      expect((await refusal(s.putApplications([app(d.id, { client_id: 'x' })]))).message).toMatch(/field "client_id"/);
      expect((await refusal(s.putApplications([app(d.id, { client_id: randomUUID().toUpperCase() })]))).message).toMatch(/lower case/);
      expect((await refusal(s.putApplications([app(d.id, { sealed: new Uint8Array(0) })]))).message).toMatch(/field "sealed"/);
      expect((await refusal(s.putApplications([app(d.id, { service: 'Bad Service' })]))).message).toMatch(/field "service"/);
      expect((await refusal(s.createCode({ code_sha256: sha('y'), name: '', expires_at: later() }))).message).toMatch(/field "name"/);
      expect(await s.applications()).toEqual([]);
      expect(await s.putApplications([])).toEqual([]);
    });
  });
});
