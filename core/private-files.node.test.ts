import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateDir, writePrivateFile } from './private-files.node.js';

const mode = (p: string) => statSync(p).mode & 0o777;

describe('the private data folder', () => {
  it('creates folders 0700, the missing parents too', () => {
    const root = mkdtempSync(join(tmpdir(), 'private-'));
    expect(privateDir(join(root, 'a', 'b'))).toBe(join(root, 'a', 'b'));
    expect(mode(join(root, 'a'))).toBe(0o700);
    expect(mode(join(root, 'a', 'b'))).toBe(0o700);
  });
  it('a file where the folder should be (or above it): said in words, not "EEXIST: mkdir"', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'private-')), 'notes.txt');
    writeFileSync(file, 'x');
    for (const dir of [file, join(file, 'data')]) expect(() => privateDir(dir)).toThrow(`${dir} cannot be made a folder: it, or a folder above it, is a file (or a broken link); choose another data folder, or move the file away`);
  });
  it('makes a folder that exists more open private', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'private-')), 'data');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    privateDir(dir);
    expect(mode(dir)).toBe(0o700);
  });
  it('writes files whole and 0600, also over an open file or a stale temporary file', () => {
    const dir = privateDir(join(mkdtempSync(join(tmpdir(), 'private-')), 'data'));
    const f = join(dir, 'layer.json');
    writeFileSync(f, 'old', { mode: 0o644 });
    writeFileSync(`${f}.tmp`, 'half', { mode: 0o666 });
    chmodSync(`${f}.tmp`, 0o666);
    writePrivateFile(f, '{"new":true}');
    expect(readFileSync(f, 'utf8')).toBe('{"new":true}');
    expect(mode(f)).toBe(0o600);
    expect(existsSync(`${f}.tmp`)).toBe(false);
  });
});
