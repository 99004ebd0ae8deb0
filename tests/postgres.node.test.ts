/**
 * The test PostgreSQL servers (tests/postgres.node.ts): a server whose test run was killed
 * outright (SIGKILL: its stop() never ran) is stopped and its folder removed by the next run;
 * a running test's server is left alone.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { reapStale, startPostgres, type PostgresServer } from './postgres.node.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const listening = (port: number) =>
  new Promise<boolean>((res) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), res(true)));
    s.once('error', () => res(false));
  });

/** A test process that starts a server and says where, then waits (to be killed). */
function orphanMaker(): Promise<{ port: number; dir: string; kill: () => Promise<void> }> {
  const code = `import { startPostgres } from './tests/postgres.node.ts';
const s = await startPostgres();
console.log(JSON.stringify({ port: s.port, dir: s.dir }));
setInterval(() => {}, 1000);`;
  const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((res, rej) => {
    let out = '';
    p.stdout.on('data', (c: Buffer) => {
      out += c;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      const { port, dir } = JSON.parse(line) as { port: number; dir: string };
      res({
        port,
        dir,
        kill: () => new Promise((done) => (p.once('exit', () => done()), p.kill('SIGKILL'))),
      });
    });
    p.once('exit', (c) => rej(new Error(`the test process ended (exit ${c}) before its server started: ${out}`)));
  });
}

let mine: PostgresServer | undefined;
afterAll(async () => mine?.stop());

describe('test PostgreSQL servers left by killed test runs', () => {
  it('a killed run’s server is stopped and its folder removed; a live run’s server keeps running', async () => {
    mine = await startPostgres();
    const orphan = await orphanMaker();
    expect(await listening(orphan.port)).toBe(true);
    await orphan.kill();
    // killed outright: its server outlives it
    expect(await listening(orphan.port)).toBe(true);
    expect(existsSync(orphan.dir)).toBe(true);
    // (a test file starting its own server in parallel may reap it first: either way it goes)
    const reaped = reapStale();
    expect(reaped.filter((d) => d !== orphan.dir)).toEqual([]);
    expect(existsSync(orphan.dir)).toBe(false);
    await expect.poll(() => listening(orphan.port), { timeout: 10_000 }).toBe(false);
    // this run's own server (its test process alive) was left alone
    expect(await listening(mine.port)).toBe(true);
    expect(existsSync(mine.dir)).toBe(true);
    expect(reapStale()).not.toContain(mine.dir);
  }, 120_000);
});
