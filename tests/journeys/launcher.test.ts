/**
 * `npm start` as it ships (dist/node/start.mjs) on a machine without Electron's binary: the
 * launcher keeps the built web host and Debian's Chromium running. Kill the host and a new one
 * comes up and the window is on its URL, with its token (the page's calls are accepted); close
 * the browser and it is opened again; the token is never in the browser's command line; stopping
 * the launcher ends both and removes the browser profile. Headless: the test machines have no
 * display. Deadlines here are generous waits, not performance targets.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../env.node.js';

const START = join(ROOT, 'dist', 'node', 'start.mjs');
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').match(/^\d+ \(.*?\) Z/); // a zombie has ended
  } catch {
    return false;
  }
};

async function until<T>(what: string, probe: () => T | undefined | null | false, log: () => string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`waited ${ms / 1000} s for ${what}; the launcher said:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let launcher: ChildProcess | undefined;
afterAll(() => {
  if (launcher && launcher.exitCode === null) launcher.kill('SIGKILL');
});

describe('npm start supervises the kiosk (built launcher, Chromium)', () => {
  it('a killed host is started again and the window opened on its new URL; a closed window is opened again; stop ends both', async () => {
    if (!existsSync(START)) throw new Error(`the launcher is not built (${START}); run: npm run build`);
    const tmp = mkdtempSync(join(tmpdir(), 'launcher-'));
    const data = mkdtempSync(join(tmpdir(), 'launcher-data-'));
    launcher = spawn(process.execPath, [START, '--headless', '--data', data], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: tmp, AICHINGU_LOG_LEVEL: 'debug' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    launcher.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    launcher.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const said = () => `${out}\n(stderr, last lines)\n${err.split('\n').slice(-8).join('\n')}`;
    const hosts = () => [...out.matchAll(/kiosk host started on (http:\/\/127\.0\.0\.1:\d+)\/ \(pid (\d+)\)/g)].map((m) => ({ origin: m[1]!, pid: Number(m[2]) }));
    const windows = () => [...out.matchAll(/kiosk window open on (http:\/\/127\.0\.0\.1:\d+)\/ \(browser pid (\d+)\)/g)].map((m) => ({ origin: m[1]!, pid: Number(m[2]) }));
    /** the host with that pid answered a call of the kiosk's page: its token cookie was accepted */
    const pageCalled = (pid: number) =>
      err.split('\n').some((l) => {
        try {
          const j = JSON.parse(l) as { pid?: number; msg?: string };
          return j.pid === pid && j.msg === 'call';
        } catch {
          return false; // not a log line, or one still being written
        }
      });

    // the first host and its window (which opened beside it, on the starting page)
    const starting = () => out.match(/kiosk window shows the starting page until the host is up/g)?.length ?? 0;
    const [first] = await until('the first host and window', () => (hosts().length && windows().length ? hosts() : null), said);
    expect(windows()[0]!.origin).toBe(first!.origin);
    await until(`a call from the kiosk page to host ${first!.pid}`, () => pageCalled(first!.pid), said);
    const browserPid = windows()[0]!.pid;
    // the token is in nobody's command line: not the browser's (nor its helpers'), not the host's
    const cmdlines = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .map((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, 'utf8');
        } catch {
          return '';
        }
      })
      .filter((c) => c.includes(tmp) || c.includes(data));
    expect(cmdlines.length).toBeGreaterThan(1);
    for (const c of cmdlines) expect(c).not.toMatch(/token|127\.0\.0\.1/);
    expect(out).not.toMatch(/token=/);

    // kill the host: a new one comes up, and the same window is on its URL with its token
    process.kill(first!.pid, 'SIGKILL');
    const second = await until('a new host', () => hosts().find((h) => h.pid !== first!.pid), said);
    expect(second.origin).not.toBe(first!.origin);
    await until('the window on the new host', () => windows().find((w) => w.origin === second.origin), said);
    // meanwhile the window said the kiosk is starting, not a page whose host was gone
    expect(starting()).toBeGreaterThanOrEqual(1);
    await until(`a call from the kiosk page to the new host ${second.pid}`, () => pageCalled(second.pid), said);
    expect(out).toMatch(/the kiosk host exited \(SIGKILL\); starting it again in 0\.25 s/);
    expect(alive(first!.pid)).toBe(false);

    // close the browser: it is opened again on the current host
    process.kill(browserPid, 'SIGKILL');
    const reopened = await until('the window opened again', () => windows().find((w) => w.pid !== browserPid), said);
    expect(reopened.origin).toBe(second.origin);
    expect(out).toMatch(new RegExp(`the kiosk window closed \\(browser pid ${browserPid}\\); opening it again in 0\\.25 s`));

    // stop: host and browser end, the profile is gone
    const exited = new Promise<number | null>((r) => launcher!.once('exit', (code) => r(code)));
    launcher.kill('SIGTERM');
    expect(await exited).toBe(0);
    await until('the host and the browser to end', () => !alive(second.pid) && !alive(reopened.pid), said);
    expect(readdirSync(tmp).filter((f) => f.startsWith('aichingu-kiosk-profile-'))).toEqual([]);
  }, 120_000);
});
