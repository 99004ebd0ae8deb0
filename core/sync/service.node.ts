/**
 * The kiosk's sync service: pulls the hub's newest catalogue or imports a USB bundle
 * (sync/client does the work), one at a time, announcing `sync.progress` to every host (the
 * status view's progress bar, the CLI's percentage). The catalogue service applies what it
 * verified and announces `catalogue.changed`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Emitter, EventMap } from '../contract/events.js';
import type { Logger } from '../log.node.js';
import type { CatalogueService } from '../catalogue/service.node.js';
import { importBundle, readSyncState, syncFromHub, type SyncResult, type SyncState } from '../../sync/client/sync.node.js';
import { fingerprint } from '../../sync/protocol/keys.node.js';
import { SyncError } from '../../sync/protocol/manifest.js';
import { BUNDLE_EXT } from '../../sync/protocol/bundle.node.js';
import { FIRST_SYNC_DELAY_MS, nextSyncDelay } from './schedule.js';
import { DEFAULT_REMOVABLE_ROOTS, mountedMedia } from './media.node.js';
import { LockError, takeLock } from '../lock.node.js';

export interface SyncServiceOptions {
  dataDir: string;
  catalogue: CatalogueService;
  events: Emitter;
  logger: Logger;
  /** where USB sticks appear (Linux: /media/USER/…, /run/media/USER/…, /mnt): bundles are looked for there */
  removableRoots?: string[];
}

/** How the last look at the hub (background or asked for) ended: when, and the refusal's reason and words when it failed. */
export interface LastCheck {
  at: string;
  ok: boolean;
  /** the refusal's reason (unreachable, bad_signature, rollback, …) when it failed */
  reason: string | null;
  /** for operators: what went wrong, in English */
  message: string | null;
  /** failed looks in a row, this one included (0 when it succeeded) */
  failuresInARow: number;
}

export interface SyncStatus {
  hubUrl: string | null;
  keyFingerprint: string | null;
  version: number;
  syncedAt: string | null;
  running: boolean;
  /** the last look at the hub since the host started, or null */
  lastCheck: LastCheck | null;
}

export class SyncService {
  private running: Promise<SyncResult> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private last: LastCheck | null = null;
  constructor(private readonly o: SyncServiceOptions) {}

  /**
   * Looks for a newer catalogue by itself (a kiosk host): once a hub and its key are set on
   * this device, shortly after start and then every `intervalMs` (see schedule.ts). A failure
   * is logged with its reason and tried again sooner; the catalogue in use stays as it is.
   */
  startBackground(intervalMs: number, firstDelayMs = FIRST_SYNC_DELAY_MS): void {
    if (intervalMs <= 0 || this.timer || this.stopped) return;
    const run = async () => {
      this.timer = null;
      const state = readSyncState(this.o.dataDir);
      if (state.hub_url && state.key && !this.running) {
        try {
          await this.sync();
        } catch (e) {
          this.o.logger.warn({ event: 'sync.background_failed', reason: (e as SyncError).code, err: e, failuresInARow: this.last?.failuresInARow }, 'looking for a newer catalogue failed; the catalogue in use is unchanged');
        }
      }
      if (!this.stopped) this.timer = setTimeout(() => void run(), nextSyncDelay({ intervalMs, failuresInARow: this.last?.failuresInARow ?? 0 })).unref();
    };
    this.timer = setTimeout(() => void run(), firstDelayMs).unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  status(): SyncStatus {
    const s: SyncState = readSyncState(this.o.dataDir);
    return {
      hubUrl: s.hub_url ?? null,
      keyFingerprint: s.key ? fingerprint(s.key) : null,
      version: this.o.catalogue.hubVersion(),
      syncedAt: s.synced_at ?? null,
      running: this.running !== null,
      lastCheck: this.last,
    };
  }

  /**
   * Keeps how a look at the hub ended, for the status view (a bundle import is not a look at the
   * hub). A refusal before the hub is asked (already running, no address) is thrown by sync()
   * itself, before this sees a promise, so it never counts as a failed look.
   */
  private checked<T>(p: Promise<T>): Promise<T> {
    const at = () => new Date().toISOString();
    return p.then(
      (r) => {
        this.last = { at: at(), ok: true, reason: null, message: null, failuresInARow: 0 };
        return r;
      },
      (e: unknown) => {
        this.last = { at: at(), ok: false, reason: e instanceof SyncError ? e.code : 'internal', message: (e as Error).message, failuresInARow: (this.last?.failuresInARow ?? 0) + 1 };
        throw e;
      },
    );
  }

  private options(key: string | undefined, signal?: AbortSignal, progress?: (p: EventMap['sync.progress']) => void, connectRetries?: number) {
    return {
      dataDir: this.o.dataDir,
      target: this.o.catalogue,
      logger: this.o.logger,
      key,
      signal,
      connectRetries,
      progress: (p: EventMap['sync.progress']) => {
        this.o.events.emit('sync.progress', p);
        progress?.(p);
      },
    };
  }

  /**
   * One update at a time on this device: in this process, and across processes by DATA/sync.lock
   * (the kiosk's background sync and an operator's `cli sync` or `bundle import` on the same data
   * folder would otherwise share the download folder, and the slower could install an older
   * snapshot over the newer one). A lock left by a process that died is taken over.
   */
  private once(run: () => Promise<SyncResult>): Promise<SyncResult> {
    if (this.running) throw new SyncError('busy', 'a catalogue update is already running; wait for it to finish');
    let lock;
    try {
      lock = takeLock(join(this.o.dataDir, 'sync.lock'), 'the catalogue update of this device', (stale) => this.o.logger.warn({ event: 'sync.lock_taken_over', stale_pid: stale }, 'took over the update lock of a process that is gone'), 'another update: the kiosk or a cli sync / bundle import');
    } catch (e) {
      if (e instanceof LockError) throw new SyncError('busy', `a catalogue update is already running on this device (${e.message}); wait for it to finish`);
      throw e;
    }
    const held = lock;
    // (run inside a promise: a throw before its first await still releases the lock)
    const p = Promise.resolve()
      .then(run)
      .finally(() => {
        this.running = null;
        try {
          held.release();
        } catch (e) {
          this.o.logger.error({ event: 'sync.lock_release_failed', err: e, lock: held.file }, 'the update lock could not be removed; the next update takes it over');
        }
      });
    this.running = p;
    return p;
  }

  /**
   * Pulls from the hub (the one given, else the one this device last synced with). `waiting`: a
   * person waits for the answer (the status view's 지금 업데이트): a hub that cannot be reached at
   * all is said at once (tried twice), not after the retries a script or the background sync makes.
   */
  sync(o: { hubUrl?: string; key?: string; signal?: AbortSignal; progress?: (p: EventMap['sync.progress']) => void; waiting?: boolean } = {}): Promise<SyncResult> {
    const hub = o.hubUrl ?? readSyncState(this.o.dataDir).hub_url;
    if (!hub) throw new SyncError('unreachable', 'no hub address is set on this device: give it with --hub URL (the first sync also needs --key)', true);
    let url: URL;
    try {
      url = new URL(hub);
    } catch {
      throw new SyncError('unreachable', `--hub "${hub}" is not an address; it looks like http://hub.example:8790`, true);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SyncError('unreachable', `--hub "${hub}" must start with http:// or https://`, true);
    return this.checked(this.once(() => syncFromHub(url.toString(), this.options(o.key, o.signal, o.progress, o.waiting ? 1 : undefined))));
  }

  importBundle(file: string, o: { key?: string; progress?: (p: EventMap['sync.progress']) => void } = {}): Promise<SyncResult> {
    return this.once(() => importBundle(file, this.options(o.key, undefined, o.progress)));
  }

  /** The removable media mounted now (USB sticks' folders under the removable roots): the only places the outbox's export writes to from the UI. */
  media(): string[] {
    return mountedMedia(this.o.removableRoots ?? DEFAULT_REMOVABLE_ROOTS);
  }

  /** Bundles on removable media (and in the data folder's bundles/), newest first. */
  bundles(): { file: string; name: string; size: number; modified: string }[] {
    const roots = [...(this.o.removableRoots ?? DEFAULT_REMOVABLE_ROOTS), join(this.o.dataDir, 'bundles')];
    const found: { file: string; name: string; size: number; modified: string; t: number }[] = [];
    const walk = (dir: string, depth: number) => {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return; // a folder we may not read (another user's media) holds nothing for us
      }
      for (const n of names) {
        const f = join(dir, n);
        let st;
        try {
          st = statSync(f);
        } catch {
          continue;
        }
        if (st.isDirectory() && depth > 0) walk(f, depth - 1);
        else if (st.isFile() && n.endsWith(BUNDLE_EXT)) found.push({ file: f, name: n, size: st.size, modified: st.mtime.toISOString(), t: st.mtimeMs });
      }
    };
    for (const r of roots) if (existsSync(r)) walk(r, 3);
    return found.sort((a, b) => b.t - a.t).map(({ t: _t, ...b }) => b);
  }
}
