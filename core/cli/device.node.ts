/**
 * The CLI's commands on this device's catalogue and data folder: search, show, catalogue
 * stats|audit, eligible, map import, import facilities|gov24, print sheet|booklet, sync, bundle
 * import and forms. Loaded by core/cli.node.ts (which holds their words and flags) only when one
 * of them runs, so that `cli --help`, a usage error or a hub command compiles none of this.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseStage } from '../../db/catalogue/store.js';
import { CATEGORIES, Situation, type Entry } from '../../db/catalogue/schema.js';
import { DISTRICTS, isLang, isDistrict, STAGES, type StageId } from '../contract/lists.js';
import { KioskApiError } from '../contract/result.js';
import { findEligible } from '../eligibility/finder.js';
import { auditCatalogue, auditHolidays, languageCoverage } from '../catalogue/audit.js';
import { ImportError, readFacilitiesCsv } from '../importers/facilities.node.js';
import { Gov24Error, readGov24 } from '../importers/gov24.node.js';
import { BoundaryError, importBoundaries } from '../geo/boundaries.node.js';
import { pdfPageCount } from '../print/pages.js';
import type { Core } from '../core.node.js';
import { SyncError } from '../../sync/protocol/manifest.js';
import { UsageError, type CommandCtx } from './table.js';

export type DeviceCommand = 'search' | 'show' | 'catalogue stats' | 'catalogue audit' | 'eligible' | 'map import' | 'import facilities' | 'import gov24' | 'print sheet' | 'print booklet' | 'sync' | 'bundle import' | 'forms';

export type DeviceCtx = CommandCtx<Core>;
type Ctx = DeviceCtx;

const str = (v: Ctx['values'], f: string): string | undefined => (typeof v[f] === 'string' ? (v[f] as string) : undefined);

function intOption(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${v}")`);
  return Number(v);
}

function stageOption(v: string | undefined, withLabels: boolean): StageId | undefined {
  if (v === undefined) return undefined;
  const s = parseStage(v);
  if (s === null) throw new UsageError(`--stage "${v}" is not a life stage; use one of ${Object.keys(STAGES).join(', ')}${withLabels ? ` (or ${Object.values(STAGES).join(', ')})` : ''}`);
  return s;
}

const COMMANDS: Record<DeviceCommand, (ctx: Ctx) => number | Promise<number>> = {
  search: ({ values, rest, io, core }) => {
    const query = rest.join(' ').trim();
    if (!query) throw new UsageError('search needs a query, e.g. cli search "아이돌봄"');
    const stage = stageOption(str(values, 'stage'), true);
    const district = str(values, 'district');
    if (district !== undefined && !isDistrict(district)) throw new UsageError(`--district "${district}" is not a district of Gwangju; use one of ${DISTRICTS.join(', ')}`);
    const category = str(values, 'category');
    if (category !== undefined && !(category in CATEGORIES)) throw new UsageError(`--category "${category}" is unknown; use one of ${Object.keys(CATEGORIES).join(', ')}`);
    const limit = intOption('limit', str(values, 'limit'), 1, 100) ?? 10;
    const childAgeMonths = intOption('age-months', str(values, 'age-months'), 0, 600);
    const hits = core().catalogue.current().search(query, { limit, filters: { stage, district, category, childAgeMonths } });
    if (values.json) io.out(JSON.stringify(hits.map(({ id, kind, title, stage, score }) => ({ id, kind, title, stage, score }))));
    else if (!hits.length) io.out(`"${query}": nothing found. Try fewer or other words, or 초성 such as ㅇㅇㄷㅂ.`);
    else hits.forEach((h, i) => io.out(`${String(i + 1).padStart(2)}. ${h.title}  [${h.kind}, ${STAGES[h.stage as StageId] ?? h.stage}]  ${h.id}  (${h.score})`));
    return 0;
  },
  show: ({ values, rest, io, core }) => {
    const id = rest[0];
    if (!id) throw new UsageError('show needs an entry id, e.g. cli show child-care-service --json');
    const e = core().catalogue.current().entry(id);
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
  },
  'catalogue stats': ({ values, io, core }) => {
    const cat = core().catalogue.current();
    const s = cat.stats();
    // per language and field: how many policies and services have it translated, of those that have the field
    const languages = languageCoverage(cat.entries());
    const h = cat.holidays();
    // the public-holiday calendar: until which day it is known, and how many days it lists
    const holidays = { known_until: h?.known_until ?? null, days: h?.days.length ?? 0 };
    if (values.json) io.out(JSON.stringify({ ...s, languages, holidays }));
    else {
      io.out(`catalogue ${s.version} (built ${s.built_at}): ${s.total} entries, ${s.faq} FAQ`);
      io.out(h ? `공휴일 달력: ${h.known_until}까지 (${h.days.length}일)` : '공휴일 달력: 없음 (설정된 쉬는 날만 알아요)');
      io.out(`by kind: ${Object.entries(s.by_kind).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      io.out(`by stage: ${Object.entries(s.by_stage).map(([k, v]) => `${STAGES[k as StageId]} ${v}`).join(', ')}`);
      for (const [lang, fields] of Object.entries(languages))
        io.out(`${lang}: ${Object.entries(fields).map(([f, c]) => `${f} ${c.have}/${c.of}`).join(', ')}`);
    }
    return 0;
  },
  'catalogue audit': ({ values, io, core }) => {
    const c = core();
    const cat = c.catalogue.current();
    const audits = [...auditCatalogue(cat.entries(), c.env.clock()), ...auditHolidays(cat.holidays(), c.env.clock())];
    if (values.json) io.out(JSON.stringify(audits));
    else if (!audits.length) io.out('nothing to fix: every figure is current, every entry has a phone, sources and all four languages');
    else {
      for (const a of audits) {
        io.out(a.id);
        for (const p of a.problems) io.out(`  ${p.code.padEnd(28)} ${p.field.padEnd(22)} ${p.detail}`);
      }
      const count = (code: string) => audits.filter((a) => a.problems.some((p) => p.code === code)).length;
      io.out(`\n${audits.length} entries to fix: ${['figure_expired', 'figure_old', 'rule_expired', 'no_phone', 'no_official_or_dated_source', 'sources_old', 'language_missing', 'holidays_ending'].map((k) => `${k} ${count(k)}`).join(', ')}`);
    }
    return 0;
  },
  eligible: ({ values, io, core }) => {
    const file = str(values, 'situation')!;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new UsageError(`--situation ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(e as Error).message})`}`);
    }
    const parsed = Situation.safeParse(raw);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new UsageError(`--situation ${file}: field "${i?.path.join('.') || '(top)'}": ${i?.message ?? 'not valid'}`);
    }
    const c = core();
    const findings = findEligible(c.catalogue.current().entriesWithRules(), parsed.data, 'ko', c.env.clock());
    if (values.json) io.out(JSON.stringify(findings.map(({ id, title, result, reasons }) => ({ id, title, result, reasons: reasons.map(({ text, met }) => ({ text, met })) }))));
    else
      for (const [result, label] of [['eligible', '받을 수 있어요'], ['unknown', '확인이 필요해요'], ['not_eligible', '해당되지 않아요']] as const) {
        const group = findings.filter((f) => f.result === result);
        io.out(`\n${label} (${group.length})`);
        for (const f of group) io.out(`  ${f.title}  [${f.id}]\n${f.reasons.map((r) => `    ${r.met === true ? '✔' : r.met === false ? '✘' : '?'} ${r.text}`).join('\n')}`);
      }
    return 0;
  },
  'map import': ({ rest, io, dataDir }) => {
    const file = rest[0];
    if (!file) throw new UsageError('map import needs a GeoJSON file, e.g. cli map import gwangju_gu.geojson');
    if (!existsSync(file)) throw new UsageError(`map import: no such file ${file}`);
    const dir = dataDir();
    try {
      const layer = importBoundaries(dir, file);
      io.out(`imported ${layer.areas.length} ${layer.level === 'gu' ? '자치구' : '행정동'} areas from ${file} into ${dir}/map`);
    } catch (e) {
      if (e instanceof BoundaryError) throw new UsageError(e.message);
      throw e;
    }
    return 0;
  },
  'import facilities': (ctx) => importCommand(ctx, 'facilities'),
  'import gov24': (ctx) => importCommand(ctx, 'gov24'),
  'print sheet': (ctx) => printCommand(ctx, 'sheet'),
  'print booklet': (ctx) => printCommand(ctx, 'booklet'),
  sync: (ctx) => syncCommand(ctx, 'hub'),
  'bundle import': (ctx) => syncCommand(ctx, 'bundle'),
  forms: (ctx) => formsCommand(ctx),
};

export function deviceCommand(name: DeviceCommand, ctx: Ctx): number | Promise<number> {
  return COMMANDS[name](ctx);
}

/** `forms`: every form's JSON Schema (core/forms/json-schema.ts); with --json one JSON array, else one line a form. */
async function formsCommand({ values, io, core }: Ctx): Promise<number> {
  const { formsJsonSchemas } = await import('../forms/json-schema.js');
  const c = core();
  // the service forms are made from this device's catalogue, as the kiosk's own are
  const forms = formsJsonSchemas({ catalogue: c.catalogue.current(), today: c.env.clock().toISOString().slice(0, 10) });
  if (values.json) io.out(JSON.stringify(forms));
  else for (const f of forms) io.out(`${f['x-aichingu-service']}  (${f['x-aichingu-submitted']}): ${f['x-aichingu-fields'].join(', ')}`);
  return 0;
}

/**
 * `sync` and `bundle import`: progress as a percentage on standard error (with --json, as JSON
 * lines on standard output), then the result — with --json, the last line is
 * {"version":N,"applied":"snapshot"|"delta"|"none","ms":…}, or on failure {"error":CODE,"message":…}
 * (exit 1; 2 when it was asked wrongly: no key, or a key or hub address that is not one).
 */
async function syncCommand({ values, rest, io, core }: Ctx, from: 'hub' | 'bundle'): Promise<number> {
  const key = str(values, 'key');
  const file = rest[0];
  if (from === 'bundle' && (!file || rest.length > 1)) throw new UsageError('bundle import needs one bundle file, e.g. cli bundle import /media/usb/catalogue-7.a1279');
  if (from === 'hub' && rest.length) throw new UsageError(`sync takes no arguments (got "${rest.join(' ')}"); give the hub with --hub URL`);
  let last = -1;
  const progress = (p: { phase: string; done: number; total: number }) => {
    const pct = p.total > 0 ? Math.floor((p.done / p.total) * 100) : p.phase === 'done' ? 100 : 0;
    if (p.phase === 'downloading' && pct === last) return;
    last = p.phase === 'downloading' ? pct : -1;
    if (values.json) io.out(JSON.stringify({ phase: p.phase, percent: pct }));
    else io.err(p.phase === 'downloading' ? `downloading ${pct} %` : p.phase);
  };
  try {
    const c = core();
    const r = from === 'hub' ? await c.sync.sync({ hubUrl: str(values, 'hub'), key, progress }) : await c.sync.importBundle(file!, { key, progress });
    if (values.json) io.out(JSON.stringify({ version: r.version, applied: r.applied, ms: r.ms }));
    else
      io.out(
        r.applied === 'none'
          ? `the catalogue is already at version ${r.version}`
          : `catalogue version ${r.version} applied (${r.applied === 'delta' ? `${r.deltas} delta${r.deltas > 1 ? 's' : ''}` : 'snapshot'}, ${r.bytes} bytes, ${r.ms} ms)`,
      );
    return 0;
  } catch (e) {
    if (e instanceof SyncError) {
      io.err(`error: ${e.message}`);
      if (values.json) io.out(JSON.stringify({ error: e.code, message: e.message }));
      return e.asked ? 2 : 1;
    }
    // anything else (a disk full, a catalogue that cannot be opened): still a result line for a
    // script reading --json; the message and exit 1 come from the CLI's own handler
    if (values.json) io.out(JSON.stringify({ error: 'internal', message: (e as Error).message }));
    throw e;
  }
}
async function importCommand({ rest, io, core }: Ctx, kind: 'facilities' | 'gov24'): Promise<number> {
  const need = kind === 'facilities' ? 1 : 2;
  if (rest.length !== need) throw new UsageError(kind === 'facilities' ? 'import facilities needs one CSV file' : 'import gov24 needs LIST.json and CONDITIONS.json');
  for (const f of rest) if (!existsSync(f)) throw new UsageError(`import ${kind}: no such file ${f}`);
  let entries: Entry[];
  let problems: { row: number; reason: string }[];
  const notes: string[] = [];
  try {
    if (kind === 'facilities') {
      const r = readFacilitiesCsv(readFileSync(rest[0]!), rest[0]!);
      ({ entries, problems } = r);
      notes.push(`${r.encoding}`, `${r.outsideGwangju} rows outside Gwangju skipped`, `${r.closed} closed (폐지) skipped`);
    } else {
      const r = readGov24(readFileSync(rest[0]!, 'utf8'), readFileSync(rest[1]!, 'utf8'), { list: rest[0]!, conditions: rest[1]! });
      ({ entries, problems } = r);
    }
  } catch (e) {
    if (e instanceof ImportError || e instanceof Gov24Error) throw new UsageError(e.message);
    throw e;
  }
  const c = core();
  c.catalogue.importEntries(entries, `import:${rest.map((f) => basename(f)).join('+')}`);
  io.out(`imported ${entries.length} ${kind === 'facilities' ? 'facilities' : 'services'} into ${join(c.env.dataDir, 'catalogue.sqlite')}${notes.length ? ` (${notes.join('; ')})` : ''}`);
  if (problems.length) io.out(`${problems.length} row(s) need attention:`);
  for (const p of problems) io.out(`  row ${p.row}: ${p.reason}`);
  return 0;
}

async function printCommand({ values, rest, io, core }: Ctx, kind: 'sheet' | 'booklet'): Promise<number> {
  const out = str(values, 'pdf')!;
  const lang = str(values, 'lang') ?? 'ko';
  if (!isLang(lang)) throw new UsageError(`--lang "${lang}" is not one of ko, en, vi, zh`);
  const large = values.large === true;
  const id = rest[0];
  let sel: { stage?: StageId; ids?: string[] } = {};
  if (kind === 'sheet' && !id) throw new UsageError('print sheet needs an entry id, e.g. cli print sheet child-care-service --pdf sheet.pdf');
  if (kind === 'booklet') {
    const stage = stageOption(str(values, 'stage'), false);
    const ids = str(values, 'ids');
    if (!stage === !ids) throw new UsageError('print booklet needs either --stage S or --ids a,b,c');
    sel = stage ? { stage } : { ids: ids!.split(',').map((x) => x.trim()).filter(Boolean) };
  }
  const c = core();
  const lease = c.catalogue.lease();
  try {
    const pdf =
      kind === 'sheet'
        ? await c.print.sheetPdf(lease.catalogue, id!, { lang, large })
        : (await c.print.booklet(lease.catalogue, sel, { lang, large }, { onProgress: (d, n) => io.err(`\r${d}/${n}`) })).pdf;
    writeFileSync(out, pdf);
    io.out(`${out}: ${pdfPageCount(pdf)} page(s), A4`);
  } catch (e) {
    if (e instanceof KioskApiError && (e.body.code === 'not_found' || e.body.code === 'bad_request')) throw new UsageError(e.body.message);
    throw e;
  } finally {
    lease.release();
  }
  return 0;
}
