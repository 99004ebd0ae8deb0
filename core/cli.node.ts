/**
 * The command line for counsellors, operators and tests: `npm run --silent cli -- <command>`.
 * Its commands and JSON outputs are public interfaces — keep them stable. One table (COMMANDS)
 * gives each command's words, arguments and flags: the usage text, the flag checks and the
 * dispatch all come from it. Commands that read the catalogue build the core (createCore) on
 * this device's data folder (--data DIR, else the default; see core/env.node.ts).
 */
import { parseArgs } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseStage } from '../db/catalogue/store.js';
import { CATEGORIES, Situation, type Entry } from '../db/catalogue/schema.js';
import { DISTRICTS, isLang, isDistrict, STAGES, type StageId } from './contract/lists.js';
import { KioskApiError } from './contract/result.js';
import { findEligible } from './eligibility/finder.js';
import { auditCatalogue, languageCoverage } from './catalogue/audit.js';
import { ImportError, readFacilitiesCsv } from './importers/facilities.node.js';
import { Gov24Error, readGov24 } from './importers/gov24.node.js';
import { BoundaryError, importBoundaries } from './geo/boundaries.node.js';
import { pdfPageCount } from './print/pages.js';
import { createCore, type Core } from './core.node.js';
import { CatalogueFileError } from './catalogue/service.node.js';
import { SyncError } from '../sync/protocol/manifest.js';
import { defaultDataDir, nodeHostEnv } from './env.node.js';
import { createLogger } from './log.node.js';
import type { HubCommand } from '../sync/hub/cli.node.js';
import { checkFlags, findCommand, usage, UsageError, type CommandSpec, type FlagSpec, type Values } from './cli/table.js';

export { UsageError };

const FLAGS = {
  json: { type: 'boolean' },
  data: { type: 'string', value: 'DIR' },
  stage: { type: 'string', value: 'S' },
  district: { type: 'string', value: 'D' },
  category: { type: 'string', value: 'C' },
  'age-months': { type: 'string', value: 'N' },
  limit: { type: 'string', value: 'N' },
  situation: { type: 'string', value: 'FILE.json' },
  pdf: { type: 'string', value: 'OUT.pdf' },
  lang: { type: 'string', value: 'ko|en|vi|zh' },
  large: { type: 'boolean' },
  ids: { type: 'string', value: 'a,b,c' },
  hub: { type: 'string', value: 'URL' },
  key: { type: 'string', value: 'KEY' },
  source: { type: 'string', value: 'DIR' },
  'database-url': { type: 'string', value: 'URL' },
  code: { type: 'string', value: 'CODE' },
  service: { type: 'string', value: 'ID' },
  form: { type: 'string', value: 'FILE.json' },
  reason: { type: 'string', value: 'TEXT' },
  version: { type: 'string', value: 'V' }, staging: { type: 'string', value: 'N' }, channel: { type: 'string', value: 'NAME' }, // hub release
  help: { type: 'boolean', short: 'h' },
} satisfies Record<string, FlagSpec>;
type Flag = keyof typeof FLAGS;

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
}

interface Ctx {
  values: Values<Flag>;
  rest: string[];
  io: CliIO;
  /** the core on this device's data folder, built on first use */
  core: () => Core;
  /** the data folder the command works on */
  dataDir: () => string;
}

const str = (v: Values<Flag>, f: Flag): string | undefined => (typeof v[f] === 'string' ? (v[f] as string) : undefined);

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

const COMMANDS: CommandSpec<Flag, Ctx>[] = [
  {
    words: ['search'],
    args: '"<query>"',
    flags: ['stage', 'district', 'category', 'age-months', 'limit', 'json', 'data'],
    run: ({ values, rest, io, core }) => {
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
  },
  {
    words: ['show'],
    args: '<id>',
    flags: ['json', 'data'],
    run: ({ values, rest, io, core }) => {
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
  },
  {
    words: ['catalogue', 'stats'],
    flags: ['json', 'data'],
    run: ({ values, io, core }) => {
      const cat = core().catalogue.current();
      const s = cat.stats();
      // per language and field: how many policies and services have it translated, of those that have the field
      const languages = languageCoverage(cat.entries());
      if (values.json) io.out(JSON.stringify({ ...s, languages }));
      else {
        io.out(`catalogue ${s.version} (built ${s.built_at}): ${s.total} entries, ${s.faq} FAQ`);
        io.out(`by kind: ${Object.entries(s.by_kind).map(([k, v]) => `${k} ${v}`).join(', ')}`);
        io.out(`by stage: ${Object.entries(s.by_stage).map(([k, v]) => `${STAGES[k as StageId]} ${v}`).join(', ')}`);
        for (const [lang, fields] of Object.entries(languages))
          io.out(`${lang}: ${Object.entries(fields).map(([f, c]) => `${f} ${c.have}/${c.of}`).join(', ')}`);
      }
      return 0;
    },
  },
  {
    words: ['catalogue', 'audit'],
    flags: ['json', 'data'],
    note: 'what an operator must fix, entry by entry',
    run: ({ values, io, core }) => {
      const c = core();
      const audits = auditCatalogue(c.catalogue.current().entries(), c.env.clock());
      if (values.json) io.out(JSON.stringify(audits));
      else if (!audits.length) io.out('nothing to fix: every figure is current, every entry has a phone, sources and all four languages');
      else {
        for (const a of audits) {
          io.out(a.id);
          for (const p of a.problems) io.out(`  ${p.code.padEnd(28)} ${p.field.padEnd(22)} ${p.detail}`);
        }
        const count = (code: string) => audits.filter((a) => a.problems.some((p) => p.code === code)).length;
        io.out(`\n${audits.length} entries to fix: ${['figure_expired', 'figure_old', 'rule_expired', 'no_phone', 'no_official_or_dated_source', 'sources_old', 'language_missing'].map((k) => `${k} ${count(k)}`).join(', ')}`);
      }
      return 0;
    },
  },
  {
    words: ['eligible'],
    flags: ['situation', 'json', 'data'],
    required: ['situation'],
    note: 'a household situation; any field may be missing',
    run: ({ values, io, core }) => {
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
  },
  {
    words: ['map', 'import'],
    args: 'FILE.geojson',
    flags: ['data'],
    note: 'a 자치구 or 행정동 boundary layer',
    run: ({ rest, io, dataDir }) => {
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
  },
  {
    words: ['import', 'facilities'],
    args: 'FILE.csv',
    flags: ['data'],
    note: '전국어린이집표준데이터-style CSV, UTF-8 or CP949',
    run: (ctx) => importCommand(ctx, 'facilities'),
  },
  {
    words: ['import', 'gov24'],
    args: 'LIST.json CONDITIONS.json',
    flags: ['data'],
    note: '보조금24 serviceList + supportConditions',
    run: (ctx) => importCommand(ctx, 'gov24'),
  },
  {
    words: ['print', 'sheet'],
    args: '<id>',
    flags: ['pdf', 'lang', 'large', 'data'],
    required: ['pdf'],
    run: (ctx) => printCommand(ctx, 'sheet'),
  },
  {
    words: ['print', 'booklet'],
    usage: 'print booklet (--stage S | --ids a,b,c) --pdf OUT.pdf [--lang ko|en|vi|zh] [--large] [--data DIR]',
    flags: ['stage', 'ids', 'pdf', 'lang', 'large', 'data'],
    required: ['pdf'],
    run: (ctx) => printCommand(ctx, 'booklet'),
  },
  {
    words: ['sync'],
    flags: ['hub', 'key', 'json', 'data'],
    note: 'pull the newest catalogue from the hub (the first time: --hub URL --key KEY)',
    run: (ctx) => syncCommand(ctx, 'hub'),
  },
  {
    words: ['bundle', 'import'],
    args: 'FILE',
    flags: ['key', 'json', 'data'],
    note: 'a USB bundle made at the hub with `bundle export`',
    run: (ctx) => syncCommand(ctx, 'bundle'),
  },
  // The outbox on this device (core/outbox/cli.node.ts, loaded only when one of these runs):
  {
    words: ['enrol'],
    flags: ['hub', 'code', 'json', 'data'],
    required: ['hub', 'code'],
    note: 'enrol this device with a hub (the one-time code from `hub enrol-device`)',
    run: (ctx) => outboxCommand(ctx, 'enrol'),
  },
  { words: ['apply'], flags: ['service', 'form', 'json', 'data'], required: ['service', 'form'], note: "seal an application into the outbox (FILE.json: the form's fields)", run: (ctx) => outboxCommand(ctx, 'apply') },
  { words: ['outbox'], flags: ['json', 'data'], note: 'applications pending, sent and needing attention (nothing personal)', run: (ctx) => outboxCommand(ctx, 'outbox') },
  { words: ['outbox', 'send'], flags: ['json', 'data'], note: 'upload what is pending, until the outbox is empty or the hub cannot be reached', run: (ctx) => outboxCommand(ctx, 'outbox send') },
  { words: ['outbox', 'export'], args: 'FILE', flags: ['json', 'data'], note: 'the pending applications, sealed and device-signed, into one file for a USB stick (they stay pending; the hub imports it)', run: (ctx) => outboxExportCommand(ctx) },
  { words: ['forms'], flags: ['json', 'data'], note: "every application form's JSON Schema (the service forms from this device's catalogue), each with a valid example", run: (ctx) => formsCommand(ctx) },
  // Counsellor accounts on this device (core/counsellor/cli.node.ts; the PIN always on standard input, never an argument):
  { words: ['counsellor', 'add'], args: 'NAME', flags: ['json', 'data'], note: 'the PIN (6–8 digits) on standard input', run: (ctx) => counsellorCommand(ctx, 'counsellor add') },
  { words: ['counsellor', 'pin'], args: 'NAME', flags: ['data'], note: "a new PIN: the current and the new one on standard input; the drafts re-encrypted", run: (ctx) => counsellorCommand(ctx, 'counsellor pin') },
  { words: ['counsellor', 'unlock'], args: 'NAME', flags: ['json', 'data'], note: 'clear a lock after 5 wrong PINs', run: (ctx) => counsellorCommand(ctx, 'counsellor unlock') },
  { words: ['counsellor', 'list'], flags: ['json', 'data'], note: 'the accounts: locked or not, wrong PINs, drafts', run: (ctx) => counsellorCommand(ctx, 'counsellor list') },
  // At the hub (sync/hub/cli.node.ts, loaded only when one of these runs; --data DIR is the hub's data folder):
  { words: ['hub', 'key'], flags: ['data'], note: "the hub's public key, one line", run: (ctx) => hubCommand(ctx, 'hub key') },
  { words: ['hub', 'publish'], flags: ['data', 'source', 'database-url', 'json'], run: (ctx) => hubCommand(ctx, 'hub publish') },
  { words: ['hub', 'versions'], flags: ['data', 'database-url', 'json'], run: (ctx) => hubCommand(ctx, 'hub versions') },
  { words: ['bundle', 'export'], args: 'FILE', flags: ['data', 'database-url', 'json'], note: 'the newest version, for a USB stick', run: (ctx) => hubCommand(ctx, 'bundle export') },
  { words: ['hub', 'enrol-device'], args: 'NAME', flags: ['data', 'database-url', 'json'], note: 'a one-time enrolment code for a device (last line)', run: (ctx) => hubCommand(ctx, 'hub enrol-device') },
  { words: ['hub', 'revoke-device'], args: 'NAME', flags: ['data', 'database-url', 'json'], note: 'refuse that device from now on', run: (ctx) => hubCommand(ctx, 'hub revoke-device') },
  { words: ['hub', 'applications'], flags: ['data', 'database-url', 'json'], note: 'the applications received, opened with the sealing key', run: (ctx) => hubCommand(ctx, 'hub applications') },
  { words: ['hub', 'confirm'], args: 'RECEIPT', flags: ['data', 'database-url', 'json'], note: 'the centre confirms a reservation (긴급아이돌봄 예약); the device shows it at its next sync', run: (ctx) => hubCommand(ctx, 'hub confirm') },
  { words: ['hub', 'decline'], args: 'RECEIPT', flags: ['reason', 'data', 'database-url', 'json'], required: ['reason'], note: 'the centre declines a reservation, with a short non-personal reason', run: (ctx) => hubCommand(ctx, 'hub decline') },
  { words: ['hub', 'import-applications'], args: 'FILE', flags: ['data', 'database-url', 'json'], note: "a device's `outbox export` file, each application taken once through the intake", run: (ctx) => hubCommand(ctx, 'hub import-applications') },
  { words: ['hub', 'purge-applications'], flags: ['data', 'database-url', 'json'], note: 'delete the applications received more than a year ago (AICHINGU_HUB_RETENTION_DAYS), now', run: (ctx) => hubCommand(ctx, 'hub purge-applications') },
  { words: ['hub', 'release'], args: 'FILE', flags: ['version', 'staging', 'channel', 'data', 'json'], required: ['version'], note: 'an app update for kiosks (.AppImage, .deb, .exe): stored and offered in the feed at /updates/ (to N % of kiosks with --staging)', run: async ({ values, rest, io }) => (await import('../sync/hub/release.node.js')).releaseCommand(rest, { data: str(values, 'data'), version: str(values, 'version'), staging: str(values, 'staging'), channel: str(values, 'channel'), json: values.json === true }, io) },
];

/** The outbox's commands on this device (core/outbox/cli.node.ts). */
async function outboxCommand(ctx: Ctx, name: 'enrol' | 'apply' | 'outbox' | 'outbox send'): Promise<number> {
  const outbox = await import('./outbox/cli.node.js');
  return outbox.outboxCommand(name, { values: ctx.values, rest: ctx.rest, io: ctx.io, core: ctx.core, dataDir: ctx.dataDir });
}

/** `outbox export FILE` (core/outbox/export-cli.node.ts). */
async function outboxExportCommand(ctx: Ctx): Promise<number> {
  const { exportCommand } = await import('./outbox/export-cli.node.js');
  return exportCommand({ values: ctx.values, rest: ctx.rest, io: ctx.io, core: ctx.core });
}

/** `forms`: every form's JSON Schema (core/forms/json-schema.ts); with --json one JSON array, else one line a form. */
async function formsCommand({ values, io, core }: Ctx): Promise<number> {
  const { formsJsonSchemas } = await import('./forms/json-schema.js');
  const c = core();
  // the service forms are made from this device's catalogue, as the kiosk's own are
  const forms = formsJsonSchemas({ catalogue: c.catalogue.current(), today: c.env.clock().toISOString().slice(0, 10) });
  if (values.json) io.out(JSON.stringify(forms));
  else for (const f of forms) io.out(`${f['x-aichingu-service']}  (${f['x-aichingu-submitted']}): ${f['x-aichingu-fields'].join(', ')}`);
  return 0;
}

/** The counsellor accounts' commands (core/counsellor/cli.node.ts). */
async function counsellorCommand(ctx: Ctx, name: 'counsellor add' | 'counsellor pin' | 'counsellor unlock' | 'counsellor list'): Promise<number> {
  const counsellor = await import('./counsellor/cli.node.js');
  return counsellor.counsellorCommand(name, { values: ctx.values, rest: ctx.rest, io: ctx.io, core: ctx.core });
}

/** The hub's commands: same output whether a hub runs on the data folder or not (sync/hub/operator.node.ts). */
async function hubCommand({ values, rest, io }: Ctx, name: HubCommand): Promise<number> {
  const hub = await import('../sync/hub/cli.node.js');
  return hub.hubCommand(name, rest, { data: str(values, 'data'), source: str(values, 'source'), databaseUrl: str(values, 'database-url'), json: values.json === true, reason: str(values, 'reason') }, io);
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
  const c = core();
  try {
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
    throw e;
  }
}

const USAGE = usage('cli', FLAGS, COMMANDS, [
  `stages: ${Object.entries(STAGES).map(([id, ko]) => `${id} (${ko})`).join(', ')}`,
  `districts: ${DISTRICTS.join(', ')}`,
  'DIR: the device data folder (default: AICHINGU_DATA, else ~/.local/share/aichingu-1279)',
  "  for hub … and bundle export, the hub's data folder (default: AICHINGU_HUB_DATA, else ~/.local/share/aichingu-1279-hub)",
]);

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

/** Node's parseArgs refusal in our words: the option, and what the command (when one is named) takes. */
function parseArgsMessage(e: Error & { code: string }, argv: string[]): string {
  const loose = parseArgs({ args: argv, allowPositionals: true, strict: false, options: FLAGS });
  const found = findCommand(COMMANDS, loose.positionals);
  const takes = found ? `; ${found.command.words.join(' ')} takes ${found.command.flags.length ? found.command.flags.map((f) => `--${f}`).join(', ') : 'no options'}` : '; cli --help lists the commands and their options';
  const option = /'(-[^' ]+)/.exec(e.message)?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}${takes}`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `${option} needs a value${takes}`;
  return e.message;
}

export async function runCli(argv: string[], io: CliIO, moduleUrl: string = import.meta.url): Promise<number> {
  let core: Core | undefined;
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: FLAGS });
    const v = values as Values<Flag>;
    if (v.help || !positionals.length) {
      io.out(USAGE);
      return v.help ? 0 : 2;
    }
    const found = findCommand(COMMANDS, positionals);
    if (!found) throw new UsageError(`unknown command "${positionals.join(' ')}"\n${USAGE}`);
    checkFlags('cli', FLAGS, found.command, v);
    const dataDir = () => str(v, 'data') ?? defaultDataDir();
    const ctx: Ctx = {
      values: v,
      rest: found.rest,
      io,
      dataDir,
      core: () =>
        (core ??= createCore(
          nodeHostEnv({ moduleUrl, name: 'cli', dataDir: dataDir(), createLogger: (name) => createLogger({ name, level: process.env.AICHINGU_LOG_LEVEL ?? 'warn' }) }),
        )),
    };
    return await found.command.run(ctx);
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`error: ${parseArgsMessage(e as Error & { code: string }, argv)}`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(`error: ${(e as Error).message}`);
      return 2;
    }
    if (e instanceof CatalogueFileError || e instanceof KioskApiError) {
      io.err(`error: ${e.message}`);
      return 1;
    }
    io.err(`error: ${(e as Error).message}`);
    return 1;
  } finally {
    await core?.close();
  }
}
