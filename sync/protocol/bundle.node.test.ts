/**
 * The tar writer under USB bundles and device exports: a target that cannot be written (a USB
 * stick not mounted, a folder) fails as the call's own error — a stream error that nothing
 * awaited took a running hub down with an unhandled rejection — and leaves nothing behind.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTar, readTarPart, writeTar } from './bundle.node.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'tar-'));

describe('writeTar', () => {
  it('writes the parts, read back by listTar and readTarPart', async () => {
    const file = join(fresh(), 'b.a1279');
    const size = await writeTar(file, [
      { name: 'manifest.json', data: Buffer.from('{"v":1}') },
      { name: 'part-1', data: Buffer.alloc(700, 7) },
    ]);
    expect(size % 512).toBe(0);
    const entries = listTar(file);
    expect(entries.map((e) => [e.name, e.size])).toEqual([
      ['manifest.json', 7],
      ['part-1', 700],
    ]);
    expect(readTarPart(file, entries[1]!).equals(Buffer.alloc(700, 7))).toBe(true);
  });

  it('into a folder that does not exist: rejects with ENOENT, writes nothing, leaves no rejection unhandled', async () => {
    const stick = join(fresh(), 'usb');
    await expect(writeTar(join(stick, 'b.a1279'), [{ name: 'm', data: Buffer.from('x') }])).rejects.toMatchObject({ code: 'ENOENT' });
    expect(existsSync(stick)).toBe(false);
  });

  it('onto a folder: rejects with EISDIR and the folder is untouched', async () => {
    const dir = fresh();
    await expect(writeTar(dir, [{ name: 'm', data: Buffer.from('x') }])).rejects.toMatchObject({ code: 'EISDIR' });
    expect(readdirSync(dir)).toEqual([]);
  });
});
