/**
 * The hub's HTTP side (Fastify 5): what kiosks pull, and the operator endpoint.
 *
 * - `createHubServer`: the public app — `GET /health`, `GET /catalogue/:file` (the published
 *   files, plain files any static server or CDN could serve as well: Range → 206 so a kiosk
 *   resumes an interrupted download, ETag/304, `Cache-Control: immutable` for the numbered
 *   files and `no-cache` for latest.json), and the extensions other parts of the hub add (the
 *   Open API).
 * - `createOperatorServer`: the operator endpoint — 127.0.0.1 only, `Authorization: Bearer
 *   <token>` (DATA/operator-token, compared in constant time); publish, versions, bundle,
 *   enrol-device, revoke-device, applications
 *   (operator.node.ts: the same operations the CLI runs in-process when no hub is running).
 * - `startHub`: both listening, operator.json announced; `close()` ends them gracefully
 *   (requests in flight finish), closes the store and removes operator.json and the lock.
 *
 * Every error is logged with its cause; a client gets JSON saying what went wrong (400 naming
 * the field, 401, 404, 413 …), never an empty answer. The Authorization header is never logged.
 */
import { mkdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { ZodType } from 'zod';
import { REDACTED_FIELDS, type Logger } from '../../core/log.node.js';
import type { HubKeys } from '../protocol/keys.node.js';
import { FileRef } from '../protocol/manifest.js';
import type { HubLayout } from './layout.node.js';
import type { HubStore } from './store.js';
import { HubStoreError } from './store.node.js';
import { bearerMatches, HubOperationError, InputError, OperatorInput, removeOperatorEndpoint, writeOperatorEndpoint, type HubOperations } from './operator.node.js';

/** A plugin another part of the hub adds to the public app (the Open API: `registerOpenApi`). */
export type HubExtension = (app: FastifyInstance) => Promise<void>;

export interface HubServerOptions {
  layout: HubLayout;
  store: HubStore;
  keys: HubKeys;
  logger: Logger;
  /** plugins registered on the public app, in order (see "Extensions" in createHubServer) */
  extensions?: HubExtension[];
  /** the largest request body accepted (bytes); larger: 413 */
  bodyLimit?: number;
  /**
   * The reverse proxies in front of the hub (`--trust-proxy`: addresses or CIDRs, comma-separated):
   * a request from one of them is taken to come from the client its X-Forwarded-For names (the
   * Open API's rate limit counts per client). Unset: the socket's address, and X-Forwarded-For is
   * ignored — a client cannot name itself another to escape its limit.
   */
  trustProxy?: string;
}

/** 64 KiB: the operator's bodies are a path; the Open API reads nothing bigger */
export const BODY_LIMIT = 64 * 1024;

/** The files the hub serves, by name: what manifest.ts names (snapshotName, deltaName, manifestName, LATEST) — never a temporary file beside them. */
const NUMBERED = /^(?:snapshot-[1-9]\d*(?:\.[1-9]\d*)?\.sqlite\.br|delta-[1-9]\d*-[1-9]\d*\.bin\.br|manifest-[1-9]\d*\.json)$/;
export type ServedKind = 'immutable' | 'latest';
export function servedKind(name: string): ServedKind | null {
  if (!FileRef.shape.name.safeParse(name).success) return null;
  if (name === 'latest.json') return 'latest';
  return NUMBERED.test(name) ? 'immutable' : null;
}
export const CACHE_CONTROL: Record<ServedKind, string> = {
  // a numbered file never changes once published: caches and CDNs keep it
  immutable: 'public, max-age=31536000, immutable',
  // the pointer to the newest version: always revalidated (ETag → 304)
  latest: 'no-cache',
};

/** The logger for one app: the caller's, with the Authorization header and cookies redacted besides what the core redacts. */
function httpLogger(logger: Logger, component: string): Logger {
  const personal = [...REDACTED_FIELDS, ...REDACTED_FIELDS.map((f) => `*.${f}`)];
  const secrets = ['authorization', 'headers.authorization', 'req.headers.authorization', 'req.headers.cookie', 'token', '*.token'];
  return logger.child({ component }, { redact: { paths: [...personal, ...secrets], censor: '[redacted]' } });
}

/** A request body checked against its schema; a bad one is a 400 naming the field. */
function parseBody<T>(schema: ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const i = r.error.issues[0];
  const field = i?.path.join('.') || (i?.code === 'unrecognized_keys' ? (i as { keys?: string[] }).keys?.join(', ') ?? 'body' : 'body');
  throw new InputError(`field "${field}": ${i?.message ?? 'not valid'}`, field);
}

const statusOf = (e: FastifyError | Error): number => {
  if (e instanceof HubStoreError) return e.code === 'version_conflict' || e.code === 'in_use' || e.code === 'name_taken' || e.code === 'wrong_store' ? 409 : e.code === 'closed' ? 503 : 500;
  if (e instanceof HubOperationError && e.status >= 400) return e.status;
  const s = (e as FastifyError).statusCode;
  return typeof s === 'number' && s >= 400 && s < 600 ? s : 500;
};
const ERROR_CODES: Record<number, string> = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed', 409: 'conflict', 413: 'too_large', 415: 'unsupported_media_type', 416: 'range_not_satisfiable', 503: 'unavailable' };

/** A Fastify app with the hub's logging, limits and error answers. `exposeFailures`: a 5xx says its message (the operator's own endpoint), or only where to look (the public app). */
function baseApp(logger: Logger, component: string, bodyLimit: number, exposeFailures: boolean, trustProxy?: string): FastifyInstance {
  const app = Fastify({
    ...(trustProxy ? { trustProxy } : {}),
    loggerInstance: httpLogger(logger, component),
    bodyLimit,
    requestTimeout: 60_000, // a client that trickles its request is dropped
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    requestIdHeader: false, // ids are ours; a client's header is not trusted
  }) as unknown as FastifyInstance;
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const status = statusOf(err);
    if (status >= 500) req.log.error({ err }, `${req.method} ${req.routeOptions.url ?? req.url} failed`);
    else req.log.warn({ err }, `${req.method} ${req.routeOptions.url ?? req.url} refused (${status})`);
    const body =
      status >= 500
        ? { error: status === 503 ? 'unavailable' : 'internal', message: exposeFailures ? err.message : `the hub could not answer; its log says why (request ${req.id})` }
        : { error: err instanceof HubOperationError ? err.code : (ERROR_CODES[status] ?? 'bad_request'), message: err.message, ...(err instanceof InputError ? { field: err.field } : {}) };
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    req.log.info({ url: req.url }, 'not found');
    return reply.code(404).type('application/json; charset=utf-8').send({ error: 'not_found', message: `nothing at ${req.method} ${req.url.split('?')[0]} on this hub` });
  });
  return app;
}

/** The public app (not listening yet: startHub listens, tests may too). */
export async function createHubServer(o: HubServerOptions): Promise<FastifyInstance> {
  const { layout, store, keys } = o;
  const app = baseApp(o.logger, 'hub-http', o.bodyLimit ?? BODY_LIMIT, false, o.trustProxy);
  mkdirSync(layout.files, { recursive: true });
  await app.register(fastifyStatic, { root: layout.files, serve: false, decorateReply: true, dotfiles: 'deny', index: false });

  app.get('/health', async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    try {
      const latest = await store.latest();
      return { ok: true, version: latest?.version ?? null, key_id: keys.keyId };
    } catch (e) {
      req.log.error({ err: e }, 'health: the hub store could not be read');
      return reply.code(503).send({ ok: false, version: null, key_id: keys.keyId, error: 'unavailable', message: 'the hub store cannot be read; the hub log says why' });
    }
  });

  app.get<{ Params: { file: string } }>('/catalogue/:file', async (req, reply) => {
    const name = req.params.file;
    if (!FileRef.shape.name.safeParse(name).success) throw new InputError('field "file": not a catalogue file name (a-z, 0-9, dots and dashes, e.g. latest.json)', 'file');
    const kind = servedKind(name);
    const missing = () => reply.code(404).send({ error: 'not_found', message: `no catalogue file ${name} on this hub` });
    if (!kind) return missing();
    try {
      if (!(await stat(join(layout.files, name))).isFile()) return missing();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return missing();
      throw e;
    }
    void reply.header('cache-control', CACHE_CONTROL[kind]);
    // @fastify/send: Range → 206 (unsatisfiable → 416), ETag and Last-Modified → 304; the bytes as they are (no Content-Encoding: the manifest's SHA-256 is of them)
    return reply.sendFile(name, layout.files, { cacheControl: false, acceptRanges: true, etag: true, lastModified: true, dotfiles: 'deny', index: false });
  });

  // ---- Extensions -------------------------------------------------------------------------
  // The one place where other parts of the hub register their plugins on the public app, in
  // the order given: the Open API (`registerOpenApi(app, opts)` from openapi.node.ts, handed
  // in by main.node.ts as `(app) => registerOpenApi(app, opts)`). Nothing is imported here.
  for (const extension of o.extensions ?? []) await extension(app);
  // -----------------------------------------------------------------------------------------

  return app;
}

export interface OperatorServerOptions {
  layout: HubLayout;
  logger: Logger;
  /** the operator token (DATA/operator-token) */
  token: string;
  operations: HubOperations;
}

/** The operator endpoint (not listening yet): every request needs `Authorization: Bearer <token>`. */
export async function createOperatorServer(o: OperatorServerOptions): Promise<FastifyInstance> {
  const app = baseApp(o.logger, 'hub-operator', BODY_LIMIT, true);
  app.addHook('onRequest', async (req, reply) => {
    if (bearerMatches(req.headers.authorization, o.token)) return;
    const given = req.headers.authorization !== undefined;
    req.log.warn({ url: req.url, authorization_given: given }, 'operator request refused: no valid token');
    return reply
      .code(401)
      .header('www-authenticate', 'Bearer')
      .send({
        error: 'unauthorized',
        message: given ? 'the operator token is not this hub\'s' : `the operator endpoint needs Authorization: Bearer <token>; the token is in ${o.layout.operatorToken}`,
      });
  });
  app.get('/operator/ping', async () => ({ ok: true, pid: process.pid }));
  app.get('/operator/versions', async () => o.operations.versions());
  app.post('/operator/publish', async (req) => o.operations.publish(parseBody(OperatorInput.publish, req.body)));
  app.post('/operator/bundle', async (req) => o.operations.bundle(parseBody(OperatorInput.bundle, req.body)));
  // intake (issue 13): devices and the applications they sent
  app.post('/operator/devices', async (req) => o.operations.enrolDevice(parseBody(OperatorInput.device, req.body)));
  app.post('/operator/devices/revoke', async (req) => o.operations.revokeDevice(parseBody(OperatorInput.device, req.body)));
  app.get('/operator/applications', async () => o.operations.applications());
  app.post('/operator/applications/decide', async (req) => o.operations.decide(parseBody(OperatorInput.decide, req.body)));
  app.post('/operator/applications/import', async (req) => o.operations.importApplications(parseBody(OperatorInput.importApplications, req.body)));
  app.post('/operator/applications/purge', async () => o.operations.purgeApplications());
  return app;
}

export interface StartHubOptions extends HubServerOptions {
  /** where kiosks reach the hub: 127.0.0.1 (this machine), 0.0.0.0 (every interface) */
  host: string;
  /** 0: any free port */
  port: number;
  /** what the operator endpoint runs (operator.node.ts localOperations) */
  operations: HubOperations;
  /** the operator token (operator.node.ts ensureOperatorToken) */
  operatorToken: string;
  /** how long close() lets requests in flight (a long download) finish before it drops them */
  graceMs?: number;
}

export interface RunningHub {
  app: FastifyInstance;
  /** http://HOST:PORT */
  url: string;
  port: number;
  operatorPort: number;
  /** graceful: requests in flight finish, then the store is closed (its lock released) and operator.json removed */
  close(): Promise<void>;
}

const urlHost = (h: string) => (h.includes(':') ? `[${h}]` : h);

/**
 * Starts the hub on a store it was given (and now owns: close() closes it). When it cannot
 * listen (a port in use), both apps are closed and the error thrown; the store stays open for
 * the caller to close.
 */
export async function startHub(o: StartHubOptions): Promise<RunningHub> {
  const { layout, logger } = o;
  const app = await createHubServer(o);
  const operator = await createOperatorServer({ layout, logger, token: o.operatorToken, operations: o.operations });
  try {
    await app.listen({ host: o.host, port: o.port, listenTextResolver: (address) => `listening on ${address}` });
    await operator.listen({ host: '127.0.0.1', port: 0, listenTextResolver: (address) => `listening on ${address}` });
  } catch (e) {
    await Promise.allSettled([app.close(), operator.close()]);
    throw e;
  }
  const port = (app.server.address() as { port: number }).port;
  const operatorPort = (operator.server.address() as { port: number }).port;
  writeOperatorEndpoint(layout, { pid: process.pid, port: operatorPort });
  const url = `http://${urlHost(o.host)}:${port}`;
  logger.info({ url, operator_port: operatorPort, data: layout.dataDir }, 'hub listening');

  let closing: Promise<void> | null = null;
  const close = async () => {
    logger.info('hub closing: requests in flight finish');
    removeOperatorEndpoint(layout); // CLIs stop coming here first
    const grace = setTimeout(() => {
      logger.warn({ grace_ms: o.graceMs ?? 10_000 }, 'requests still in flight after the grace period: dropping their connections');
      app.server.closeAllConnections();
      operator.server.closeAllConnections();
    }, o.graceMs ?? 10_000);
    grace.unref();
    // a keep-alive connection whose request finishes during the close stays open for its
    // keep-alive time: dropped as soon as it is idle
    const sweep = setInterval(() => {
      app.server.closeIdleConnections();
      operator.server.closeIdleConnections();
    }, 100);
    sweep.unref();
    const failures: unknown[] = [];
    for (const step of [() => operator.close(), () => app.close(), () => o.store.close()]) {
      try {
        await step();
      } catch (e) {
        logger.error({ err: e }, 'a step of closing the hub failed');
        failures.push(e);
      }
    }
    clearTimeout(grace);
    clearInterval(sweep);
    if (failures.length) throw new AggregateError(failures, 'the hub did not close cleanly; its log says why');
    logger.info('hub closed');
  };
  return { app, url, port, operatorPort, close: () => (closing ??= close()) };
}
