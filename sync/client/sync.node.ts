/**
 * The kiosk's side of catalogue distribution: pull what it lacks from the hub (a chain of
 * deltas when close, the snapshot when far behind), or take a USB bundle; verify everything
 * (the manifest's signature against the pinned hub key, every file's size and SHA-256, no
 * version lower than the installed one, a schema this app reads) before anything is applied;
 * apply atomically (a snapshot is renamed into place; deltas change the catalogue in one
 * transaction); resume an interrupted download (a `.part` file named by its SHA-256, fetched
 * on with a Range request); report progress as `sync.progress` events.
 *
 * The device keeps what it trusts in DATA/sync.json (0600): the pinned hub key, the hub's
 * address, the newest version it applied. The first sync pins the key it is given (`--key`,
 * or the operator view after the operator confirms its fingerprint); a sync with no key
 * pinned and none given is refused, and so is a key other than the pinned one.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { applyDelta, decodeDelta, DeltaError, type Delta } from '../../db/catalogue/delta.js';
import type { DB } from '../../db/sqlite.js';
import type { EventMap } from '../../core/contract/events.js';
import type { Logger } from '../../core/log.node.js';
import { filesOf, LATEST, manifestName, SyncError, type FileRef, type Manifest } from '../protocol/manifest.js';
import { fingerprint, openEnvelope, parsePublicKey } from '../protocol/keys.node.js';
import { decompressBytes, fileSha256, StagedSnapshot, Tap, writeFileAtomic } from '../protocol/files.node.js';
import { BUNDLE_MANIFEST, extractTarPart, listTar, readTarPart } from '../protocol/bundle.node.js';

/** What sync needs of the catalogue service (core/catalogue/service.node.ts). */
export interface SyncTarget {
  /** the catalogue schema this app reads (its number of migrations) */
  readonly schema: number;
  /** the hub version of the catalogue in use (0: the app's embedded one, never synced) */
  hubVersion(): number;
  /** the search segments the deltas applied so far have added (none after a snapshot) */
  searchSegments(): number;
  installSnapshot(file: string): unknown;
  changeInPlace(change: (db: DB) => void): unknown;
}

export interface SyncState {
  hub_url?: string;
  key?: string;
  version?: number;
  synced_at?: string;
}

export interface SyncResult {
  version: number;
  /** what was applied: the snapshot, a chain of deltas, or nothing (already current) */
  applied: 'snapshot' | 'delta' | 'none';
  ms: number;
  from: number;
  bytes: number;
  deltas: number;
}

export interface SyncOptions {
  dataDir: string;
  target: SyncTarget;
  logger: Logger;
  /** a key given now (the CLI's --key, the kiosk configuration, the operator view): pinned on first use */
  key?: string;
  progress?: (p: EventMap['sync.progress']) => void;
  signal?: AbortSignal;
  /** how many times a failed request is tried again (resuming) before the sync gives up; default 5 */
  retries?: number;
  /**
   * how many times a request that could not reach the hub at all (refused, no route, no such
   * host, no connection in time) is tried again; default `retries`. A person waiting at the
   * status view is told in a moment that the hub cannot be reached (1); a script or the
   * background sync keeps trying longer.
   */
  connectRetries?: number;
  /** a request that receives nothing for this long is cut and tried again; default 15 s */
  stallMs?: number;
  now?: () => Date;
}

const stateFile = (dataDir: string) => join(dataDir, 'sync.json');
const workDir = (dataDir: string) => join(dataDir, 'sync');

export function readSyncState(dataDir: string): SyncState {
  const f = stateFile(dataDir);
  if (!existsSync(f)) return {};
  try {
    return JSON.parse(readFileSync(f, 'utf8')) as SyncState;
  } catch (e) {
    throw new SyncError('bad_manifest', `${f} is not readable JSON (${(e as Error).message}); restore it or remove it and pin the hub key again`);
  }
}

/** Writes DATA/sync.json whole and private (the outbox's enrolment pins the hub key here too). */
export function writeSyncState(dataDir: string, s: SyncState): void {
  writeFileAtomic(stateFile(dataDir), JSON.stringify(s, null, 2) + '\n', 0o600);
}

/** The key to check with: the pinned one, or the one given now when none is pinned. */
export function trustedKey(state: SyncState, given: string | undefined): string {
  if (given !== undefined) parsePublicKey(given); // a malformed key is refused with its own message
  if (state.key && given && given.trim() !== state.key)
    throw new SyncError(
      'key_mismatch',
      `the key given (${fingerprint(given)}) is not the hub key pinned on this device (${fingerprint(state.key)}); nothing was applied. To move this device to another hub, an operator removes sync.json from its data folder and pins the new key.`,
    );
  const key = state.key ?? given?.trim();
  if (!key) throw new SyncError('no_key', 'no hub key is pinned on this device: give the hub\'s key (printed by `cli hub key` at the hub) with --key, or confirm it in the operator view; nothing was applied', true);
  return key;
}

/** The version a device has: what it applied last, or what its catalogue says, whichever is higher. */
const installed = (o: SyncOptions, state: SyncState) => Math.max(o.target.hubVersion(), state.version ?? 0);

function checkVersion(m: Manifest, have: number, schema: number): void {
  if (m.version < have) throw new SyncError('rollback', `version ${m.version} is older than the version installed here (${have}); refused — a catalogue never goes back`);
  if (m.schema > schema) throw new SyncError('schema_newer', `catalogue version ${m.version} needs a newer app (catalogue schema ${m.schema}; this app reads ${schema}); update the app, then sync again`);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((res, rej) => {
    const t = setTimeout(res, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), rej(signal.reason)), { once: true });
  });

/** A request that failed in a way worth trying again (the network, the hub's 5xx, a body cut short). */
class Transient extends Error {
  /** the hub could not be reached at all (no connection was made), rather than a connection failing */
  constructor(
    message: string,
    readonly noConnection = false,
  ) {
    super(message);
  }
}

/** The errors of a connection never made: refused, no route, no such host, no answer to the connect in time. */
const NO_CONNECTION = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'UND_ERR_CONNECT_TIMEOUT']);

export class HubClient {
  constructor(
    private readonly base: string,
    private readonly o: Pick<SyncOptions, 'retries' | 'connectRetries' | 'stallMs' | 'signal' | 'logger'>,
  ) {}

  private url(name: string): string {
    return `${this.base.replace(/\/+$/, '')}/catalogue/${name}`;
  }

  /** Runs a request, trying again on transient failures with exponential backoff and jitter. */
  async retrying<T>(what: string, f: () => Promise<T>): Promise<T> {
    const tries = (this.o.retries ?? 5) + 1;
    const connectTries = (this.o.connectRetries ?? this.o.retries ?? 5) + 1;
    for (let i = 1; ; i++) {
      try {
        return await f();
      } catch (e) {
        if (!(e instanceof Transient) || i >= (e.noConnection ? connectTries : tries) || this.o.signal?.aborted) {
          if (e instanceof Transient) throw new SyncError('unreachable', `${what}: ${e.message} (tried ${i} times); the catalogue in use is unchanged — try again when the network is back`);
          throw e;
        }
        const wait = Math.min(5000, 200 * 2 ** (i - 1)) * (0.5 + Math.random());
        this.o.logger.warn({ event: 'sync.retry', what, attempt: i, err: e.message, waitMs: Math.round(wait) }, `${what} failed; trying again`);
        await sleep(wait, this.o.signal);
      }
    }
  }

  /** fetch with a stall timer: no answer (or no bytes) for stallMs cuts the request */
  private async get(name: string, headers: Record<string, string> = {}): Promise<{ res: Response; stall: () => void; done: () => void }> {
    const ctl = new AbortController();
    const stallMs = this.o.stallMs ?? 15_000;
    let timer = setTimeout(() => ctl.abort(new Transient(`no answer for ${stallMs / 1000} s`)), stallMs);
    const onAbort = () => ctl.abort(this.o.signal?.reason);
    this.o.signal?.addEventListener('abort', onAbort, { once: true });
    const stall = () => {
      clearTimeout(timer);
      timer = setTimeout(() => ctl.abort(new Transient(`no bytes for ${stallMs / 1000} s`)), stallMs);
    };
    const done = () => {
      clearTimeout(timer);
      this.o.signal?.removeEventListener('abort', onAbort);
    };
    try {
      const res = await fetch(this.url(name), { headers: { ...headers, 'cache-control': 'no-cache' }, signal: ctl.signal });
      if (res.status >= 500 || res.status === 429) {
        await res.body?.cancel();
        done();
        throw new Transient(`the hub answered ${res.status}`);
      }
      return { res, stall, done };
    } catch (e) {
      done();
      if (e instanceof Transient || e instanceof SyncError) throw e;
      if (this.o.signal?.aborted) throw e;
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new Transient(cause?.code ?? cause?.message ?? (e as Error).message, NO_CONNECTION.has(cause?.code ?? ''));
    }
  }

  /** A signed envelope (JSON); something else (a captive portal's HTML page) is refused. */
  async envelope(name: string): Promise<unknown> {
    return this.retrying(`reading ${name} from the hub`, async () => {
      const { res, done } = await this.get(name);
      try {
        if (res.status === 404) throw new SyncError('unreachable', `the hub at ${this.base} has no ${name}: nothing has been published yet, or the address is not a hub's`);
        if (res.status !== 200) throw new SyncError('unreachable', `the hub at ${this.base} answered ${res.status} for ${name}`);
        let text: string;
        try {
          text = await res.text();
        } catch (e) {
          throw new Transient(`the answer was cut short (${(e as Error).message})`);
        }
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new SyncError(
            'unreachable',
            `the address ${this.base} answered with something that is not a signed catalogue manifest (${/<html|<!doctype/i.test(text) ? 'a web page — a Wi-Fi login page?' : 'not JSON'}); nothing was applied`,
          );
        }
      } finally {
        done();
      }
    });
  }

  /**
   * Downloads a file into `part` (resuming what is there with a Range request), then checks its
   * size and SHA-256 against the manifest. A file that does not match is removed and refused.
   */
  async download(ref: FileRef, part: string, onBytes: (n: number) => void): Promise<void> {
    await this.retrying(`downloading ${ref.name}`, async () => {
      const have = existsSync(part) ? statSync(part).size : 0;
      if (have < ref.size) {
        const { res, stall, done } = await this.get(ref.name, have > 0 ? { range: `bytes=${have}-` } : {});
        try {
          if (res.status === 404) throw new SyncError('bad_file', `the hub has no ${ref.name}, which its signed manifest lists; ask the hub's operator to publish again`);
          const resumed = res.status === 206;
          if (!resumed && res.status !== 200) throw new Transient(`the hub answered ${res.status} for ${ref.name}`);
          if (!res.body) throw new Transient('an empty answer');
          // a Wi-Fi login page answers 200 with HTML for any address; what was downloaded so far is kept
          if (/text\/html/i.test(res.headers.get('content-type') ?? ''))
            throw new SyncError('unreachable', `the address ${this.base} answered ${ref.name} with a web page (a Wi-Fi login page?), not the file; nothing was applied — log in to the network, then sync again`);
          const length = Number(res.headers.get('content-length') ?? NaN);
          const expected = resumed ? ref.size - have : ref.size;
          if (Number.isFinite(length) && length !== expected) throw new Transient(`the answer for ${ref.name} holds ${length} bytes, not the ${expected} expected`);
          let got = resumed ? have : 0;
          const counter = new Tap();
          counter.on('data', (c: Buffer) => {
            got += c.length;
            stall();
            onBytes(got);
          });
          try {
            await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), counter, createWriteStream(part, { flags: resumed ? 'a' : 'w', mode: 0o600 }));
          } catch (e) {
            if (this.o.signal?.aborted) throw e;
            throw new Transient(`the download was cut off at ${got} of ${ref.size} bytes (${(e as Error).message})`);
          }
        } finally {
          done();
        }
      }
      const size = statSync(part).size;
      if (size < ref.size) throw new Transient(`the download ended at ${size} of ${ref.size} bytes`);
      if (size !== ref.size || (await fileSha256(part)) !== ref.sha256) {
        rmSync(part, { force: true });
        throw new SyncError('bad_file', `${ref.name} is not the file the signed manifest describes (its size or SHA-256 differ); it was removed and nothing was applied`);
      }
    });
  }
}

function clearParts(dir: string, keep: Set<string>): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) if (!keep.has(f)) rmSync(join(dir, f), { force: true });
}

/** A snapshot of version `m` put together in the download folder from its parts (decompressed side by side as they are added). */
const stageSnapshot = (o: SyncOptions, m: Manifest, parts: FileRef[]): StagedSnapshot =>
  new StagedSnapshot(join(workDir(o.dataDir), `incoming-${m.version}.sqlite`), parts.reduce((s, p) => s + p.raw_size, 0));

/** Waits for every part, checks them, and installs the snapshot (downloaded or bundled). */
async function installStaged(o: SyncOptions, staged: StagedSnapshot): Promise<void> {
  await staged.finish();
  try {
    o.target.installSnapshot(staged.dst);
  } finally {
    rmSync(staged.dst, { force: true });
  }
}

function finish(o: SyncOptions, state: SyncState, key: string, version: number, hubUrl?: string): void {
  writeSyncState(o.dataDir, { ...state, key, ...(hubUrl ? { hub_url: hubUrl } : {}), version, synced_at: (o.now?.() ?? new Date()).toISOString() });
}

/**
 * How many search segments a device's catalogue may gather from deltas before its next update
 * is the snapshot instead (whose index is built whole, with none) — and so also the longest chain
 * of deltas worth taking. Each segment is read on the first search after the kiosk starts (about
 * 2.4 ms each on the 100,000-record bench catalogue: 100 segments made that search 0.25 s), and
 * the documents the deltas replaced stay in the base posting lists, masked; nothing else
 * compacts them on the device.
 */
export const MAX_SEGMENTS = 20;

/**
 * Whether to look for a chain of deltas from the installed version (`at`, the hub version of the
 * catalogue in use; `have`, the version this device last synced) to `latest`, instead of the
 * snapshot: only from a hub version this device synced, at this app's schema, and while the
 * segments the chain adds (at most one per delta) keep the catalogue within MAX_SEGMENTS.
 */
export function deltasWorthTrying(o: { at: number; have: number; latest: number; latestSchema: number; schema: number; segments: number }): boolean {
  return o.at > 0 && o.at === o.have && o.latestSchema === o.schema && o.segments + (o.latest - o.have) <= MAX_SEGMENTS;
}

/** Pulls the newest catalogue from the hub at `hubUrl`. */
export async function syncFromHub(hubUrl: string, o: SyncOptions): Promise<SyncResult> {
  const t0 = performance.now();
  const progress = o.progress ?? (() => {});
  try {
    const state = readSyncState(o.dataDir);
    const key = trustedKey(state, o.key);
    const have = installed(o, state);
    progress({ phase: 'checking', done: 0, total: 0 });
    const hub = new HubClient(hubUrl, o);
    const latest = openEnvelope(await hub.envelope(LATEST), key, state.key ? 'pinned' : 'given');
    // the hub proved it holds the key: pin it now (a sync killed later must not leave a catalogue from a hub whose key is not pinned)
    if (!state.key) writeSyncState(o.dataDir, { ...state, key, hub_url: hubUrl });
    checkVersion(latest, have, o.target.schema);
    const dir = workDir(o.dataDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const at = o.target.hubVersion();
    if (latest.version === at) {
      finish(o, state, key, have, hubUrl);
      progress({ phase: 'done', done: 1, total: 1 });
      return { version: have, applied: 'none', ms: Math.round(performance.now() - t0), from: have, bytes: 0, deltas: 0 };
    }
    // the chain of deltas have+1 … latest, when it is short, complete, at this app's schema and smaller than the snapshot
    const { snapshot } = filesOf(latest);
    let chain: { m: Manifest; ref: FileRef }[] | null = null;
    const segments = at > 0 ? o.target.searchSegments() : 0;
    const plan = { at, have, latest: latest.version, latestSchema: latest.schema, schema: o.target.schema, segments };
    const tryDeltas = deltasWorthTrying(plan);
    if (!tryDeltas && deltasWorthTrying({ ...plan, segments: 0 }))
      o.logger.info({ event: 'sync.snapshot_for_segments', segments, max: MAX_SEGMENTS }, `the catalogue holds ${segments} search segments from deltas: taking the snapshot, whose index is whole`);
    if (tryDeltas) {
      chain = [];
      for (let v = have + 1; v <= latest.version; v++) {
        const m = v === latest.version ? latest : openEnvelope(await hub.envelope(manifestName(v)), key, 'pinned');
        if (m.version !== v) throw new SyncError('bad_manifest', `manifest-${v}.json describes version ${m.version}`);
        const delta = filesOf(m).delta;
        if (!delta || m.schema !== o.target.schema) {
          chain = null;
          break;
        }
        chain.push({ m, ref: delta });
      }
      if (chain && chain.reduce((s, c) => s + c.ref.size, 0) >= snapshot.reduce((s, p) => s + p.size, 0)) chain = null;
    }
    const refs = chain ? chain.map((c) => c.ref) : snapshot;
    const total = refs.reduce((s, r) => s + r.size, 0);
    clearParts(dir, new Set(refs.map((r) => `${r.sha256}.part`)));
    let before = 0;
    let lastPct = -1;
    // a snapshot's parts are decompressed into place as each arrives, while the next downloads
    const staged = chain ? null : stageSnapshot(o, latest, snapshot);
    try {
      for (const ref of refs) {
        const part = join(dir, `${ref.sha256}.part`);
        await hub.download(ref, part, (n) => {
          const pct = Math.floor(((before + n) / total) * 100);
          if (pct !== lastPct) progress({ phase: 'downloading', done: before + n, total });
          lastPct = pct;
        });
        staged?.add(part, ref);
        before += ref.size;
      }
    } catch (e) {
      await staged?.abort();
      throw e;
    }
    progress({ phase: 'applying', done: 0, total: 1 });
    if (staged) await installStaged(o, staged);
    else if (chain) {
      const deltas: Delta[] = [];
      for (const c of chain) deltas.push(decodeOrRefuse(await decompressBytes(readFileSync(join(dir, `${c.ref.sha256}.part`)), c.ref)));
      // every delta of the chain in one transaction: the catalogue is wholly the old version or the newest
      o.target.changeInPlace((db) => db.transaction(() => deltas.forEach((d) => applyDelta(db, d)))());
    }
    clearParts(dir, new Set());
    finish(o, state, key, latest.version, hubUrl);
    progress({ phase: 'done', done: 1, total: 1 });
    const result: SyncResult = { version: latest.version, applied: chain ? 'delta' : 'snapshot', ms: Math.round(performance.now() - t0), from: have, bytes: total, deltas: chain?.length ?? 0 };
    o.logger.info({ event: 'sync.applied', ...result }, `catalogue version ${latest.version} applied (${result.applied})`);
    return result;
  } catch (e) {
    progress(failed(e));
    throw e;
  }
}

/** The `failed` progress event of an update that threw `e` (its reason: the SyncError's code). */
function failed(e: unknown): Parameters<NonNullable<SyncOptions['progress']>>[0] {
  const reason = e instanceof SyncError ? e.code : undefined;
  return { phase: 'failed', done: 0, total: 0, error: { code: !reason || reason === 'unreachable' ? 'unavailable' : 'bad_request', message: (e as Error).message, ...(reason ? { reason } : {}) } };
}

function decodeOrRefuse(bytes: Buffer): Delta {
  try {
    return decodeDelta(bytes);
  } catch (e) {
    if (e instanceof DeltaError) throw new SyncError('bad_file', `${e.message}; nothing was applied`);
    throw e;
  }
}

/** Applies a USB bundle (`cli bundle import`, the operator view): the same checks as a download. */
export async function importBundle(file: string, o: SyncOptions): Promise<SyncResult> {
  const progress = o.progress ?? (() => {});
  try {
    progress({ phase: 'checking', done: 0, total: 0 });
    return await importBundleChecked(file, o, progress);
  } catch (e) {
    progress(failed(e));
    throw e;
  }
}

/** A bundle's import, said as the sync's steps: checking, its parts copied out and checked (the bytes so far), applying, done. */
async function importBundleChecked(file: string, o: SyncOptions, progress: NonNullable<SyncOptions['progress']>): Promise<SyncResult> {
  const t0 = performance.now();
  if (!existsSync(file)) throw new SyncError('bad_bundle', `${file} does not exist`);
  const state = readSyncState(o.dataDir);
  const key = trustedKey(state, o.key);
  const parts = listTar(file);
  const mPart = parts.find((p) => p.name === BUNDLE_MANIFEST);
  if (!mPart) throw new SyncError('bad_bundle', `${file} holds no ${BUNDLE_MANIFEST}: it is not a catalogue bundle (make one at the hub with \`cli bundle export FILE\`)`);
  let raw: unknown;
  try {
    raw = JSON.parse(readTarPart(file, mPart).toString('utf8'));
  } catch {
    throw new SyncError('bad_manifest', `the ${BUNDLE_MANIFEST} in ${file} is not JSON`);
  }
  const m = openEnvelope(raw, key, state.key ? 'pinned' : 'given');
  if (!state.key) writeSyncState(o.dataDir, { ...state, key });
  const have = installed(o, state);
  checkVersion(m, have, o.target.schema);
  if (m.version === o.target.hubVersion()) {
    finish(o, state, key, have);
    progress({ phase: 'done', done: 1, total: 1 });
    return { version: have, applied: 'none', ms: Math.round(performance.now() - t0), from: have, bytes: 0, deltas: 0 };
  }
  const { snapshot } = filesOf(m);
  const dir = workDir(o.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = snapshot.map((ref) => ({ ref, file: join(dir, `${ref.sha256}.bundle`) }));
  const total = snapshot.reduce((s, r) => s + r.size, 0);
  try {
    let done = 0;
    progress({ phase: 'downloading', done, total });
    for (const { ref, file: part } of files) {
      const inTar = parts.find((p) => p.name === ref.name);
      if (!inTar) throw new SyncError('bad_bundle', `${file} lacks ${ref.name}, which its manifest names; copy the bundle again`);
      await extractTarPart(file, inTar, part);
      if (statSync(part).size !== ref.size || (await fileSha256(part)) !== ref.sha256)
        throw new SyncError('bad_file', `${ref.name} in the bundle is not the file its signed manifest describes (size or SHA-256 differ); nothing was applied`);
      done += ref.size;
      progress({ phase: 'downloading', done, total });
    }
    progress({ phase: 'applying', done: 0, total: 1 });
    const staged = stageSnapshot(o, m, snapshot);
    for (const f of files) staged.add(f.file, f.ref);
    await installStaged(o, staged);
  } finally {
    for (const f of files) rmSync(f.file, { force: true });
  }
  finish(o, state, key, m.version);
  progress({ phase: 'done', done: 1, total: 1 });
  const result: SyncResult = { version: m.version, applied: 'snapshot', ms: Math.round(performance.now() - t0), from: have, bytes: total, deltas: 0 };
  o.logger.info({ event: 'bundle.imported', file, ...result }, `catalogue version ${m.version} imported from a bundle`);
  return result;
}
