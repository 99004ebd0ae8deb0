/**
 * A real PostgreSQL server for a test run (the hub's store runs its tests against PGlite and
 * against this): Debian's postgresql (build/debian-packages.txt; `.ci/run` installs it),
 * started from its own binaries in a temporary folder — initdb, then pg_ctl start listening on
 * 127.0.0.1 at a free port, its unix socket in that folder, host connections with a password
 * (scram-sha-256). PostgreSQL refuses to run as root: under root, the cluster is made and run
 * by the `postgres` system user (runuser), in a folder it owns.
 *
 * PostgreSQL missing is a failure naming the command to install it, never a skip.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pidAlive } from '../core/lock.node.js';

export interface PostgresServer {
  /** postgres://hub:PASSWORD@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  /** the server's major version (its folder under /usr/lib/postgresql) */
  version: string;
  /** its folder (data, socket, log, owner) */
  dir: string;
  /** a fresh, empty database on this server; returns its URL */
  newDatabase(): Promise<string>;
  /** pg_ctl stop -m fast, and the folder removed */
  stop(): Promise<void>;
}

export const POSTGRES_INSTALL = 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql';

/** The bin folder of the newest PostgreSQL under /usr/lib/postgresql, or an error naming the command that installs it. */
export function postgresBin(root = '/usr/lib/postgresql'): { bin: string; version: string } {
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0])
    throw new Error(`PostgreSQL is not installed (no ${root}/*/bin/initdb); the hub's tests run against a real server. Install it (as root) with:\n  ${POSTGRES_INSTALL}\n(build/debian-packages.txt lists it; npm run setup and .ci/run install it)`);
  return { bin: join(root, versions[0], 'bin'), version: versions[0] };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

function userIds(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error(`there is no "${name}" user on this machine to run PostgreSQL as (the postgresql package creates it): ${POSTGRES_INSTALL}`);
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * The servers of test runs that were killed outright (stop() never ran): each folder names the
 * test process that started it (`owner`); when that process is gone, its server is stopped
 * (pg_ctl stop -m immediate) and its folder removed. Answers the folders reaped.
 */
export function reapStalePostgres(parents: string[], run: (cmd: string, args: string[]) => { status: number | null }): string[] {
  const reaped: string[] = [];
  for (const parent of new Set(parents)) {
    let names: string[] = [];
    try {
      names = readdirSync(parent).filter((n) => n.startsWith('aichingu-pg-'));
    } catch {
      continue;
    }
    for (const name of names) {
      const dir = join(parent, name);
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(dir, 'owner'), 'utf8').trim());
      } catch {
        continue; // a folder being made right now (no owner yet), or not ours to judge
      }
      if (!Number.isInteger(owner) || owner <= 0 || pidAlive(owner)) continue;
      if (existsSync(join(dir, 'data', 'postmaster.pid'))) run('pg_ctl', ['-D', join(dir, 'data'), 'stop', '-m', 'immediate', '-w']);
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      reaped.push(dir);
    }
  }
  return reaped;
}

/** Runs one of PostgreSQL's programs (as the postgres user under root: PostgreSQL refuses root). */
function pgRunner(bin: string, root: boolean) {
  return (cmd: string, args: string[], cwd?: string) => {
    const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(file, argv, { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
    if (r.error) throw new Error(`${cmd} could not run: ${r.error.message}`, { cause: r.error });
    return r;
  };
}

/** The folders test servers are made in (under root the system's /tmp: see startPostgres). */
export const POSTGRES_PARENTS = (): string[] => ['/tmp', tmpdir()];

/** reapStalePostgres with this machine's PostgreSQL. */
export function reapStale(): string[] {
  return reapStalePostgres(POSTGRES_PARENTS(), pgRunner(postgresBin().bin, process.getuid?.() === 0));
}

export async function startPostgres(): Promise<PostgresServer> {
  const { bin, version } = postgresBin();
  const root = process.getuid?.() === 0;
  const runAs = pgRunner(bin, root);
  const reaped = reapStalePostgres(POSTGRES_PARENTS(), (cmd, args) => runAs(cmd, args));
  if (reaped.length) console.warn(`stopped ${reaped.length} PostgreSQL server(s) left by killed test runs: ${reaped.join(', ')}`);
  // Under root the folder must be reachable by the postgres user: the test run's TMPDIR is a
  // 0700 folder of root's, so it goes in the system's /tmp instead (and stop() removes it).
  const dir = mkdtempSync(join(root ? '/tmp' : tmpdir(), 'aichingu-pg-'));
  writeFileSync(join(dir, 'owner'), `${process.pid}\n`, { mode: 0o644 });
  const data = join(dir, 'data');
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (root) {
    const { uid, gid } = userIds('postgres');
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  const run = (cmd: string, args: string[]) => runAs(cmd, args, dir);
  const cleanup = () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  try {
    const init = run('initdb', ['-D', data, '-U', 'hub', `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync']);
    if (init.status !== 0) throw new Error(`initdb failed (exit ${init.status}):\n${init.stderr}`);
    rmSync(pwfile);
    let port = 0;
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=40`;
      const start = run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', opts, 'start']);
      if (start.status === 0) break;
      const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
      if (attempt < 2 && /could not bind|already in use/i.test(log)) continue; // the free port was taken meanwhile
      throw new Error(`pg_ctl start failed (exit ${start.status}):\n${start.stderr}\n${log}`);
    }
    const url = (db: string) => `postgres://hub:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
    let n = 0;
    let stopped = false;
    return {
      url: url('postgres'),
      port,
      version,
      dir,
      newDatabase: async () => {
        const name = `hub_test_${++n}`;
        const c = new pg.Client({ connectionString: url('postgres') });
        await c.connect();
        try {
          await c.query(`CREATE DATABASE ${name}`);
        } finally {
          await c.end();
        }
        return url(name);
      },
      stop: async () => {
        if (stopped) return;
        stopped = true;
        try {
          const r = run('pg_ctl', ['-D', data, 'stop', '-m', 'fast', '-w']);
          if (r.status !== 0) throw new Error(`pg_ctl stop failed (exit ${r.status}): ${r.stderr}`);
        } finally {
          cleanup();
        }
      },
    };
  } catch (e) {
    cleanup();
    throw e;
  }
}
