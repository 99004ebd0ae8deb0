/**
 * The built programs journeys run (dist/node/cli.mjs and dist/node/hub.mjs, as `npm run cli`
 * and `npm run hub` start them): dist/ copied to a folder of its own at the start (as packed:
 * dist/node and dist/resources, node_modules linked for the external modules), so that a build
 * made by someone else while the journeys run cannot change the app under them; and the CLI run
 * as a child process (never spawnSync: a proxy in the test's process must keep serving).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { freshDir, ROOT } from '../env.node.js';

export interface BuiltApp {
  cli: string;
  hub: string;
  dist: string;
}

/** A private copy of dist/ (call in beforeAll). */
export function copyBuiltApp(): BuiltApp {
  const dist = join(ROOT, 'dist');
  for (const f of [join(dist, 'node', 'cli.mjs'), join(dist, 'node', 'hub.mjs')]) if (!existsSync(f)) throw new Error(`${f} is not built: run npm run build (npm test builds before it tests)`);
  const dir = freshDir('packed-');
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  for (const d of ['node', 'resources']) cpSync(join(dist, d), join(dir, 'dist', d), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return { cli: join(dir, 'dist', 'node', 'cli.mjs'), hub: join(dir, 'dist', 'node', 'hub.mjs'), dist: join(dir, 'dist') };
}

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  ms: number;
}

export interface CliRunOptions {
  onSpawn?: (c: ChildProcess) => void;
  /** sees each line of standard output as it comes */
  onLine?: (line: string, c: ChildProcess) => void;
  env?: NodeJS.ProcessEnv;
  /** written to its standard input, which is then closed (a PIN goes there, never in the arguments); without it, no standard input */
  stdin?: string;
}

/** Runs the built CLI with `args`; resolves when it exits (whatever its code). */
export function runBuiltCli(app: BuiltApp, args: string[], o: CliRunOptions = {}): Promise<Ran> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [app.cli, ...args], { cwd: ROOT, stdio: [o.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], env: { ...process.env, ...o.env, AICHINGU_RESOURCES: app.dist } });
    let out = '';
    let err = '';
    let pending = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      pending += d.toString();
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        o.onLine?.(line, child);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, err, ms: performance.now() - t0 }));
    if (o.stdin !== undefined) child.stdin!.end(o.stdin);
    o.onSpawn?.(child);
  });
}

/** The last line of a --json command: its result. */
export function jsonResult<T = Record<string, unknown>>(r: Ran): T {
  const line = r.out.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`not a JSON result line: ${line}\nexit ${r.code ?? r.signal}; stderr: ${r.err}`);
  }
}
