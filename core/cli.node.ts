/**
 * The command line for counsellors, operators and tests: `npm run --silent cli -- <command>`.
 * Its commands and JSON outputs are public interfaces — keep them stable.
 *
 *   search "<query>" [--stage S] [--district D] [--category C] [--age-months N] [--limit N] [--json] [--data DIR]
 *   show <id> [--json] [--data DIR]
 *   catalogue stats [--json] [--data DIR]
 *   eligible --situation FILE [--json] [--data DIR]
 *   map import FILE.geojson [--data DIR]
 *   import facilities FILE.csv [--data DIR]
 *   import gov24 LIST.json CONDITIONS.json [--data DIR]
 *   print sheet <id> --pdf OUT.pdf [--lang ko|en|vi|zh] [--large] [--data DIR]
 *   print booklet (--stage S | --ids a,b,c) --pdf OUT.pdf [--lang L] [--large] [--data DIR]
 */
import { parseArgs } from 'node:util';
import { openCatalogue, parseStage, type Catalogue } from '../db/catalogue/store.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { launchPrinter, pdfPageCount } from './print/pdf.node.js';
import { PrintError, printBooklet, printSheet } from './print/print.node.js';
import { basename, join } from 'node:path';
import { upsertEntries } from '../db/catalogue/compile.js';
import { openDeviceCatalogue } from '../db/catalogue/store.js';
import { ImportError, readFacilitiesCsv } from './importers/facilities.js';
import { Gov24Error, readGov24 } from './importers/gov24.js';
import { DEFAULT_DATA_DIR } from '../db/paths.js';
import { BoundaryError, importBoundaries } from './geo/boundaries.js';
import { CATEGORIES, DISTRICTS, STAGES, Situation, type Entry, type StageId } from '../db/catalogue/schema.js';
import { findEligible } from './eligibility/finder.js';

export class UsageError extends Error {}

const USAGE = `usage:
  cli search "<query>" [--stage S] [--district D] [--category C] [--age-months N] [--limit N] [--json] [--data DIR]
  cli show <id> [--json] [--data DIR]
  cli catalogue stats [--json] [--data DIR]
  cli eligible --situation FILE.json [--json] [--data DIR]
  cli map import FILE.geojson [--data DIR]      (a 자치구 or 행정동 boundary layer; default DIR: data/)
  cli import facilities FILE.csv [--data DIR]   (전국어린이집표준데이터-style CSV, UTF-8 or CP949)
  cli import gov24 LIST.json CONDITIONS.json [--data DIR]   (보조금24 serviceList + supportConditions)
  cli print sheet <id> --pdf OUT.pdf [--lang ko|en|vi|zh] [--large] [--data DIR]
  cli print booklet (--stage S | --ids a,b,c) --pdf OUT.pdf [--lang ko|en|vi|zh] [--large] [--data DIR]
stages: ${Object.entries(STAGES).map(([id, ko]) => `${id} (${ko})`).join(', ')}
districts: ${DISTRICTS.join(', ')}`;

function intOption(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${v}")`);
  return Number(v);
}

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let cat: Catalogue | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        data: { type: 'string' },
        stage: { type: 'string' },
        district: { type: 'string' },
        category: { type: 'string' },
        'age-months': { type: 'string' },
        limit: { type: 'string' },
        situation: { type: 'string' },
        pdf: { type: 'string' },
        lang: { type: 'string' },
        large: { type: 'boolean', default: false },
        ids: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const [cmd, ...rest] = positionals;
    if (values.help || !cmd) {
      io.out(USAGE);
      return values.help ? 0 : 2;
    }
    const open = () => (cat = openCatalogue({ dataDir: values.data }));

    if (cmd === 'search') {
      const query = rest.join(' ').trim();
      if (!query) throw new UsageError('search needs a query, e.g. cli search "아이돌봄"');
      const stage = values.stage === undefined ? undefined : parseStage(values.stage);
      if (stage === null) throw new UsageError(`--stage "${values.stage}" is not a life stage; use one of ${Object.keys(STAGES).join(', ')} (or ${Object.values(STAGES).join(', ')})`);
      if (values.district !== undefined && !(DISTRICTS as readonly string[]).includes(values.district))
        throw new UsageError(`--district "${values.district}" is not a district of Gwangju; use one of ${DISTRICTS.join(', ')}`);
      if (values.category !== undefined && !(values.category in CATEGORIES))
        throw new UsageError(`--category "${values.category}" is unknown; use one of ${Object.keys(CATEGORIES).join(', ')}`);
      const limit = intOption('limit', values.limit, 1, 100) ?? 10;
      const childAgeMonths = intOption('age-months', values['age-months'], 0, 600);
      const hits = open().search(query, { limit, filters: { stage, district: values.district, category: values.category, childAgeMonths } });
      if (values.json) io.out(JSON.stringify(hits.map(({ id, kind, title, stage, score }) => ({ id, kind, title, stage, score }))));
      else if (!hits.length) io.out(`"${query}": nothing found. Try fewer or other words, or 초성 such as ㅇㅇㄷㅂ.`);
      else hits.forEach((h, i) => io.out(`${String(i + 1).padStart(2)}. ${h.title}  [${h.kind}, ${STAGES[h.stage as keyof typeof STAGES] ?? h.stage}]  ${h.id}  (${h.score})`));
      return 0;
    }

    if (cmd === 'show') {
      const id = rest[0];
      if (!id) throw new UsageError('show needs an entry id, e.g. cli show child-care-service --json');
      const e = open().entry(id);
      if (!e) {
        io.err(`no entry with id "${id}"; find ids with: cli search "<words>" --json`);
        return 1;
      }
      if (values.json) io.out(JSON.stringify(e));
      else {
        io.out(`${e.title.ko}${e.official_title ? ` (${e.official_title.ko})` : ''}\n${e.summary.ko}`);
        if (e.who) io.out(`대상: ${e.who.ko}`);
        if (e.amount) io.out(`금액(${e.amount.year}년 기준): ${e.amount.text.ko}`);
        if (e.how_to_apply) io.out(`신청: ${e.how_to_apply.ko}`);
        for (const p of e.phones) io.out(`전화: ${p.number}${p.label ? ` (${p.label.ko})` : ''}`);
        io.out(`마지막 확인: ${e.last_verified}${e.verify_before_use ? ' — 이용 전 확인 필요' : ''}`);
        for (const s of e.sources) io.out(`출처: ${s.title} (${s.date}) ${s.url ?? s.document ?? ''}`);
      }
      return 0;
    }

    if (cmd === 'catalogue' && rest[0] === 'stats') {
      const s = open().stats();
      if (values.json) io.out(JSON.stringify(s));
      else {
        io.out(`catalogue ${s.version} (built ${s.built_at}): ${s.total} entries, ${s.faq} FAQ`);
        io.out(`by kind: ${Object.entries(s.by_kind).map(([k, v]) => `${k} ${v}`).join(', ')}`);
        io.out(`by stage: ${Object.entries(s.by_stage).map(([k, v]) => `${STAGES[k as keyof typeof STAGES]} ${v}`).join(', ')}`);
      }
      return 0;
    }
    if (cmd === 'map' && rest[0] === 'import') {
      const file = rest[1];
      if (!file) throw new UsageError('map import needs a GeoJSON file, e.g. cli map import gwangju_gu.geojson');
      if (!existsSync(file)) throw new UsageError(`map import: no such file ${file}`);
      const dir = values.data ?? DEFAULT_DATA_DIR;
      try {
        const layer = importBoundaries(dir, file);
        io.out(`imported ${layer.areas.length} ${layer.level === 'gu' ? '자치구' : '행정동'} areas from ${file} into ${dir}/map`);
      } catch (e) {
        if (e instanceof BoundaryError) throw new UsageError(e.message);
        throw e;
      }
      return 0;
    }

    if (cmd === 'import' && (rest[0] === 'facilities' || rest[0] === 'gov24')) {
      const files = rest.slice(1);
      const need = rest[0] === 'facilities' ? 1 : 2;
      if (files.length !== need) throw new UsageError(rest[0] === 'facilities' ? 'import facilities needs one CSV file' : 'import gov24 needs LIST.json and CONDITIONS.json');
      for (const f of files) if (!existsSync(f)) throw new UsageError(`import ${rest[0]}: no such file ${f}`);
      let entries: Entry[];
      let problems: { row: number; reason: string }[];
      const notes: string[] = [];
      try {
        if (rest[0] === 'facilities') {
          const r = readFacilitiesCsv(readFileSync(files[0]), files[0]);
          ({ entries, problems } = r);
          notes.push(`${r.encoding}`, `${r.outsideGwangju} rows outside Gwangju skipped`, `${r.closed} closed (폐지) skipped`);
        } else {
          const r = readGov24(readFileSync(files[0], 'utf8'), readFileSync(files[1], 'utf8'), { list: files[0], conditions: files[1] });
          ({ entries, problems } = r);
        }
      } catch (e) {
        if (e instanceof ImportError || e instanceof Gov24Error) throw new UsageError(e.message);
        throw e;
      }
      const dir = values.data ?? DEFAULT_DATA_DIR;
      const db = openDeviceCatalogue(dir);
      try {
        upsertEntries(db, entries, `import:${files.map((f) => basename(f)).join('+')}`);
      } finally {
        db.close();
      }
      io.out(`imported ${entries.length} ${rest[0] === 'facilities' ? 'facilities' : 'services'} into ${join(dir, 'catalogue.sqlite')}${notes.length ? ` (${notes.join('; ')})` : ''}`);
      if (problems.length) io.out(`${problems.length} row(s) need attention:`);
      for (const p of problems) io.out(`  row ${p.row}: ${p.reason}`);
      return 0;
    }

    if (cmd === 'print' && (rest[0] === 'sheet' || rest[0] === 'booklet')) {
      if (!values.pdf) throw new UsageError(`print ${rest[0]} needs --pdf OUT.pdf`);
      const lang = values.lang ?? 'ko';
      if (!['ko', 'en', 'vi', 'zh'].includes(lang)) throw new UsageError(`--lang "${lang}" is not one of ko, en, vi, zh`);
      let sel: { stage?: StageId; ids?: string[] } = {};
      if (rest[0] === 'sheet' && !rest[1]) throw new UsageError('print sheet needs an entry id, e.g. cli print sheet child-care-service --pdf sheet.pdf');
      if (rest[0] === 'booklet') {
        const stage = values.stage === undefined ? undefined : parseStage(values.stage);
        if (stage === null) throw new UsageError(`--stage "${values.stage}" is not a life stage; use one of ${Object.keys(STAGES).join(', ')}`);
        if (!stage === !values.ids) throw new UsageError('print booklet needs either --stage S or --ids a,b,c');
        sel = stage ? { stage } : { ids: values.ids!.split(',').map((x) => x.trim()).filter(Boolean) };
      }
      const c = open();
      const ctx = { dataDir: values.data ?? DEFAULT_DATA_DIR };
      const browser = await launchPrinter();
      try {
        const o = { lang: lang as 'ko', large: values.large };
        const pdf =
          rest[0] === 'sheet'
            ? await printSheet(browser, c, ctx, rest[1], o)
            : (await printBooklet(browser, c, ctx, sel, { ...o, onProgress: (d, n) => io.err(`\r${d}/${n}`) })).pdf;
        writeFileSync(values.pdf, pdf);
        io.out(`${values.pdf}: ${pdfPageCount(pdf)} page(s), A4`);
      } catch (e) {
        if (e instanceof PrintError) throw new UsageError(e.message);
        throw e;
      } finally {
        await browser.close();
      }
      return 0;
    }

    if (cmd === 'eligible') {
      if (!values.situation) throw new UsageError('eligible needs --situation FILE.json (a household situation; any field may be missing)');
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(values.situation, 'utf8'));
      } catch (e) {
        throw new UsageError(`--situation ${values.situation}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(e as Error).message})`}`);
      }
      const parsed = Situation.safeParse(raw);
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        throw new UsageError(`--situation ${values.situation}: field "${i.path.join('.') || '(top)'}": ${i.message}`);
      }
      const findings = findEligible(open().entriesWithRules(), parsed.data, 'ko');
      if (values.json) io.out(JSON.stringify(findings.map(({ id, title, result, reasons }) => ({ id, title, result, reasons }))));
      else
        for (const [result, label] of [['eligible', '받을 수 있어요'], ['unknown', '확인이 필요해요'], ['not_eligible', '해당되지 않아요']] as const) {
          const group = findings.filter((f) => f.result === result);
          io.out(`\n${label} (${group.length})`);
          for (const f of group) io.out(`  ${f.title}  [${f.id}]\n${f.reasons.map((r) => `    ${r.met === true ? '✔' : r.met === false ? '✘' : '?'} ${r.text}`).join('\n')}`);
        }
      return 0;
    }

    throw new UsageError(`unknown command "${[cmd, ...rest].join(' ')}"\n${USAGE}`);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`error: ${(e as Error).message}`);
      return 2;
    }
    io.err(`error: ${(e as Error).message}`);
    return 1;
  } finally {
    cat?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void runCli(process.argv.slice(2), { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') }).then((code) => (process.exitCode = code));
}
