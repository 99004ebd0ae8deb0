/**
 * The web host: the built kiosk UI and the core's one channel over HTTP on 127.0.0.1, for
 * Chromium kiosks and the browser tests. A thin adapter — it carries calls and events and
 * decides trust (web-policy.node.ts); every answer comes from the core.
 *
 *   POST /api/<method>            a call: JSON input → result envelope (status from its error code);
 *                                 X-Call-Id names the call; closing the request cancels it
 *   GET  /api/events              the core's events, as server-sent events
 *   GET  /print/sheet/<id>.pdf?lang=ko|en|vi|zh&large=1
 *                                 a policy sheet as PDF (the in-app preview's source; a stable URL for scripts)
 *   GET  /print/jobs/<job>.pdf    a finished booklet (from the `booklet` call), handed out once
 *   GET  /…                       the UI's files; `/?token=…` once, to set the token cookie
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core.node.js';
import type { CoreEnv } from '../env.node.js';
import type { Output } from '../contract/kiosk-api.js';
import { isCallId, SETTINGS_IN_PAGE_ID } from '../contract/channel.js';
import { isLang } from '../contract/lists.js';
import { httpStatus, KioskApiError, type ApiErrorBody, type Result } from '../contract/result.js';
import { SECURITY_HEADERS, TOKEN_COOKIE, apiCallAllowed, contentType, isAllowedHost, readAllowed, refusalStatus, staticPath, tokenMatches, withJsonInHead } from './web-policy.node.js';

export const MAX_BODY = 64 * 1024;
/** A PDF may be shown inside the kiosk's own page (the in-app preview), and nowhere else. */
const PDF_FRAMING = { 'Content-Security-Policy': "frame-ancestors 'self'" };

export interface WebHost {
  url: string;
  port: number;
  token: string;
  /** Settles when the core is built and the catalogue open; rejects (with the reason) when it cannot be. */
  ready: Promise<void>;
  close: () => Promise<void>;
}

export interface WebHostOptions {
  port?: number;
  /** the core's environment (resources, data folder, logger, clock) */
  env: CoreEnv;
  /** look for a newer catalogue at the hub this often, once a hub is set (0: never) */
  syncEveryMs?: number;
  /** start the printer (Chromium) this long after the core is up, before any print is asked for (\`--warm-printer\`); unset: at the first PDF */
  warmPrinterAfterMs?: number;
}

export function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

const sendResult = (res: ServerResponse, r: Result<unknown>) => send(res, r.ok ? 200 : httpStatus(r.error.code), JSON.stringify(r));
const sendError = (res: ServerResponse, error: ApiErrorBody) => sendResult(res, { ok: false, error });

/** A request refused by the trust policy: the status that says why, and an error naming the cookie when it is malformed. */
function refuse(res: ServerResponse, v: Parameters<typeof refusalStatus>[0]): void {
  const error: ApiErrorBody = v === 'cookie' ? { code: 'bad_request', message: 'the cookie header is malformed', field: 'cookie' } : { code: 'unauthorized', message: `refused (${v})` };
  send(res, refusalStatus(v), JSON.stringify({ ok: false, error }));
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new BodyTooLarge(`request body larger than ${MAX_BODY} bytes`));
        req.removeAllListeners('data');
        req.resume(); // drain the rest, so the 413 reaches the client
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** An AbortSignal that fires when the client goes away before its answer is sent. */
function clientGone(req: IncomingMessage, res: ServerResponse): AbortSignal {
  const ac = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) ac.abort();
  });
  req.on('aborted', () => ac.abort());
  return ac.signal;
}

/** The UI's first call (KioskApi `settings`), which the host answers before its core has loaded — and puts into the page it serves (SETTINGS_IN_PAGE_ID). */
const SETTINGS_PATH = '/api/settings';

/** How long the host waits for a first call before it loads the core anyway (a host nobody has opened yet). */
export const CORE_START_DELAY_MS = 1000;

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const { env } = opts;
  const log = env.logger.child({ component: 'web-host' });
  const staticDir = env.resources.renderer;
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error(`the kiosk UI is not built (${staticDir}); run: npm run build`);
  // The core (catalogue, registry with its zod schemas) loads behind the listening socket, and
  // only once the UI's files are out: at the first call (or event stream, or print), or after
  // CORE_START_DELAY_MS with no visitor — loading it blocks this process's one thread for a
  // few hundred milliseconds, which would hold up the page and its scripts (bench:ui). Calls wait for it.
  let kicked = false;
  let kick = () => {};
  const core: Promise<Core> = new Promise<void>((resolve) => (kick = () => ((kicked = true), resolve())))
    .then(() => import('../core.node.js'))
    .then((m) => m.createCore(env, { watchCatalogue: true, syncEveryMs: opts.syncEveryMs, uploadInBackground: true, catalogueLockWaitMs: m.SCREEN_LOCK_WAIT_MS }));
  const kickTimer = setTimeout(() => kick(), CORE_START_DELAY_MS);
  const ready = core.then(() => undefined);
  ready.catch((e: unknown) => log.error({ event: 'core.failed', err: e }, 'the kiosk core could not start'));
  let warmTimer: NodeJS.Timeout | undefined;
  let closing = false;
  if (opts.warmPrinterAfterMs !== undefined) {
    const after = opts.warmPrinterAfterMs;
    // (not once the host is closing: a core that came up after close() was called starts no printer)
    core.then((c) => closing || (warmTimer = setTimeout(() => closing || void c.print.warm(), after).unref()), () => undefined);
  }
  const token = randomBytes(24).toString('base64url');
  let port = 0;
  const streams = new Set<ServerResponse>();

  // The kiosk's settings (DATA/kiosk.json, read once, as the core reads them), for the page: read
  // as soon as the host listens, while the browser's first request is on its way, so that the page
  // carries them and the UI draws its first screen without a call — nor the KioskApi schemas,
  // which the `settings` call loads to check its input. Undefined when they cannot be read (logged): the
  // page goes without, and the UI's call says why.
  let pageSettings: Promise<Output<'settings'> | undefined> | undefined;
  const settingsForPage = () =>
    (pageSettings ??= import('../config/kiosk-config.node.js')
      .then((m) => m.settingsFor(env, env.logger.child({ component: 'config' })))
      .catch((e: unknown) => void log.error({ event: 'config.failed', err: e }, 'the kiosk settings could not be put into the page; the UI asks for them')));

  const unavailable = (e: unknown): ApiErrorBody => ({ code: 'unavailable', message: `the kiosk could not start: ${(e as Error).message}` });

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const verdict = apiCallAllowed({ method: req.method, contentType: req.headers['content-type'], cookie: req.headers.cookie, fetchSite: header(req, 'sec-fetch-site') }, token);
    if (verdict !== 'ok') return refuse(res, verdict);
    const given = header(req, 'x-call-id');
    const callId = given && isCallId(given) ? given : randomUUID();
    let input: unknown;
    try {
      const raw = await readBody(req);
      input = raw ? JSON.parse(raw) : {};
    } catch (e) {
      if (e instanceof BodyTooLarge) return sendError(res, { code: 'too_large', message: e.message, requestId: callId });
      return sendError(res, { code: 'bad_request', message: 'the body is not valid JSON', field: 'body', requestId: callId });
    }
    // The UI's first call, before its first screen: answered from DATA/kiosk.json by the host
    // itself, without waiting for the core (which loads for the calls after it).
    if (url.pathname === SETTINGS_PATH && !kicked) {
      try {
        const [{ KioskApi }, { parseInput }, { settingsFor }] = await Promise.all([import('../contract/kiosk-api.js'), import('../contract/parse.js'), import('../config/kiosk-config.node.js')]);
        parseInput(KioskApi.settings.input, input);
        return sendResult(res, { ok: true, value: settingsFor(env, env.logger.child({ component: 'config' })) });
      } catch (e) {
        if (e instanceof KioskApiError) return sendError(res, { ...e.body, requestId: callId });
        log.error({ requestId: callId, event: 'config.failed', err: e }, 'the kiosk settings could not be read');
        return sendError(res, { code: 'internal', message: 'the kiosk settings could not be read; the log has the details under this request id', requestId: callId });
      }
    }
    let c: Core;
    try {
      c = await core;
    } catch (e) {
      return sendError(res, { ...unavailable(e), requestId: callId });
    }
    const r = await c.channel.call(url.pathname.slice('/api/'.length), input, { callId, signal: clientGone(req, res) });
    if (!res.destroyed) sendResult(res, r);
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    let off = () => {};
    core.then(
      (c) => {
        if (res.destroyed) return;
        off = c.events.onAny((e) => res.write(`event: ${e.event}\ndata: ${JSON.stringify(e.payload)}\n\n`));
      },
      () => res.end(),
    );
    const beat = setInterval(() => res.write(': ♥\n\n'), 15_000);
    beat.unref();
    req.on('close', () => {
      clearInterval(beat);
      off();
      streams.delete(res);
    });
  }

  async function print(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, { code: 'bad_request', message: 'print paths take GET' });
    const sheet = url.pathname.match(/^\/print\/sheet\/([a-z0-9-]{1,100})\.pdf$/);
    const job = url.pathname.match(/^\/print\/jobs\/([0-9a-f-]{36})\.pdf$/);
    if (!sheet && !job) return sendError(res, { code: 'not_found', message: 'no such print path' });
    const c = await core;
    if (job) {
      const pdf = c.print.takeBooklet(job[1]!);
      if (!pdf) return sendError(res, { code: 'not_found', message: 'this booklet was already taken or has expired; make it again', field: 'job' });
      return send(res, 200, pdf, 'application/pdf', { 'Content-Disposition': 'inline; filename="booklet.pdf"', ...PDF_FRAMING });
    }
    const lang = url.searchParams.get('lang') ?? 'ko';
    if (!isLang(lang)) return sendError(res, { code: 'bad_request', field: 'lang', message: 'lang must be ko, en, vi or zh' });
    const id = sheet![1]!;
    const lease = c.catalogue.lease();
    const requestId = randomUUID();
    try {
      const pdf = await c.print.sheetPdf(lease.catalogue, id, { lang, large: url.searchParams.get('large') === '1' }, clientGone(req, res));
      return send(res, 200, pdf, 'application/pdf', { 'Content-Disposition': `inline; filename="${id}.pdf"`, ...PDF_FRAMING });
    } catch (e) {
      if (e instanceof KioskApiError) {
        log.warn({ requestId, path: url.pathname, code: e.body.code, err: e }, 'print refused');
        return sendError(res, { ...e.body, requestId });
      }
      log.error({ requestId, path: url.pathname, err: e }, 'print failed');
      return sendError(res, { code: 'internal', message: 'the sheet could not be printed; the log has the details under this request id', requestId });
    } finally {
      lease.release();
    }
  }

  async function file(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '', 'text/plain');
    // First visit with the launch token: keep it in a strict cookie and drop it from the address bar.
    const given = url.searchParams.get('token');
    if (given !== null) {
      if (!tokenMatches(given, token)) return send(res, 401, 'This kiosk link has expired. Open the link printed when the kiosk started.', 'text/plain; charset=utf-8');
      return send(res, 303, '', 'text/plain', { Location: '/', 'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` });
    }
    const rel = staticPath(url.pathname);
    if (!rel) return send(res, 400, 'bad path', 'text/plain');
    let path = join(staticDir, rel);
    const s = await stat(path).catch(() => null);
    if (!s?.isFile()) path = join(staticDir, 'index.html'); // single-page app
    const immutable = rel.startsWith('/assets/');
    // The page, to the kiosk's own browser (the token cookie, as a call needs it), carries the kiosk's
    // settings (the `settings` call's answer); anyone else gets the page as built.
    if (path === join(staticDir, 'index.html') && readAllowed({ cookie: req.headers.cookie, fetchSite: header(req, 'sec-fetch-site') }, token) === 'ok') {
      const [html, settings] = await Promise.all([readFile(path, 'utf8'), settingsForPage()]);
      return send(res, 200, settings ? withJsonInHead(html, SETTINGS_IN_PAGE_ID, settings) : html, contentType(path));
    }
    return send(res, 200, await readFile(path), contentType(path), immutable ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {});
  }

  const server = createServer(async (req, res) => {
    let path = '(unparsed)';
    try {
      if (!isAllowedHost(req.headers.host, port)) return send(res, 421, JSON.stringify({ ok: false, error: { code: 'unauthorized', message: 'unknown host' } }));
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      path = url.pathname;
      if ((url.pathname.startsWith('/api/') && url.pathname !== SETTINGS_PATH) || url.pathname.startsWith('/print/')) kick();
      if (url.pathname === '/api/events' || url.pathname.startsWith('/print/')) {
        const v = readAllowed({ cookie: req.headers.cookie, fetchSite: header(req, 'sec-fetch-site') }, token);
        if (v !== 'ok') return refuse(res, v);
        if (url.pathname === '/api/events') return events(req, res);
        return await print(req, res, url);
      }
      if (url.pathname.startsWith('/api/')) return await api(req, res, url);
      return await file(req, res, url);
    } catch (e) {
      // Logged with its cause; the client gets a status and a request id, never internals or anything a person typed.
      const requestId = randomUUID();
      log.error({ requestId, path, method: req.method, err: e }, 'request failed');
      if (!res.headersSent) sendError(res, { code: 'internal', message: 'internal error; the log has the details under this request id', requestId });
      else res.destroy();
    }
  });
  server.on('clientError', (e, socket) => {
    const code = (e as NodeJS.ErrnoException).code;
    // a connection the browser opened ahead and never used, or closed: not a malformed request
    if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ECONNRESET') log.debug({ event: 'http.idle_connection', code }, 'an idle connection was closed');
    else log.warn({ err: e, event: 'http.client_error' }, 'malformed HTTP request');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  void settingsForPage();
  server.on('error', (e) => log.error({ err: e, event: 'http.server_error' }, 'the web host failed'));
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    ready,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.closeAllConnections();
        closing = true;
        clearTimeout(kickTimer);
        clearTimeout(warmTimer);
        server.close(() => {
          if (!kicked) return resolve(); // never started: nothing to close
          core.then(
            (c) => c.close(),
            () => undefined,
          ).then(resolve, (e: unknown) => {
            log.error({ err: e }, 'closing the core failed');
            resolve();
          });
        });
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
