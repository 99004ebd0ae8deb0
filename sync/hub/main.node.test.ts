/**
 * Journeys of the built hub (dist/node/hub.mjs) and the built CLI's hub commands
 * (dist/node/cli.mjs), as an operator runs them: `npm test` builds first; run `npm run build`
 * before running this file alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../tests/env.node.js';
import { startPostgres, type PostgresServer } from '../../tests/postgres.node.js';
import { freshHubLayout } from './testing.node.js';

const HUB = join(ROOT, 'dist', 'node', 'hub.mjs');
const CLI = join(ROOT, 'dist', 'node', 'cli.mjs');
const fresh = () => mkdtempSync(join(tmpdir(), 'hub-journey-'));

interface Started {
  child: ChildProcess;
  stdout: string[];
  stderr: () => string;
  url: string;
  exited: Promise<number | null>;
}

/** Starts the built hub and waits for its URL (or its exit). */
function startBuiltHub(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [HUB, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  let err = '';
  let buf = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the hub did not print its URL in 90 s; stdout: ${stdout.join('\n')}\nstderr: ${err}`));
    }, 90_000);
    child.stdout!.on('data', (c: Buffer) => {
      buf += c.toString();
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        stdout.push(line);
        const m = /^hub listening on (http:\/\/\S+)$/.exec(line);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve({ child, stdout, stderr: () => err, url: m[1], exited });
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited (${code}) before listening; stdout: ${stdout.join('\n')}\nstderr: ${err}`));
    });
  });
}

const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
const hubOnce = (...args: string[]) => spawnSync(process.execPath, [HUB, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
/** The lines of standard error that are not the hub's JSON log. */
const plainLines = (stderr: string) => stderr.split('\n').filter((l) => l && !l.startsWith('{'));

beforeAll(() => {
  for (const f of [HUB, CLI]) if (!existsSync(f)) throw new Error(`${f} is not built: run npm run build (npm test builds before it tests)`);
});

describe('the built hub', () => {
  it('first start: makes its key (0600 in a 0700 folder), prints it, its fingerprint and its URL; serves /health; the CLI goes through it; SIGTERM closes it cleanly', async () => {
    const data = join(fresh(), 'hub');
    const hub = await startBuiltHub(['--port', '0', '--data', data]);
    try {
      expect(hub.stdout[0]).toBe(`created the hub's signing key: ${join(data, 'hub-key.pem')} (readable only by this user) — back it up; kiosks pin its public key`);
      expect(hub.stdout[1]).toMatch(/^hub public key: ed25519:[A-Za-z0-9+/]{43}=$/);
      expect(hub.stdout[2]).toMatch(/^fingerprint: [0-9a-f]{4}( [0-9a-f]{4}){7}$/);
      expect(hub.stdout[3]).toBe(`created the hub's sealing key: ${join(data, 'hub-seal.pem')} (readable only by this user) — back it up; without it no application sent to this hub can be read`);
      expect(hub.stdout[4]).toMatch(/^hub sealing key: x25519:[A-Za-z0-9+/]{43}=$/);
      expect(hub.stdout[5]).toMatch(/^sealing key fingerprint: [0-9a-f]{4}( [0-9a-f]{4}){7}$/);
      expect(statSync(join(data, 'hub-seal.pem')).mode & 0o777).toBe(0o600);
      expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const key = hub.stdout[1]!.slice('hub public key: '.length);
      expect(statSync(data).mode & 0o777).toBe(0o700);
      expect(statSync(join(data, 'hub-key.pem')).mode & 0o777).toBe(0o600);

      const health = (await (await fetch(`${hub.url}/health`)).json()) as { ok: boolean; version: number | null; key_id: string };
      expect(health).toMatchObject({ ok: true, version: null });

      // the CLI while the hub holds the store: the key, the versions and a publish go through it
      const k = cli('hub', 'key', '--data', data);
      expect(k.status).toBe(0);
      expect(k.stdout).toBe(`${key}\n`);
      const v0 = cli('hub', 'versions', '--data', data, '--json');
      expect(v0.stderr).toBe('');
      expect(JSON.parse(v0.stdout)).toEqual([]);
      const pub = cli('hub', 'publish', '--data', data, '--json');
      expect(pub.stderr).toBe('');
      const published = JSON.parse(pub.stdout) as { version: number; entries: number; files: { name: string }[] };
      expect(published).toMatchObject({ version: 1, unchanged: false, files: [{ name: 'snapshot-1.sqlite.br' }] });
      expect(published.entries).toBeGreaterThan(100);
      expect(((await (await fetch(`${hub.url}/health`)).json()) as { version: number }).version).toBe(1);
      const latest = await fetch(`${hub.url}/catalogue/latest.json`);
      expect(latest.status).toBe(200);
      // the Open API reads what was just published, with the kiosk's search
      const found = (await (await fetch(`${hub.url}/openapi/v1/services?search=${encodeURIComponent('손자녀 돌보미')}&per_page=3`)).json()) as { total_items: number; contents: { name: string }[] };
      expect(found.total_items).toBeGreaterThan(0);
      expect(found.contents[0]!.name).toMatch(/손자녀/);
      const viaHub = cli('hub', 'versions', '--data', data, '--json').stdout;

      // a second hub on the same folder is refused, naming the one that holds it
      const second = hubOnce('--port', '0', '--data', data);
      expect(second.status).toBe(2);
      expect(plainLines(second.stderr)).toEqual([`error: the hub store ${data} is in use by process ${hub.child.pid} (a running hub?)`]);

      hub.child.kill('SIGTERM');
      expect(await hub.exited).toBe(0);
      const logs = hub.stderr().trim().split('\n');
      for (const l of logs) expect(() => JSON.parse(l), l).not.toThrow();
      expect(logs.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(expect.arrayContaining(['hub store opened', 'hub listening', 'stopping', 'hub store closed', 'hub closed']));
      expect(existsSync(join(data, 'operator.json'))).toBe(false);
      expect(existsSync(join(data, 'store.lock'))).toBe(false);

      // with no hub running the CLI opens the store itself: the same answer
      const direct = cli('hub', 'versions', '--data', data, '--json');
      expect(direct.status).toBe(0);
      expect(direct.stdout).toBe(viaHub);
      const again = cli('hub', 'publish', '--data', data);
      expect(again.stdout).toMatch(/^the catalogue source is unchanged since version 1 \(.+, \d+ entries\): nothing published\n$/);
    } finally {
      hub.child.kill('SIGKILL');
    }
  }, 240_000);

  it('a port in use: one line naming it, exit code 2', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = hubOnce('--port', String(port), '--data', join(fresh(), 'hub'));
      expect(r.status).toBe(2);
      expect(plainLines(r.stderr)).toEqual([`error: port ${port} is already in use on 127.0.0.1; stop what uses it or choose another with --port`]);
    } finally {
      blocker.close();
    }
  }, 120_000);

  it('a bad flag: a message naming it, exit code 2, nothing made', () => {
    const data = join(fresh(), 'hub');
    for (const [args, message] of [
      [['--bogus'], 'error: unknown flag --bogus; the hub takes --port N, --host H, --data DIR, --database-url URL, --trust-proxy ADDRESSES'],
      [['--port', 'eighty'], 'error: --port must be a whole number from 0 to 65535 (got "eighty")'],
      [['--port', '70000'], 'error: --port must be a whole number from 0 to 65535 (got "70000")'],
      [['--host', 'everywhere'], 'error: --host must be an IP address such as 127.0.0.1 or 0.0.0.0 (got "everywhere")'],
      [['--database-url', 'mysql://root:pw@db/hub'], 'error: --database-url: mysql://root:***@db/hub is not a PostgreSQL URL; it starts with postgres:// (e.g. postgres://hub@127.0.0.1:5432/hub)'],
      [['--data'], 'error: --data needs a value (--port N, --host H, --data DIR, --database-url URL, --trust-proxy ADDRESSES)'],
      [['serve'], 'error: unexpected argument serve; the hub takes only flags: --port N, --host H, --data DIR, --database-url URL, --trust-proxy ADDRESSES'],
      [['--trust-proxy', 'nginx'], 'error: --trust-proxy takes the reverse proxies\' addresses or CIDRs, comma-separated, e.g. 127.0.0.1 or 10.0.0.0/8 (got "nginx")'],
      [['--trust-proxy', '10.0.0.0/33'], 'error: --trust-proxy takes the reverse proxies\' addresses or CIDRs, comma-separated, e.g. 127.0.0.1 or 10.0.0.0/8 (got "10.0.0.0/33")'],
      [['--trust-proxy', '127.0.0.1,'], 'error: --trust-proxy takes the reverse proxies\' addresses or CIDRs, comma-separated, e.g. 127.0.0.1 or 10.0.0.0/8 (got "")'],
    ] as const) {
      const r = hubOnce(...args, ...(args[0] === '--data' ? [] : ['--data', data]));
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toBe(`${message}\n`);
    }
    expect(existsSync(data)).toBe(false);
  }, 60_000);
});

describe('the built CLI at the hub', () => {
  it('`hub key --data DIR` prints exactly one line, the key, made on first use (said on stderr) and the same after; a folder that does not exist is refused', () => {
    const data = join(fresh(), 'hub');
    const typo = cli('hub', 'key', '--data', data);
    expect(typo.status).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe(`error: there is no hub in ${data} (the folder does not exist): check --data, or start the hub there once (npm run hub -- --data ${data}), which makes the folder and the hub's key\n`);
    expect(existsSync(data)).toBe(false);
    mkdirSync(data);
    const first = cli('hub', 'key', '--data', data);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe(`made a new hub key in ${data}: this folder is a new hub (kiosks that pinned another hub's key refuse its catalogue)\n`);
    expect(first.stdout).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=\n$/);
    expect(first.stdout).toBe(readFileSync(join(data, 'hub-key.pub'), 'utf8'));
    expect(statSync(join(data, 'hub-key.pem')).mode & 0o777).toBe(0o600);
    const again = cli('hub', 'key', '--data', data);
    expect(again.stdout).toBe(first.stdout);
    expect(again.stderr).toBe('');
    const wrong = cli('hub', 'key', '--data', data, '--json');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^error: hub key does not take --json; it takes --data/);
  });

  it('`bundle export` with nothing published says so; a relative source is the caller\'s folder', async () => {
    const data = (await freshHubLayout()).dataDir; // an empty store already made: PGlite's first start is the first journey's
    const r = cli('bundle', 'export', join(fresh(), 'b.a1279'), '--data', data);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('error: nothing has been published yet: run `cli hub publish` first\n');
    // a USB stick not mounted, or a folder given for the file: said before anything is written (exit 2)
    const stick = join(fresh(), 'usb');
    const unmounted = cli('bundle', 'export', join(stick, 'catalogue.a1279'), '--data', data);
    expect(unmounted.status).toBe(2);
    expect(unmounted.stderr).toBe(`error: the folder ${stick} does not exist (is the USB stick mounted?); nothing was written\n`);
    const folder = fresh();
    const asFolder = cli('bundle', 'export', folder, '--data', data);
    expect(asFolder.status).toBe(2);
    expect(asFolder.stderr).toBe(`error: ${folder} is a folder; give the bundle's file name in it, e.g. ${join(folder, 'catalogue.a1279')}\n`);
    const none = cli('hub', 'publish', '--data', data, '--source', 'no/such/folder');
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(`error: --source: ${join(ROOT, 'no/such/folder')} is not a catalogue source (it has no entries/ folder of *.yaml files)\n`);
  }, 120_000);
});

describe('the built hub on a PostgreSQL server', () => {
  let pg: PostgresServer;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await pg?.stop();
  });

  it('keeps its versions in PostgreSQL: published through the running hub, listed by the CLI on the database directly after it stops', async () => {
    const url = await pg.newDatabase();
    const data = join(fresh(), 'hub');
    const hub = await startBuiltHub(['--port', '0', '--data', data, '--database-url', url]);
    try {
      expect(existsSync(join(data, 'pglite'))).toBe(false);
      const pub = cli('hub', 'publish', '--data', data, '--json');
      expect(pub.stderr).toBe('');
      expect(JSON.parse(pub.stdout)).toMatchObject({ version: 1 });
      // a --database-url naming another database than the running hub's: refused, not silently ignored
      const other = await pg.newDatabase();
      const wrong = cli('hub', 'versions', '--data', data, '--database-url', other, '--json');
      expect(wrong.status).toBe(1);
      expect(wrong.stderr).toMatch(/^error: the hub running on \S+ \(process \d+\) uses postgres:\/\/hub@127\.0\.0\.1:\d+\/\w+, not postgres:\/\/hub@127\.0\.0\.1:\d+\/\w+: leave out --database-url/);
      const logs = hub.stderr();
      expect(logs).toContain('"store":"postgres"');
      expect(logs).not.toContain(new URL(url).password);
      hub.child.kill('SIGTERM');
      expect(await hub.exited).toBe(0);
      const direct = cli('hub', 'versions', '--data', join(fresh(), 'other'), '--database-url', url, '--json');
      expect(direct.stderr).toBe('');
      expect((JSON.parse(direct.stdout) as { version: number }[]).map((v) => v.version)).toEqual([1]);
      // the hub stopped, an operator forgets --database-url: refused, nothing published over version 1
      const forgot = cli('hub', 'publish', '--data', data, '--json');
      expect(forgot.status).toBe(1);
      expect(forgot.stderr).toMatch(/^error: the hub data folder \S+ keeps its versions in PostgreSQL \(postgres:\/\/hub@127\.0\.0\.1:\d+\/\w+\): give --database-url with that server/);
      expect(existsSync(join(data, 'pglite'))).toBe(false);
      const restarted = hubOnce('--port', '0', '--data', data);
      expect(restarted.status).toBe(2);
      expect(plainLines(restarted.stderr).join('\n')).toMatch(/keeps its versions in PostgreSQL .*give --database-url/);
    } finally {
      hub.child.kill('SIGKILL');
    }
  }, 240_000);
});
