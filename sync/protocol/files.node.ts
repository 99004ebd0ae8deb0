/**
 * Files of the protocol on disk, used by both ends: brotli compression with the SHA-256 and
 * size of both sides measured in the same pass, decompression that checks what it writes, and
 * writes that are atomic (a temporary file beside the target, flushed, renamed over it).
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fsyncSync, ftruncateSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliCompress, createBrotliDecompress } from 'node:zlib';
import { SyncError, type FileRef } from './manifest.js';

/** Counts and hashes what passes through. */
export class Tap extends Transform {
  private readonly hash = createHash('sha256');
  size = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    cb(null, chunk);
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

/**
 * brotli quality 5 with a 16 MB window. On the 100,000-record bench snapshot (322 MB in 7 parts,
 * side by side on 2 cores): quality 4 27.3 MB in 3.9 s, 5 24.9 MB in 3.6 s, 6 23.6 MB in 5.6 s,
 * 7 22.6 MB in 7.6 s; each decompresses in 0.3–0.5 s.
 */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_LGWIN]: 24 } };

/**
 * Streams move files in pieces of this size. Node's defaults (64 KB reads, 16 KB out of zlib)
 * cut a snapshot's 322 MB into ~20,000 pieces, each a round of callbacks on the main thread,
 * which then did little else: decompressing, hashing, writing and flushing the 100,000-record
 * bench snapshot took 1.86 s with them and 0.76 s with 1 MB pieces.
 */
export const STREAM_CHUNK = 1 << 20;

export function flush(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const tmpOf = (file: string) => `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

type Measured = Pick<FileRef, 'sha256' | 'size' | 'raw_sha256' | 'raw_size'>;

/** Compresses `src` (or its bytes start…end-1) into `dst` (atomically); returns what the manifest says of it. */
export async function compressFile(src: string, dst: string, range?: { start: number; end: number }): Promise<Measured> {
  const raw = new Tap();
  const out = new Tap();
  const tmp = tmpOf(dst);
  try {
    const input = createReadStream(src, { highWaterMark: STREAM_CHUNK, ...(range ? { start: range.start, end: range.end - 1 } : {}) });
    await pipeline(input, raw, createBrotliCompress({ ...BROTLI, chunkSize: STREAM_CHUNK }), out, createWriteStream(tmp, { mode: 0o644 }));
    flush(tmp);
    renameSync(tmp, dst);
  } finally {
    rmSync(tmp, { force: true });
  }
  return { sha256: out.digest(), size: out.size, raw_sha256: raw.digest(), raw_size: raw.size };
}

/** A snapshot is cut into parts of about this size (raw): each is compressed, and decompressed, on its own core. */
export const PART_BYTES = 48 << 20;

/**
 * Compresses a file in parts (byte ranges of about PART_BYTES; one part when it is smaller),
 * all at once: zlib's brotli runs in libuv's thread pool, so the parts are compressed side by
 * side. `nameOf(part)` names each file (part 0 when there is only one).
 */
export async function compressFileInParts(src: string, dir: string, nameOf: (part: number) => string, partBytes = PART_BYTES): Promise<(Measured & { name: string; offset: number })[]> {
  const size = statSync(src).size;
  const n = Math.max(1, Math.ceil(size / partBytes));
  const step = Math.ceil(size / n);
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const name = nameOf(n === 1 ? 0 : i + 1);
      const start = i * step;
      const end = Math.min(size, start + step);
      return { name, offset: start, ...(await compressFile(src, `${dir}/${name}`, { start, end })) };
    }),
  );
}

/** Compresses bytes (a delta); returns the compressed bytes and what the manifest says of them. */
export async function compressBytes(bytes: Buffer): Promise<{ bytes: Buffer; ref: Pick<FileRef, 'sha256' | 'size' | 'raw_sha256' | 'raw_size'> }> {
  const { brotliCompress } = await import('node:zlib');
  const out = await new Promise<Buffer>((res, rej) => brotliCompress(bytes, BROTLI, (e, b) => (e ? rej(e) : res(b))));
  return { bytes: out, ref: { sha256: sha256(out), size: out.length, raw_sha256: sha256(bytes), raw_size: bytes.length } };
}

export const sha256 = (b: Buffer | Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** A file's SHA-256 (hex), read in STREAM_CHUNK pieces. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { highWaterMark: STREAM_CHUNK }), hash);
  return hash.digest('hex');
}

/**
 * A snapshot being put together from its parts: a temporary file of the database's size beside
 * `dst`, each part decompressed into it at its offset as soon as it is there (while the next
 * one downloads; parts side by side in libuv's thread pool), its decompressed size and SHA-256
 * checked; `finish` flushes it and renames it to `dst`, `abort` removes it.
 */
export class StagedSnapshot {
  private readonly tmp: string;
  private readonly writing: Promise<void>[] = [];
  constructor(
    readonly dst: string,
    total: number,
  ) {
    this.tmp = tmpOf(dst);
    const fd = openSync(this.tmp, 'w', 0o600);
    try {
      ftruncateSync(fd, total);
    } finally {
      closeSync(fd);
    }
  }

  /** Starts decompressing one part (a checked download) into place; `finish` waits for it. */
  add(file: string, ref: FileRef): void {
    const p = (async () => {
      const raw = new Tap();
      try {
        await pipeline(
          createReadStream(file, { highWaterMark: STREAM_CHUNK }),
          createBrotliDecompress({ chunkSize: STREAM_CHUNK }),
          raw,
          createWriteStream(this.tmp, { flags: 'r+', start: ref.offset ?? 0, highWaterMark: STREAM_CHUNK }),
        );
      } catch (e) {
        throw new SyncError('bad_file', `${ref.name} cannot be decompressed (${(e as Error).message}); nothing was applied`);
      }
      if (raw.size !== ref.raw_size || raw.digest() !== ref.raw_sha256)
        throw new SyncError('bad_file', `${ref.name} does not decompress to what the signed manifest says (SHA-256 or size differ); nothing was applied`);
    })();
    p.catch(() => {}); // reported by finish (or dropped by abort)
    this.writing.push(p);
  }

  async finish(): Promise<void> {
    try {
      await Promise.all(this.writing);
      flush(this.tmp);
      renameSync(this.tmp, this.dst);
    } finally {
      rmSync(this.tmp, { force: true });
    }
  }

  async abort(): Promise<void> {
    await Promise.allSettled(this.writing);
    rmSync(this.tmp, { force: true });
  }
}

/** Decompresses bytes (a delta), checking them against the manifest. */
export async function decompressBytes(bytes: Buffer, ref: FileRef): Promise<Buffer> {
  const { brotliDecompress } = await import('node:zlib');
  let out: Buffer;
  try {
    out = await new Promise<Buffer>((res, rej) => brotliDecompress(bytes, (e, b) => (e ? rej(e) : res(b))));
  } catch (e) {
    throw new SyncError('bad_file', `${ref.name} cannot be decompressed (${(e as Error).message}); nothing was applied`);
  }
  if (out.length !== ref.raw_size || sha256(out) !== ref.raw_sha256) throw new SyncError('bad_file', `${ref.name} does not decompress to what the signed manifest says; nothing was applied`);
  return out;
}

/** Writes a file atomically (temporary file, flushed, renamed). */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o644): void {
  const tmp = tmpOf(file);
  try {
    writeFileSync(tmp, data, { mode });
    flush(tmp);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
