/**
 * The composition root: `createCore(env)` builds every service of the kiosk's core from the
 * environment its host hands it (resources, data folder, logger, clock) — the web host, the
 * CLI, the tests and (next) the Electron main process each build their own env and call this
 * once. Nothing else constructs services, and nothing computes a path on import.
 */
import { settingsFor } from './config/kiosk-config.node.js';
import { join } from 'node:path';
import { Emitter } from './contract/events.js';
import type { CoreEnv } from './env.node.js';
import { CatalogueService } from './catalogue/service.node.js';
import { PrintService } from './print/service.node.js';
import { SyncService } from './sync/service.node.js';
import { OutboxService } from './outbox/service.node.js';
import { CounsellorService, idleMsFrom } from './counsellor/service.node.js';
import { COUNSELLOR_ONLY_SERVICES } from './counsellor/forms.js';
import type { ScryptCost } from './counsellor/pin.node.js';
import { createChannel, type CoreChannel } from './registry.node.js';
import { loadBoundaries } from './geo/boundaries.node.js';
import type { Layers } from './facilities/views.js';
import type { Browser } from 'playwright-core';

export interface Core {
  readonly env: CoreEnv;
  readonly events: Emitter;
  readonly catalogue: CatalogueService;
  readonly print: PrintService;
  /** catalogue updates from the hub or a USB bundle */
  readonly sync: SyncService;
  /** sealed applications on their way to the hub */
  readonly outbox: OutboxService;
  /** counsellor accounts, sign-in, encrypted drafts, the queue's retry and discard */
  readonly counsellor: CounsellorService;
  /** the one channel: what every host carries to its UI */
  readonly channel: CoreChannel;
  /** the imported boundary layers (read once per file change) */
  layers(): Layers;
  close(): Promise<void>;
}

export { SCREEN_LOCK_WAIT_MS } from './catalogue/service.node.js';

export interface CoreOptions {
  /** notice a catalogue replaced by another process (the CLI importing while the kiosk runs) */
  watchCatalogue?: boolean;
  /** look for a newer catalogue at the hub by itself this often (a kiosk host; 0 or absent: never) */
  syncEveryMs?: number;
  /** send the outbox's applications by itself, in the background (a kiosk host; the CLI sends with `outbox send`) */
  uploadInBackground?: boolean;
  /** a browser to print with, shared (tests, benchmarks); otherwise Chromium starts on the first PDF */
  printBrowser?: () => Promise<Browser>;
  /** a counsellor is signed out after this long without use (default: AICHINGU_COUNSELLOR_IDLE_MINUTES, else 10 minutes) */
  counsellorIdleMs?: number;
  /** scrypt's cost for new PIN verifiers and keys (default N 2^17, r 8, p 1; tests may lower it) */
  counsellorCost?: ScryptCost;
  /** how long a change of the catalogue waits for another process's change (default 30 s, the CLI's; a host serving a screen gives 2 s: while it waits it answers nothing) */
  catalogueLockWaitMs?: number;
}

/** Builds the core and opens the catalogue; throws (CatalogueFileError) when the catalogue cannot be used. */
export function createCore(env: CoreEnv, opts: CoreOptions = {}): Core {
  const logger = env.logger;
  const events = new Emitter((e) => logger.error({ err: e, event: 'listener.failed' }, 'an event listener failed'));
  const catalogue = new CatalogueService({
    dataDir: env.dataDir,
    embeddedCatalogue: env.resources.embeddedCatalogue,
    migrationsDir: join(env.resources.migrations, 'catalogue'),
    logger: logger.child({ component: 'catalogue' }),
    events,
    lockWaitMs: opts.catalogueLockWaitMs,
  });
  catalogue.open();
  if (opts.watchCatalogue) catalogue.watch();
  const layers = (): Layers => ({ dongs: loadBoundaries(env.dataDir, 'dong'), gus: loadBoundaries(env.dataDir, 'gu') });
  const print = new PrintService({ fontsDir: env.resources.fonts, localesDir: env.resources.locales, layers, logger: logger.child({ component: 'print' }), events, browser: opts.printBrowser, now: env.clock, printer: env.printer, pdfMaker: env.pdfMaker });
  const sync = new SyncService({ dataDir: env.dataDir, catalogue, events, logger: logger.child({ component: 'sync' }) });
  if (opts.syncEveryMs) sync.startBackground(opts.syncEveryMs);
  // the outreach forms (in core/forms/registry.ts) are a signed-in counsellor's only; the service forms read the catalogue in use
  const outbox = new OutboxService({
    dataDir: env.dataDir,
    migrationsDir: join(env.resources.migrations, 'outbox'),
    events,
    logger: logger.child({ component: 'outbox' }),
    now: env.clock,
    catalogue: () => catalogue.current(),
    counsellorOnly: COUNSELLOR_ONLY_SERVICES,
  });
  if (opts.uploadInBackground) outbox.startBackground();
  const counsellor = new CounsellorService({
    dataDir: env.dataDir,
    migrationsDir: join(env.resources.migrations, 'counsellor'),
    outbox,
    logger: logger.child({ component: 'counsellor' }),
    clock: env.clock,
    idleMs: opts.counsellorIdleMs ?? idleMsFrom(process.env.AICHINGU_COUNSELLOR_IDLE_MINUTES),
    cost: opts.counsellorCost,
    onChange: (c) => events.emit('counsellor.changed', c),
  });
  // DATA/kiosk.json as the UI follows it: the host's, or read once when the UI first asks (the web
  // host may have read it already, answering the UI's first call before the core loaded)
  const configLog = logger.child({ component: 'config' });
  const settings = () => settingsFor(env, configLog);
  const channel = createChannel({
    catalogue,
    events,
    logger,
    services: { print, sync, outbox, counsellor, layers, whereabouts: () => ({ location: env.location, now: env.clock(), holidays: env.holidays ?? [] }), now: env.clock, settings },
  });
  return {
    env,
    events,
    catalogue,
    print,
    sync,
    outbox,
    counsellor,
    channel,
    layers,
    async close() {
      sync.stop();
      counsellor.close();
      await outbox.close();
      await print.close();
      catalogue.close();
    },
  };
}
