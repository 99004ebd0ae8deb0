/**
 * `npm run bench:search` — our SQLite search index against MiniSearch (the in-memory peer),
 * same 100,000 generated records, same queries, one run. Each phase runs in its own child
 * process so that peak RSS belongs to that phase alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { openDatabase, readMigrations } from '../../db/sqlite.js';
import { sourceResources } from '../../core/env.node.js';
import { buildSearchIndex } from '../../db/search/build.js';
import { Searcher } from '../../db/search/searcher.js';
import { foldLatin } from '../../db/search/hangul.js';
import type { SearchDocument } from '../../db/search/document.js';
import { loadCatalogueSource } from '../../db/catalogue/load.js';
import { BENCH_OUT, ROOT, percentile, record, table } from './machine.js';
import { generateDocuments, QUERY_CLASSES } from './generate.js';
import { catalogueSourceDir } from '../../db/catalogue/source-dir.js';

const COUNT = Number(process.env.BENCH_RECORDS ?? 100_000);
const REPEAT = 20;
const DB_FILE = join(BENCH_OUT, `search-${COUNT}.sqlite`);
const MINI_FILE = join(BENCH_OUT, `minisearch-${COUNT}.json`);

export const MINI_OPTIONS = {
  idField: 'entryId',
  fields: ['title', 'names', 'keywords', 'summary', 'body', 'titleEn', 'bodyEn', 'titleVi', 'bodyVi', 'titleZh', 'bodyZh'],
  storeFields: ['title', 'kind'],
  extractField: (doc: SearchDocument, f: string) => {
    const v = (doc as unknown as Record<string, unknown>)[f];
    return Array.isArray(v) ? v.join(' ') : (v as string);
  },
  // Comparable matching: Vietnamese marks folded as ours are, prefix and fuzzy (one edit in five characters), names boosted like ours.
  processTerm: (term: string) => foldLatin(term),
  searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 3, names: 2, keywords: 1.5, titleEn: 3, titleVi: 3, titleZh: 3 } },
};

interface PhaseResult {
  ms?: number;
  coldMs?: number;
  latencies?: Record<string, number[]>;
  maxRssMb: number;
  extra?: Record<string, number>;
}

function time<T>(f: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const r = f();
  return [r, Number(process.hrtime.bigint() - t) / 1e6];
}

function runQueries(search: (q: string) => unknown): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const qs of Object.values(QUERY_CLASSES)) for (const q of qs) search(q); // warm-up pass
  for (const [cls, qs] of Object.entries(QUERY_CLASSES)) {
    out[cls] = [];
    for (let i = 0; i < REPEAT; i++) for (const q of qs) out[cls].push(time(() => search(q))[1]);
  }
  return out;
}

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

function phase(role: string): PhaseResult {
  if (role === 'build-ours') {
    const docs = generateDocuments(COUNT);
    const synonyms = loadCatalogueSource(catalogueSourceDir()).synonyms.groups;
    for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) rmSync(f, { force: true });
    const [, ms] = time(() => {
      const db = openDatabase(DB_FILE, { migrations: readMigrations(join(sourceResources(ROOT).migrations, 'catalogue')) });
      db.transaction(() => buildSearchIndex(db, docs, synonyms))();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    });
    return { ms, maxRssMb: rssMb(), extra: { sizeMb: statSync(DB_FILE).size / 2 ** 20 } };
  }
  if (role === 'build-mini') {
    const docs = generateDocuments(COUNT);
    const [mini, ms] = time(() => {
      const m = new MiniSearch<SearchDocument>(MINI_OPTIONS);
      m.addAll(docs);
      return m;
    });
    writeFileSync(MINI_FILE, JSON.stringify(mini));
    return { ms, maxRssMb: rssMb(), extra: { sizeMb: statSync(MINI_FILE).size / 2 ** 20 } };
  }
  if (role === 'query-ours') {
    const [searcher, coldMs] = time(() => {
      const s = new Searcher(openDatabase(DB_FILE, { readonly: true }));
      s.search('아이돌봄');
      return s;
    });
    const latencies = runQueries((q) => searcher.search(q, { limit: 10 }));
    return { coldMs, latencies, maxRssMb: rssMb() };
  }
  if (role === 'query-ours-first') {
    // Each query once, on a new searcher whose caches (recent posting lists, candidate rows)
    // are empty, in a new process: what a person typing something new meets. (Its own process,
    // so the throwaway searchers do not count in the serving RSS above.)
    const db = openDatabase(DB_FILE, { readonly: true });
    const first = Object.values(QUERY_CLASSES)
      .flat()
      .map((q) => {
        const fresh = new Searcher(db);
        return time(() => fresh.search(q, { limit: 10 }))[1];
      });
    return { latencies: { firstTime: first }, maxRssMb: rssMb() };
  }
  if (role === 'query-mini') {
    const [mini, coldMs] = time(() => {
      const m = MiniSearch.loadJSON<SearchDocument>(readFileSync(MINI_FILE, 'utf8'), MINI_OPTIONS);
      m.search('아이돌봄');
      return m;
    });
    const latencies = runQueries((q) => mini.search(q).slice(0, 10));
    return { coldMs, latencies, maxRssMb: rssMb() };
  }
  throw new Error(`unknown role ${role}`);
}

function child(role: string): PhaseResult {
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--role', role], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${role} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as PhaseResult;
}

const roleAt = process.argv.indexOf('--role');
if (process.argv[1] !== fileURLToPath(import.meta.url)) {
  // imported (bench:sync takes MINI_OPTIONS): nothing runs
} else if (roleAt > 0) {
  const role = process.argv[roleAt + 1];
  if (role === undefined) throw new Error('--role needs a value');
  process.stdout.write(JSON.stringify(phase(role)) + '\n');
} else {
  mkdirSync(BENCH_OUT, { recursive: true });
  console.log(`bench:search — ${COUNT.toLocaleString('en')} generated records, ${REPEAT} rounds per query`);
  const buildOurs = child('build-ours');
  const buildMini = child('build-mini');
  const ours = child('query-ours');
  const mini = child('query-mini');
  const oursFirst = child('query-ours-first');
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
  const rows: (string | number)[][] = [
    ['index build (ms)', fmt(buildOurs.ms!), fmt(buildMini.ms!), ''],
    ['peak RSS while building (MB)', buildOurs.maxRssMb, buildMini.maxRssMb, ''],
    ['index size on disk (MB)', fmt(buildOurs.extra?.sizeMb ?? NaN), `${fmt(buildMini.extra?.sizeMb ?? NaN)} (JSON)`, ''],
    ['cold start: open → first result (ms)', fmt(ours.coldMs!), `${fmt(mini.coldMs!)} (load JSON) / ${fmt(buildMini.ms!)} (build)`, 'ours ≥ 10× faster'],
  ];
  const verdicts: string[] = [];
  const coldRatio = Math.min(mini.coldMs!, buildMini.ms!) / ours.coldMs!;
  verdicts.push(`cold start ${coldRatio.toFixed(0)}× faster than MiniSearch's best (target ≥ 10×): ${coldRatio >= 10 ? 'met' : 'NOT met'}`);
  const sortedLatencies = (r: PhaseResult, cls: string) => {
    const l = r.latencies?.[cls];
    if (!l) throw new Error(`no latencies measured for ${cls}`);
    return [...l].sort((x, y) => x - y);
  };
  for (const cls of Object.keys(QUERY_CLASSES)) {
    const a = sortedLatencies(ours, cls);
    const b = sortedLatencies(mini, cls);
    rows.push([`${cls}: p50 / p95 (ms)`, `${fmt(percentile(a, 50))} / ${fmt(percentile(a, 95))}`, `${fmt(percentile(b, 50))} / ${fmt(percentile(b, 95))}`, 'p95 ≤ 10 ms']);
    verdicts.push(`${cls} p95 ${fmt(percentile(a, 95))} ms (target ≤ 10): ${percentile(a, 95) <= 10 ? 'met' : 'NOT met'}`);
  }
  const firstTime = sortedLatencies(oursFirst, 'firstTime');
  rows.push([`every query asked for the first time, caches empty (${firstTime.length}): p50 / p95 (ms)`, `${fmt(percentile(firstTime, 50))} / ${fmt(percentile(firstTime, 95))}`, '(no caches: as above)', '(reported)']);
  rows.push(['peak RSS while serving queries (MB)', ours.maxRssMb, mini.maxRssMb, 'ours lower']);
  verdicts.push(`serving RSS ${ours.maxRssMb} MB vs MiniSearch ${mini.maxRssMb} MB: ${ours.maxRssMb < mini.maxRssMb ? 'met' : 'NOT met'}`);
  const out = table(['measure', 'ours (SQLite grams)', 'MiniSearch 7 (in memory)', 'target'], rows);
  console.log(out + '\n\n' + verdicts.map((v) => `- ${v}`).join('\n'));
  record(`bench:search (${COUNT.toLocaleString('en')} records)`, `${out}\n\n${verdicts.map((v) => `- ${v}`).join('\n')}\n\nQueries per class: ${Object.entries(QUERY_CLASSES).map(([k, v]) => `${k}: ${v.join(', ')}`).join('; ')}.`);
}
