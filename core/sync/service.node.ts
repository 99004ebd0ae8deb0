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

export interface SyncServiceOptions {
  dataDir: string;
  catalogue: CatalogueService;
  events: Emitter;
  logger: Logger;
  /** where USB sticks appear (Linux: /media/USER/…, /run/media/USER/…, /mnt): bundles are looked for there */
  removableRoots?: string[];
}

export interface SyncStatus {
  hubUrl: string | null;
  keyFingerprint: string | null;
  version: number;
  syncedAt: string | null;
  running: boolean;
}

export class SyncService {
  private running: Promise<SyncResult> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  constructor(private readonly o: SyncServiceOptions) {}

  /**
   * Looks for a newer catalogue by itself (a kiosk host): once a hub and its key are set on
   * this device, shortly after start and then every `intervalMs` (see schedule.ts). A failure
   * is logged with its reason and tried again sooner; the catalogue in use stays as it is.
   */
  startBackground(intervalMs: number, firstDelayMs = FIRST_SYNC_DELAY_MS): void {
    if (intervalMs <= 0 || this.timer || this.stopped) return;
    let failures = 0;
    const run = async () => {
      this.timer = null;
      const state = readSyncState(this.o.dataDir);
      if (state.hub_url && state.key && !this.running) {
        try {
          await this.sync();
          failures = 0;
        } catch (e) {
          failures++;
          this.o.logger.warn({ event: 'sync.background_failed', reason: (e as SyncError).code, err: e, failuresInARow: failures }, 'looking for a newer catalogue failed; the catalogue in use is unchanged');
        }
      }
      if (!this.stopped) this.timer = setTimeout(() => void run(), nextSyncDelay({ intervalMs, failuresInARow: failures })).unref();
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
    };
  }

  private options(key: string | undefined, signal?: AbortSignal, progress?: (p: EventMap['sync.progress']) => void) {
    return {
      dataDir: this.o.dataDir,
      target: this.o.catalogue,
      logger: this.o.logger,
      key,
      signal,
      progress: (p: EventMap['sync.progress']) => {
        this.o.events.emit('sync.progress', p);
        progress?.(p);
      },
    };
  }

  private once(run: () => Promise<SyncResult>): Promise<SyncResult> {
    if (this.running) throw new SyncError('busy', 'a catalogue update is already running; wait for it to finish');
    const p = run().finally(() => {
      this.running = null;
    });
    this.running = p;
    return p;
  }

  /** Pulls from the hub (the one given, else the one this device last synced with). */
  sync(o: { hubUrl?: string; key?: string; signal?: AbortSignal; progress?: (p: EventMap['sync.progress']) => void } = {}): Promise<SyncResult> {
    const hub = o.hubUrl ?? readSyncState(this.o.dataDir).hub_url;
    if (!hub) throw new SyncError('unreachable', 'no hub address is set on this device: give it with --hub URL (the first sync also needs --key)', true);
    let url: URL;
    try {
      url = new URL(hub);
    } catch {
      throw new SyncError('unreachable', `--hub "${hub}" is not an address; it looks like http://hub.example:8790`, true);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SyncError('unreachable', `--hub "${hub}" must start with http:// or https://`, true);
    return this.once(() => syncFromHub(url.toString(), this.options(o.key, o.signal, o.progress)));
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
