/**
 * The command line for counsellors, operators and tests: `npm run --silent cli -- <command>`.
 * Its commands and JSON outputs are public interfaces — keep them stable. One table (COMMANDS)
 * gives each command's words, arguments and flags: the usage text, the flag checks and the
 * dispatch all come from it. Commands that read the catalogue build the core (createCore) on
 * this device's data folder (--data DIR, else the default; see core/env.node.ts).
 *
 * Each command's code is loaded when it runs (a dynamic import: core/cli/device.node.ts, the
 * outbox's, the counsellors' or the hub's module), and the core's only by the commands that use
 * it: the usage, a usage error or a hub command compiles none of the kiosk's services.
 */
import { parseArgs } from 'node:util';
import { DISTRICTS, STAGES } from './contract/lists.js';
import type { Core } from './core.node.js';
import { defaultDataDir } from './env.node.js';
import type { HubCommand } from '../sync/hub/cli.node.js';
import type { DeviceCommand } from './cli/device.node.js';
import type { openCore as OpenCore } from './cli/open-core.node.js';
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

/** The core's builder (core/cli/open-core.node.ts), once a command that uses the core has loaded it. */
let openCore: typeof OpenCore | undefined;

/** A command's module, loaded with the core's builder (for the commands that work on the core). */
async function withCore<M>(module: Promise<M>): Promise<M> {
  const [m, o] = await Promise.all([module, import('./cli/open-core.node.js')]);
  openCore = o.openCore;
  return m;
}

/** A command on this device's catalogue or data folder (core/cli/device.node.ts). */
const device =
  (name: DeviceCommand) =>
  async (ctx: Ctx): Promise<number> =>
    (await withCore(import('./cli/device.node.js'))).deviceCommand(name, ctx);

const COMMANDS: CommandSpec<Flag, Ctx>[] = [
  {
    words: ['search'],
    args: '"<query>"',
    flags: ['stage', 'district', 'category', 'age-months', 'limit', 'json', 'data'],
    run: device('search'),
  },
  {
    words: ['show'],
    args: '<id>',
    flags: ['json', 'data'],
    run: device('show'),
  },
  {
    words: ['catalogue', 'stats'],
    flags: ['json', 'data'],
    run: device('catalogue stats'),
  },
  {
    words: ['catalogue', 'audit'],
    flags: ['json', 'data'],
    note: 'what an operator must fix, entry by entry',
    run: device('catalogue audit'),
  },
  {
    words: ['eligible'],
    flags: ['situation', 'json', 'data'],
    required: ['situation'],
    note: 'a household situation; any field may be missing',
    run: device('eligible'),
  },
  {
    words: ['map', 'import'],
    args: 'FILE.geojson',
    flags: ['data'],
    note: 'a 자치구 or 행정동 boundary layer',
    run: device('map import'),
  },
  {
    words: ['import', 'facilities'],
    args: 'FILE.csv',
    flags: ['data'],
    note: '전국어린이집표준데이터-style CSV, UTF-8 or CP949',
    run: device('import facilities'),
  },
  {
    words: ['import', 'gov24'],
    args: 'LIST.json CONDITIONS.json',
    flags: ['data'],
    note: '보조금24 serviceList + supportConditions',
    run: device('import gov24'),
  },
  {
    words: ['print', 'sheet'],
    args: '<id>',
    flags: ['pdf', 'lang', 'large', 'data'],
    required: ['pdf'],
    run: device('print sheet'),
  },
  {
    words: ['print', 'booklet'],
    usage: 'print booklet (--stage S | --ids a,b,c) --pdf OUT.pdf [--lang ko|en|vi|zh] [--large] [--data DIR]',
    flags: ['stage', 'ids', 'pdf', 'lang', 'large', 'data'],
    required: ['pdf'],
    run: device('print booklet'),
  },
  {
    words: ['sync'],
    flags: ['hub', 'key', 'json', 'data'],
    note: 'pull the newest catalogue from the hub (the first time: --hub URL --key KEY)',
    run: device('sync'),
  },
  {
    words: ['bundle', 'import'],
    args: 'FILE',
    flags: ['key', 'json', 'data'],
    note: 'a USB bundle made at the hub with `bundle export`',
    run: device('bundle import'),
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
  { words: ['forms'], flags: ['json', 'data'], note: "every application form's JSON Schema (the service forms from this device's catalogue), each with a valid example", run: device('forms') },
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
  const outbox = await withCore(import('./outbox/cli.node.js'));
  return outbox.outboxCommand(name, { values: ctx.values, rest: ctx.rest, io: ctx.io, core: ctx.core, dataDir: ctx.dataDir });
}

/** `outbox export FILE` (core/outbox/export-cli.node.ts). */
async function outboxExportCommand(ctx: Ctx): Promise<number> {
  const { exportCommand } = await withCore(import('./outbox/export-cli.node.js'));
  return exportCommand({ values: ctx.values, rest: ctx.rest, io: ctx.io, core: ctx.core });
}

/** The counsellor accounts' commands (core/counsellor/cli.node.ts). */
async function counsellorCommand(ctx: Ctx, name: 'counsellor add' | 'counsellor pin' | 'counsellor unlock' | 'counsellor list'): Promise<number> {
  const counsellor = await withCore(import('./counsellor/cli.node.js'));
  return counsellor.counsellorCommand(name, { values: ctx.values, rest: ctx.rest, io: ctx.io, core: ctx.core });
}

/** The hub's commands: same output whether a hub runs on the data folder or not (sync/hub/operator.node.ts). */
async function hubCommand({ values, rest, io }: Ctx, name: HubCommand): Promise<number> {
  const hub = await import('../sync/hub/cli.node.js');
  return hub.hubCommand(name, rest, { data: str(values, 'data'), source: str(values, 'source'), databaseUrl: str(values, 'database-url'), json: values.json === true, reason: str(values, 'reason') }, io);
}

const USAGE = usage('cli', FLAGS, COMMANDS, [
  `stages: ${Object.entries(STAGES).map(([id, ko]) => `${id} (${ko})`).join(', ')}`,
  `districts: ${DISTRICTS.join(', ')}`,
  'DIR: the device data folder (default: AICHINGU_DATA, else ~/.local/share/aichingu-1279)',
  "  for hub … and bundle export, the hub's data folder (default: AICHINGU_HUB_DATA, else ~/.local/share/aichingu-1279-hub)",
]);

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
      core: () => {
        if (!openCore) throw new Error('the core is not loaded: a command that uses it runs through withCore');
        return (core ??= openCore(moduleUrl, dataDir()));
      },
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
    // anything else (a catalogue that cannot be used, a refused call…): its message, exit 1
    io.err(`error: ${(e as Error).message}`);
    return 1;
  } finally {
    await core?.close();
  }
}
