/**
 * A command line from one table: each command declares its words, its arguments, its flags and
 * what it runs; the usage text, the validation of flags and the dispatch all come from that one
 * definition. Pure: no Node, no core (tested on its own).
 */

export class UsageError extends Error {}

/** What core/cli.node.ts hands a command's module: its flags and arguments, where it writes, the core it works on (built on first use) and the data folder. */
export interface CommandCtx<C> {
  values: Record<string, string | boolean | undefined>;
  rest: string[];
  io: { out: (s: string) => void; err: (s: string) => void };
  core: () => C;
  dataDir: () => string;
}

export interface FlagSpec {
  type: 'string' | 'boolean';
  /** placeholder in the usage text (e.g. DIR) */
  value?: string;
  short?: string;
}

export interface CommandSpec<F extends string, Ctx> {
  /** the command's words, e.g. ['catalogue', 'stats'] */
  words: string[];
  /** its positional arguments in the usage text, e.g. '"<query>"' */
  args?: string;
  /** the flags it accepts, in usage order; `[X]` optional unless listed in `required` */
  flags: F[];
  required?: F[];
  /** a note after the usage line */
  note?: string;
  /** a usage line of its own where the flags combine in a way a list cannot say */
  usage?: string;
  run: (ctx: Ctx) => Promise<number> | number;
}

export type Values<F extends string> = Partial<Record<F, string | boolean>>;

function flagText<F extends string>(flags: Record<F, FlagSpec>, f: F): string {
  const s = flags[f];
  return s.type === 'boolean' ? `--${f}` : `--${f} ${s.value ?? 'X'}`;
}

export function usageLine<F extends string, C>(program: string, flags: Record<F, FlagSpec>, c: CommandSpec<F, C>): string {
  if (c.usage) return `  ${program} ${c.usage}`;
  const parts = [program, ...c.words, ...(c.args ? [c.args] : []), ...c.flags.map((f) => (c.required?.includes(f) ? flagText(flags, f) : `[${flagText(flags, f)}]`))];
  return `  ${parts.join(' ')}${c.note ? `      (${c.note})` : ''}`;
}

export function usage<F extends string, C>(program: string, flags: Record<F, FlagSpec>, commands: CommandSpec<F, C>[], footer: string[] = []): string {
  return ['usage:', ...commands.map((c) => usageLine(program, flags, c)), ...footer].join('\n');
}

/** The command a list of positional words names (the longest match), and the positionals after its words. */
export function findCommand<F extends string, C>(commands: CommandSpec<F, C>[], positionals: string[]): { command: CommandSpec<F, C>; rest: string[] } | null {
  let best: CommandSpec<F, C> | null = null;
  for (const c of commands) if (c.words.every((w, i) => positionals[i] === w) && (!best || c.words.length > best.words.length)) best = c;
  return best ? { command: best, rest: positionals.slice(best.words.length) } : null;
}

/** Checks the flags given against the command's own list: a flag it does not take is an error naming the flags it does. */
export function checkFlags<F extends string, C>(program: string, flags: Record<F, FlagSpec>, c: CommandSpec<F, C>, given: Values<F>): void {
  const name = c.words.join(' ');
  for (const f of Object.keys(given) as F[]) {
    if (f === ('help' as F) || given[f] === undefined || (flags[f].type === 'boolean' && given[f] === false)) continue;
    if (!c.flags.includes(f)) throw new UsageError(`${name} does not take --${f}; it takes ${c.flags.length ? c.flags.map((x) => `--${x}`).join(', ') : 'no options'}\n${usageLine(program, flags, c)}`);
  }
  for (const f of c.required ?? []) if (given[f] === undefined) throw new UsageError(`${name} needs ${flagText(flags, f)}\n${usageLine(program, flags, c)}`);
}
