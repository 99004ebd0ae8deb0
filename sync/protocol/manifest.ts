/**
 * The catalogue distribution protocol, shared by the hub (which publishes) and the kiosk (which
 * pulls, or imports a USB bundle): what a published version is, how its manifest is signed,
 * and the names of its files. Environment-free: the signing itself is in keys.node.ts.
 *
 * A version N is a manifest plus plain files any static web server or CDN can serve:
 *   manifest-N.json              the signed envelope of the manifest (latest.json: the newest one)
 *   snapshot-N.sqlite.br         the whole catalogue database, search index included, brotli;
 *                                a large one in parts (snapshot-N.1.sqlite.br, …: byte ranges of
 *                                the database compressed on their own, so that the hub compresses
 *                                and the kiosk decompresses them side by side, one per core)
 *   delta-(N-1)-N.bin.br         the changes from the version before (entries put and deleted,
 *                                FAQ, synonyms, and the search index of the changed entries)
 * The manifest lists each file with its SHA-256 and size (as served, and once decompressed);
 * the envelope carries the manifest's exact bytes (base64) and an ed25519 signature over them,
 * so nothing has to be re-serialised the same way to be checked.
 */
import * as z from 'zod';

export const MANIFEST_FORMAT = 1;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
const count = z.number().int().nonnegative();

export const FileRef = z.object({
  /** the file's name (also its path under the hub's /catalogue/) */
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'a plain file name (a-z, 0-9, dots and dashes)'),
  kind: z.enum(['snapshot', 'delta']),
  /** a delta: the version it applies to */
  from: z.number().int().positive().optional(),
  /** a snapshot part: where its bytes go in the database (parts are listed in order, end to end) */
  offset: z.number().int().nonnegative().optional(),
  encoding: z.literal('br'),
  /** as served (compressed) */
  sha256: hex64,
  size: count,
  /** once decompressed */
  raw_sha256: hex64,
  raw_size: count,
});
export type FileRef = z.infer<typeof FileRef>;

export const Manifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.number().int().positive(),
  created_at: z.string().datetime(),
  /** the catalogue's own version string (date and content hash of its source) */
  catalogue_version: z.string().min(1),
  /** the catalogue store's schema version (its number of migrations) the snapshot is at */
  schema: z.number().int().positive(),
  entries: count,
  previous: z.number().int().positive().nullable(),
  /** the hub key's fingerprint (see keys.node.ts) */
  key_id: z.string().min(1),
  files: z.array(FileRef).min(1),
});
export type Manifest = z.infer<typeof Manifest>;

/** A signed manifest: its exact bytes and the signature over them. */
export const Envelope = z.object({
  payload: z.string().min(1),
  signature: z.string().min(1),
  key_id: z.string().min(1),
});
export type Envelope = z.infer<typeof Envelope>;

/** the snapshot's file; part P (from 1) of a snapshot in parts */
export const snapshotName = (version: number, part?: number): string => (part ? `snapshot-${version}.${part}.sqlite.br` : `snapshot-${version}.sqlite.br`);
export const deltaName = (from: number, to: number): string => `delta-${from}-${to}.bin.br`;
export const manifestName = (version: number): string => `manifest-${version}.json`;
export const LATEST = 'latest.json';

/** What went wrong with a catalogue update, in words an operator can act on. */
export class SyncError extends Error {
  constructor(
    readonly code:
      | 'no_key' // first sync with no key given
      | 'key_mismatch' // a key other than the pinned one
      | 'bad_signature'
      | 'bad_manifest'
      | 'bad_file' // a file's size or SHA-256 is not the manifest's
      | 'rollback' // a version lower than the installed one
      | 'schema_newer' // the catalogue needs a newer app
      | 'unreachable' // the hub could not be reached (or answered something else than the protocol)
      | 'busy' // an update is already running
      | 'bad_bundle',
    message: string,
    /** the update was asked wrongly (no key, a key or hub address that is not one), not refused or failed: the CLI exits 2 */
    readonly asked = false,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

/** The snapshot (its parts, in order) of a manifest, and its delta when it has one. */
export function filesOf(m: Manifest): { snapshot: FileRef[]; delta?: FileRef } {
  const snapshot = m.files.filter((f) => f.kind === 'snapshot');
  if (!snapshot.length) throw new SyncError('bad_manifest', `the manifest of version ${m.version} lists no snapshot`);
  // the parts cover the database end to end, in order
  let at = 0;
  for (const p of snapshot) {
    if ((p.offset ?? 0) !== at) throw new SyncError('bad_manifest', `the snapshot parts of version ${m.version} do not follow each other (${p.name} starts at ${p.offset ?? 0}, not ${at})`);
    at += p.raw_size;
  }
  const delta = m.files.find((f) => f.kind === 'delta');
  if (delta && delta.from !== m.version - 1) throw new SyncError('bad_manifest', `the delta of version ${m.version} applies to ${delta.from}, not ${m.version - 1}`);
  return delta ? { snapshot, delta } : { snapshot };
}
