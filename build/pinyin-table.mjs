#!/usr/bin/env node
/**
 * Writes core/catalogue/pinyin-table.ts: every toneless pinyin reading of the 6,763 characters
 * of GB 2312 (simplified Chinese as it is written; Node's own GB 2312 decoder lists them) and of
 * every Chinese character in the catalogue's source (db/catalogue/*), from pinyin-pro (MIT), a
 * devDependency: the kiosk ships this small table, not the library. ü is written v, as Chinese
 * IMEs type it (lüe and nüe also as lue and nue, which IMEs accept too); readings without a
 * vowel (ng, m, hm) are left out. core/catalogue/pinyin.test.ts checks the file is what this
 * script makes from the pinyin-pro installed: after updating pinyin-pro, or when the catalogue
 * uses a character outside GB 2312, run `node build/pinyin-table.mjs`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';

const root = fileURLToPath(new URL('..', import.meta.url));
export const TABLE_FILE = join(root, 'core/catalogue/pinyin-table.ts');

/** GB 2312's hanzi: rows 0xB0–0xF7, cells 0xA1–0xFE. */
function gb2312() {
  const decoder = new TextDecoder('gb2312');
  const out = [];
  for (let row = 0xb0; row <= 0xf7; row++)
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const ch = decoder.decode(new Uint8Array([row, cell]));
      if (/^\p{Script=Han}$/u.test(ch)) out.push(ch);
    }
  return out;
}

/** Chinese characters in the catalogue's source files (entries, FAQ, synonyms). */
function sourceChars() {
  const dir = join(root, 'db/catalogue');
  const files = [...readdirSync(join(dir, 'entries')).map((f) => join(dir, 'entries', f)), join(dir, 'synonyms.yaml')];
  return files.flatMap((f) => readFileSync(f, 'utf8').match(/\p{Script=Han}/gu) ?? []);
}

/** The toneless readings of one character, ü as v. */
export function readings(ch) {
  const out = new Set();
  for (const r of pinyin(ch, { toneType: 'none', type: 'array', multiple: true })) {
    const s = r.toLowerCase().replaceAll('ü', 'v');
    if (!/^[a-z]+$/.test(s) || !/[aeiouv]/.test(s)) continue;
    out.add(s);
    if (s === 'lve' || s === 'nve') out.add(s.replace('v', 'u'));
  }
  return [...out];
}

/** The table's source text. */
export function tableSource() {
  const chars = [...new Set([...gb2312(), ...sourceChars()])].sort();
  const bySyllable = new Map();
  for (const ch of chars) for (const r of readings(ch)) bySyllable.set(r, (bySyllable.get(r) ?? '') + ch);
  const syllables = [...bySyllable.keys()].sort();
  const version = JSON.parse(readFileSync(join(root, 'node_modules/pinyin-pro/package.json'), 'utf8')).version;
  return [
    '/**',
    ` * Toneless pinyin → the characters read so (${chars.length} characters, ${syllables.length} syllables): GB 2312's`,
    ` * hanzi and the catalogue source's, every reading of each, from pinyin-pro ${version} (MIT,`,
    ' * © zh-lx). ü is written v. Made by build/pinyin-table.mjs: do not edit by hand.',
    ' */',
    'export const PINYIN_TABLE: Readonly<Record<string, string>> = {',
    ...syllables.map((s) => `  ${s}: '${bySyllable.get(s)}',`),
    '};',
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(TABLE_FILE, tableSource());
  console.log(`wrote ${TABLE_FILE}`);
}
