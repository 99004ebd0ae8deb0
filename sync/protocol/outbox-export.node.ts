/**
 * Applications carried on a USB stick (issue 14): a device that has had no network for days
 * writes the applications waiting in its outbox into one file (core/outbox/export.node.ts), and
 * a hub takes them in with `cli hub import-applications FILE` (sync/hub/import-applications.node.ts)
 * through the same intake the network upload uses — each once, by its client id, whichever way
 * it arrives first.
 *
 * The file is a plain POSIX tar (`tar tf FILE` lists it; bundle.node.ts writes and reads it):
 *
 *   manifest.json            the signed envelope {payload, signature, device_id}: `payload` is
 *                            the manifest's exact bytes in base64, `signature` ed25519 by the
 *                            device's own key over EXPORT_STATEMENT + those bytes
 *   records/<client_id>.json one per application: exactly what the device uploads (Upload:
 *                            client id, service, created_at, size, the sealed bytes in base64,
 *                            and the receipt number the device gave, when it gave one)
 *
 * The manifest names each record with its SHA-256 and size, so a record changed, added or
 * removed after the export is seen before anything is taken. Nothing in the file is personal in
 * plain text: the forms are sealed for the hub; the envelopes are a service, times and sizes.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import * as z from 'zod';
import { DEVICE_ID } from './device-auth.node.js';
import { parsePublicKey } from './keys.node.js';
import { Upload } from './intake.js';

/** the file extension operators see: 아이친구 1279 outbox ("o") */
export const OUTBOX_EXPORT_EXT = '.a1279o';
export const EXPORT_MANIFEST = 'manifest.json';
export const EXPORT_KIND = 'aichingu-1279 outbox export';
/** what the device's signature covers before the manifest's bytes (never a request's statement: device-auth.node.ts) */
export const EXPORT_STATEMENT = 'aichingu-1279 outbox export v1\n';
/** a file larger than this is not one a device wrote (a full outbox of the largest applications is far smaller) */
export const MAX_EXPORT_BYTES = 512 * 1024 * 1024;
/** records in one file */
export const MAX_EXPORT_RECORDS = 20_000;

const KEY_LINE = z.string().regex(/^ed25519:[A-Za-z0-9+/]{43}=$/, 'an ed25519 key line');
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const SHA256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex');

/** The part name of a record: records/<client id>.json */
export const recordName = (clientId: string): string => `records/${clientId}.json`;

export const ExportRecordRef = z
  .object({
    name: z.string().regex(/^records\/[0-9a-f-]{36}\.json$/, 'records/<client id>.json'),
    client_id: z.string().uuid(),
    sha256: SHA256,
    size: z.number().int().positive(),
  })
  .strict();
export type ExportRecordRef = z.infer<typeof ExportRecordRef>;

export const ExportManifest = z
  .object({
    format: z.literal(1),
    kind: z.literal(EXPORT_KIND),
    /** the device that wrote it (its id at the hub) and the name the operator gave it */
    device_id: z.string().regex(DEVICE_ID),
    device_name: z.string().min(1).max(64),
    /** the hub's signing key the device is enrolled with: the hub it is meant for */
    hub_key: KEY_LINE,
    created_at: z.string().datetime({ offset: true }),
    /** oldest first, as the outbox sends them */
    records: z.array(ExportRecordRef).max(MAX_EXPORT_RECORDS),
  })
  .strict();
export type ExportManifest = z.infer<typeof ExportManifest>;

export const ExportEnvelope = z
  .object({
    payload: z.string().regex(B64).min(1),
    signature: z.string().regex(B64).min(86),
    device_id: z.string().regex(DEVICE_ID),
  })
  .strict();
export type ExportEnvelope = z.infer<typeof ExportEnvelope>;

/** What one record part holds: the upload as the device sends it. */
export const ExportRecord = Upload;

export const sha256hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

const statement = (payload: Buffer) => Buffer.concat([Buffer.from(EXPORT_STATEMENT, 'utf8'), payload]);

/** The envelope for a manifest, signed with the device's key. */
export function signExport(m: ExportManifest, deviceKey: KeyObject): { envelope: ExportEnvelope; bytes: Buffer } {
  const payload = Buffer.from(JSON.stringify(ExportManifest.parse(m)), 'utf8');
  const envelope: ExportEnvelope = { payload: payload.toString('base64'), signature: sign(null, statement(payload), deviceKey).toString('base64'), device_id: m.device_id };
  return { envelope, bytes: Buffer.from(JSON.stringify(envelope), 'utf8') };
}

/** Why a file is not taken: said to the operator, never naming what is inside a record. */
export class ExportFileError extends Error {
  constructor(
    readonly code: 'not_export' | 'bad_signature' | 'tampered' | 'other_hub' | 'unknown_device' | 'revoked' | 'unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'ExportFileError';
  }
}

/** The envelope read from the manifest part (not yet trusted: its signature is checked with the key of the device it names). */
export function readEnvelope(bytes: Buffer, file: string): { envelope: ExportEnvelope; payload: Buffer } {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ExportFileError('not_export', `${file}: its ${EXPORT_MANIFEST} is not JSON; it is not an applications file a device wrote (cli outbox export)`);
  }
  const e = ExportEnvelope.safeParse(json);
  if (!e.success) throw new ExportFileError('not_export', `${file}: its ${EXPORT_MANIFEST} is not a signed envelope (field "${e.error.issues[0]?.path.join('.') || 'manifest'}": ${e.error.issues[0]?.message})`);
  return { envelope: e.data, payload: Buffer.from(e.data.payload, 'base64') };
}

/** The manifest, once the signature over its exact bytes is the device's (publicKeyLine: as the hub registered it at enrolment). */
export function openExport(envelope: ExportEnvelope, payload: Buffer, publicKeyLine: string, file: string): ExportManifest {
  const good = verify(null, statement(payload), parsePublicKey(publicKeyLine), Buffer.from(envelope.signature, 'base64'));
  if (!good) throw new ExportFileError('bad_signature', `${file}: its manifest is not signed by the key device ${envelope.device_id} enrolled with — it was changed after the export, or made elsewhere; nothing was imported`);
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new ExportFileError('not_export', `${file}: the signed manifest is not JSON; nothing was imported`);
  }
  const m = ExportManifest.safeParse(json);
  if (!m.success) throw new ExportFileError('not_export', `${file}: the signed manifest is not one this hub reads (field "${m.error.issues[0]?.path.join('.') || 'manifest'}": ${m.error.issues[0]?.message}); update the hub; nothing was imported`);
  if (m.data.device_id !== envelope.device_id) throw new ExportFileError('tampered', `${file}: the manifest names device ${m.data.device_id}, its envelope ${envelope.device_id}; nothing was imported`);
  return m.data;
}
