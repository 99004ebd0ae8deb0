/**
 * The web host: the built renderer and the KioskApi over HTTP on 127.0.0.1, for Chromium
 * kiosks and for the browser tests. One registry of handlers, shared with the Electron host.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { KioskLocation } from '../facilities/directory.js';
import type { HostContext } from '../handlers.node.js';
import { KioskApiError } from '../contract/client.js';
import { SECURITY_HEADERS, TOKEN_COOKIE, apiCallAllowed, contentType, isAllowedHost, parseCookies, staticPath, tokenMatches } from './web-policy.js';

import { DEFAULT_DATA_DIR, RENDERER_DIST } from '../../db/paths.js';
export { RENDERER_DIST };
const MAX_BODY = 64 * 1024;

export interface WebHost {
  url: string;
  port: number;
  token: string;
  /** Settles when the catalogue is open and the API answers; rejects (with the reason) when it cannot be. */
  ready: Promise<void>;
  close: () => Promise<void>;
}

export interface WebHostOptions {
  port?: number;
  dataDir?: string;
  staticDir?: string;
  /** where the kiosk stands (for distances) */
  location?: KioskLocation;
  /** public holidays (YYYY-MM-DD) on which facilities marked so are closed */
  holidays?: string[];
  /** the clock (tests pin it) */
  now?: () => Date;
}

export function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new KioskApiError({ code: 'bad_request', message: `request body larger than ${MAX_BODY} bytes` }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWebHost(opts: WebHostOptions = {}): Promise<WebHost> {
  const staticDir = opts.staticDir ?? RENDERER_DIST;
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error(`the kiosk UI is not built (${staticDir}); run: npm run build:renderer`);
  // Without --data: the device folder's own copy when an operator has imported into it, else the embedded catalogue.
  const dataDir = opts.dataDir ?? (existsSync(join(DEFAULT_DATA_DIR, 'catalogue.sqlite')) ? DEFAULT_DATA_DIR : undefined);
  const ctx: HostContext = { dataDir: opts.dataDir ?? DEFAULT_DATA_DIR, location: opts.location, holidays: opts.holidays, now: opts.now };
  // The core (catalogue, handler registry with its zod schemas, print routes) loads behind the
  // listening socket: the URL is out in ~0.15 s instead of ~0.3 s and the browser fetches the
  // UI's files while it compiles (bench:ui). API calls wait for it.
  const core = Promise.all([import('../../db/catalogue/store.js'), import('../handlers.node.js'), import('./print-routes.node.js')]).then(([store, handlers, routes]) => {
    const catalogue = store.openCatalogue({ dataDir });
    return { catalogue, registry: handlers.createRegistry(catalogue, ctx), print: routes.printRoutes(catalogue, ctx, send) };
  });
  const ready = core.then(() => undefined);
  ready.catch(() => {}); // a caller that does not wait for `ready` still gets 500s, not a crash
  const token = randomBytes(24).toString('base64url');
  let port = 0;

  const server = createServer(async (req, res) => {
    try {
      if (!isAllowedHost(req.headers.host, port)) return send(res, 421, JSON.stringify({ code: 'unauthorized', message: 'unknown host' }));
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

      if (url.pathname.startsWith('/api/')) {
        const verdict = apiCallAllowed({ method: req.method, contentType: req.headers['content-type'], cookie: req.headers.cookie }, token);
        if (verdict !== 'ok') return send(res, verdict === 'token' ? 401 : 405, JSON.stringify({ code: 'unauthorized', message: `refused (${verdict})` }));
        let input: unknown;
        try {
          const raw = await readBody(req);
          input = raw ? JSON.parse(raw) : {};
        } catch (e) {
          return send(res, 400, JSON.stringify(e instanceof KioskApiError ? e.body : { code: 'bad_request', message: 'the body is not valid JSON' }));
        }
        try {
          const { registry } = await core;
          return send(res, 200, JSON.stringify(await registry.invokeRaw(url.pathname.slice(5), input)));
        } catch (e) {
          if (e instanceof KioskApiError) return send(res, e.body.code === 'not_found' ? 404 : 400, JSON.stringify(e.body));
          throw e;
        }
      }

      if (url.pathname.startsWith('/print/')) {
        // PDFs rendered by Chromium on this machine (the web host's print path); same token as the API.
        if (!tokenMatches(parseCookies(req.headers.cookie)[TOKEN_COOKIE], token)) return send(res, 401, JSON.stringify({ code: 'unauthorized', message: 'refused (token)' }));
        return await (await core).print.handle(url, res);
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '');
      // First visit with the launch token: keep it in a strict cookie and drop it from the address bar.
      const given = url.searchParams.get('token');
      if (given !== null) {
        if (!tokenMatches(given, token)) return send(res, 401, 'This kiosk link has expired. Open the link printed when the kiosk started.', 'text/plain; charset=utf-8');
        return send(res, 303, '', 'text/plain', { Location: '/', 'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` });
      }
      const rel = staticPath(url.pathname);
      if (!rel) return send(res, 400, '');
      let file = join(staticDir, rel);
      if (!existsSync(file) || !statSync(file).isFile()) file = join(staticDir, 'index.html'); // single-page app
      const immutable = rel.startsWith('/assets/');
      return send(res, 200, readFileSync(file), contentType(file), immutable ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {});
    } catch {
      // Never echo internals (or anything a person typed) back, and never log personal data.
      if (!res.headersSent) send(res, 500, JSON.stringify({ code: 'internal', message: 'internal error' }));
    }
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    ready,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          core.then(
            ({ print, catalogue }) => print.close().then(() => catalogue.close()),
            () => undefined,
          ).then(resolve);
        });
      }),
  };
}
