/**
 * `cli hub import-applications FILE`: the applications a device carried on a USB stick
 * (`cli outbox export`, sync/protocol/outbox-export.node.ts) taken in at the hub — through the
 * running hub's operator endpoint or on the store opened by the CLI (operator.node.ts), the same
 * either way.
 *
 * The whole file is checked before anything is taken: it is a tar of a manifest and the records
 * it names, and nothing else; the manifest is signed by the key the device enrolled with (a
 * device this hub does not know, or one revoked, is refused); it is meant for this hub; each
 * record's SHA-256 and size are the manifest's. One thing wrong and nothing is imported. Then
 * every record goes through the intake's own way in (intake.node.ts takeApplications: opened
 * with the sealing key, the form checked against its service's schema, stored idempotently by
 * client id): a new one is imported with a receipt, one received before (by network or by an
 * earlier file) is a duplicate with its receipt, and other bytes under a known client id are a
 * conflict — reported, not stored. The device's later upload of the same applications gets the
 * same receipts.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/log.node.js';
import type { Resources } from '../../core/env.node.js';
import type { FormCatalogue } from '../../core/forms/catalogue.js';
import { Catalogue } from '../../db/catalogue/store.js';
import { readMigrations } from '../../db/sqlite.js';
import { fingerprint, type HubKeys } from '../protocol/keys.node.js';
import { MAX_BATCH } from '../protocol/intake.js';
import type { SealingKeys } from '../protocol/seal.node.js';
import {
  EXPORT_MANIFEST,
  ExportFileError,
  ExportManifest,
  MAX_EXPORT_BYTES,
  openExport,
  readEnvelope,
  sha256hex,
} from '../protocol/outbox-export.node.js';
import { takeApplications } from './intake.node.js';
import type { HubLayout } from './layout.node.js';
import { HubOperationError } from './operation-error.node.js';
import { publishedCatalogue } from './published.node.js';
import type { HubStore } from './store.js';

/** What an import did (`--json` prints imported, duplicates and refused). */
export interface ImportResult {
  /** new applications, stored now with a receipt */
  imported: number;
  /** received before (over the network or from an earlier file): the same receipt */
  duplicates: number;
  /** records the intake did not take, with its reason (a conflict: other bytes under a client id it has) */
  refused: { client_id: string; reason: string }[];
  /** the device that wrote the file */
  device: string;
  device_id: string;
  /** records in the file */
  records: number;
}

export interface ImportContext {
  store: HubStore;
  /** the hub's signing key: the file must be meant for it */
  keys: Pick<HubKeys, 'publicKey'>;
  sealing: SealingKeys;
  logger: Logger;
  /** the catalogue the service forms are checked against (as the HTTP intake's) */
  formCatalogue?: () => FormCatalogue | undefined;
}

const TAR_BLOCK = 512;

/** The parts of a tar held in memory, by name; anything but plain files, or a name twice, is refused. */
function tarParts(buf: Buffer, file: string): Map<string, Buffer> {
  const notOne = (why: string) => new ExportFileError('not_export', `${file} is not an applications file a device wrote (cli outbox export): ${why}; nothing was imported`);
  const parts = new Map<string, Buffer>();
  let at = 0;
  while (at + TAR_BLOCK <= buf.length) {
    const h = buf.subarray(at, at + TAR_BLOCK);
    if (h.every((b) => b === 0)) break;
    if (h.toString('latin1', 257, 262) !== 'ustar') throw notOne('not a tar file');
    const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    if (h.toString('latin1', 345, 500).replace(/\0.*$/s, '') !== '') throw notOne(`the part ${name} has a long name`);
    const type = h.toString('latin1', 156, 157);
    if (type !== '0' && type !== '\0') throw notOne(`the part ${name} is not a plain file`);
    const size = parseInt(h.toString('latin1', 124, 136).replace(/\0.*$/s, '').trim(), 8);
    if (!Number.isFinite(size) || size < 0 || at + TAR_BLOCK + size > buf.length) throw notOne(`it is cut short (the part ${name} runs past its end); copy it again`);
    if (parts.has(name)) throw notOne(`it holds the part ${name} twice`);
    parts.set(name, buf.subarray(at + TAR_BLOCK, at + TAR_BLOCK + size));
    at += TAR_BLOCK + Math.ceil(size / TAR_BLOCK) * TAR_BLOCK;
  }
  return parts;
}

/** The manifest's fields before its signature is checked: only to say which hub a refused file was meant for. */
function peekHubKey(payload: Buffer): string | null {
  try {
    const m = ExportManifest.shape.hub_key.safeParse((JSON.parse(payload.toString('utf8')) as { hub_key?: unknown }).hub_key);
    return m.success ? m.data : null;
  } catch {
    return null;
  }
}

const refusal = (e: ExportFileError): HubOperationError =>
  new HubOperationError(e.message, e.code === 'revoked' ? 403 : e.code === 'unknown_device' ? 404 : e.code === 'other_hub' ? 409 : 400, e.code, { cause: e });

/** Reads and checks the file, then takes its records through the intake. Throws HubOperationError (nothing imported) when the file is not taken as a whole. */
export async function importApplications(ctx: ImportContext, file: string): Promise<ImportResult> {
  try {
    return await importFile(ctx, file);
  } catch (e) {
    if (e instanceof ExportFileError) {
      ctx.logger.info({ event: 'hub.import_refused', file, reason: e.code }, `an applications file was refused: ${e.message}`);
      throw refusal(e);
    }
    throw e;
  }
}

async function importFile(ctx: ImportContext, file: string): Promise<ImportResult> {
  let buf: Buffer;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new ExportFileError('unreadable', `${file} is not a file; give the file the device wrote (cli outbox export FILE)`);
    if (st.size > MAX_EXPORT_BYTES) throw new ExportFileError('not_export', `${file} is ${st.size} bytes, larger than any applications file a device writes; nothing was imported`);
    buf = readFileSync(file);
  } catch (e) {
    if (e instanceof ExportFileError) throw e;
    throw new ExportFileError('unreadable', `${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})${(e as NodeJS.ErrnoException).code === 'EACCES' ? '; run this as the hub\'s user, or make the file readable to it' : ''}`);
  }
  const parts = tarParts(buf, file);
  const manifestPart = parts.get(EXPORT_MANIFEST);
  if (!manifestPart) throw new ExportFileError('not_export', `${file} is not an applications file a device wrote (cli outbox export): it has no ${EXPORT_MANIFEST}; nothing was imported`);
  const { envelope, payload } = readEnvelope(manifestPart, file);

  // meant for this hub? (said before the device is looked up: a device of another hub is unknown here)
  const meantFor = peekHubKey(payload);
  const otherHub = () =>
    new ExportFileError(
      'other_hub',
      `${file} was written for another hub (key ${meantFor ? fingerprint(meantFor) : 'unknown'}), not this one (key ${fingerprint(ctx.keys.publicKey)}); import it at the hub the device is enrolled with. Nothing was imported`,
    );
  if (meantFor !== null && meantFor !== ctx.keys.publicKey) throw otherHub();

  const device = await ctx.store.device(envelope.device_id);
  if (!device) throw new ExportFileError('unknown_device', `${file} was written by device ${envelope.device_id}, which this hub has never enrolled; nothing was imported`);
  const manifest = openExport(envelope, payload, device.public_key, file);
  if (device.revoked_at !== null)
    throw new ExportFileError('revoked', `${file} was written by device "${device.name}", revoked at ${device.revoked_at}: the hub takes nothing from it, by network or by USB. Nothing was imported`);
  if (manifest.hub_key !== ctx.keys.publicKey) throw otherHub();

  // every part is one the manifest names, and each record is the one it signed
  const named = new Set([EXPORT_MANIFEST, ...manifest.records.map((r) => r.name)]);
  const extra = [...parts.keys()].filter((n) => !named.has(n));
  if (extra.length) throw new ExportFileError('tampered', `${file} holds ${extra.length} part(s) its signed manifest does not name (${extra.slice(0, 3).join(', ')}): it was changed after the export; nothing was imported`);
  const ids = new Set<string>();
  const uploads: unknown[] = [];
  for (const [i, ref] of manifest.records.entries()) {
    const changed = (why: string) => new ExportFileError('tampered', `${file}: record ${i + 1} (client id ${ref.client_id}) ${why}: the file was changed after the export; nothing was imported`);
    if (ids.has(ref.client_id)) throw changed('is named twice in the manifest');
    ids.add(ref.client_id);
    if (ref.name !== `records/${ref.client_id}.json`) throw changed(`is stored as ${ref.name}, not under its client id`);
    const bytes = parts.get(ref.name);
    if (!bytes) throw changed('is missing');
    if (bytes.length !== ref.size || sha256hex(bytes) !== ref.sha256) throw changed('does not match the SHA-256 its signed manifest gives');
    let record: unknown;
    try {
      record = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw changed('is not JSON');
    }
    if ((record as { client_id?: unknown } | null)?.client_id !== ref.client_id) throw changed('holds another client id than the manifest says');
    uploads.push(record);
  }

  // the intake's own way in, a batch at a time (as a device uploads)
  const out: ImportResult = { imported: 0, duplicates: 0, refused: [], device: device.name, device_id: device.id, records: uploads.length };
  for (let i = 0; i < uploads.length; i += MAX_BATCH) {
    const results = await takeApplications(ctx, ctx.logger, device, uploads.slice(i, i + MAX_BATCH), (k) => `records.${i + k}.`);
    for (const r of results) {
      if ('receipt' in r) {
        if (r.status === 201) out.imported++;
        else out.duplicates++;
      } else out.refused.push({ client_id: r.client_id, reason: `${r.error}: ${r.message}` });
    }
  }
  ctx.logger.info(
    { event: 'hub.imported', device_id: device.id, device: device.name, records: uploads.length, imported: out.imported, duplicates: out.duplicates, refused: out.refused.length },
    'applications imported from a device\'s USB export',
  );
  return out;
}

/**
 * The catalogue the service forms are checked against, as the running hub's intake has it
 * (main.node.ts): the newest published one, else the app's own; opened for one import.
 */
export function importFormCatalogue(layout: HubLayout, resources: Resources, logger: Logger): { get: () => FormCatalogue | undefined; close: () => void } {
  const migrations = readMigrations(join(resources.migrations, 'catalogue'));
  const published = publishedCatalogue(layout, migrations, logger);
  let embedded: Catalogue | null = null;
  return {
    get: () => published.current() ?? (embedded ??= Catalogue.open(resources.embeddedCatalogue, migrations, { search: false })),
    close: () => {
      published.close();
      embedded?.close();
    },
  };
}
