/**
 * A fault-injecting HTTP proxy for tests: a real TCP listener on 127.0.0.1 (a random port) that
 * forwards every request to an upstream (the hub) and, for the requests a rule picks, misbehaves
 * the way networks and middle boxes do:
 *
 *   drop       the connection is closed before any answer
 *   reset      the headers and `afterBytes` bytes of the body, then a TCP reset (RST)
 *   truncate   the headers (the full Content-Length announced) and `afterBytes` bytes of the
 *              body, then a clean close (FIN): the body is simply shorter than announced
 *              (both may send those bytes at `bytesPerSecond`: a slow link that then fails)
 *   status     the hub is never asked; the answer is 500, 502 or 503
 *   delay      the upstream's answer, its headers held back for `ms`
 *   throttle   the upstream's answer, its body sent at `bytesPerSecond`
 *   portal     a captive portal: 200 text/html (a login page) whatever was asked
 *
 * A rule picks requests by path (a RegExp tested against the path and query, or a substring)
 * and applies to the next `times` of them (default: all); the first rule with uses left wins.
 * Every request is logged (method, path, Range header, status, body bytes sent, the fault), and
 * counted. Nothing here knows the catalogue protocol.
 *
 * Given several upstreams, it takes turns between them request by request (a round-robin load
 * balancer in front of two hubs); `setUpstreams` points it elsewhere (a hub restarted on
 * another port).
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  | { kind: 'drop' }
  | { kind: 'reset'; afterBytes: number; bytesPerSecond?: number }
  | { kind: 'truncate'; afterBytes: number; bytesPerSecond?: number }
  | { kind: 'status'; status: 500 | 502 | 503 }
  | { kind: 'delay'; ms: number }
  | { kind: 'throttle'; bytesPerSecond: number }
  | { kind: 'portal' };

export interface FaultRule {
  path: RegExp | string;
  fault: Fault;
  /** how many matching requests it applies to (default: every one) */
  times?: number;
}

export interface ProxyLogEntry {
  method: string;
  path: string;
  /** the request's Range header, when it had one (a resumed download) */
  range?: string;
  /** the status sent to the client (undefined: dropped before any answer) */
  status?: number;
  /** body bytes sent to the client */
  bytes: number;
  fault?: Fault['kind'];
  /** the upstream the request went to (when it was forwarded) */
  upstream?: string;
}

export interface FaultProxy {
  url: string;
  port: number;
  /** adds a rule (after those already there) */
  add: (rule: FaultRule) => void;
  /** removes every rule */
  clear: () => void;
  /** every request so far, oldest first */
  log: ProxyLogEntry[];
  counters: { requests: number; bytes: number };
  /** where requests go from now on (taking turns when several) */
  setUpstreams: (urls: string | string[]) => void;
  /** empties the log and the counters */
  resetLog: () => void;
  close: () => Promise<void>;
}

/** What a captive portal (a hotel's, a library's Wi-Fi login) answers to any address. */
export const PORTAL_HTML = '<!doctype html>\n<html><head><title>Wi-Fi 로그인</title></head><body><h1>무료 Wi-Fi</h1><form><button>동의하고 연결</button></form></body></html>\n';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startFaultProxy(upstream: string | string[]): Promise<FaultProxy> {
  let targets = [upstream].flat().map((u) => new URL(u));
  let turn = 0;
  const rules: (FaultRule & { left: number })[] = [];
  const log: ProxyLogEntry[] = [];
  const counters = { requests: 0, bytes: 0 };
  const sockets = new Set<Socket>();

  /** the fault for this path, using up one of its rule's uses */
  const take = (path: string): Fault | undefined => {
    const rule = rules.find((r) => r.left > 0 && (typeof r.path === 'string' ? path.includes(r.path) : r.path.test(path)));
    if (!rule) return undefined;
    rule.left--;
    return rule.fault;
  };

  /** writes one piece, resolving when it is handed to the socket (or the client is gone) */
  const write = (res: ServerResponse, piece: Buffer) =>
    new Promise<void>((resolve) => {
      if (res.destroyed) return resolve();
      res.once('close', resolve);
      res.write(piece, () => (res.off('close', resolve), resolve()));
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const fault = take(path);
    const entry: ProxyLogEntry = { method: req.method ?? 'GET', path, ...(req.headers.range ? { range: req.headers.range } : {}), bytes: 0, ...(fault ? { fault: fault.kind } : {}) };
    log.push(entry);
    counters.requests++;
    const answer = (status: number, type: string, body: string) => {
      const b = Buffer.from(body);
      entry.status = status;
      entry.bytes = b.length;
      counters.bytes += b.length;
      res.writeHead(status, { 'content-type': type, 'content-length': b.length, connection: 'close' });
      res.end(b);
    };

    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'portal') return answer(200, 'text/html; charset=utf-8', PORTAL_HTML);
    if (fault?.kind === 'status') return answer(fault.status, 'text/plain', `${fault.status} from the fault proxy\n`);
    if (fault?.kind === 'delay') {
      await sleep(fault.ms);
      if (res.destroyed) return;
    }

    // forward to the upstream (a new connection per request: nothing shared between requests)
    const target = targets[turn++ % targets.length]!;
    entry.upstream = target.origin;
    const up = request({ host: target.hostname, port: target.port, method: req.method, path, headers: { ...req.headers, host: target.host }, agent: false });
    req.pipe(up);
    res.on('close', () => up.destroy()); // the client went away: so does the upstream request
    let upRes: IncomingMessage;
    try {
      upRes = await new Promise<IncomingMessage>((resolve, reject) => {
        up.once('response', resolve);
        up.once('error', reject);
      });
    } catch (e) {
      if (!res.headersSent && !res.destroyed) answer(502, 'text/plain', `the fault proxy could not reach ${target.origin}: ${(e as Error).message}\n`);
      return;
    }
    entry.status = upRes.statusCode ?? 502;
    res.writeHead(entry.status, upRes.headers); // Content-Length (and Content-Range) as the upstream said
    res.flushHeaders();

    const limit = fault?.kind === 'reset' || fault?.kind === 'truncate' ? fault.afterBytes : Infinity;
    // throttled: slices of 1/40 s worth of bytes, each followed by its share of the second
    const rate = fault && 'bytesPerSecond' in fault ? fault.bytesPerSecond : undefined;
    const slice = rate ? Math.max(1, Math.round(rate / 40)) : Infinity;
    try {
      for await (const chunk of upRes as AsyncIterable<Buffer>) {
        let c = chunk.subarray(0, Math.max(0, limit - entry.bytes));
        while (c.length) {
          const piece = c.subarray(0, slice);
          c = c.subarray(piece.length);
          await write(res, piece);
          if (res.destroyed) return;
          entry.bytes += piece.length;
          counters.bytes += piece.length;
          if (rate) await sleep((piece.length / rate) * 1000);
        }
        if (entry.bytes >= limit) break;
      }
    } catch {
      return void res.destroy(); // the upstream failed mid-body: pass the failure on
    }
    if (entry.bytes >= limit) {
      upRes.destroy();
      if (fault?.kind === 'reset') res.socket?.resetAndDestroy();
      else res.socket?.end(); // truncate: a clean close, the body shorter than its Content-Length
      return;
    }
    res.end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    add: (rule) => rules.push({ ...rule, left: rule.times ?? Infinity }),
    clear: () => void rules.splice(0),
    setUpstreams: (urls) => {
      targets = [urls].flat().map((u) => new URL(u));
      turn = 0;
    },
    log,
    counters,
    resetLog: () => {
      log.splice(0);
      counters.requests = 0;
      counters.bytes = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
