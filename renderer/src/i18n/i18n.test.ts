/** Every user-visible string goes through i18next: no key may be missing in any locale. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, LANGS, STAGE_IDS } from '../../../db/catalogue/schema.js';
import ko_ from '../../../core/contract/locales/ko.json';
import en from '../../../core/contract/locales/en.json';
import vi from '../../../core/contract/locales/vi.json';
import zh from '../../../core/contract/locales/zh.json';
import { CIRCUMSTANCES, QUESTIONS } from '../../../core/contract/questionnaire.js';
import { OUTBOX_PROBLEMS } from '../../../core/contract/lists.js';

type Tree = { [k: string]: string | Tree };
const flat = (o: Tree, p = ''): Record<string, string> =>
  Object.fromEntries(Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[p + k, v]] : Object.entries(flat(v, `${p}${k}.`)))));
const resources = { ko: { translation: ko_ }, en: { translation: en }, vi: { translation: vi }, zh: { translation: zh } } as const;
const ko = flat(resources.ko.translation);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

describe('i18n', () => {
  it.each(LANGS.filter((l) => l !== 'ko'))('%s has exactly the keys Korean has, with the same placeholders', (lang) => {
    const other = flat(resources[lang].translation);
    // a key in plural forms (English: results_one, results_other — i18next picks by {{count}}) is one key, with every form
    const PLURAL = /_(zero|one|two|few|many|other)$/;
    const base = (k: string) => (k in ko ? k : k.replace(PLURAL, '')); // forms.error.visits.too_many is a key of its own
    expect([...new Set(Object.keys(other).map(base))].sort()).toEqual(Object.keys(ko).sort());
    for (const k of Object.keys(other).filter((x) => !(x in ko) && PLURAL.test(x))) expect(other[`${base(k)}_other`], `${lang}: ${base(k)} has no _other form`).toBeDefined();
    for (const [k, v] of Object.entries(ko)) {
      const ph = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
      const forms = k in other ? [other[k]!] : Object.keys(other).filter((x) => !(x in ko) && base(x) === k).map((x) => other[x]!);
      for (const text of forms) {
        expect(ph(text), `${lang}: ${k}`).toEqual(ph(v));
        expect(text.trim(), `${lang}: ${k}`).not.toBe('');
      }
      if (forms.length > 1) expect(ph(v), `${lang}: ${k} has plural forms, so its Korean text gives {{count}}`).toContain('{{count}}');
    }
  });

  it('every key the UI uses exists (literal keys in the source, and the enumerated ones)', () => {
    const used = new Set<string>();
    // the UI and the print builders (core/print) share the same strings
    for (const f of [...sources(join(import.meta.dirname, '..')), ...sources(join(import.meta.dirname, '..', '..', '..', 'core', 'print'))])
      for (const [, key] of readFileSync(f, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.-]+)'/g)) if (key) used.add(key);
    for (const s of STAGE_IDS) used.add(`stage.${s}`).add(`stageHint.${s}`);
    for (const c of Object.keys(CATEGORIES)) used.add(`category.${c}`);
    for (const k of ['policy', 'service', 'facility']) used.add(`kind.${k}`);
    for (const d of ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']) used.add(`day.${d}`);
    for (const x of ['slow', 'normal', 'fast', 'quiet', 'medium', 'loud']) used.add(`speech.${x}`);
    for (const x of [100, 150, 200]) used.add(`toolbar.size${x}`);
    for (const p of OUTBOX_PROBLEMS) used.add(`outbox.problem.${p}`);
    for (const q of QUESTIONS) {
      used.add(`finder.q.${q.id}`);
      for (const o of q.options) used.add(`finder.a.${q.id}.${o.key}`);
    }
    for (const k of [...CIRCUMSTANCES, 'none']) used.add(`finder.short.${k}`);
    expect(used.size).toBeGreaterThan(60);
    expect([...used].filter((k) => !(k in ko))).toEqual([]);
  });
});
