/**
 * The hub keeps an application one year from the day it received it, then deletes it (the
 * consent's promise): on PGlite and a PostgreSQL server, the store deletes only what was received
 * before the time given, and the retention says how many — never which; the BUILT hub runs it
 * when it starts (AICHINGU_HUB_RETENTION_DAYS, default 365; a bad value refused in words), and
 * the BUILT CLI's `hub purge-applications` runs it once, through a running hub or on the store,
 * reporting {"deleted":N,"before":…}. Applications are stored through the store and then made
 * old in the database itself (received_at moved back), the store closed meanwhile.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../core/log.node.js';
import { freshDir } from '../../tests/env.node.js';
import { copyBuiltApp, jsonResult, runBuiltCli, type BuiltApp } from '../../tests/journeys/built-app.js';
import { startBuiltHub, type BuiltHub } from '../../tests/journeys/built-hub.js';
import { generateHubKeys } from '../protocol/keys.node.js';
import { hubLayout, type HubLayout } from './layout.node.js';
import { DEFAULT_RETENTION_DAYS, purgeApplications, retentionDays } from './retention.node.js';
import { openHubStore } from './store.node.js';
import type { HubStore } from './store.js';
import { freshHubLayout, hubStoreBackends, refusal } from './testing.node.js';

const { backends } = hubStoreBackends();
const DAY = 24 * 60 * 60 * 1000;

let app: BuiltApp;
beforeAll(() => {
  app = copyBuiltApp();
});

describe('AICHINGU_HUB_RETENTION_DAYS', () => {
  it('365 days unless set; a whole number of days from 1 to 3650, anything else refused saying so', () => {
    expect(process.env.AICHINGU_HUB_RETENTION_DAYS, 'the tests run with the default').toBeUndefined();
    expect(DEFAULT_RETENTION_DAYS).toBe(365);
    expect(retentionDays({})).toBe(365);
    expect(retentionDays({ AICHINGU_HUB_RETENTION_DAYS: ' 400 ' })).toBe(400);
    expect(retentionDays({ AICHINGU_HUB_RETENTION_DAYS: '1' })).toBe(1);
    for (const bad of ['0', '-5', '1.5', 'a year', '3651', '365d'])
      expect(() => retentionDays({ AICHINGU_HUB_RETENTION_DAYS: bad }), bad).toThrow(/^AICHINGU_HUB_RETENTION_DAYS must be a whole number of days from 1 to 3650 \(got ".*"\); the consent the kiosk shows promises one year: 365, the default$/);
  });
});

describe.each(backends)('retention on $name', ({ url }) => {
  /** A store on a fresh layout (a fresh database on the server). */
  async function fresh(): Promise<{ layout: HubLayout; databaseUrl: string | undefined }> {
    const databaseUrl = await url();
    return { layout: databaseUrl ? hubLayout(freshDir('retention-hub-')) : await freshHubLayout('retention-hub-'), databaseUrl };
  }
  const open = (h: { layout: HubLayout; databaseUrl: string | undefined }) => openHubStore({ ...h, logger: memoryLogger('hub').logger });

  /** Four applications from one device, received now; answers their client ids and receipts. */
  async function received(s: HubStore): Promise<{ id: string; receipt: string }[]> {
    const code = randomBytes(32).toString('hex');
    await s.createCode({ code_sha256: code, name: `kiosk-${randomUUID().slice(0, 6)}`, expires_at: new Date(Date.now() + DAY).toISOString() });
    const d = (await s.enrol({ code_sha256: code, device_id: `dev_${randomBytes(16).toString('hex')}`, public_key: generateHubKeys().publicKey }))!;
    const list = Array.from({ length: 4 }, () => ({ client_id: randomUUID(), device_id: d.id, service: 'consultation-callback', created_at: new Date().toISOString(), sealed: randomBytes(300) }));
    const out = await s.putApplications(list);
    return list.map((a, i) => ({ id: a.client_id, receipt: (out[i] as { receipt: string }).receipt }));
  }

  /** Moves applications' received_at back by that many days, in the database itself (the store closed). */
  async function age(h: { layout: HubLayout; databaseUrl: string | undefined }, days: Record<string, number>): Promise<void> {
    const sql = 'UPDATE application SET received_at = received_at - make_interval(days => $2) WHERE client_id = $1';
    if (h.databaseUrl) {
      const c = new pg.Client({ connectionString: h.databaseUrl });
      await c.connect();
      try {
        for (const [id, n] of Object.entries(days)) expect((await c.query(sql, [id, n])).rowCount).toBe(1);
      } finally {
        await c.end();
      }
    } else {
      const db = await PGlite.create(h.layout.pglite);
      try {
        for (const [id, n] of Object.entries(days)) expect((await db.query(sql, [id, n])).affectedRows).toBe(1);
      } finally {
        await db.close();
      }
    }
  }

  /** Four applications, received 400, 366 and 364 days ago and now. */
  async function aged(h: { layout: HubLayout; databaseUrl: string | undefined }): Promise<{ id: string; receipt: string }[]> {
    const s = await open(h);
    let apps: { id: string; receipt: string }[];
    try {
      apps = await received(s);
    } finally {
      await s.close();
    }
    await age(h, { [apps[0]!.id]: 400, [apps[1]!.id]: 366, [apps[2]!.id]: 364 });
    return apps;
  }

  it('deletes only what was received more than the days before now, says how many and never which; again: none', async () => {
    const h = await fresh();
    const apps = await aged(h);
    const s = await open(h);
    try {
      const { logger, lines } = memoryLogger('hub');
      const now = new Date();
      const r = await purgeApplications({ store: s, logger, days: 365, now });
      expect(r).toEqual({ deleted: 2, before: new Date(now.getTime() - 365 * DAY).toISOString() });
      expect((await s.applications()).map((a) => a.client_id)).toEqual([apps[2]!.id, apps[3]!.id]);
      expect(await s.receipt(apps[0]!.receipt)).toBeNull();
      expect(await s.receipt(apps[2]!.receipt)).not.toBeNull();
      const logged = lines().filter((l) => l.event === 'hub.retention');
      expect(logged).toEqual([expect.objectContaining({ deleted: 2, before: r.before, days: 365 })]);
      const text = JSON.stringify(lines());
      for (const a of apps) {
        expect(text).not.toContain(a.id);
        expect(text).not.toContain(a.receipt);
      }
      expect(await purgeApplications({ store: s, logger, days: 365, now })).toEqual({ deleted: 0, before: r.before });
      expect((await s.applications()).length).toBe(2);
      expect((await refusal(s.purgeApplications('last year'))).message).toMatch(/field "before": must be an ISO time/);
    } finally {
      await s.close();
    }
  }, 120_000);

  it('cli hub purge-applications on the store and through the built hub, which runs the retention when it starts', async () => {
    const h = await fresh();
    const apps = await aged(h);
    const db = h.databaseUrl ? ['--database-url', h.databaseUrl] : [];
    const env = (days?: string) => ({ env: days === undefined ? {} : { AICHINGU_HUB_RETENTION_DAYS: days } });

    const bad = await runBuiltCli(app, ['hub', 'purge-applications', '--data', h.layout.dataDir, ...db], env('0'));
    expect([bad.code, bad.out, bad.err.trim()]).toEqual([1, '', expect.stringMatching(/^error: AICHINGU_HUB_RETENTION_DAYS must be a whole number of days from 1 to 3650 \(got "0"\)/)]);

    // no hub running: on the store, kept 390 days — only the one of 400 days goes
    const t0 = Date.now();
    const once = await runBuiltCli(app, ['hub', 'purge-applications', '--data', h.layout.dataDir, ...db, '--json'], env('390'));
    expect(once.code, once.err).toBe(0);
    const r = jsonResult<{ deleted: number; before: string }>(once);
    expect(Object.keys(r)).toEqual(['deleted', 'before']);
    expect(r.deleted).toBe(1);
    expect(Date.parse(r.before)).toBeGreaterThanOrEqual(t0 - 390 * DAY);
    expect(Date.parse(r.before)).toBeLessThanOrEqual(Date.now() - 390 * DAY);

    // a hub with a bad setting does not start, and says why
    const hubEnv = { ...process.env, AICHINGU_RESOURCES: app.dist };
    const refused = spawnSync(process.execPath, [app.hub, '--port', '0', '--data', h.layout.dataDir, ...db], { env: { ...hubEnv, AICHINGU_HUB_RETENTION_DAYS: 'a year' }, encoding: 'utf8', timeout: 120_000 });
    expect(refused.status).toBe(1);
    expect(refused.stdout).not.toMatch(/hub listening/);
    expect(refused.stderr).toMatch(/error: the hub cannot start: AICHINGU_HUB_RETENTION_DAYS must be a whole number of days from 1 to 3650 \(got "a year"\)/);

    // the hub starts with the default (365 days): the one of 366 days goes at once
    let hub: BuiltHub | undefined;
    try {
      hub = await startBuiltHub(app.hub, h.layout.dataDir, hubEnv, db);
      await expect.poll(() => hub!.log().includes('"event":"hub.retention"'), { timeout: 60_000 }).toBe(true);
      const line = hub.log().split('\n').find((l) => l.includes('"event":"hub.retention"'))!;
      expect(JSON.parse(line)).toMatchObject({ deleted: 1, days: 365 });
      for (const a of apps) expect(hub.log()).not.toContain(a.id);
      // through the running hub: nothing older is left
      const text = await runBuiltCli(app, ['hub', 'purge-applications', '--data', h.layout.dataDir, ...db]);
      expect(text.code, text.err).toBe(0);
      expect(text.out.trim()).toMatch(/^deleted 0 applications received before \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(kept AICHINGU_HUB_RETENTION_DAYS days, 365 unless set\); the hub does this itself at start and every day$/);
      const listed = await runBuiltCli(app, ['hub', 'applications', '--json', '--data', h.layout.dataDir, ...db]);
      expect(jsonResult<{ client_id: string }[]>(listed).map((a) => a.client_id)).toEqual([apps[2]!.id, apps[3]!.id]);
    } finally {
      await hub?.close();
    }
  }, 240_000);
});
