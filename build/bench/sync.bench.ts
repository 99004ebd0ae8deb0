/**
 * `npm run bench:sync` — catalogue distribution, one run, on the generated catalogue
 * (BENCH_RECORDS, default 100,000; build/bench/generate.ts) and a fixed, seeded set of 1,000
 * changes (900 entries with a new title and summary, 50 deleted, 50 added):
 *
 * - ours: publishing version 1 (the whole catalogue, search index included) into a hub data
 *   folder (PGlite store, ed25519 keys); the real hub HTTP server (createHubServer on 127.0.0.1)
 *   and a kiosk process (createCore on an empty data folder) running `core.sync.sync` — the
 *   snapshot; then version 2 published (the changes: delta + snapshot; after the full sync,
 *   since a kiosk always takes the newest version) and the same kiosk syncing it — the delta;
 * - the peer: PouchDB replication (pouchdb-node, default settings) from express-pouchdb over
 *   HTTP on 127.0.0.1, the same records as documents (`_id` = entry id), then the same changes;
 * - MiniSearch indexing the same records (what the publish target compares with);
 * - the floor: a bare better-sqlite3 transaction inserting the same entry rows (no search
 *   index, no sync machinery), and the same changes.
 *
 * Every phase runs in its own child process (peak RSS is that phase's); the servers run in
 * processes of their own, and bytes on the wire are counted the same way for both systems: the
 * bytes written and read on every socket the server accepted (HTTP headers included).
 * BENCH_CPU_PROF=DIR writes CPU profiles of every child process into DIR/<time>-<role>/ (one per
 * thread: the main thread's is the largest); BENCH_KEEP=1 keeps the temporary folders (hub, kiosk,
 * PouchDB); BENCH_SAVE=0 prints the table without appending it to docs/BENCHMARKS.md.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import type { SearchDocument } from '../../db/search/document.js';
import type { Entry } from '../../db/catalogue/schema.js';
import { loadCatalogueSource, type CatalogueSource } from '../../db/catalogue/load.js';
import { catalogueSourceDir } from '../../db/catalogue/source-dir.js';
import { insertEntry, insertLocation, statements, toSearchDocument } from '../../db/catalogue/write.js';
import { openDatabase } from '../../db/sqlite.js';
import { createLogger } from '../../core/log.node.js';
import { createCore } from '../../core/core.node.js';
import { catalogueMigrations, testEnv } from '../../tests/env.node.js';
import { hubLayout } from '../../sync/hub/layout.node.js';
import { openHubStore } from '../../sync/hub/store.node.js';
import { ensureHubKeys, ensureSealingKeys } from '../../sync/hub/hub-keys.node.js';
import { registerIntake } from '../../sync/hub/intake.node.js';
import { codeDigest, CODE_TTL_MS, newEnrolmentCode } from '../../sync/hub/operator.node.js';
import { enrol } from '../../core/outbox/enrol.node.js';
import { formatCode } from '../../sync/protocol/intake.js';
import { publish, type PublishResult } from '../../sync/hub/publish.node.js';
import { createHubServer } from '../../sync/hub/server.node.js';
import type { SyncResult } from '../../sync/client/sync.node.js';
import { manifestName, type Manifest } from '../../sync/protocol/manifest.js';
import { BENCH_OUT, record, table } from './machine.js';
import { generateEntries, rng } from './generate.js';
import { MINI_OPTIONS } from './search.bench.js';

const COUNT = Number(process.env.BENCH_RECORDS ?? 100_000);
const SELF = fileURLToPath(import.meta.url);
const CHANGES = { updated: 900, deleted: 50, added: 50 };
const CHANGE_SEED = 20261201;

// ---- the records and the changes ----------------------------------------------------------

/** The fixed, seeded 1,000 changes to the generated catalogue. */
function changesOf(entries: Entry[]): { updated: Entry[]; deleted: string[]; added: Entry[] } {
  const r = rng(CHANGE_SEED);
  const idx = entries.map((_, i) => i);
  const take = Math.min(CHANGES.updated + CHANGES.deleted, idx.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(r() * (idx.length - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  const chosen = idx.slice(0, take).map((i) => entries[i]!);
  const updated = chosen.slice(0, CHANGES.updated).map(
    (e): Entry => ({
      ...e,
      title: { ...e.title, ko: `${e.title.ko} (2027년 개편)` },
      summary: { ...e.summary, ko: `${e.summary.ko} 2027년부터 운영 시간과 신청 방법이 바뀌었습니다.` },
    }),
  );
  const deleted = chosen.slice(CHANGES.updated).map((e) => e.id);
  const added = generateEntries(CHANGES.added, 4242).map((e, i): Entry => ({ ...e, id: `gen-new-${i}` }));
  return { updated, deleted, added };
}

/** Version 1 (the generated entries) or version 2 (with the changes), as the hub publishes it. */
function benchSource(version: 1 | 2): CatalogueSource {
  const real = loadCatalogueSource(catalogueSourceDir());
  let entries = generateEntries(COUNT);
  if (version === 2) {
    const c = changesOf(entries);
    const upd = new Map(c.updated.map((e) => [e.id, e]));
    const del = new Set(c.deleted);
    entries = [...entries.filter((e) => !del.has(e.id)).map((e) => upd.get(e.id) ?? e), ...c.added];
  }
  return { entries, faq: real.faq, synonyms: real.synonyms, fileOf: new Map() };
}
const sourceHashOf = (version: number) => createHash('sha256').update(`bench:sync generated ${COUNT} records, version ${version}`).digest('hex');

// ---- measuring ----------------------------------------------------------------------------

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const now = () => performance.now();

/** Bytes written (down) and read (up) on every socket the server accepted, counted as they go. */
function countBytes(server: Server): () => { down: number; up: number } {
  const open = new Set<Socket>();
  let down = 0;
  let up = 0;
  server.on('connection', (s: Socket) => {
    open.add(s);
    s.on('close', () => {
      down += s.bytesWritten;
      up += s.bytesRead;
      open.delete(s);
    });
  });
  return () => {
    let d = down;
    let u = up;
    for (const s of open) {
      d += s.bytesWritten;
      u += s.bytesRead;
    }
    return { down: d, up: u };
  };
}

type Json = Record<string, unknown>;

/** A server role: answers the parent's messages ({type}) until told to close. */
function serve(handlers: Record<string, (msg: Json) => Promise<Json>>): void {
  process.on('disconnect', () => process.exit(1)); // the parent is gone (it failed): no server left behind
  process.on('message', (msg: Json) => {
    const h = handlers[msg.type as string];
    const reply = h ? h(msg) : Promise.reject(new Error(`unknown message ${String(msg.type)}`));
    reply.then(
      (r) => process.send!({ ok: true, ...r }),
      (e: Error) => process.send!({ ok: false, error: e.stack ?? e.message }),
    );
  });
}

// ---- the phases (each in its own process) -------------------------------------------------

interface Args {
  hubDir: string;
  kioskDir: string;
  pouchServerDir: string;
  pouchLocalDir: string;
  floorFile: string;
  url?: string;
  /** the outbox part: its own hub (intake) and device */
  outboxHubDir: string;
  outboxDeviceDir: string;
  code?: string;
}

async function publishPhase(a: Args, version: 1 | 2): Promise<Json> {
  const logger = createLogger({ name: 'bench-hub', level: 'warn' });
  const layout = hubLayout(a.hubDir);
  const source = benchSource(version);
  const store = await openHubStore({ layout, logger });
  try {
    const { keys } = ensureHubKeys(layout, logger);
    const t = now();
    const r: PublishResult = await publish({ layout, store, keys, logger, migrations: catalogueMigrations() }, { source, hash: sourceHashOf(version) });
    const ms = now() - t;
    if (r.version !== version || r.unchanged) throw new Error(`published ${JSON.stringify(r)}; expected version ${version}`);
    const envelope = JSON.parse(readFileSync(join(layout.files, manifestName(version)), 'utf8')) as { payload: string };
    const manifest = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as Manifest;
    return { ms, maxRssMb: rssMb(), files: manifest.files.map((f) => ({ name: f.name, size: f.size, rawSize: f.raw_size })), changes: r.changes, entries: r.entries };
  } finally {
    await store.close();
  }
}

/**
 * A hub server in its own process, counting its bytes: the catalogue's files (dataDir: a.hubDir),
 * or with `intake` the outbox's intake on its own data folder (a.outboxHubDir), where `code`
 * issues an enrolment code as `cli hub enrol-device` does and `stored` counts what it took.
 */
async function hubServerPhase(a: Args, intake = false): Promise<void> {
  const logger = createLogger({ name: 'bench-hub', level: 'warn' });
  const layout = hubLayout(intake ? a.outboxHubDir : a.hubDir);
  const store = await openHubStore({ layout, logger });
  const { keys } = ensureHubKeys(layout, logger);
  const sealing = intake ? ensureSealingKeys(layout, logger).keys : null;
  const app = await createHubServer({ layout, store, keys, logger, extensions: sealing ? [(api) => registerIntake(api, { store, keys, sealing })] : [] });
  await app.ready();
  const bytes = countBytes(app.server);
  await app.listen({ host: '127.0.0.1', port: 0, listenTextResolver: () => '' });
  const port = (app.server.address() as { port: number }).port;
  serve({
    bytes: async () => bytes(),
    code: async () => {
      const code = newEnrolmentCode();
      await store.createCode({ code_sha256: codeDigest(code), name: 'bench-kiosk', expires_at: new Date(Date.now() + CODE_TTL_MS).toISOString() });
      return { code: formatCode(code) };
    },
    stored: async () => ({ count: (await store.applications()).length }),
    close: async () => {
      await app.close();
      await store.close();
      setImmediate(() => process.exit(0));
      return { maxRssMb: rssMb() };
    },
  });
  process.send!({ ok: true, url: `http://127.0.0.1:${port}`, key: keys.publicKey });
}

async function kioskOursPhase(a: Args & { key: string }): Promise<Json> {
  const { env } = testEnv({ dataDir: a.kioskDir });
  const core = createCore(env);
  try {
    const marks: Record<string, number> = {};
    const t = now();
    const r: SyncResult = await core.sync.sync({
      hubUrl: a.url!,
      key: a.key,
      progress: (p) => {
        marks[p.phase] ??= now() - t;
      },
    });
    const ms = now() - t;
    return { ms, maxRssMb: rssMb(), result: r, marks, hubVersion: core.catalogue.hubVersion(), found: core.catalogue.current().search('어린이집', { limit: 3 }).length };
  } finally {
    await core.close();
  }
}

interface PouchDatabase {
  bulkDocs(docs: Json[]): Promise<{ ok?: boolean; error?: string }[]>;
  allDocs(o: { keys: string[] }): Promise<{ rows: { id: string; value?: { rev: string } }[] }>;
  info(): Promise<{ doc_count: number }>;
  close(): Promise<void>;
}
interface PouchStatic {
  new (name: string): PouchDatabase;
  defaults(o: { prefix: string }): PouchStatic;
  replicate(from: string, to: PouchDatabase): Promise<{ ok: boolean; docs_written: number; docs_read: number }>;
}
const require = createRequire(import.meta.url);
const loadPouch = () => require('pouchdb-node') as PouchStatic;

const pouchDoc = (e: Entry): Json => ({ _id: e.id, ...e });

async function pouchServerPhase(a: Args): Promise<void> {
  const PouchDB = loadPouch().defaults({ prefix: `${a.pouchServerDir}/` });
  const express = require('express') as () => { use(m: unknown): void; listen(port: number, host: string, cb: () => void): Server };
  const expressPouchDB = require('express-pouchdb') as (p: PouchStatic, o: Json) => unknown;
  const db = new PouchDB('catalogue');
  const entries = generateEntries(COUNT);
  const t = now();
  for (let i = 0; i < entries.length; i += 2000) {
    const r = await db.bulkDocs(entries.slice(i, i + 2000).map(pouchDoc));
    if (r.some((x) => x.error)) throw new Error(`bulkDocs failed: ${JSON.stringify(r.find((x) => x.error))}`);
  }
  const loadMs = now() - t;
  const app = express();
  // express-pouchdb's CouchDB API as PouchDB needs it (its defaults: gzip compression of responses included)
  app.use(expressPouchDB(PouchDB, { mode: 'minimumForPouchDB', logPath: join(a.pouchServerDir, 'log.txt'), configPath: join(a.pouchServerDir, 'config.json') }));
  const server = await new Promise<Server>((res) => {
    const s = app.listen(0, '127.0.0.1', () => res(s));
  });
  const bytes = countBytes(server);
  serve({
    bytes: async () => bytes(),
    change: async () => {
      const c = changesOf(entries);
      const ids = [...c.updated.map((e) => e.id), ...c.deleted];
      const revs = new Map((await db.allDocs({ keys: ids })).rows.map((r) => [r.id, r.value?.rev]));
      const docs = [
        ...c.updated.map((e) => ({ ...pouchDoc(e), _rev: revs.get(e.id) })),
        ...c.deleted.map((id) => ({ _id: id, _rev: revs.get(id), _deleted: true })),
        ...c.added.map(pouchDoc),
      ];
      const r = await db.bulkDocs(docs);
      if (r.some((x) => x.error)) throw new Error(`bulkDocs (changes) failed: ${JSON.stringify(r.find((x) => x.error))}`);
      return { changed: docs.length, docCount: (await db.info()).doc_count };
    },
    close: async () => {
      await new Promise((res) => server.close(res));
      await db.close();
      setImmediate(() => process.exit(0));
      return { maxRssMb: rssMb() };
    },
  });
  const port = (server.address() as { port: number }).port;
  process.send!({ ok: true, url: `http://127.0.0.1:${port}/catalogue`, loadMs, docCount: (await db.info()).doc_count });
}

async function kioskPouchPhase(a: Args): Promise<Json> {
  const PouchDB = loadPouch();
  const local = new PouchDB(a.pouchLocalDir);
  const t = now();
  const r = await PouchDB.replicate(a.url!, local); // default settings
  const ms = now() - t;
  const info = await local.info();
  await local.close();
  if (!r.ok) throw new Error(`replication failed: ${JSON.stringify(r)}`);
  return { ms, maxRssMb: rssMb(), docsWritten: r.docs_written, docsRead: r.docs_read, docCount: info.doc_count };
}

function floorPhase(a: Args): Json {
  const entries = generateEntries(COUNT);
  const c = changesOf(entries);
  for (const f of [a.floorFile, `${a.floorFile}-wal`, `${a.floorFile}-shm`]) rmSync(f, { force: true });
  const db = openDatabase(a.floorFile, { migrations: catalogueMigrations() });
  const ins = statements(db);
  const rowsWritten = () => db.prepare('SELECT total_changes()').pluck().get() as number;
  const r0 = rowsWritten();
  let t = now();
  db.transaction(() => {
    for (const e of entries) insertEntry(ins, e, '(generated)');
    for (const e of entries) insertLocation(ins, e);
  })();
  const fullMs = now() - t;
  const fullRows = rowsWritten() - r0;
  const delEntry = db.prepare('DELETE FROM entry WHERE id = ?');
  const put = [...c.updated, ...c.added];
  const r1 = rowsWritten();
  let deleteMs = 0;
  t = now();
  db.transaction(() => {
    for (const id of [...c.updated.map((e) => e.id), ...c.deleted]) delEntry.run(id);
    deleteMs = now() - t;
    for (const e of put) insertEntry(ins, e, '(generated)');
    for (const e of put) insertLocation(ins, e);
  })();
  const changeMs = now() - t;
  const changeRows = rowsWritten() - r1;
  db.close();
  return { fullMs, fullRows, changeMs, deleteMs, changeRows, changes: c.updated.length + c.deleted.length + c.added.length, maxRssMb: rssMb() };
}

function miniPhase(): Json {
  const docs: SearchDocument[] = generateEntries(COUNT).map(toSearchDocument);
  const t = now();
  const m = new MiniSearch<SearchDocument>(MINI_OPTIONS);
  m.addAll(docs);
  const ms = now() - t;
  return { ms, maxRssMb: rssMb(), documents: m.documentCount };
}

// ---- the outbox: 10,000 sealed applications submitted and uploaded --------------------------

const OUTBOX_COUNT = Number(process.env.BENCH_APPLICATIONS ?? 10_000);

/** The device: enrolled, then OUTBOX_COUNT callback applications submitted through the core (each sealed and stored in its own transaction, as a kiosk takes them), then one `outbox send`. */
async function kioskOutboxPhase(a: Args): Promise<Json> {
  const { env } = testEnv({ dataDir: a.outboxDeviceDir });
  const core = createCore(env);
  try {
    await enrol({ dataDir: a.outboxDeviceDir, hubUrl: a.url!, code: a.code! });
    const t0 = now();
    for (let i = 0; i < OUTBOX_COUNT; i++) {
      const n = String(10_000_000 + i);
      core.outbox.submit({ service: 'consultation-callback', form: { name: `벤치${i}`, phone: `010-${n.slice(0, 4)}-${n.slice(4)}`, topic: '아이돌봄 서비스 신청 방법', preferred_time: 'any', consent: true } });
    }
    const t1 = now();
    const r = await core.outbox.sendNow();
    const t2 = now();
    return { submitMs: t1 - t0, sendMs: t2 - t1, ms: t2 - t0, sent: r.sent, attention: r.attention, pending: r.pending, maxRssMb: rssMb() };
  } finally {
    await core.close();
  }
}

async function outboxPart(a: Args, log: (s: string) => void): Promise<void> {
  const loadBefore = loadavg()[0]!;
  const hub = await serverChild('outbox-hub', { ...a });
  const { code } = await hub.ask('code');
  const b0 = await hub.ask('bytes');
  const dev = await child('kiosk-outbox', { ...a, url: hub.ready.url, code });
  const b1 = await hub.ask('bytes');
  const stored = Number((await hub.ask('stored')).count);
  const hubRss = Number((await hub.ask('close')).maxRssMb);
  log(`ours/outbox ${(Number(dev.ms) / 1000).toFixed(2)} s ${JSON.stringify(dev)}`);
  const w = diff(b0, b1);
  const s = (ms: unknown) => (Number(ms) / 1000).toFixed(2);
  const n = OUTBOX_COUNT.toLocaleString('en');
  const rows: (string | number)[][] = [
    [`${n} applications submitted and uploaded (s)`, s(dev.ms), '≤ 20 s', Number(dev.ms) <= 20_000 && Number(dev.sent) === OUTBOX_COUNT && stored === OUTBOX_COUNT ? 'met' : '**NOT met**'],
    ['  submitting: validated, sealed, stored (s)', s(dev.submitMs), '(reported)', ''],
    ['  uploading: `outbox send` until empty (s)', s(dev.sendMs), '(reported)', ''],
    ['applications sent / stored at the hub, exactly once', `${String(dev.sent)} / ${stored}`, `${n} / ${n}`, Number(dev.sent) === OUTBOX_COUNT && stored === OUTBOX_COUNT ? 'met' : '**NOT met**'],
    ['on the wire (MB)', `${(w.up / 1e6).toFixed(2)} up / ${(w.down / 1e6).toFixed(2)} down`, '(reported)', ''],
    ['peak RSS, device / hub (MB)', `${String(dev.maxRssMb)} / ${hubRss}`, '(reported)', ''],
  ];
  const out = table(['measure', 'ours', 'target', 'met?'], rows);
  const notes = [
    `Device: a kiosk core (createCore) on a fresh data folder, enrolled with a one-time code; each application the 상담 신청 form (consultation-callback), validated, sealed with the hub's X25519 key (a fresh ephemeral key each), and stored in its own SQLite transaction (secure_delete on); then \`OutboxService.sendNow\` (what \`cli outbox send\` runs): oldest first, batches of up to 100, each request signed with the device key. Up: bytes the hub read, down: bytes it wrote (HTTP headers included).`,
    `Hub: the intake (sync/hub/intake.node.ts) on the embedded PGlite store, in its own process, over HTTP on 127.0.0.1: each application's signature, size, sealing key and envelope checked, opened to check its content, stored idempotently with a receipt. Load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end on ${cpus().length} cores. No peer is named for this part; the target is the issue's.`,
  ];
  console.log(`${out}\n\n${notes.map((x) => `- ${x}`).join('\n')}`);
  record(`bench:sync — outbox (${n} sealed applications)`, `${out}\n\n${notes.map((x) => `- ${x}`).join('\n')}`);
}

async function phase(role: string, a: Args & { key: string }): Promise<Json | void> {
  switch (role) {
    case 'outbox-hub':
      return hubServerPhase(a, true);
    case 'kiosk-outbox':
      return kioskOutboxPhase(a);
    case 'publish-full':
      return publishPhase(a, 1);
    case 'publish-delta':
      return publishPhase(a, 2);
    case 'minisearch-index':
      return miniPhase();
    case 'hub-server':
      return hubServerPhase(a);
    case 'kiosk-ours':
      return kioskOursPhase(a);
    case 'pouch-server':
      return pouchServerPhase(a);
    case 'kiosk-pouch':
      return kioskPouchPhase(a);
    case 'floor':
      return floorPhase(a);
  }
  throw new Error(`unknown role ${role}`);
}

// ---- the parent: children, servers, the table ---------------------------------------------

function childArgs(role: string, args: Json): string[] {
  const prof = process.env.BENCH_CPU_PROF;
  return [...process.execArgv, ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${join(prof, `${Date.now()}-${role}`)}`] : []), SELF, '--role', role, '--args', JSON.stringify(args)];
}

/** Runs a phase in a child process; resolves with its result (the last line it prints). */
function child(role: string, args: Json): Promise<Json> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, childArgs(role, args), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => (out += c));
    p.stderr.on('data', (c: Buffer) => (err += c));
    p.on('close', (code) => {
      if (code !== 0) return rej(new Error(`${role} failed (exit ${code}):\n${err}`));
      try {
        res(JSON.parse(out.trim().split('\n').pop()!) as Json);
      } catch {
        rej(new Error(`${role} printed no result:\n${out}\n${err}`));
      }
    });
  });
}

interface ServerChild {
  ready: Json;
  ask(type: string): Promise<Json>;
}

/** Starts a server role; resolves when it is listening. Its messages answer `ask`, in order. */
function serverChild(role: string, args: Json): Promise<ServerChild> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, childArgs(role, args), { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    let err = '';
    p.stderr!.on('data', (c: Buffer) => (err += c));
    const waiting: ((m: Json) => void)[] = [];
    let ready = false;
    p.on('message', (m: Json) => {
      if (!ready) {
        ready = true;
        if (!m.ok) return rej(new Error(`${role}: ${String(m.error)}`));
        return res({
          ready: m,
          ask: (type) =>
            new Promise((r, j) => {
              waiting.push((a) => (a.ok ? r(a) : j(new Error(`${role} ${type}: ${String(a.error)}`))));
              p.send({ type });
            }),
        });
      }
      waiting.shift()?.(m);
    });
    p.on('exit', (code) => {
      if (!ready) rej(new Error(`${role} exited (${code}) before it listened:\n${err}`));
      else if (code !== 0) process.stderr.write(`${role} exited with ${code}:\n${err}\n`);
    });
  });
}

async function main(): Promise<void> {
  mkdirSync(BENCH_OUT, { recursive: true });
  const root = mkdtempSync(join(tmpdir(), 'bench-sync-'));
  const a: Args = {
    hubDir: join(root, 'hub'),
    kioskDir: join(root, 'kiosk'),
    pouchServerDir: join(root, 'pouch-server'),
    pouchLocalDir: join(root, 'pouch-kiosk'),
    floorFile: join(root, 'floor.sqlite'),
    outboxHubDir: join(root, 'outbox-hub'),
    outboxDeviceDir: join(root, 'outbox-device'),
  };
  for (const d of [a.kioskDir, a.pouchServerDir]) mkdirSync(d, { recursive: true });
  const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
  try {
    // BENCH_ONLY=outbox: only the outbox part (10,000 sealed applications), without the catalogue's
    // the outbox part first: measured after the catalogue's, its per-submit flushes waited behind
    // the half-gigabyte the catalogue phases had just written (22.5 s instead of 17.8 s here)
    await outboxPart(a, log);
    if (process.env.BENCH_ONLY === 'outbox') return;
    log(`bench:sync — ${COUNT.toLocaleString('en')} generated records; changes: ${CHANGES.updated} updated, ${CHANGES.deleted} deleted, ${CHANGES.added} added`);
    const loadBefore = loadavg()[0]!;
    // a kiosk always syncs to the newest version: version 1 is synced before version 2 is published
    const pubFull = await child('publish-full', { ...a });
    log(`ours/publish-full ${(Number(pubFull.ms) / 1000).toFixed(2)} s`);
    const mini = await child('minisearch-index', { ...a });
    log(`peer/minisearch-index ${(Number(mini.ms) / 1000).toFixed(2)} s`);

    let hub = await serverChild('hub-server', { ...a });
    const key = String(hub.ready.key);
    const b0 = await hub.ask('bytes');
    const full = await child('kiosk-ours', { ...a, url: hub.ready.url, key });
    const b1 = await hub.ask('bytes');
    const hubRss1 = Number((await hub.ask('close')).maxRssMb);
    log(`ours/full-sync ${(Number(full.ms) / 1000).toFixed(2)} s ${JSON.stringify({ marks: full.marks, result: full.result })}`);

    const pubDelta = await child('publish-delta', { ...a });
    log(`ours/publish-delta ${(Number(pubDelta.ms) / 1000).toFixed(2)} s`);
    hub = await serverChild('hub-server', { ...a });
    const b2 = await hub.ask('bytes');
    const delta = await child('kiosk-ours', { ...a, url: hub.ready.url, key });
    const b3 = await hub.ask('bytes');
    const hubRss2 = Number((await hub.ask('close')).maxRssMb);
    log(`ours/delta-sync ${(Number(delta.ms) / 1000).toFixed(3)} s ${JSON.stringify({ marks: delta.marks, result: delta.result })}`);

    const pouch = await serverChild('pouch-server', { ...a });
    log(`peer/pouchdb server loaded (${Number(pouch.ready.docCount)} docs in ${(Number(pouch.ready.loadMs) / 1000).toFixed(1)} s, not timed)`);
    const p0 = await pouch.ask('bytes');
    const pFull = await child('kiosk-pouch', { ...a, url: pouch.ready.url });
    const p1 = await pouch.ask('bytes');
    log(`peer/pouchdb full ${(Number(pFull.ms) / 1000).toFixed(2)} s`);
    const pChange = await pouch.ask('change');
    const p2 = await pouch.ask('bytes');
    const pDelta = await child('kiosk-pouch', { ...a, url: pouch.ready.url });
    const p3 = await pouch.ask('bytes');
    const pouchRss = Number((await pouch.ask('close')).maxRssMb);
    log(`peer/pouchdb delta ${(Number(pDelta.ms) / 1000).toFixed(3)} s (${Number(pChange.changed)} changes)`);

    const floor = await child('floor', { ...a });
    log(`floor/bare-insert ${(Number(floor.fullMs) / 1000).toFixed(2)} s`);

    const load = `${loadBefore.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`;
    report({ pubFull, mini, full, pubDelta, delta, pFull, pDelta, floor, hubRss: Math.max(hubRss1, hubRss2), pouchRss, pouchLoadMs: Number(pouch.ready.loadMs), load }, {
      ours: diff(b0, b1),
      oursDelta: diff(b2, b3),
      pouch: diff(p0, p1),
      pouchDelta: diff(p2, p3),
    });
  } finally {
    if (process.env.BENCH_KEEP === '1') log(`kept ${root} (hub data folder, kiosk data folder, PouchDB folders)`);
    else rmSync(root, { recursive: true, force: true });
  }
}

type Bytes = { down: number; up: number };
const diff = (a: Json, b: Json): Bytes => ({ down: Number(b.down) - Number(a.down), up: Number(b.up) - Number(a.up) });

interface Results {
  pubFull: Json;
  mini: Json;
  full: Json;
  pubDelta: Json;
  delta: Json;
  pFull: Json;
  pDelta: Json;
  floor: Json;
  hubRss: number;
  pouchRss: number;
  pouchLoadMs: number;
  /** the machine's 1-minute load average around the run */
  load: string;
}

function report(r: Results, w: Record<'ours' | 'oursDelta' | 'pouch' | 'pouchDelta', Bytes>): void {
  const s = (ms: unknown) => {
    const x = Number(ms) / 1000;
    return x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
  };
  const mb = (b: number) => (b / 1e6 >= 10 ? (b / 1e6).toFixed(1) : (b / 1e6).toFixed(2));
  const wire = (b: Bytes) => `${mb(b.down)} down / ${mb(b.up)} up`;
  const full = r.full as Json & { result: SyncResult; marks: Record<string, number> };
  const delta = r.delta as Json & { result: SyncResult; marks: Record<string, number> };
  const floor = r.floor;
  const changes = Number(floor.changes);
  const yes = (ok: boolean) => (ok ? 'met' : '**NOT met**');

  const fullS = Number(full.ms) / 1000;
  const pouchS = Number(r.pFull.ms) / 1000;
  const speedup = pouchS / fullS;
  const byteRatio = w.ours.down / w.pouch.down;
  const deltaS = Number(delta.ms) / 1000;
  // the delta's apply: from the sync's 'applying' step to 'done' (decompress, check, one transaction, the service switching to the result)
  const applyMs = Number(delta.marks.done) - Number(delta.marks.applying);
  const applyRate = changes / (applyMs / 1000);
  const floorChangeRate = changes / (Number(floor.changeMs) / 1000);
  const floorBulkRate = COUNT / (Number(floor.fullMs) / 1000);
  const pubS = Number(r.pubFull.ms) / 1000;
  const miniS = Number(r.mini.ms) / 1000;
  const fullDownloadMs = Number(full.marks.applying) - Number(full.marks.downloading ?? full.marks.applying);
  const fullApplyMs = Number(full.marks.done) - Number(full.marks.applying);
  const snapshotParts = (r.pubFull.files as { name: string; size: number; rawSize: number }[]).filter((f) => f.name.startsWith('snapshot-'));
  const snapshotSize = snapshotParts.reduce((n, f) => n + f.size, 0);
  const snapshotRaw = snapshotParts.reduce((n, f) => n + f.rawSize, 0);
  const deltaFile = (r.pubDelta.files as { name: string; size: number }[]).find((f) => f.name.startsWith('delta-'));

  const rows: (string | number)[][] = [
    ['publish the whole catalogue, search index included (s)', s(r.pubFull.ms), '—', `MiniSearch indexing: ${s(r.mini.ms)}`, '≤ MiniSearch', yes(pubS <= miniS)],
    ['publish: ours ÷ MiniSearch indexing', `${(pubS / miniS).toFixed(2)}×`, '', '', '≤ 1×', ''],
    ['peak RSS publishing / indexing (MB)', r.pubFull.maxRssMb as number, `MiniSearch ${String(r.mini.maxRssMb)}`, '', '', ''],
    ['publish version 2: the 1,000 changes, delta + snapshot (s)', s(r.pubDelta.ms), '—', '', '(reported)', ''],
    ['full sync, empty kiosk (s)', s(full.ms), s(r.pFull.ms), `bare insert of the rows: ${s(floor.fullMs)}`, '≥ 20× faster than PouchDB', yes(speedup >= 20)],
    ['full sync: PouchDB ÷ ours', `${speedup.toFixed(1)}×`, '', '', '≥ 20×', ''],
    ['full sync vs the issue\'s ~4 s (rows downloaded, index rebuilt on the kiosk)', s(full.ms), '', '', '< 4 s', yes(fullS < 4)],
    ['full sync on the wire (MB)', wire(w.ours), wire(w.pouch), '—', '≤ ⅓ of PouchDB', yes(byteRatio <= 1 / 3)],
    ['full sync bytes down: ours ÷ PouchDB', byteRatio.toFixed(2), '', '', '≤ 0.33', ''],
    ['peak RSS of the kiosk, full sync (MB)', full.maxRssMb as number, r.pFull.maxRssMb as number, floor.maxRssMb as number, '(reported)', ''],
    ['1,000-change delta sync (s)', s(delta.ms), s(r.pDelta.ms), `bare change of the rows: ${s(floor.changeMs)}`, '≤ 0.2 s', yes(deltaS <= 0.2)],
    ['delta sync on the wire (MB)', wire(w.oursDelta), wire(w.pouchDelta), '—', '(reported)', ''],
    ['peak RSS of the kiosk, delta sync (MB)', delta.maxRssMb as number, r.pDelta.maxRssMb as number, '', '(reported)', ''],
    [
      'delta apply throughput (changes/s)',
      `${Math.round(applyRate).toLocaleString('en')} (${s(applyMs)} s)`,
      '',
      `${Math.round(floorBulkRate).toLocaleString('en')} records/s (the 1,000 changes: ${Math.round(floorChangeRate).toLocaleString('en')}/s)`,
      '≥ ⅓ of the floor',
      yes(applyRate >= floorBulkRate / 3),
    ],
    ['delta apply ÷ floor (records/s)', (applyRate / floorBulkRate).toFixed(2), '', `÷ the floor's 1,000 changes: ${(applyRate / floorChangeRate).toFixed(2)}`, '≥ 0.33', ''],
    ['peak RSS of the server (MB)', r.hubRss, r.pouchRss, '', '(reported)', ''],
  ];
  const out = table(['measure', 'ours', 'PouchDB', 'floor', 'target', 'met?'], rows);
  const notes = [
    `Ours: snapshot ${mb(snapshotSize)} MB (brotli, ${snapshotParts.length} part${snapshotParts.length > 1 ? 's' : ''}; the database ${mb(snapshotRaw)} MB); delta ${deltaFile ? `${deltaFile.name} ${mb(deltaFile.size)} MB` : 'none'}; full sync (from its progress events): ${s(fullDownloadMs)} s until the last part had downloaded (the parts before it decompressed meanwhile), ${s(fullApplyMs)} s from there to done; delta sync applied \`${delta.result.applied}\` (${delta.result.deltas} delta), its apply step ${s(applyMs)} s.`,
    `PouchDB: pouchdb-node 9 replicating with \`PouchDB.replicate(remote, local)\` (default settings) from express-pouchdb 4.2 (mode minimumForPouchDB, its gzip compression on) over HTTP on 127.0.0.1; server loaded with bulkDocs in ${s(r.pouchLoadMs)} s (not timed); ${String(r.pFull.docsWritten)} docs written in the full replication, ${String(r.pDelta.docsWritten)} in the delta.`,
    `Floor: a fresh catalogue database (catalogue migrations, WAL, synchronous NORMAL), \`insertEntry\`/\`insertLocation\` in one transaction: ${COUNT.toLocaleString('en')} records (${Number(floor.fullRows).toLocaleString('en')} rows) in ${s(floor.fullMs)} s; the ${changes.toLocaleString('en')} changes (${Number(floor.changeRows).toLocaleString('en')} rows) in ${s(floor.changeMs)} s, of which deleting the ${CHANGES.updated + CHANGES.deleted} changed and deleted entries ${s(floor.deleteMs)} s and inserting the ${CHANGES.updated + CHANGES.added} new rows ${s(Number(floor.changeMs) - Number(floor.deleteMs))} s.`,
    `Bytes on the wire: counted at the server, the same way for both: bytes written (down) and read (up) on every socket it accepted, HTTP headers included. Load average (1 min) ${r.load} on ${cpus().length} cores. Changes: ${CHANGES.updated} entries with a new Korean title and summary, ${CHANGES.deleted} deleted, ${CHANGES.added} added (seed ${CHANGE_SEED}).`,
  ];
  console.log(`${out}\n\n${notes.map((n) => `- ${n}`).join('\n')}`);
  record(`bench:sync (${COUNT.toLocaleString('en')} records)`, `${out}\n\n${notes.map((n) => `- ${n}`).join('\n')}`);
}

const roleAt = process.argv.indexOf('--role');
if (roleAt > 0) {
  const role = process.argv[roleAt + 1]!;
  const args = JSON.parse(process.argv[process.argv.indexOf('--args') + 1] ?? '{}') as Args & { key: string };
  const r = await phase(role, args);
  if (r) {
    process.stdout.write(JSON.stringify(r) + '\n');
    process.exit(0); // a kiosk core or a PouchDB may keep timers: the phase is over
  }
} else {
  await main();
}
