/**
 * The counsellor accounts' commands on this device (loaded by core/cli.node.ts only when one of
 * them runs), for the operator who sets up a laptop or a kiosk:
 *
 *   counsellor add NAME [--json] [--data DIR]      a counsellor; the PIN (6–8 digits) on standard input
 *   counsellor pin NAME [--data DIR]               a new PIN: the current and the new one on standard input
 *   counsellor unlock NAME [--json] [--data DIR]   clears a lock (5 wrong PINs in a row)
 *   counsellor list [--json] [--data DIR]          the accounts: locked or not, wrong PINs, drafts
 *
 * A PIN never appears in the process's arguments (anyone on the machine can read those) nor in
 * an output or a log: it is read from standard input — typed without echo at a terminal (twice,
 * to be sure), or the first line(s) of a pipe (`printf '%s\n' "$PIN" | cli counsellor add 김상담`).
 */
import type { CounsellorService } from './service.node.js';
import { CounsellorError } from './errors.js';

interface Core {
  counsellor: CounsellorService;
}

export interface CounsellorCtx {
  values: Record<string, string | boolean | undefined>;
  rest: string[];
  io: { out: (s: string) => void; err: (s: string) => void };
  core: () => Core;
  /** standard input (tests give their own) */
  stdin?: NodeJS.ReadStream;
}

export type CounsellorCommand = 'counsellor add' | 'counsellor pin' | 'counsellor unlock' | 'counsellor list';

/** Reads a line at a terminal without echoing it (Ctrl+C or Ctrl+D stops). */
function askHidden(stdin: NodeJS.ReadStream, prompt: string): Promise<string> {
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (e: Error | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (e) reject(e);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003' || ch === '\u0004') return done(new CounsellorError('bad_pin', 'stopped; nothing was changed'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** The first `n` lines of a pipe (read to its end, at most 4 KiB). */
async function pipedLines(stdin: NodeJS.ReadStream, n: number): Promise<string[]> {
  let text = '';
  for await (const chunk of stdin) {
    text += (chunk as Buffer).toString('utf8');
    if (text.length > 4096) break;
  }
  return text.split(/\r?\n/).slice(0, n).map((l) => l.trim());
}

/** The PIN(s) a command needs, from standard input: `asks` are the prompts at a terminal; `piped` how many lines a pipe gives. */
async function readPins(stdin: NodeJS.ReadStream, asks: string[], piped: number): Promise<string[]> {
  if (stdin.isTTY) {
    const got: string[] = [];
    for (const a of asks) got.push(await askHidden(stdin, a));
    return got;
  }
  const lines = await pipedLines(stdin, piped);
  while (lines.length < piped) lines.push('');
  return lines;
}

export async function counsellorCommand(name: CounsellorCommand, ctx: CounsellorCtx): Promise<number> {
  const { values, io } = ctx;
  const json = values.json === true;
  const who = ctx.rest.join(' ').trim();
  if (name === 'counsellor list') {
    if (who) {
      io.err(`error: counsellor list takes no arguments (got "${who}")`);
      return 2;
    }
  } else if (!who) {
    io.err(`error: ${name} needs the counsellor's name, e.g. cli ${name} 김상담`);
    return 2;
  }
  const stdin = ctx.stdin ?? process.stdin;
  try {
    const c = ctx.core().counsellor;
    if (name === 'counsellor add') {
      const [pin, again] = await readPins(stdin, ['PIN (6 to 8 digits): ', 'the same PIN again: '], 1);
      if (stdin.isTTY && pin !== again) {
        io.err('error: the two PINs differ; nothing was changed');
        return 1;
      }
      const r = await c.add(who, pin ?? '');
      if (json) io.out(JSON.stringify({ name: r.name, created_at: r.createdAt }));
      else io.out(`counsellor "${r.name}" added on this device; they sign in with their PIN (locked after 5 wrong PINs in a row)`);
      return 0;
    }
    if (name === 'counsellor pin') {
      const [pin, next, again] = await readPins(stdin, ['current PIN: ', 'new PIN (6 to 8 digits): ', 'the new PIN again: '], 2);
      if (stdin.isTTY && next !== again) {
        io.err('error: the two new PINs differ; nothing was changed');
        return 1;
      }
      const r = await c.changePin(who, pin ?? '', next ?? '');
      io.out(`PIN changed for "${who}"; ${r.drafts} draft${r.drafts === 1 ? '' : 's'} re-encrypted with it`);
      return 0;
    }
    if (name === 'counsellor unlock') {
      const r = c.unlock(who);
      if (json) io.out(JSON.stringify({ name: r.name, was_locked: r.wasLocked, failures: r.failures }));
      else io.out(r.wasLocked ? `"${r.name}" unlocked (it was locked after ${r.failures} wrong PINs in a row); they can sign in again` : `"${r.name}" was not locked (${r.failures} wrong PIN${r.failures === 1 ? '' : 's'} in a row, now cleared)`);
      return 0;
    }
    // list
    const list = c.list();
    if (json)
      io.out(JSON.stringify(list.map((a) => ({ name: a.name, created_at: a.createdAt, pin_changed_at: a.pinChangedAt, locked: a.locked, locked_at: a.lockedAt, failures: a.failures, drafts: a.drafts }))));
    else if (!list.length) io.out('no counsellors on this device (cli counsellor add NAME, with the PIN on standard input)');
    else
      for (const a of list)
        io.out(
          `${a.name}  added ${a.createdAt}  ${a.drafts} draft${a.drafts === 1 ? '' : 's'}  ${a.locked ? `LOCKED${a.lockedAt ? ` since ${a.lockedAt}` : ''} — cli counsellor unlock "${a.name}"` : `${a.failures} wrong PIN${a.failures === 1 ? '' : 's'} in a row`}`,
        );
    return 0;
  } catch (e) {
    if (e instanceof CounsellorError) {
      io.err(`error: ${e.message}`);
      return e.reason === 'bad_name' ? 2 : 1;
    }
    throw e;
  }
}
