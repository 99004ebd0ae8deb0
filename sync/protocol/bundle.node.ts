/**
 * USB bundles: one version of the catalogue in one file an operator carries on a stick — a
 * plain POSIX tar (`tar tf` lists it) holding `manifest.json` (the signed envelope) and the
 * snapshot file it names. A kiosk checks it exactly as it checks a download: the signature
 * against the pinned hub key, the snapshot's size and SHA-256, no version lower than its own.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { SyncError } from './manifest.js';

export const BUNDLE_MANIFEST = 'manifest.json';
/** the file extension operators see: 아이친구 1279 catalogue bundle */
export const BUNDLE_EXT = '.a1279';

function header(name: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write(Math.floor(Date.now() / 1000).toString(8).padStart(11, '0') + '\0', 136);
  h.write('        ', 148); // checksum placeholder: spaces while summing
  h.write('0', 156);
  h.write('ustar\0' + '00', 257);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

/** Writes a tar of named parts: a buffer, or a file streamed from disk. */
export async function writeTar(file: string, parts: { name: string; data?: Buffer; path?: string }[]): Promise<number> {
  // opened first, so that a folder that is not there (a USB stick not mounted) fails here, as
  // this call's own error — not later as a stream's 'error' event that nothing awaits yet
  const handle = await open(file, 'w', 0o644);
  const out = handle.createWriteStream();
  const done = new Promise<void>((res, rej) => {
    out.on('finish', res);
    out.on('error', rej);
  });
  done.catch(() => {}); // awaited below; an error before that (a stick pulled out) is the failing write's too
  try {
    const write = (b: Buffer) => new Promise<void>((res, rej) => out.write(b, (e) => (e ? rej(e) : res())));
    for (const p of parts) {
      const size = p.data ? p.data.length : statSync(p.path!).size;
      await write(header(p.name, size));
      if (p.data) await write(p.data);
      else await pipeline(createReadStream(p.path!), out, { end: false });
      const pad = (512 - (size % 512)) % 512;
      if (pad) await write(Buffer.alloc(pad));
    }
    await write(Buffer.alloc(1024));
    out.end();
    await done;
  } catch (e) {
    out.destroy();
    throw e;
  }
  return statSync(file).size;
}

export interface TarEntry {
  name: string;
  offset: number;
  size: number;
}

/** Lists a tar's files (name, where its bytes start, size); a file that is not one is refused. */
export function listTar(file: string): TarEntry[] {
  const fd = openSync(file, 'r');
  try {
    const total = fstatSync(fd).size;
    const entries: TarEntry[] = [];
    const h = Buffer.alloc(512);
    let at = 0;
    while (at + 512 <= total) {
      readSync(fd, h, 0, 512, at);
      if (h.every((b) => b === 0)) break;
      if (h.toString('latin1', 257, 262) !== 'ustar') throw new SyncError('bad_bundle', `${file} is not a catalogue bundle (not a tar file)`);
      const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const size = parseInt(h.toString('latin1', 124, 136).replace(/\0.*$/s, '').trim(), 8);
      if (!Number.isFinite(size) || at + 512 + size > total) throw new SyncError('bad_bundle', `${file} is cut short (the part ${name} runs past its end); copy it again`);
      entries.push({ name, offset: at + 512, size });
      at += 512 + Math.ceil(size / 512) * 512;
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

export function readTarPart(file: string, e: TarEntry): Buffer {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(e.size);
    readSync(fd, b, 0, e.size, e.offset);
    return b;
  } finally {
    closeSync(fd);
  }
}

/** Copies one part of a tar to its own file. */
export async function extractTarPart(file: string, e: TarEntry, dst: string): Promise<void> {
  if (e.size === 0) {
    const fd = openSync(dst, 'w', 0o600);
    writeSync(fd, Buffer.alloc(0));
    closeSync(fd);
    return;
  }
  await pipeline(createReadStream(file, { start: e.offset, end: e.offset + e.size - 1 }), createWriteStream(dst, { mode: 0o600 }));
}
