/**
 * The kiosk's browser window, driven over Chromium's DevTools pipe (`--remote-debugging-pipe`:
 * file descriptors 3 and 4, held by this process alone — no port another user could reach).
 * Through it the launcher sets the host's token cookie and opens the kiosk's page, so the
 * token is never in the browser's command line, and learns when a page crashes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { tokenCookieFor, type BrowserLaunch } from './launch.js';

type Json = Record<string, unknown>;

/** A DevTools protocol connection over a pipe: JSON messages, each ended by a NUL byte. */
export class CdpPipe {
  private nextId = 1;
  private buffer = '';
  private pending = new Map<number, { resolve: (v: Json) => void; reject: (e: Error) => void }>();
  private listeners = new Set<(method: string, params: Json, sessionId?: string) => void>();

  constructor(
    private readonly out: Writable,
    input: Readable,
  ) {
    input.on('data', (d: Buffer) => {
      this.buffer += d.toString('utf8');
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const msg = JSON.parse(this.buffer.slice(0, end)) as { id?: number; result?: Json; error?: { message: string }; method?: string; params?: Json; sessionId?: string };
        this.buffer = this.buffer.slice(end + 1);
        if (msg.id !== undefined) {
          const p = this.pending.get(msg.id);
          this.pending.delete(msg.id);
          if (msg.error) p?.reject(new Error(msg.error.message));
          else p?.resolve(msg.result ?? {});
        } else if (msg.method) for (const l of this.listeners) l(msg.method, msg.params ?? {}, msg.sessionId);
      }
    });
    const gone = () => {
      for (const p of this.pending.values()) p.reject(new Error('the browser closed its DevTools pipe'));
      this.pending.clear();
    };
    input.on('close', gone);
    input.on('error', gone);
    out.on('error', gone);
  }

  send(method: string, params: Json = {}, sessionId?: string): Promise<Json> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.out.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  on(listener: (method: string, params: Json, sessionId?: string) => void): void {
    this.listeners.add(listener);
  }
}

export interface KioskBrowser {
  pid: number | undefined;
  process: ChildProcess;
  /** Sets the token cookie for the host at `origin` and opens its kiosk page; resolves when the page has loaded. */
  show(origin: string, token: string): Promise<void>;
  /** Shows a page that needs no host (the starting page, a data: URL) until the next `show`. */
  wait(url: string): Promise<void>;
  /** Called when the page's renderer crashes (the browser itself lives on). */
  onPageCrash(fn: () => void): void;
  /** Settles when the browser has exited. */
  exited: Promise<void>;
  /** Ends the browser and removes its profile. */
  close(): Promise<void>;
}

/** Starts the browser on about:blank with a fresh profile (removed when it exits) and connects to it. */
export async function openKioskBrowser(launch: BrowserLaunch): Promise<KioskBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'aichingu-kiosk-profile-'));
  // its own process group: when the browser ends (closed, crashed, killed), its helper processes
  // (zygote, renderers) are ended with it, and only then is the profile removed
  const child = spawn(launch.path, launch.args(profile), { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<void>((resolve) => {
    const done = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group has ended already
      }
      rm(profile, { recursive: true, force: true, maxRetries: 10 }).then(resolve, resolve);
    };
    child.once('exit', done);
    child.once('error', done); // could not be started (the exit event may not follow)
  });
  const cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
  const crashFns = new Set<() => void>();
  let session: string | null = null;
  let loaded: (() => void) | null = null;
  cdp.on((method, _params, sessionId) => {
    if (sessionId !== session) return;
    if (method === 'Inspector.targetCrashed') for (const f of crashFns) f();
    if (method === 'Page.loadEventFired') loaded?.();
  });

  async function page(): Promise<string> {
    if (session) return session;
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string }[] };
    let targetId = targetInfos.find((t) => t.type === 'page')?.targetId;
    if (!targetId) targetId = ((await cdp.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string }).targetId;
    const s = ((await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string }).sessionId;
    await cdp.send('Page.enable', {}, s);
    await cdp.send('Inspector.enable', {}, s);
    session = s;
    return s;
  }

  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await cdp.send('Browser.close').catch(() => child.kill('SIGTERM'));
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await exited;
  };

  try {
    await Promise.race([
      page(),
      exited.then(() => {
        throw new Error(`the browser (${launch.path}) exited before its window opened`);
      }),
    ]);
  } catch (e) {
    child.kill('SIGKILL');
    await exited;
    throw e;
  }

  return {
    pid: child.pid,
    process: child,
    exited,
    onPageCrash: (fn) => void crashFns.add(fn),
    close,
    async wait(url) {
      const s = await page();
      await cdp.send('Page.navigate', { url }, s);
    },
    async show(origin, token) {
      const s = await page();
      await cdp.send('Storage.setCookies', { cookies: [tokenCookieFor(origin, token)] });
      const load = new Promise<void>((resolve) => (loaded = resolve));
      const nav = (await cdp.send('Page.navigate', { url: `${origin}/` }, s)) as { errorText?: string };
      if (nav.errorText) throw new Error(`the kiosk page could not be opened: ${nav.errorText}`);
      await load;
    },
  };
}
