/**
 * What an operator asks of a hub (publish, list the versions, export a USB bundle), the same
 * whether a hub is running on the data folder or not. The embedded store admits one process
 * (store.node.ts takes the folder's lock), so:
 *
 * - a running hub serves these operations on its operator endpoint: a second listener on
 *   127.0.0.1 at a random port, announced in DATA/operator.json ({pid, port}, 0600) and guarded
 *   by the token in DATA/operator-token (0600; `Authorization: Bearer <token>`);
 * - `withHub` (the CLI's way in) goes through that endpoint when a live hub announces one, and
 *   otherwise takes the lock, opens the store itself, runs the operation in-process and closes.
 *
 * Both ways run `localOperations` (in the hub, or in the CLI) and give the same result object.
 */
import { randomBytes, randomInt, createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { BUNDLE_EXT } from '../protocol/bundle.node.js';
import * as z from 'zod';
import { writePrivateFile, privateDir } from '../../core/private-files.node.js';
import { resourcesFor, type Resources } from '../../core/env.node.js';
import type { Logger } from '../../core/log.node.js';
import { readMigrations } from '../../db/sqlite.js';
import type { HubKeys } from '../protocol/keys.node.js';
import type { SealingKeys } from '../protocol/seal.node.js';
import { CODE_ALPHABET, CODE_LENGTH, formatCode, parseReceipt } from '../protocol/intake.js';
import { SERVICE_IDS, submittedAs } from '../../core/forms/registry.js';
import { openApplication } from './applications.node.js';
import type { PublishContext, PublishResult } from './publish.node.js';
import type { HubLayout } from './layout.node.js';
import type { ApplicationStatus, HubStore, VersionRecord } from './store.js';
import { checkRunningStore, HubStoreError, openHubStore } from './store.node.js';
import { ensureHubKeys, ensureSealingKeys } from './hub-keys.node.js';
import { defaultCatalogueSource } from './hub-env.node.js';
import { pidAlive } from '../../core/lock.node.js';
import { HubOperationError } from './operation-error.node.js';
import { codeDigest } from './intake.node.js';
import type { ImportResult } from './import-applications.node.js';
import type { PurgeResult } from './retention.node.js';

export type { PublishResult };
export interface BundleResult {
  version: number;
  file: string;
  size: number;
}
/** A published version as listed (its envelope is served as manifest-N.json). */
export type VersionSummary = Omit<VersionRecord, 'envelope'>;

export interface HubOperations {
  /** publishes the catalogue source (default: the checkout's db/catalogue) as the next version, or says it is unchanged */
  publish(body: { sourceDir?: string }): Promise<PublishResult>;
  /** every published version, oldest first */
  versions(): Promise<VersionSummary[]>;
  /** writes a USB bundle of the newest version to `file` (an absolute path) */
  bundle(body: { file: string }): Promise<BundleResult>;
  /** a one-time enrolment code for a device of that name (24 hours, once); earlier unused codes for the name stop working */
  enrolDevice(body: { name: string }): Promise<EnrolmentCodeIssued>;
  /** the device of that name is refused from now on (and a code waiting for it cancelled) */
  revokeDevice(body: { name: string }): Promise<DeviceRevoked>;
  /** every application received, oldest first, opened with the sealing key */
  applications(): Promise<ApplicationView[]>;
  /** the centre's answer to a reservation: confirmed, or declined with a short non-personal reason */
  decide(body: { receipt: string; status: 'confirmed' | 'declined'; reason?: string }): Promise<DecisionResult>;
  /** takes the applications of a device's USB export (`file`, an absolute path) through the intake (import-applications.node.ts) */
  importApplications(body: { file: string }): Promise<ImportResult>;
  /** deletes the applications received longer ago than the retention, once (retention.node.ts) */
  purgeApplications(): Promise<PurgeResult>;
}

/** What `hub confirm` / `hub decline` did. */
export interface DecisionResult {
  receipt: string;
  service: string;
  status: 'confirmed' | 'declined';
  /** ISO time of the answer (the first one, when it was given before) */
  status_at: string;
  reason: string | null;
  /** false: the application had this answer already (nothing changed) */
  changed: boolean;
}

export interface EnrolmentCodeIssued {
  name: string;
  /** XXXXX-XXXXX */
  code: string;
  /** ISO time */
  expires_at: string;
}
export interface DeviceRevoked {
  name: string;
  /** ISO time */
  revoked_at: string;
}
/** An application as an operator reads it: its envelope, its sender and the form opened. */
export interface ApplicationView {
  receipt: string;
  client_id: string;
  /** the name of the device that sent it */
  device: string;
  service: string;
  created_at: string;
  received_at: string;
  status: ApplicationStatus;
  /** when the centre answered (null while received) */
  status_at: string | null;
  /** a decline's reason */
  reason: string | null;
  /** the form's fields; null when it cannot be opened (then `error` says why) */
  form: Record<string, unknown> | null;
  consent: { version: string; given_at: string } | null;
  /** the counsellor who submitted it on a family's behalf, or the visit log's or survey's author (null: taken at a kiosk by the family) */
  counsellor: string | null;
  error?: string;
}

/** how long a one-time code is good for */
export const CODE_TTL_MS = 24 * 60 * 60 * 1000;

const DEVICE_NAME = /^[\p{L}\p{N}_-](?:[\p{L}\p{N} _-]{0,62}[\p{L}\p{N}_-])?$/u;

/** A device name as the hub keeps it (NFC), or an InputError naming it: 1–64 letters (Korean too), digits, spaces, - or _, not starting or ending with a space. */
export function deviceName(raw: unknown): string {
  const name = typeof raw === 'string' ? raw.normalize('NFC') : '';
  if (!DEVICE_NAME.test(name))
    throw new InputError(
      `the device name "${typeof raw === 'string' ? raw.slice(0, 80) : String(raw)}" is not one the hub takes: 1 to 64 letters (Korean too), digits, spaces, - or _, not starting or ending with a space (e.g. "3층 키오스크" or kiosk-3)`,
      'name',
    );
  return name;
}

/** A fresh one-time code: ten characters of Crockford's base32 (50 random bits). */
export const newEnrolmentCode = (): string => Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** The publishing functions (publish.node.ts; publisher.node.ts hands them over), given so that a test may give its own. */
export interface Publisher {
  publish(ctx: PublishContext, from: { sourceDir: string }): Promise<PublishResult>;
  exportBundle(ctx: { layout: HubLayout; store: HubStore }, file: string): Promise<BundleResult>;
}

export interface HubContext {
  layout: HubLayout;
  store: HubStore;
  keys: HubKeys;
  /** the sealing key: applications are opened with it */
  sealing: SealingKeys;
  logger: Logger;
  publisher: Publisher;
  /** the app's resources (the catalogue's migrations) */
  resources: Resources;
  /** where the program lies (the default catalogue source is found from it) */
  moduleUrl: string;
}

/** Input an operation refuses (the operator endpoint answers 400 naming the field). */
export class InputError extends Error {
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** A catalogue source folder: one with entries/ (entries/*.yaml, as db/catalogue has). */
function checkSource(dir: string): string {
  if (!existsSync(join(dir, 'entries'))) throw new InputError(`field "sourceDir": ${dir} is not a catalogue source (it has no entries/ folder of *.yaml files)`, 'sourceDir');
  return dir;
}

/** Where a bundle is to be written: a file (not a folder) in a folder that exists — a USB stick not mounted is named as such, before anything is written. */
export function bundleTarget(file: string): string {
  if (existsSync(file) && statSync(file).isDirectory())
    throw new InputError(`field "file": ${file} is a folder; give the bundle's file name in it, e.g. ${join(file, `catalogue${BUNDLE_EXT}`)}`, 'file');
  const dir = dirname(file);
  if (!existsSync(dir)) throw new InputError(`field "file": the folder ${dir} does not exist (is the USB stick mounted?); nothing was written`, 'file');
  if (!statSync(dir).isDirectory()) throw new InputError(`field "file": ${dir} is not a folder; nothing was written`, 'file');
  return file;
}

/** The operations' inputs, as the operator endpoint checks them (a bad one: 400 naming the field). */
export const OperatorInput = {
  publish: z.object({ sourceDir: z.string().min(1).refine(isAbsolute, 'must be an absolute path').optional() }).strict(),
  bundle: z.object({ file: z.string().min(1).refine(isAbsolute, 'must be an absolute path') }).strict(),
  /** the name is checked by the operation itself (deviceName), the same in-process and through a hub */
  device: z.object({ name: z.string() }).strict(),
  /** the receipt and the reason are checked by the operation itself (decisionInput), the same in-process and through a hub */
  decide: z.object({ receipt: z.string(), status: z.enum(['confirmed', 'declined']), reason: z.string().optional() }).strict(),
  importApplications: z.object({ file: z.string().min(1).refine(isAbsolute, 'must be an absolute path') }).strict(),
};

/** A decline's reason at most this long (characters): a few words, e.g. "그 시간은 예약이 찼어요". */
export const MAX_REASON = 100;

/**
 * A receipt and a reason as a decision takes them, or an InputError naming the field. The reason
 * is what the family is shown: a few words without line breaks, and never a phone number or
 * other long run of digits (nothing personal goes into it).
 */
export function decisionInput(body: { receipt?: unknown; status?: unknown; reason?: unknown }): { receipt: string; status: 'confirmed' | 'declined'; reason: string | null } {
  const typed = typeof body?.receipt === 'string' ? body.receipt : '';
  const receipt = parseReceipt(typed);
  if (!receipt)
    throw new InputError(`field "receipt": "${typed.slice(0, 40)}" is not a receipt number: nine digits as NNNN-NNNN-C, whose last digit checks the others (cli hub applications lists them)`, 'receipt');
  const status = body.status;
  if (status !== 'confirmed' && status !== 'declined') throw new InputError('field "status": must be confirmed or declined', 'status');
  if (status === 'confirmed') {
    if (body.reason !== undefined) throw new InputError('field "reason": only a decline takes a reason (hub decline RECEIPT --reason TEXT)', 'reason');
    return { receipt, status, reason: null };
  }
  const reason = typeof body.reason === 'string' ? body.reason.normalize('NFC').trim() : '';
  if (!reason) throw new InputError('field "reason": a decline needs a reason the family is shown, a few words, e.g. --reason "그 시간은 예약이 찼어요"', 'reason');
  if ([...reason].length > MAX_REASON) throw new InputError(`field "reason": ${[...reason].length} characters; at most ${MAX_REASON} (a few words the family is shown)`, 'reason');
  if (/[\p{Cc}\p{Cf}]/u.test(reason)) throw new InputError('field "reason": one line of text, without line breaks or control characters', 'reason');
  if (/\d[\d\s-]{5,}\d/.test(reason)) throw new InputError('field "reason": holds a long run of digits (a phone number?); the reason is shown on the kiosk and must hold nothing personal: say why in words', 'reason');
  return { receipt, status, reason };
}

export const summaryOf = ({ version, created_at, catalogue_version, entries, files }: VersionRecord): VersionSummary => ({ version, created_at, catalogue_version, entries, files });

/** The operations run in this process, on a store it holds. Publishing and exporting take turns (one writer in the files folder). */
export function localOperations(ctx: HubContext): HubOperations {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const run = queue.then(f, f);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    publish: ({ sourceDir }) =>
      serial(() =>
        ctx.publisher.publish(
          { layout: ctx.layout, store: ctx.store, keys: ctx.keys, logger: ctx.logger, migrations: readMigrations(join(ctx.resources.migrations, 'catalogue')) },
          { sourceDir: checkSource(sourceDir ?? defaultCatalogueSource(ctx.moduleUrl)) },
        ),
      ),
    versions: async () => (await ctx.store.list()).map(summaryOf),
    bundle: ({ file }) => serial(() => ctx.publisher.exportBundle({ layout: ctx.layout, store: ctx.store }, bundleTarget(file))),
    enrolDevice: async (body) => {
      const name = deviceName(body?.name);
      const code = newEnrolmentCode();
      const expires_at = new Date(Date.now() + CODE_TTL_MS).toISOString();
      try {
        await ctx.store.createCode({ code_sha256: codeDigest(code), name, expires_at });
      } catch (e) {
        if (e instanceof HubStoreError && e.code === 'name_taken') throw new HubOperationError(e.message, 409, 'name_taken', { cause: e });
        throw e;
      }
      ctx.logger.info({ device: name, expires_at }, 'enrolment code issued');
      return { name, code: formatCode(code), expires_at };
    },
    revokeDevice: async (body) => {
      const name = deviceName(body?.name);
      const r = await ctx.store.revokeDevice(name);
      if (!r) throw new HubOperationError(`no device named "${name}" is enrolled on this hub, and no code for that name is waiting`, 404, 'unknown_device');
      ctx.logger.info({ device: name, revoked_at: r.revoked_at }, 'device revoked');
      return r;
    },
    applications: async () => {
      const [list, devices] = await Promise.all([ctx.store.applications(), ctx.store.devices()]);
      const names = new Map(devices.map((d) => [d.id, d.name]));
      return list.map((a): ApplicationView => {
        const opened = openApplication(Buffer.from(a.sealed), ctx.sealing, { client_id: a.client_id, service: a.service, created_at: a.created_at });
        if (!opened.ok) ctx.logger.error({ client_id: a.client_id, receipt: a.receipt, reason: opened.error }, 'a stored application does not open with the hub\'s sealing key');
        return {
          receipt: a.receipt,
          client_id: a.client_id,
          device: names.get(a.device_id) ?? a.device_id,
          service: a.service,
          created_at: a.created_at,
          received_at: a.received_at,
          status: a.status,
          status_at: a.status_at,
          reason: a.status_reason,
          form: opened.ok ? opened.application.form : null,
          consent: opened.ok ? opened.application.consent : null,
          counsellor: opened.ok ? (opened.application.counsellor?.name ?? null) : null,
          ...(opened.ok ? {} : { error: opened.message }),
        };
      });
    },
    decide: async (body) => {
      const d = decisionInput(body);
      const found = await ctx.store.receipt(d.receipt);
      if (!found) throw new HubOperationError(`no application with receipt ${d.receipt} was received by this hub; check the number (cli hub applications lists them)`, 404, 'not_found');
      if (submittedAs(found.service) !== 'requested')
        throw new HubOperationError(
          `the application ${d.receipt} is for ${found.service}, which the centre does not confirm: only a reservation (${reservationServices().join(', ')}) is confirmed or declined; this one stays received`,
          409,
          'not_reservation',
        );
      const r = await ctx.store.decide(d);
      if (r.outcome === 'not_found') throw new HubOperationError(`no application with receipt ${d.receipt} was received by this hub`, 404, 'not_found');
      if (r.outcome === 'already')
        throw new HubOperationError(
          `the application ${d.receipt} was ${r.record.status} already (${r.record.status_at}${r.record.reason ? `, "${r.record.reason}"` : ''}); an answer the family may have seen is not changed — call them (their phone is in cli hub applications)`,
          409,
          'already_decided',
        );
      if (r.outcome === 'decided') ctx.logger.info({ receipt: d.receipt, service: found.service, status: d.status }, `reservation ${d.status}`);
      const rec = r.record;
      return { receipt: rec.receipt, service: rec.service, status: d.status, status_at: rec.status_at ?? '', reason: rec.reason, changed: r.outcome === 'decided' };
    },
    importApplications: async ({ file }) => {
      const { importApplications, importFormCatalogue } = await import('./import-applications.node.js');
      const forms = importFormCatalogue(ctx.layout, ctx.resources, ctx.logger);
      try {
        return await importApplications({ store: ctx.store, keys: ctx.keys, sealing: ctx.sealing, logger: ctx.logger, formCatalogue: forms.get }, file);
      } finally {
        forms.close();
      }
    },
    purgeApplications: async () => (await import('./retention.node.js')).purgeApplications({ store: ctx.store, logger: ctx.logger }),
  };
}

/** The services the centre confirms (their forms say 'requested'). */
const reservationServices = (): string[] => SERVICE_IDS.filter((s) => submittedAs(s) === 'requested');

// ---- the token and the endpoint file ----

const TOKEN = /^[0-9a-f]{64}$/;

/** The operator token (32 random bytes, hex), made 0600 on first use; one that is not a token is replaced. */
export function ensureOperatorToken(layout: HubLayout, logger: Logger): string {
  privateDir(layout.dataDir);
  let t: string | null = null;
  try {
    t = readFileSync(layout.operatorToken, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (t !== null && TOKEN.test(t)) return t;
  if (t !== null) logger.warn({ file: layout.operatorToken }, 'the operator token file held no token; a new one was made');
  const token = randomBytes(32).toString('hex');
  writePrivateFile(layout.operatorToken, `${token}\n`);
  return token;
}

export function readOperatorToken(layout: HubLayout): string | null {
  try {
    const t = readFileSync(layout.operatorToken, 'utf8').trim();
    return TOKEN.test(t) ? t : null;
  } catch {
    return null;
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Does an Authorization header carry this token? Compared in constant time (as hashes of equal length). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer ([^\s]+)$/.exec(header ?? '');
  const given = m?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}

export interface OperatorEndpoint {
  pid: number;
  port: number;
}
const Endpoint = z.object({ pid: z.number().int().positive(), port: z.number().int().min(1).max(65535) });

export function readOperatorEndpoint(layout: HubLayout): OperatorEndpoint | null {
  try {
    const e = Endpoint.safeParse(JSON.parse(readFileSync(layout.operatorEndpoint, 'utf8')));
    return e.success ? e.data : null;
  } catch {
    return null; // none, or half a file from a crash: as good as none
  }
}

export const writeOperatorEndpoint = (layout: HubLayout, e: OperatorEndpoint): void => writePrivateFile(layout.operatorEndpoint, JSON.stringify(e));

/** Removes operator.json when it announces this process (never another hub's). */
export function removeOperatorEndpoint(layout: HubLayout): void {
  if (readOperatorEndpoint(layout)?.pid === process.pid) rmSync(layout.operatorEndpoint, { force: true });
}

// ---- a running hub, reached through its endpoint ----

export { HubOperationError, codeDigest };

async function call<T>(ep: OperatorEndpoint, token: string, method: 'GET' | 'POST', path: string, body: unknown, timeoutMs: number): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`http://127.0.0.1:${ep.port}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new HubOperationError(`the running hub (process ${ep.pid}, operator port ${ep.port}) could not be reached: ${(e as Error).cause ? ((e as Error).cause as Error).message : (e as Error).message}`, 0, 'unreachable', { cause: e });
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HubOperationError(`the running hub answered ${method} ${path} with ${res.status} and no JSON`, res.status, 'bad_answer');
  }
  if (!res.ok) {
    const b = json as { error?: string; message?: string };
    throw new HubOperationError(b.message ?? `the running hub answered ${res.status}`, res.status, b.error ?? 'failed');
  }
  return json as T;
}

const MINUTE = 60_000;
export function remoteOperations(ep: OperatorEndpoint, token: string): HubOperations {
  return {
    publish: (body) => call(ep, token, 'POST', '/operator/publish', body, 30 * MINUTE),
    versions: () => call(ep, token, 'GET', '/operator/versions', undefined, MINUTE),
    bundle: (body) => call(ep, token, 'POST', '/operator/bundle', body, 30 * MINUTE),
    enrolDevice: (body) => call(ep, token, 'POST', '/operator/devices', body, MINUTE),
    revokeDevice: (body) => call(ep, token, 'POST', '/operator/devices/revoke', body, MINUTE),
    applications: () => call(ep, token, 'GET', '/operator/applications', undefined, 10 * MINUTE),
    decide: (body) => call(ep, token, 'POST', '/operator/applications/decide', body, MINUTE),
    importApplications: (body) => call(ep, token, 'POST', '/operator/applications/import', body, 30 * MINUTE),
    purgeApplications: () => call(ep, token, 'POST', '/operator/applications/purge', {}, 10 * MINUTE),
  };
}

/** The live hub announced in the data folder, answering on its endpoint with this token, or null when there is none. */
async function runningHub(layout: HubLayout): Promise<{ ep: OperatorEndpoint; token: string } | null> {
  const ep = readOperatorEndpoint(layout);
  if (!ep || !pidAlive(ep.pid)) return null;
  const token = readOperatorToken(layout);
  if (!token) throw new HubOperationError(`a hub (process ${ep.pid}) runs on ${layout.dataDir}, but its operator token ${layout.operatorToken} cannot be read; run this as the hub's user`, 0, 'no_token');
  try {
    const pong = await call<{ pid?: number }>(ep, token, 'GET', '/operator/ping', undefined, 5000);
    if (pong.pid !== ep.pid) return null; // another program answers on that port: operator.json is stale
  } catch (e) {
    if (e instanceof HubOperationError && e.code === 'unreachable') return null; // stale operator.json (its pid reused)
    throw e;
  }
  return { ep, token };
}

export interface WithHubOptions {
  databaseUrl?: string;
  logger: Logger;
  publisher: Publisher;
  /** where the calling program lies (its resources, the default catalogue source) */
  moduleUrl: string;
  /** how long a store held by another process (a hub starting, another command) is waited for (default BUSY_WAIT_MS) */
  busyWaitMs?: number;
}

/** A hub's first start makes its embedded store (PGlite's initdb: seconds, tens on a busy machine); a publish of a large catalogue takes as long. */
export const BUSY_WAIT_MS = 30_000;

/** How withHub reached the hub. */
export type HubRoute = { via: 'hub'; pid: number; port: number } | { via: 'store' };

/**
 * Runs `op` on the hub of this data folder: through a running hub's operator endpoint, or,
 * when none runs, on the store opened in this process (closed afterwards). A store another
 * process holds — a hub just starting (the lock taken, its endpoint not announced yet), or another
 * command — is waited for up to BUSY_WAIT_MS: through the hub once it answers, else on the store
 * once it is let go.
 */
export async function withHub<T>(layout: HubLayout, o: WithHubOptions, op: (ops: HubOperations, route: HubRoute) => Promise<T>): Promise<T> {
  /** through the running hub: its own store (a --database-url naming another is refused) */
  const viaHub = (hub: { ep: OperatorEndpoint; token: string }) => {
    checkRunningStore(layout, o.databaseUrl, hub.ep.pid);
    return op(remoteOperations(hub.ep, hub.token), { via: 'hub', pid: hub.ep.pid, port: hub.ep.port });
  };
  const running = await runningHub(layout);
  if (running) return viaHub(running);
  const open = () => openHubStore({ layout, databaseUrl: o.databaseUrl, logger: o.logger, migrations: readMigrations(join(resourcesFor(o.moduleUrl).migrations, 'hub')) });
  let store: HubStore | undefined;
  try {
    store = await open();
  } catch (e) {
    if (!(e instanceof HubStoreError && e.code === 'in_use')) throw e;
    // held by a hub that is starting (its first start makes the embedded store: seconds), or by
    // another command (a publish): waited for, going through the hub once it answers, or opening
    // the store once the other command has let it go
    const waitMs = o.busyWaitMs ?? BUSY_WAIT_MS;
    for (let waited = 0; !store; waited += 250) {
      if (waited >= waitMs) throw new HubStoreError('in_use', `${e.message}; it did not start answering or let the store go within ${Math.round(waitMs / 1000)} s`, { cause: e });
      await new Promise((r) => setTimeout(r, 250));
      const later = await runningHub(layout);
      if (later) return viaHub(later);
      try {
        store = await open();
      } catch (again) {
        if (!(again instanceof HubStoreError && again.code === 'in_use')) throw again;
      }
    }
  }
  try {
    const { keys } = ensureHubKeys(layout, o.logger);
    const { keys: sealing } = ensureSealingKeys(layout, o.logger);
    const ops = localOperations({ layout, store, keys, sealing, logger: o.logger, publisher: o.publisher, resources: resourcesFor(o.moduleUrl), moduleUrl: o.moduleUrl });
    return await op(ops, { via: 'store' });
  } finally {
    await store.close();
  }
}
