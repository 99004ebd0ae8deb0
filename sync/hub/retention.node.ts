/**
 * How long the hub keeps an application: one year from the day the hub received it, then it is
 * deleted — what the consent the kiosk shows promises ("one year from the day the hub receives
 * it; then it is deleted"). AICHINGU_HUB_RETENTION_DAYS (default 365) sets the days.
 *
 * The job deletes, in one statement, every application received more than that many days
 * before now (store.purgeApplications), and logs how many — never which. It runs when the hub
 * starts and then once a day (main.node.ts: `retention(…)` among the hub's extensions, stopped
 * when the hub closes); `cli hub purge-applications` runs it once, through the running hub or on
 * the store (operator.node.ts), answering {"deleted":N,"before":"<ISO time>"}.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../core/log.node.js';
import type { HubStore } from './store.js';

export const DEFAULT_RETENTION_DAYS = 365;
/** the most days an operator may set: ten years */
export const MAX_RETENTION_DAYS = 3650;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What one run did. */
export interface PurgeResult {
  /** applications deleted */
  deleted: number;
  /** those received before this time (ISO) were deleted */
  before: string;
}

/** The days applications are kept: AICHINGU_HUB_RETENTION_DAYS, else 365; anything but a whole number from 1 to 3650 is refused, saying so. */
export function retentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.AICHINGU_HUB_RETENTION_DAYS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_RETENTION_DAYS;
  const t = raw.trim();
  if (!/^\d{1,5}$/.test(t) || Number(t) < 1 || Number(t) > MAX_RETENTION_DAYS)
    throw new Error(
      `AICHINGU_HUB_RETENTION_DAYS must be a whole number of days from 1 to ${MAX_RETENTION_DAYS} (got "${raw.slice(0, 20)}"); the consent the kiosk shows promises one year: ${DEFAULT_RETENTION_DAYS}, the default`,
    );
  return Number(t);
}

/** One run: deletes what was received more than `days` before `now`, and logs the count. */
export async function purgeApplications(o: { store: HubStore; logger: Logger; days?: number; now?: Date }): Promise<PurgeResult> {
  const days = o.days ?? retentionDays();
  const before = new Date((o.now ?? new Date()).getTime() - days * DAY_MS).toISOString();
  const deleted = await o.store.purgeApplications(before);
  o.logger.info({ event: 'hub.retention', deleted, before, days }, `retention: ${deleted} application(s) received before ${before} deleted`);
  return { deleted, before };
}

export interface RetentionJob {
  /** the run at start (tests wait for it) */
  first: Promise<PurgeResult | null>;
  /** no more runs; waits for one in flight */
  stop(): Promise<void>;
}

/** Runs now and then every `everyMs` (default a day); a failed run is logged and tried at the next. */
export function startRetention(o: { store: HubStore; logger: Logger; days?: number; everyMs?: number; now?: () => Date }): RetentionJob {
  const days = o.days ?? retentionDays();
  let running: Promise<PurgeResult | null> | null = null;
  let stopped = false;
  const run = (): Promise<PurgeResult | null> => {
    if (stopped) return Promise.resolve(null);
    if (running) return running;
    running = purgeApplications({ store: o.store, logger: o.logger, days, now: o.now?.() })
      .catch((e: unknown) => {
        o.logger.error({ event: 'hub.retention_failed', err: e }, 'retention: deleting old applications failed; tried again at the next run');
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  o.logger.info({ event: 'hub.retention_started', days }, `retention: applications are deleted ${days} days after the hub received them; checked now and every day`);
  const first = run();
  const timer = setInterval(() => void run(), o.everyMs ?? DAY_MS);
  timer.unref();
  return {
    first,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * The retention job as one of the hub's extensions (main.node.ts): the days are read (and a bad
 * AICHINGU_HUB_RETENTION_DAYS refused) when the hub starts; the job stops when the hub closes,
 * before its store does.
 */
export function retention(o: { store: HubStore; logger: Logger }): (app: FastifyInstance) => Promise<void> {
  const days = retentionDays();
  return async (app) => {
    const job = startRetention({ ...o, days });
    app.addHook('onClose', () => job.stop());
  };
}
