/**
 * The built hub (dist/node/hub.mjs, as `npm run hub` starts it) as a child process for
 * journeys: started on a free port with a data folder, waited for until it says where it
 * listens, stopped with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from '../env.node.js';

export interface BuiltHub {
  url: string;
  /** what the hub printed for its operator (its public key and the key's fingerprint) */
  printed: () => string;
  /** its log (standard error) */
  log: () => string;
  process: ChildProcess;
  /** resolves with the exit code when the hub exits */
  exited: Promise<number | null>;
  close: () => Promise<void>;
}

/** `args`: more flags (--database-url URL; --port N instead of any free port). */
export async function startBuiltHub(hubProgram: string, dataDir: string, env: NodeJS.ProcessEnv = process.env, args: string[] = []): Promise<BuiltHub> {
  const port = args.includes('--port') ? [] : ['--port', '0'];
  const child = spawn(process.execPath, [hubProgram, ...port, '--data', dataDir, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    // a fresh data folder: the embedded PostgreSQL (PGlite) makes its cluster first, slow on a busy machine
    const timer = setTimeout(() => reject(new Error(`the hub did not say where it listens within 120 s: ${out}${err}`)), 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /hub listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace(/\/+$/, ''));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited with code ${code}: ${err}`));
    });
  });
  return {
    url,
    printed: () => out,
    log: () => err,
    process: child,
    exited,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
