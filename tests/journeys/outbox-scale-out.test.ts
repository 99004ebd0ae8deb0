/**
 * How the hub grows beyond one machine (issue 13, "scale-out proof"): stateless hub processes
 * behind a load balancer, one PostgreSQL. Two built hubs (dist/node/hub.mjs) run on one
 * PostgreSQL server this test starts itself (tests/postgres.node.ts), with data folders holding
 * the same keys; a round-robin balancer (the fault proxy with two upstreams) stands in front of
 * them. Three enrolled devices each upload their applications through it with two senders at
 * once, so the same applications reach both hubs at the same moment. Every application is
 * stored exactly once and every receipt is unique.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDir } from '../env.node.js';
import { startPostgres, type PostgresServer } from '../postgres.node.js';
import { startFaultProxy, type FaultProxy } from '../fault-proxy.node.js';
import { startBuiltHub, type BuiltHub } from './built-hub.js';
import { copyBuiltApp, jsonResult, runBuiltCli, type BuiltApp } from './built-app.js';
import { formFile, person, type Person } from './outbox-people.js';

interface HubApplication {
  client_id: string;
  receipt: string;
  device: string;
  form: { name: string; phone: string };
}

let app: BuiltApp;
let pg: PostgresServer | undefined;
let hubs: BuiltHub[] = [];
let balancer: FaultProxy | undefined;
let databaseUrl = '';
const root = { dir: '', forms: '' };
const hubDirs: string[] = [];
const cli = (args: string[]) => runBuiltCli(app, args);

beforeAll(async () => {
  app = copyBuiltApp();
  root.dir = freshDir('scale-out-');
  root.forms = join(root.dir, 'forms');
  pg = await startPostgres();
  databaseUrl = await pg.newDatabase();
  const env = { ...process.env, AICHINGU_RESOURCES: app.dist };
  // the first hub makes the keys; the second is given the same ones (as an operator copies them to a new machine)
  hubDirs.push(freshDir('hub-1-'), freshDir('hub-2-'));
  hubs.push(await startBuiltHub(app.hub, hubDirs[0]!, env, ['--database-url', databaseUrl]));
  for (const f of ['hub-key.pem', 'hub-seal.pem']) copyFileSync(join(hubDirs[0]!, f), join(hubDirs[1]!, f));
  hubs.push(await startBuiltHub(app.hub, hubDirs[1]!, env, ['--database-url', databaseUrl]));
  balancer = await startFaultProxy(hubs.map((h) => h.url));
}, 240_000);

afterAll(async () => {
  await balancer?.close();
  await Promise.all(hubs.map((h) => h.close()));
  hubs = [];
  await pg?.stop();
});

describe('two hubs on one PostgreSQL, behind a balancer', () => {
  it('the same devices sending to both at once: every application stored exactly once, receipts unique', async () => {
    const devices = ['kiosk-a', 'kiosk-b', 'laptop-c'].map((name) => ({ name, dir: join(root.dir, name) }));
    const people = new Map<string, Person[]>();
    for (const [d, dev] of devices.entries()) {
      // enrolled at one hub, known to both (the devices are in the shared database)
      const issued = await cli(['hub', 'enrol-device', dev.name, '--data', hubDirs[d % 2]!, '--database-url', databaseUrl]);
      expect(issued.code, issued.err).toBe(0);
      const code = issued.out.trim().split('\n').at(-1)!;
      const enrolled = await cli(['enrol', '--hub', balancer!.url, '--code', code, '--data', dev.dir]);
      expect(enrolled.code, enrolled.err).toBe(0);
      const mine = Array.from({ length: 8 }, (_, i) => person(i, 10 + d));
      people.set(dev.name, mine);
      for (const [i, p] of mine.entries()) {
        const r = await cli(['apply', '--service', 'consultation-callback', '--form', formFile(root.forms, p, d * 100 + i), '--data', dev.dir]);
        expect(r.code, r.err).toBe(0);
      }
    }
    balancer!.resetLog();
    // every device: two senders at once, their requests spread over both hubs
    const sends = await Promise.all(devices.flatMap((dev) => [0, 1].map(() => cli(['outbox', 'send', '--json', '--data', dev.dir]))));
    for (const s of sends) expect(s.code, s.err).toBe(0);
    const uploads = balancer!.log.filter((l) => l.path.startsWith('/intake/v1/applications'));
    expect(new Set(uploads.map((l) => l.upstream)).size, 'uploads reached both hubs').toBe(2);

    for (const dev of devices) {
      const c = await cli(['outbox', '--json', '--data', dev.dir]);
      expect(jsonResult(c)).toMatchObject({ pending: 0, sent: 8, attention: 0 });
    }
    // either hub lists what both took: the same, once each
    const lists = await Promise.all(hubDirs.map((dir) => cli(['hub', 'applications', '--json', '--data', dir, '--database-url', databaseUrl])));
    for (const l of lists) expect(l.code, l.err).toBe(0);
    const [apps, other] = lists.map((l) => JSON.parse(l.out.trim().split('\n').at(-1)!) as HubApplication[]);
    expect(other!.map((a) => a.client_id).sort()).toEqual(apps!.map((a) => a.client_id).sort());
    expect(apps).toHaveLength(24);
    expect(new Set(apps!.map((a) => a.client_id)).size).toBe(24);
    expect(new Set(apps!.map((a) => a.receipt)).size).toBe(24);
    for (const dev of devices)
      for (const p of people.get(dev.name)!) expect(apps!.filter((a) => a.form.name === p.name && a.form.phone === p.phone && a.device === dev.name)).toHaveLength(1);
  }, 300_000);
});
