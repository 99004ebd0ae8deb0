/**
 * The CLI as counsellors run it: a real process, real SQLite, stdout parsed as the scripts would.
 * The built CLI (dist/node/cli.mjs, what ships; `npm test` builds first), and once through
 * `npm run cli` (the source under tsx) to show the two agree.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STAGE_IDS } from './contract/lists.js';
import { OTHER_LANGS, TRANSLATED_FIELDS } from './catalogue/audit.js';
import { loadCatalogueSource } from '../db/catalogue/load.js';
import { catalogueSourceDir } from '../db/catalogue/source-dir.js';

const ROOT = join(import.meta.dirname, '..');
const BUILT_CLI = join(ROOT, 'dist', 'node', 'cli.mjs');
function cli(...args: string[]) {
  if (!existsSync(BUILT_CLI)) throw new Error(`the CLI is not built (${BUILT_CLI}); run: npm run build`);
  const r = spawnSync(process.execPath, [BUILT_CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cli', () => {
  it('search --json prints only a JSON array of {id, kind, title, stage, score}', () => {
    const r = cli('search', 'ㅇㅇㄷㅂ', '--json');
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.out);
    expect(Array.isArray(hits)).toBe(true);
    expect(hits[0]).toEqual({ id: 'child-care-service', kind: expect.any(String), title: expect.stringContaining('돌봄'), stage: 'infant', score: expect.any(Number) });
    for (const h of hits) expect(Object.keys(h).sort()).toEqual(['id', 'kind', 'score', 'stage', 'title']);
  });

  it('filters by stage (id or Korean label), district and limit', () => {
    const all = JSON.parse(cli('search', '돌봄', '--json', '--limit', '30').out) as { stage: string }[];
    const school = JSON.parse(cli('search', '돌봄', '--json', '--stage', '초등·청소년', '--limit', '30').out) as { id: string }[];
    expect(school.length).toBeGreaterThan(0);
    expect(school.length).toBeLessThan(all.length);
    const ids = school.map((h) => h.id);
    expect(ids).toContain('dahamkke-care-center');
    expect(ids).not.toContain('gj-grandparent-caregiver');
    expect(JSON.parse(cli('search', '돌봄', '--json', '--limit', '2').out)).toHaveLength(2);
  });

  it('show --json prints the full entry with its sources and verification date', () => {
    const r = cli('show', 'gj-grandparent-caregiver', '--json');
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out);
    expect(e.title.ko).toBe('손자녀 돌보미 지원');
    expect(e.amount.year).toMatch(/^\d{4}/);
    expect(e.sources.length).toBeGreaterThan(0);
    expect(e.last_verified).toMatch(/^\d{4}-\d{2}/);
  });

  it('catalogue stats --json counts by kind and life stage', () => {
    const s = JSON.parse(cli('catalogue', 'stats', '--json').out);
    expect(Object.keys(s.by_stage)).toEqual(STAGE_IDS);
    expect(s.by_kind.policy + s.by_kind.service).toBeGreaterThanOrEqual(60);
    expect(s.by_kind.facility).toBeGreaterThanOrEqual(15);
    expect(s.total).toBe(Object.values(s.by_kind as Record<string, number>).reduce((a, b) => a + b, 0));
  });

  it('catalogue stats --json reports translation coverage per language and field, the history texts and source notes too', () => {
    const s = JSON.parse(cli('catalogue', 'stats', '--json').out) as { by_kind: Record<string, number>; languages: Record<string, Record<string, { have: number; of: number }>> };
    expect(TRANSLATED_FIELDS).toEqual(['title', 'summary', 'who', 'what', 'amount', 'how_to_apply', 'documents', 'history', 'source_notes']);
    for (const lang of OTHER_LANGS) {
      expect(Object.keys(s.languages[lang]!)).toEqual([...TRANSLATED_FIELDS]);
      for (const f of TRANSLATED_FIELDS) expect(s.languages[lang]![f]).toEqual({ have: expect.any(Number), of: expect.any(Number) });
    }
    expect(s.languages.en!.title!.of).toBe(s.by_kind.policy! + s.by_kind.service!);
    // every policy and service that claims a language (`translated`) has each of its texts in it: the history texts and source notes as much as the first seven
    const entries = loadCatalogueSource(catalogueSourceDir()).entries.filter((e) => e.kind !== 'facility');
    const hasField = (e: (typeof entries)[number], f: (typeof TRANSLATED_FIELDS)[number]) => (f === 'history' ? e.history.length > 0 : f === 'amount' ? e.amount?.text !== undefined : e[f] !== undefined);
    for (const lang of OTHER_LANGS)
      for (const f of TRANSLATED_FIELDS) {
        const claiming = entries.filter((e) => e.translated.includes(lang) && hasField(e, f)).length;
        expect(s.languages[lang]![f]!.of, `${f}.${lang}`).toBe(entries.filter((e) => hasField(e, f)).length);
        expect(s.languages[lang]![f]!.have, `${f}.${lang}: entries claiming ${lang} that have ${f}`).toBeGreaterThanOrEqual(claiming);
      }
    for (const f of ['history', 'source_notes'] as const) for (const lang of ['vi', 'zh'] as const) expect(entries.filter((e) => e.translated.includes(lang) && hasField(e, f)).length, `${f}.${lang}`).toBeGreaterThan(0);
    // the audit names the entry and the text when one is missing: none where the entry claims the language
    const audit = JSON.parse(cli('catalogue', 'audit', '--json').out) as { id: string; problems: { code: string; field: string; detail: string }[] }[];
    const claims = new Map(entries.map((e) => [e.id, e.translated as string[]]));
    const missing = audit.flatMap((a) => a.problems.filter((p) => p.code === 'language_missing' && claims.get(a.id)?.includes(p.field.split('.')[1]!)).map((p) => `${a.id}: ${p.field} (${p.detail})`));
    expect(missing).toEqual([]);
  });

  it('catalogue audit --json: an array of {id, problems: [{code, field, detail}]}, judged by the clock (AICHINGU_NOW)', () => {
    const run = (now: string) => {
      const r = spawnSync(process.execPath, [BUILT_CLI, 'catalogue', 'audit', '--json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, AICHINGU_NOW: now } });
      expect(r.status).toBe(0);
      return JSON.parse(r.stdout) as { id: string; problems: { code: string; field: string; detail: string }[] }[];
    };
    const today = run('2026-12-01T10:00:00+09:00');
    for (const a of today) {
      expect(Object.keys(a).sort()).toEqual(['id', 'problems']);
      for (const p of a.problems) expect(Object.keys(p).sort()).toEqual(['code', 'detail', 'field']);
    }
    // ten years on, every current figure is old
    const later = run('2036-12-01T10:00:00+09:00');
    const old = (audits: typeof today) => audits.flatMap((a) => a.problems.filter((p) => p.code === 'figure_old' || p.code === 'figure_expired').map(() => a.id));
    expect(old(later).length).toBeGreaterThan(old(today).length);
    const text = cli('catalogue', 'audit');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/entries to fix|nothing to fix/);
  });

  it('--data DIR starts a device data folder from the embedded catalogue', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'data-')), 'kiosk');
    const hits = JSON.parse(cli('search', '첫만남', '--json', '--data', dir).out);
    expect(hits[0].id).toBe('first-meeting-voucher');
    expect(existsSync(join(dir, 'catalogue.sqlite'))).toBe(true);
  });

  it('a --data that is a file: said in words, exit 1, nothing on stdout, the file untouched', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cli-data-')), 'kiosk.txt');
    writeFileSync(file, 'not a folder');
    const r = cli('catalogue', 'stats', '--json', '--data', file);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(`error: ${file} cannot be made a folder: it, or a folder above it, is a file (or a broken link); choose another data folder, or move the file away`);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it('bad input: clear errors that name the option and what to do, exit code 2, nothing on stdout', () => {
    for (const [args, pattern] of [
      [['search', '돌봄', '--stage', 'baby'], /--stage "baby".*pregnancy, infant/],
      [['search', '돌봄', '--district', '강남구'], /--district "강남구".*동구, 서구/],
      [['search', '돌봄', '--limit', 'ten'], /--limit must be a whole number/],
      [['search'], /search needs a query/],
      [['frobnicate'], /unknown command/],
    ] as const) {
      const r = cli(...args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(pattern);
    }
    const missing = cli('show', 'no-such-entry', '--json');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no entry with id "no-such-entry"/);
  });

  it('eligible --situation prints one {id, title, result, reasons} per policy with rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-'));
    const file = join(dir, 'grandmother.json');
    writeFileSync(file, JSON.stringify({ applicant: { role: 'grandparent', age: 68 }, children: [{ age_months: 30, twin: true }, { age_months: 30, twin: true }], household: { district: '북구', dual_earner: true, income_band: 'under_median_100' } }));
    const r = cli('eligible', '--situation', file, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { id: string; title: string; result: string; reasons: { text: string; met: boolean | null }[] }[];
    for (const f of out) expect(Object.keys(f).sort()).toEqual(['id', 'reasons', 'result', 'title']);
    const g = out.find((f) => f.id === 'gj-grandparent-caregiver')!;
    expect(g.result).toBe('eligible');
    expect(g.reasons.every((x) => x.met === true)).toBe(true);
    // an empty situation: nothing is guessed
    writeFileSync(file, '{}');
    const unknown = JSON.parse(cli('eligible', '--situation', file, '--json').out) as { result: string }[];
    expect(unknown.some((f) => f.result === 'eligible')).toBe(false);
    writeFileSync(file, JSON.stringify({ children: [{ age_months: 'four' }] }));
    const bad = cli('eligible', '--situation', file, '--json');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/field "children\.0\.age_months": age in whole months/);
  });

  it('prints a human table without --json, the same from the source (npm run cli) as built', () => {
    const out = execFileSync('npm', ['run', '--silent', 'cli', '--', 'search', '손자녀 돌보미'], { cwd: ROOT, encoding: 'utf8' });
    expect(out.split('\n')[0]).toMatch(/^ 1\. 손자녀 돌보미 지원/);
    expect(cli('search', '손자녀 돌보미').out).toBe(out);
  });

  it('--help prints the usage made from the command table; a flag a command does not take is refused', () => {
    const help = cli('--help');
    expect(help.code).toBe(0);
    for (const c of ['search "<query>"', 'show <id>', 'catalogue stats', 'catalogue audit', 'eligible --situation FILE.json', 'map import FILE.geojson', 'import facilities FILE.csv', 'import gov24 LIST.json CONDITIONS.json', 'print sheet <id> --pdf OUT.pdf', 'print booklet (--stage S | --ids a,b,c)'])
      expect(help.out).toContain(`cli ${c}`);
    const wrong = cli('show', 'child-care-service', '--pdf', 'x.pdf');
    expect(wrong.code).toBe(2);
    expect(wrong.out).toBe('');
    expect(wrong.err).toMatch(/show does not take --pdf; it takes --json, --data/);
  });
});
