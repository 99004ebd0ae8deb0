/**
 * The centre's answer to a reservation in the hub store (decide), run on the embedded PGlite and
 * on a real PostgreSQL server — there also with two hub processes answering one reservation at
 * once: it is decided once, and the other sees the answer it raced against.
 */
import { describe, expect, it } from 'vitest';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { freshDir } from '../../tests/env.node.js';
import { memoryLogger } from '../../core/log.node.js';
import { generateHubKeys } from '../protocol/keys.node.js';
import { hubLayout } from './layout.node.js';
import { freshHubLayout, hubStoreBackends } from './testing.node.js';
import { openHubStore } from './store.node.js';
import type { HubStore } from './store.js';

const { backends } = hubStoreBackends();
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe.each(backends)('deciding a reservation on $name', ({ url }) => {
  async function open(databaseUrl?: string): Promise<HubStore> {
    const layout = databaseUrl ? hubLayout(freshDir('decide-store-')) : await freshHubLayout('decide-store-');
    return openHubStore({ layout, databaseUrl, logger: memoryLogger('hub').logger });
  }
  /** a store with one enrolled device and one received reservation: its receipt */
  async function received(s: HubStore): Promise<string> {
    const code = sha(randomUUID());
    await s.createCode({ code_sha256: code, name: `kiosk-${randomUUID().slice(0, 8)}`, expires_at: new Date(Date.now() + 86_400_000).toISOString() });
    const d = (await s.enrol({ code_sha256: code, device_id: `dev_${randomBytes(16).toString('hex')}`, public_key: generateHubKeys().publicKey }))!;
    const [put] = await s.putApplications([{ client_id: randomUUID(), device_id: d.id, service: 'gj-emergency-childcare', created_at: new Date().toISOString(), sealed: randomBytes(300) }]);
    if (!put || put.outcome === 'conflict') throw new Error('the reservation was not stored');
    return put.receipt;
  }

  it('confirms once; the same answer again is unchanged; the other answer is refused as already answered; an unknown receipt is not found', async () => {
    const s = await open(await url());
    try {
      const receipt = await received(s);
      expect(await s.receipt(receipt)).toMatchObject({ status: 'received', status_at: null, reason: null });
      const first = await s.decide({ receipt, status: 'confirmed', reason: null });
      expect(first).toMatchObject({ outcome: 'decided', record: { receipt, status: 'confirmed', reason: null } });
      const at = first.outcome === 'decided' ? first.record.status_at : null;
      expect(Date.parse(at!)).toBeGreaterThan(Date.now() - 60_000);
      expect(await s.decide({ receipt, status: 'confirmed', reason: null })).toMatchObject({ outcome: 'same', record: { status: 'confirmed', status_at: at } });
      expect(await s.decide({ receipt, status: 'declined', reason: '예약이 찼어요' })).toMatchObject({ outcome: 'already', record: { status: 'confirmed' } });
      expect(await s.receipt(receipt)).toMatchObject({ status: 'confirmed', status_at: at, reason: null });
      expect(await s.decide({ receipt: '0000-0000-0', status: 'confirmed', reason: null })).toEqual({ outcome: 'not_found' });
      const other = await received(s);
      expect(await s.decide({ receipt: other, status: 'declined', reason: '그 시간은 예약이 찼어요' })).toMatchObject({ outcome: 'decided', record: { status: 'declined', reason: '그 시간은 예약이 찼어요' } });
    } finally {
      await s.close();
    }
  });

  it('two operators answering at once, on two hub processes when the database is shared: one answer wins, the other is told', async () => {
    const databaseUrl = await url();
    const s = await open(databaseUrl);
    const t = databaseUrl ? await open(databaseUrl) : s;
    try {
      const receipt = await received(s);
      const answers = await Promise.all([s.decide({ receipt, status: 'confirmed', reason: null }), t.decide({ receipt, status: 'declined', reason: '예약이 찼어요' })]);
      expect(answers.filter((a) => a.outcome === 'decided')).toHaveLength(1);
      expect(answers.filter((a) => a.outcome === 'already')).toHaveLength(1);
      const won = answers.find((a) => a.outcome === 'decided')!;
      expect(await s.receipt(receipt)).toMatchObject({ status: won.outcome === 'decided' ? won.record.status : 'none' });
    } finally {
      if (t !== s) await t.close();
      await s.close();
    }
  });
});
