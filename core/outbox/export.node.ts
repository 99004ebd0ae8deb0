/**
 * Applications carried on a USB stick (issue 14): a counsellor's laptop offline for days writes
 * every application waiting in its outbox, as it is stored — the sealed bytes, the client id,
 * the non-personal envelope (service, created-at, size) and the receipt number the device gave
 * when it gave one — into one file signed with the device's own key
 * (sync/protocol/outbox-export.node.ts), for a hub to take with `cli hub import-applications FILE`.
 *
 * The applications stay pending here: the uploader still sends them when the network returns,
 * and the hub takes each client id once, whichever way it arrives first (the later one gets the
 * same receipt). The file is written whole (a temporary file beside it, flushed, renamed over
 * it), 0600, and holds nothing personal in plain text. From the UI it goes only onto removable
 * media the device found itself (SyncService.media): `exportToMedia`.
 *
 *   cli outbox export FILE [--data DIR] [--json]    {"file":…,"records":N,"bytes":N}
 */
import { createPrivateKey } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { KioskApiError } from '../contract/result.js';
import type { Logger } from '../log.node.js';
import { writeTar } from '../../sync/protocol/bundle.node.js';
import { EXPORT_KIND, EXPORT_MANIFEST, MAX_EXPORT_BYTES, MAX_EXPORT_RECORDS, OUTBOX_EXPORT_EXT, recordName, sha256hex, signExport, type ExportManifest } from '../../sync/protocol/outbox-export.node.js';
import type { DeviceFile } from './enrol.node.js';
import { OutboxError } from './errors.js';
import type { OutboxStore } from './store.node.js';

/** What an export wrote (the KioskApi's outboxExport output, and `cli outbox export --json`). */
export interface ExportResult {
  /** the file written (absolute) */
  file: string;
  /** applications in it */
  records: number;
  /** the file's size */
  bytes: number;
  /** pending applications left out (the newest): a file holds at most MAX_EXPORT_RECORDS and MAX_EXPORT_BYTES; they are sent when the network returns */
  left?: number;
}

/** A pending application as stored: what the export carries. */
export interface PendingExportRow {
  client_id: string;
  service: string;
  created_at: string;
  sealed: Buffer;
  /** the receipt number the device gave it, if it gave one */
  receipt: string | null;
}

/** Why an export wrote nothing (besides not being enrolled: OutboxError not_enrolled). */
export class ExportError extends Error {
  constructor(
    readonly reason: 'nothing_pending' | 'exists' | 'not_writable',
    message: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

/** Every pending application with its sealed bytes, oldest first, read at once (one statement: one snapshot). */
export function pendingForExport(store: OutboxStore): PendingExportRow[] {
  return store.db.prepare("SELECT client_id, service, created_at, sealed, receipt FROM application WHERE state = 'pending' AND sealed IS NOT NULL ORDER BY seq").all() as PendingExportRow[];
}

/** The record part of one application: exactly what the uploader sends for it. */
function recordBytes(r: PendingExportRow): Buffer {
  return Buffer.from(
    JSON.stringify({ client_id: r.client_id, service: r.service, created_at: r.created_at, size: r.sealed.length, sealed: r.sealed.toString('base64'), ...(r.receipt ? { receipt: r.receipt } : {}) }),
    'utf8',
  );
}

/**
 * Writes the export file: refuses (writing nothing) when the device is not enrolled, nothing is
 * pending, or `file` exists already. Atomic: a temporary file in the same folder (0600, flushed)
 * renamed over `file`; a failure removes it.
 */
export async function exportOutbox(o: { device: DeviceFile | null; rows: PendingExportRow[]; file: string; logger?: Logger; now?: Date }): Promise<ExportResult> {
  const device = o.device;
  if (!device)
    throw new OutboxError('not_enrolled', 'this device is not enrolled with a hub, so it cannot sign an export for one: an operator enrols it first (cli enrol --hub URL --code CODE)');
  if (!o.rows.length) throw new ExportError('nothing_pending', 'no application is waiting to be sent: there is nothing to carry to the hub (nothing was written)');
  const file = resolve(o.file);
  if (existsSync(file)) throw new ExportError('exists', `${file} exists already; give a new file name (nothing was written)`);
  const dir = dirname(file);
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new ExportError('not_writable', `the folder ${dir} does not exist (is the USB stick still in?); nothing was written`);
  }
  if (!st.isDirectory()) throw new ExportError('not_writable', `${dir} is not a folder; nothing was written`);

  // the oldest first, as many as a hub takes in one file (the rest: the next export)
  const records: { row: PendingExportRow; bytes: Buffer }[] = [];
  let total = 64 * 1024; // the manifest and the tar's own blocks, generously
  for (const row of o.rows) {
    const bytes = recordBytes(row);
    total += 512 + Math.ceil(bytes.length / 512) * 512 + 200;
    if (records.length === MAX_EXPORT_RECORDS || total > MAX_EXPORT_BYTES) break;
    records.push({ row, bytes });
  }
  const left = o.rows.length - records.length;
  const manifest: ExportManifest = {
    format: 1,
    kind: EXPORT_KIND,
    device_id: device.device_id,
    device_name: device.name,
    hub_key: device.signing_key,
    created_at: (o.now ?? new Date()).toISOString(),
    records: records.map(({ row, bytes }) => ({ name: recordName(row.client_id), client_id: row.client_id, sha256: sha256hex(bytes), size: bytes.length })),
  };
  const { bytes: envelope } = signExport(manifest, createPrivateKey(device.private_key));

  const tmp = join(dir, `.${basename(file)}.${process.pid}.part`);
  try {
    // made 0600 before a byte is written (writeTar opens it again, keeping the mode)
    closeSync(openSync(tmp, 'wx', 0o600));
    await writeTar(tmp, [{ name: EXPORT_MANIFEST, data: envelope }, ...records.map(({ row, bytes }) => ({ name: recordName(row.client_id), data: bytes }))]);
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd); // on the stick before it is named: pulling it out leaves the old name or the whole file
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new ExportError('exists', `another export to ${file} is being written; try again (nothing was written)`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOSPC' || code === 'ENOENT' || code === 'EIO')
      throw new ExportError('not_writable', `${file} cannot be written (${code}${code === 'EROFS' ? ': the stick is read-only' : code === 'ENOSPC' ? ': the stick is full' : ''}); nothing was written`);
    throw e;
  }
  try {
    const d = openSync(dir, 'r');
    try {
      fsyncSync(d); // the new name, too (some file systems refuse: the file itself is flushed)
    } finally {
      closeSync(d);
    }
  } catch {
    // a folder cannot be flushed on this file system
  }
  const bytes = statSync(file).size;
  o.logger?.info({ event: 'outbox.exported', records: records.length, bytes, file, left }, 'the pending applications were exported for the hub; they stay pending here');
  return { file, records: records.length, bytes, ...(left ? { left } : {}) };
}

/** The export's file name on a stick: the time and the device, never anything personal. */
export function exportFileName(deviceId: string, now: Date): string {
  const t = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `aichingu-applications-${t}-${deviceId.slice(4, 12)}${OUTBOX_EXPORT_EXT}`;
}

/** What the KioskApi handler needs: the outbox's export and the media the device found. */
export interface MediaExport {
  /** the USB sticks mounted now (SyncService.media) */
  media(): string[];
  /** this device's enrolment (OutboxService.device) */
  device(): DeviceFile | null;
  /** writes the pending applications to `file` (OutboxService.exportTo) */
  exportTo(file: string): Promise<ExportResult>;
  now(): Date;
}

/**
 * The KioskApi's outboxExport: onto a USB stick the device found (`media`, one of them; the first
 * when none is named) — never an arbitrary path. Refusals as error results: no stick, or a
 * `media` that is not one found: not_found (naming the field); not enrolled: unavailable; nothing
 * pending: bad_request; a stick that cannot be written: unavailable.
 */
export async function exportToMedia(m: MediaExport, media: string | undefined): Promise<ExportResult> {
  const found = m.media();
  if (media !== undefined && !found.includes(resolve(media)))
    throw new KioskApiError({ code: 'not_found', message: 'no such USB stick is mounted; look again (the stick may have been taken out)', field: 'media' });
  const target = media !== undefined ? resolve(media) : found[0];
  if (target === undefined) throw new KioskApiError({ code: 'not_found', message: 'no USB stick found: put one in and try again', field: 'media', reason: 'no_media' });
  try {
    const device = m.device();
    return await m.exportTo(join(target, exportFileName(device?.device_id ?? 'dev_00000000', m.now())));
  } catch (e) {
    if (e instanceof OutboxError) throw new KioskApiError({ code: 'unavailable', message: e.message, reason: e.reason });
    if (e instanceof ExportError) throw new KioskApiError({ code: e.reason === 'nothing_pending' ? 'bad_request' : 'unavailable', message: e.message, reason: e.reason });
    throw e;
  }
}
