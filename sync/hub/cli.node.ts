/**
 * The CLI's hub commands (`cli hub key|publish|versions|enrol-device|revoke-device|applications`, `cli bundle export`), loaded by
 * core/cli.node.ts only when one of them runs (the kiosk's own commands never load Fastify or
 * PGlite). Each works whether or not a hub runs on the data folder: through the running hub's
 * operator endpoint, or on the store opened here (operator.node.ts: withHub) — same output.
 *
 *   hub key [--data DIR]                                        the public key, one line (made on first use in a folder that exists)
 *   hub publish [--data DIR] [--source DIR] [--database-url URL] [--json]
 *   hub versions [--data DIR] [--database-url URL] [--json]
 *   bundle export FILE [--data DIR] [--database-url URL] [--json]
 *   hub enrol-device NAME [--data DIR] [--database-url URL] [--json]   a one-time code, alone on the last line
 *   hub revoke-device NAME [--data DIR] [--database-url URL] [--json]
 *   hub applications [--data DIR] [--database-url URL] [--json]      opened with the sealing key
 *   hub confirm RECEIPT [--data DIR] [--database-url URL] [--json]   a reservation confirmed by the centre
 *   hub decline RECEIPT --reason TEXT [--data DIR] [--database-url URL] [--json]
 *   hub import-applications FILE [--data DIR] [--database-url URL] [--json]   a device's USB export, through the intake
 *                                                    --json: {"imported":N,"duplicates":N,"refused":[{"client_id":…,"reason":…}]}
 *   hub purge-applications [--data DIR] [--database-url URL] [--json]   the retention, once: {"deleted":N,"before":"<ISO time>"}
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLogger, type Logger } from '../../core/log.node.js';
import { defaultHubDataDir } from './hub-env.node.js';
import { ensureHubKeys } from './hub-keys.node.js';
import { hubLayout } from './layout.node.js';
import { BUNDLE_EXT } from '../protocol/bundle.node.js';
import { HubOperationError } from './operation-error.node.js';
import { bundleTarget, decisionInput, deviceName, InputError, withHub, type HubOperations } from './operator.node.js';
import { publisher } from './publisher.node.js';
import { checkDatabaseUrl, HubStoreError } from './store.node.js';

export interface HubIO {
  out: (s: string) => void;
  err: (s: string) => void;
}

export type HubCommand =
  | 'hub key'
  | 'hub publish'
  | 'hub versions'
  | 'bundle export'
  | 'hub enrol-device'
  | 'hub revoke-device'
  | 'hub applications'
  | 'hub confirm'
  | 'hub decline'
  | 'hub import-applications'
  | 'hub purge-applications';

export interface HubCommandOptions {
  /** the hub's data folder (default: AICHINGU_HUB_DATA, else ~/.local/share/aichingu-1279-hub) */
  data?: string;
  /** the catalogue source (default: the hub's, the checkout's db/catalogue) */
  source?: string;
  databaseUrl?: string;
  json?: boolean;
  /** hub decline: the reason the family is shown */
  reason?: string;
  /** where the calling program lies (its resources); default: this module */
  moduleUrl?: string;
  logger?: Logger;
}

class Usage extends Error {}

/** The device name checked here first (exit code 2 when it is not one), the same as the hub checks it. */
function checkedName(raw: string): string {
  try {
    return deviceName(raw);
  } catch (e) {
    if (e instanceof InputError) throw new Usage(e.message);
    throw e;
  }
}

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} kB` : `${n} B`);

/** Runs one hub command; returns the exit code (0, 1: it failed, 2: it was asked wrongly). Never throws. */
export async function hubCommand(name: HubCommand, rest: string[], o: HubCommandOptions, io: HubIO): Promise<number> {
  const logger = o.logger ?? createLogger({ name: 'cli', level: process.env.AICHINGU_LOG_LEVEL ?? 'warn' });
  try {
    const layout = hubLayout(o.data ?? defaultHubDataDir());
    if (o.databaseUrl !== undefined) checkDatabaseUrl(o.databaseUrl);
    // a mistyped --data must not quietly become a new hub, with a key no kiosk should pin
    // (listing the versions of a PostgreSQL store from another folder signs nothing and needs no key)
    if (!existsSync(layout.dataDir) && !(o.databaseUrl !== undefined && name === 'hub versions'))
      throw new Usage(
        `there is no hub in ${layout.dataDir} (the folder does not exist): check --data${o.data === undefined ? ' (without it, the default folder is used)' : ''}, or start the hub there once (npm run hub -- --data ${layout.dataDir}), which makes the folder and the hub's key`,
      );
    if (name === 'hub key') {
      if (rest.length) throw new Usage(`hub key takes no argument (got "${rest.join(' ')}")`);
      const { keys, created } = ensureHubKeys(layout, logger);
      if (created) io.err(`made a new hub key in ${layout.dataDir}: this folder is a new hub (kiosks that pinned another hub's key refuse its catalogue)`);
      io.out(keys.publicKey);
      return 0;
    }
    const decision = name === 'hub confirm' || name === 'hub decline';
    const takesOne = name === 'bundle export' || name === 'hub enrol-device' || name === 'hub revoke-device' || name === 'hub import-applications' || decision;
    if (!takesOne && rest.length) throw new Usage(`${name} takes no argument (got "${rest.join(' ')}")`);
    if ((name === 'hub enrol-device' || name === 'hub revoke-device') && rest.length !== 1)
      throw new Usage(`${name} needs the device's name, one argument (a name with spaces in quotes), e.g. cli ${name} "3층 키오스크"${rest.length ? ` (got ${rest.length}: ${rest.join(' ')})` : ''}`);
    if (!decision && o.reason !== undefined) throw new Usage(`${name} takes no --reason (only hub decline does)`);
    const file = rest[0];
    if (name === 'bundle export' && (rest.length !== 1 || !file)) throw new Usage(`bundle export needs one file to write, e.g. cli bundle export /media/usb/catalogue${BUNDLE_EXT}`);
    if (name === 'hub import-applications' && (rest.length !== 1 || !file))
      throw new Usage(`hub import-applications needs one file, the one a device wrote with outbox export, e.g. cli hub import-applications /media/usb/applications.a1279o${rest.length > 1 ? ` (got ${rest.length}: ${rest.join(' ')})` : ''}`);
    const run = <T>(op: (ops: HubOperations) => Promise<T>) =>
      withHub(layout, { databaseUrl: o.databaseUrl, logger, publisher, moduleUrl: o.moduleUrl ?? import.meta.url }, (ops, route) => {
        logger.info({ route }, route.via === 'hub' ? `through the running hub (process ${route.pid})` : 'on the hub store directly (no hub is running)');
        return op(ops);
      });
    if (name === 'hub publish') {
      // a path is the caller's: made absolute here, where its current folder is known
      const r = await run((ops) => ops.publish(o.source !== undefined ? { sourceDir: resolve(o.source) } : {}));
      if (o.json) io.out(JSON.stringify(r));
      else if (r.unchanged) io.out(`the catalogue source is unchanged since version ${r.version} (${r.catalogue_version}, ${r.entries} entries): nothing published`);
      else {
        io.out(`published version ${r.version} (${r.catalogue_version}, ${r.entries} entries${r.changes ? `; ${r.changes.put} changed, ${r.changes.deleted} deleted since ${r.version - 1}` : ''}) in ${r.ms} ms`);
        for (const f of r.files) io.out(`  ${f.name}  ${kb(f.size)}`);
      }
      return 0;
    }
    if (name === 'hub versions') {
      const list = await run((ops) => ops.versions());
      if (o.json) io.out(JSON.stringify(list));
      else if (!list.length) io.out('no version published yet; publish one with: cli hub publish');
      else for (const v of list) io.out(`${String(v.version).padStart(4)}  ${v.created_at}  ${v.catalogue_version}  ${v.entries} entries  ${v.files.join(', ')}`);
      return 0;
    }
    if (name === 'hub enrol-device') {
      const device = checkedName(rest[0]!);
      const r = await run((ops) => ops.enrolDevice({ name: device }));
      if (o.json) io.out(JSON.stringify({ name: r.name, code: r.code, expires_at: r.expires_at }));
      else {
        io.out(`a one-time enrolment code for device "${r.name}", valid until ${r.expires_at} (24 hours), once;`);
        io.out('on the device: cli enrol --hub http://THIS-HUB:PORT --code CODE (any earlier unused code for this name no longer works)');
        io.out(r.code);
      }
      return 0;
    }
    if (name === 'hub revoke-device') {
      const device = checkedName(rest[0]!);
      const r = await run((ops) => ops.revokeDevice({ name: device }));
      if (o.json) io.out(JSON.stringify(r));
      else io.out(`device "${r.name}" is revoked (since ${r.revoked_at}): the hub takes nothing more from it`);
      return 0;
    }
    if (decision) {
      if (rest.length !== 1) throw new Usage(`${name} needs one receipt number, e.g. cli ${name} 4821-0937-5${name === 'hub decline' ? ' --reason "그 시간은 예약이 찼어요"' : ''}${rest.length ? ` (got ${rest.length}: ${rest.join(' ')})` : ''}`);
      const status = name === 'hub confirm' ? 'confirmed' : 'declined';
      let body;
      try {
        body = decisionInput({ receipt: rest[0], status, reason: o.reason });
      } catch (e) {
        if (e instanceof InputError) throw new Usage(e.message);
        throw e;
      }
      const r = await run((ops) => ops.decide({ receipt: body.receipt, status, ...(body.reason !== null ? { reason: body.reason } : {}) }));
      if (o.json) io.out(JSON.stringify(r));
      else
        io.out(
          `${r.receipt} (${r.service}) ${r.changed ? 'is now' : 'was already'} ${r.status} (${r.status_at})${r.reason ? `: "${r.reason}"` : ''}; the device that sent it shows it after its next sync with the hub`,
        );
      return 0;
    }
    if (name === 'hub applications') {
      const list = await run((ops) => ops.applications());
      if (o.json) io.out(JSON.stringify(list));
      else if (!list.length) io.out('no application received yet');
      else
        for (const a of list)
          io.out(`${a.receipt}  ${a.received_at}  ${a.service}  ${a.status}${a.status_at ? ` ${a.status_at}` : ''}${a.reason ? ` "${a.reason}"` : ''}  from "${a.device}"${a.counsellor ? ` by counsellor "${a.counsellor}"` : ''}  ${a.form ? JSON.stringify(a.form) : `(cannot be opened: ${a.error ?? 'unknown reason'})`}`);
      return 0;
    }
    if (name === 'hub import-applications') {
      const r = await run((ops) => ops.importApplications({ file: resolve(file!) }));
      if (o.json) io.out(JSON.stringify({ imported: r.imported, duplicates: r.duplicates, refused: r.refused.map((x) => ({ client_id: x.client_id, reason: x.reason })) }));
      else {
        io.out(`${r.records} application${r.records === 1 ? '' : 's'} from device "${r.device}" (${r.device_id}): ${r.imported} imported, ${r.duplicates} received before (the same receipts), ${r.refused.length} refused`);
        for (const x of r.refused) io.out(`  refused ${x.client_id}: ${x.reason}`);
        if (r.imported) io.out('the device sends them again when its network returns; the hub answers with the same receipts (cli hub applications lists them)');
      }
      return 0;
    }
    if (name === 'hub purge-applications') {
      const r = await run((ops) => ops.purgeApplications());
      if (o.json) io.out(JSON.stringify({ deleted: r.deleted, before: r.before }));
      else io.out(`deleted ${r.deleted} application${r.deleted === 1 ? '' : 's'} received before ${r.before} (kept AICHINGU_HUB_RETENTION_DAYS days, 365 unless set); the hub does this itself at start and every day`);
      return 0;
    }
    const target = bundleTarget(resolve(file!)); // checked here too: said before a running hub is asked
    const r = await run((ops) => ops.bundle({ file: target }));
    if (o.json) io.out(JSON.stringify(r));
    else {
      io.out(`${r.file}: version ${r.version}, ${kb(r.size)} — import it on a kiosk from the USB stick`);
      if (!r.file.endsWith(BUNDLE_EXT)) io.err(`note: the kiosk's 안내 정보 업데이트 view lists only files ending in ${BUNDLE_EXT}; cli bundle import takes this one as it is`);
    }
    return 0;
  } catch (e) {
    if (e instanceof Usage) {
      io.err(`error: ${e.message}`);
      return 2;
    }
    // input an operation refused (on the store here, or by the running hub: 400 bad_request): asked
    // wrongly, said in the CLI's words — not a file refused for what it holds (an import's own codes: exit 1)
    if (e instanceof InputError || (e instanceof HubOperationError && e.status === 400 && e.code === 'bad_request')) {
      io.err(`error: ${e.message.replace(/^field "sourceDir": /, '--source: ').replace(/^field "file": /, '')}`);
      return 2;
    }
    if (e instanceof HubStoreError && e.code === 'bad_url') {
      io.err(`error: --database-url: ${e.message}`);
      return 2;
    }
    // the message is the operator's report; the stack and causes with AICHINGU_LOG_LEVEL=debug (a running hub logs its own side)
    logger.debug({ err: e }, `${name} failed`);
    io.err(`error: ${(e as Error).message}`);
    return 1;
  }
}
