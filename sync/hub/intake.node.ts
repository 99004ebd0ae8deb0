/**
 * The hub's intake (issue 13; the wire is sync/protocol/intake.ts): devices enrol with a
 * one-time code, then upload sealed applications, each signed request checked against the
 * device's key (sync/protocol/device-auth.node.ts).
 *
 *   POST /intake/v1/enrol                 {code, public_key}          → 201 Enrolment | 403 bad_code (rate-limited per address)
 *   POST /intake/v1/applications          {applications: Upload[]}    → 200 {results}, one per application, in order
 *   PUT  /intake/v1/applications/:id      Upload                      → 201 | 200 (the same again) | 409 | 400 | 413
 *   GET  /intake/v1/receipts/:receipt                                 → 200 ReceiptStatus | 404 | 400
 *   POST /intake/v1/receipts/lookup       {receipt, phone}            → 200 ReceiptStatus | 404 (one body for both misses) | 400 | 429
 *   POST /intake/v1/receipt-blocks        {}                          → 201 {prefix} a new block | 200 one it holds unused | 503 none left
 *
 * Receipt numbers: each upload may carry the number its device gave at submit; it is taken only
 * from a block of that device (else 409 receipt_not_own) and when no other application holds it
 * (409 receipt_taken). Without one, the hub gives a number from a block of its own.
 * A lookup opens the sealed application to compare the phone number (normalized on both sides):
 * a wrong phone and an unknown receipt get the same 404, so neither can be guessed; at most
 * LOOKUPS_PER_MINUTE per device (per hub process); the log names the device, the outcome and the
 * receipt's block, never the phone or the whole number.
 *
 * Registered in an encapsulated plugin: its JSON bodies are read as bytes (the signature covers
 * the exact bytes sent) up to MAX_UPLOAD_BODY, while the rest of the hub keeps its 64 KiB limit.
 * Every application is opened with the hub's sealing key before it is stored — one that does not
 * open, opens to something else than its envelope says, is for a service the hub has no form for,
 * or holds a form that does not pass its service's schema (core/forms), is refused with the reason in words
 * (the device shows it in its "needs attention" list) — and only the sealed bytes are kept.
 * Every refusal is logged (warn) with the client id, the device and the reason, never the body;
 * every 5xx with its cause.
 */
import { createHash, createHmac, randomBytes, sign } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { ZodType } from 'zod';
import {
  EnrolRequest,
  INTAKE_PREFIX,
  LOOKUPS_PER_MINUTE,
  ReceiptLookup,
  receiptBlockOf,
  type ReceiptBlock,
  MAX_BATCH,
  MAX_SEALED_BYTES,
  MAX_UPLOAD_BODY,
  normalizeCode,
  parseReceipt,
  Upload,
  type Enrolment,
  type ReceiptStatus,
  type Refused,
  type UploadResult,
} from '../protocol/intake.js';
import { checkDeviceRequest, parseDeviceAuthorization, AUTH_SCHEME } from '../protocol/device-auth.node.js';
import { parsePublicKey, type HubKeys } from '../protocol/keys.node.js';
import { SEALING_KEY_STATEMENT, type SealingKeys } from '../protocol/seal.node.js';
import type { DeviceRecord, HubStore, NewApplication } from './store.js';
import { HubStoreError } from './store.node.js';
import { checkApplicationForm, openApplication } from './applications.node.js';
import type { FormCatalogue } from '../../core/forms/catalogue.js';
import { normalizeKoreanPhone } from '../../core/forms/phone.js';

/** How a one-time enrolment code is kept: only its SHA-256 (hex) of the canonical code (the operator's `hub enrol-device` stores it, the enrolment compares it). */
export const codeDigest = (canonical: string): string => createHash('sha256').update(canonical).digest('hex');

export interface IntakeOptions {
  store: HubStore;
  /** the signing key (handed to devices at enrolment, and vouching for the sealing key) */
  keys: HubKeys;
  /** the sealing key (applications are opened with it) */
  sealing: SealingKeys;
  /** enrolment attempts per client address (default: 10 a minute), so that codes cannot be guessed */
  enrolRateLimit?: { max: number; timeWindow: string | number };
  /** the hub's clock (tests) */
  now?: () => number;
  /** the catalogue the service forms are checked against: the newest published one (main.node.ts; before the first publish, the app's own). Without it the hub refuses service forms as not checkable */
  formCatalogue?: () => FormCatalogue | undefined;
  /** receipt lookups one device may make in a minute (default LOOKUPS_PER_MINUTE) */
  lookupsPerMinute?: number;
}

/** The answer to a lookup that finds nothing — an unknown receipt and a wrong phone alike, byte for byte. */
export const LOOKUP_NOT_FOUND = {
  error: 'not_found',
  message: 'no application has this receipt number with this phone number; check both (the receipt number is on the printed receipt)',
} as const;

/** At most `max` events per key in a sliding minute (one hub process; the enrolment limit is counted per process too). */
export function slidingLimit(max: number, windowMs = 60_000) {
  const seen = new Map<string, number[]>();
  return {
    /** counts one event now; the seconds to wait when over the limit, else 0 */
    take(key: string, now: number): number {
      const times = (seen.get(key) ?? []).filter((t) => t > now - windowMs);
      if (times.length >= max) {
        seen.set(key, times);
        return Math.max(1, Math.ceil((times[0]! + windowMs - now) / 1000));
      }
      times.push(now);
      seen.set(key, times);
      if (seen.size > 10_000) for (const [k, v] of seen) if (!v.some((t) => t > now - windowMs)) seen.delete(k);
      return 0;
    },
  };
}

export const DEFAULT_ENROL_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;
/** a single PUT: one application of the largest size, base64, and its envelope */
export const MAX_PUT_BODY = Math.ceil((MAX_SEALED_BYTES * 4) / 3) + 1024;
const MAX_ENROL_BODY = 4096;
/** base64 of the largest sealed application */
const MAX_SEALED_BASE64 = 4 * Math.ceil(MAX_SEALED_BYTES / 3);

type ErrorBody = { error: string; message: string; field?: string };

/** A request the intake refuses as a whole (its status and JSON body). */
class Refusal extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: ErrorBody,
    readonly log: Record<string, unknown> = {},
  ) {
    super(body.message);
    this.name = 'Refusal';
  }
}

const BAD_CODE: ErrorBody = {
  error: 'bad_code',
  message: 'the enrolment code is not valid: it may be mistyped, used already or expired (a code works once, for 24 hours); ask the operator for a new one (cli hub enrol-device NAME)',
};

function jsonOf(body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0) throw new Refusal(400, { error: 'bad_request', field: 'body', message: 'the request has no body; send JSON with Content-Type: application/json' });
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new Refusal(400, { error: 'bad_json', field: 'body', message: 'the body is not JSON' });
  }
}

function fieldOf(issues: { path: PropertyKey[]; code: string; keys?: string[] }[] | undefined, prefix = ''): string {
  const i = issues?.[0];
  const path = i?.path.map(String).join('.') || (i?.code === 'unrecognized_keys' ? (i.keys ?? []).join(', ') : '');
  return path ? prefix + path : prefix.replace(/\.$/, '') || 'body';
}

/** The body checked against a schema; a bad one is a 400 naming the field. */
function parseWith<T>(schema: ZodType<T>, value: unknown, error = 'bad_request'): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const field = fieldOf(r.error.issues as never);
  throw new Refusal(400, { error, field, message: `field "${field}": ${r.error.issues[0]?.message ?? 'not valid'}` });
}

/** What takeApplications needs of the intake's options. */
export type IntakeTaker = Pick<IntakeOptions, 'store' | 'sealing' | 'formCatalogue'>;
/** Where takeApplications logs (a request's logger, or the hub's). */
export interface IntakeLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** One upload checked and opened; a refusal says why, in words. */
function checkUpload(o: IntakeTaker, raw: unknown, prefix: string, d: DeviceRecord): { ok: true; put: NewApplication } | { ok: false; refused: Refused } {
  const client_id = typeof (raw as { client_id?: unknown })?.client_id === 'string' ? (raw as { client_id: string }).client_id.slice(0, 64) : '';
  const refuse = (status: Refused['status'], error: string, message: string) => ({ ok: false as const, refused: { client_id, status, error, message } });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refuse(400, 'bad_application', `field "${prefix.replace(/\.$/, '') || 'body'}": an application is an object {client_id, service, created_at, size, sealed}`);
  const r = raw as { size?: unknown; sealed?: unknown };
  if ((typeof r.size === 'number' && r.size > MAX_SEALED_BYTES) || (typeof r.sealed === 'string' && r.sealed.length > MAX_SEALED_BASE64))
    return refuse(413, 'too_large', `the application is larger than the hub takes (at most ${MAX_SEALED_BYTES / 1024} KiB sealed); it cannot be sent as it is`);
  const p = Upload.safeParse(raw);
  if (!p.success) {
    const field = fieldOf(p.error.issues as never, prefix);
    return refuse(400, 'bad_application', `field "${field}": ${p.error.issues[0]?.message ?? 'not valid'}`);
  }
  const u = p.data;
  if (u.client_id !== u.client_id.toLowerCase()) return refuse(400, 'bad_application', `field "${prefix}client_id": write the UUID in lower case (as crypto.randomUUID makes it)`);
  const sealed = Buffer.from(u.sealed, 'base64');
  if (sealed.length !== u.size) return refuse(400, 'size_mismatch', `field "${prefix}size": it says ${u.size} bytes, but "sealed" holds ${sealed.length}; the application was cut or changed on its way`);
  const opened = openApplication(sealed, o.sealing, { client_id: u.client_id, service: u.service, created_at: u.created_at });
  if (!opened.ok) return refuse(400, opened.error, opened.message);
  // the form inside must pass its service's schema (the one the device checked it with)
  const form = checkApplicationForm(opened.application, o.formCatalogue?.());
  if (!form.ok) return refuse(400, form.error, form.message);
  return { ok: true, put: { client_id: u.client_id, device_id: d.id, service: u.service, created_at: u.created_at, sealed, ...(u.receipt !== undefined ? { receipt: u.receipt } : {}) } };
}

/**
 * The intake's one way in for applications: each checked and opened, the good ones stored in one
 * go (idempotent by client id); one result per item, in order. The HTTP routes below and
 * `hub import-applications` (import-applications.node.ts) both take applications through it.
 */
export async function takeApplications(o: IntakeTaker, log: IntakeLog, d: DeviceRecord, items: unknown[], prefix: (i: number) => string): Promise<UploadResult[]> {
  const results: UploadResult[] = new Array<UploadResult>(items.length);
  const good: { i: number; put: NewApplication }[] = [];
  items.forEach((raw, i) => {
    const c = checkUpload(o, raw, prefix(i), d);
    if (c.ok) good.push({ i, put: c.put });
    else results[i] = c.refused;
  });
  const outcomes = await o.store.putApplications(good.map((g) => g.put));
  good.forEach(({ i, put }, k) => {
    const out = outcomes[k]!;
    results[i] =
      out.outcome !== 'conflict'
        ? { client_id: put.client_id, status: out.outcome === 'created' ? 201 : 200, receipt: out.receipt, received_at: out.received_at }
        : out.receipt === 'not_own'
          ? {
              client_id: put.client_id,
              status: 409,
              error: 'receipt_not_own',
              message: `field "receipt": the receipt number's block (${receiptBlockOf(put.receipt ?? '')}) was not given to this device ("${d.name}"), so the hub cannot take the number; this one was not taken. Was the device's data folder copied from another device, or the device enrolled again? The family holds a receipt number the hub does not know: an operator looks into it`,
            }
          : out.receipt === 'taken'
            ? {
                client_id: put.client_id,
                status: 409,
                error: 'receipt_taken',
                message: `field "receipt": another application already has this receipt number, so the hub cannot take it twice; this one was not taken. Was the device's outbox restored from a copy? An operator looks into it`,
              }
            : {
                client_id: put.client_id,
                status: 409,
                error: 'conflict',
                message: `another application, with other content, was received under client id ${put.client_id} before; this one was not taken. The app that made both is faulty`,
              };
  });
  for (const r of results)
    if ('error' in r) log.warn({ client_id: r.client_id, device_id: d.id, device: d.name, status: r.status, reason: r.error }, `application refused: ${r.message}`);
  const created = results.filter((r) => r.status === 201).length;
  log.info({ device_id: d.id, device: d.name, applications: items.length, created, again: results.filter((r) => r.status === 200).length, refused: items.length - created - results.filter((r) => r.status === 200).length }, 'applications taken');
  return results;
}

export async function registerIntake(app: FastifyInstance, o: IntakeOptions): Promise<void> {
  const now = o.now ?? Date.now;
  const sealingKeySignature = sign(null, Buffer.from(SEALING_KEY_STATEMENT + o.sealing.publicKey, 'utf8'), o.keys.privateKey).toString('base64');

  await app.register(
    async (scope) => {
      // attached to the routes that ask for it (enrol), in this context only
      await scope.register(rateLimit, { global: false });

      // the exact bytes, for the signature; the limit per route (the hub's default is 64 KiB)
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BODY }, (_req, body, done) => done(null, body));

      scope.addHook('onSend', async (_req, reply, payload) => {
        reply.header('cache-control', 'no-store');
        return payload;
      });

      scope.setErrorHandler((err: FastifyError | Refusal, req: FastifyRequest, reply: FastifyReply) => {
        if (err instanceof Refusal) {
          req.log.warn({ ...err.log, status: err.statusCode, reason: err.body.error }, `intake refused: ${err.body.message}`);
          return reply.code(err.statusCode).type('application/json; charset=utf-8').send(err.body);
        }
        let status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
        if (err instanceof HubStoreError) status = err.code === 'closed' ? 503 : 500;
        if (status >= 500) {
          req.log.error({ err }, `${req.method} ${req.routeOptions.url ?? req.url} failed`);
          return reply
            .code(status)
            .type('application/json; charset=utf-8')
            .send({ error: status === 503 ? 'unavailable' : 'internal', message: `the hub could not take this now; send it again later (request ${req.id}; the hub's log says why)` });
        }
        const body: ErrorBody =
          status === 413
            ? { error: 'too_large', message: `the request body is larger than the hub takes (${req.routeOptions.bodyLimit ?? MAX_UPLOAD_BODY} bytes): at most ${MAX_BATCH} applications of at most ${MAX_SEALED_BYTES / 1024} KiB sealed in one request` }
            : status === 415
              ? { error: 'unsupported_media_type', message: 'send the body as JSON with Content-Type: application/json' }
              : status === 429
                ? { error: 'rate_limited', message: `too many enrolment attempts from this address; wait and try again (${err.message})` }
                : { error: 'bad_request', message: err.message };
        req.log.warn({ status, reason: body.error, err }, `intake refused: ${body.message}`);
        return reply.code(status).type('application/json; charset=utf-8').send(body);
      });

      /** The enrolled device that signed this request, or a refusal (401, 403). */
      async function device(req: FastifyRequest, body: Buffer): Promise<DeviceRecord> {
        const auth = parseDeviceAuthorization(req.headers.authorization);
        if (!auth)
          throw new Refusal(401, {
            error: req.headers.authorization === undefined ? 'unauthorized' : 'bad_authorization',
            message: `this needs an enrolled device's signature (Authorization: ${AUTH_SCHEME} id=…, ts=…, sig=…); enrol the device with a code from the operator (cli hub enrol-device NAME)`,
          });
        const d = await o.store.device(auth.id);
        if (!d) throw new Refusal(401, { error: 'unknown_device', message: `this hub has no device ${auth.id}: enrol the device with this hub (a new code from the operator)` }, { device_id: auth.id });
        const check = checkDeviceRequest(auth, { method: req.method, path: req.raw.url ?? req.url, body }, d.public_key, now());
        if (!check.ok) throw new Refusal(401, { error: check.reason, message: check.message }, { device_id: d.id, device: d.name });
        if (d.revoked_at !== null)
          throw new Refusal(403, { error: 'revoked', message: `this device ("${d.name}") was revoked at ${d.revoked_at}; the hub takes nothing from it. An operator may enrol it again with a new code` }, { device_id: d.id, device: d.name });
        return d;
      }

      scope.post('/enrol', { bodyLimit: MAX_ENROL_BODY, config: { rateLimit: o.enrolRateLimit ?? DEFAULT_ENROL_RATE_LIMIT } }, async (req, reply) => {
        const e = parseWith(EnrolRequest, jsonOf(req.body));
        try {
          parsePublicKey(e.public_key);
        } catch (err) {
          throw new Refusal(400, { error: 'bad_request', field: 'public_key', message: `field "public_key": ${(err as Error).message}` });
        }
        const code = normalizeCode(e.code);
        if (!code) throw new Refusal(403, BAD_CODE, { reason_detail: 'not a code' });
        const device_id = `dev_${randomBytes(16).toString('hex')}`;
        let d: DeviceRecord | null;
        try {
          d = await o.store.enrol({ code_sha256: codeDigest(code), device_id, public_key: e.public_key });
        } catch (err) {
          if (err instanceof HubStoreError && err.code === 'name_taken') throw new Refusal(409, { error: 'name_taken', message: err.message });
          throw err;
        }
        if (!d) throw new Refusal(403, BAD_CODE);
        const signing_key = o.keys.publicKey;
        const sealing_key = o.sealing.publicKey;
        const proof = createHmac('sha256', code).update(`${device_id}\n${signing_key}\n${sealing_key}\n${e.public_key}`).digest('hex');
        // its first block of receipt numbers; should none be given now, the device asks later (the code is used: the enrolment stands)
        let block: string | undefined;
        try {
          block = (await o.store.giveReceiptBlock(device_id))?.prefix;
          if (block === undefined) req.log.error({ device_id, device: d.name }, 'no receipt block is left to give: the device gets its receipt numbers from the hub when it sends');
        } catch (err) {
          req.log.error({ err, device_id, device: d.name }, 'the device could not be given its first receipt block; it asks for one when it next talks to the hub');
        }
        req.log.info({ device_id, device: d.name, receipt_block: block ?? null }, 'device enrolled');
        const answer: Enrolment = { device_id, name: d.name, signing_key, sealing_key, sealing_key_signature: sealingKeySignature, proof, ...(block !== undefined ? { receipt_block: block } : {}) };
        return reply.code(201).send(answer);
      });

      scope.post('/applications', async (req) => {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const d = await device(req, body);
        const json = jsonOf(req.body) as { applications?: unknown };
        if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Refusal(400, { error: 'bad_request', field: 'body', message: 'the body is {"applications": [...]}' }, { device: d.name });
        const extra = Object.keys(json).filter((k) => k !== 'applications');
        if (extra.length) throw new Refusal(400, { error: 'bad_request', field: extra.join(', '), message: `field "${extra.join(', ')}": not one the hub takes; the body is {"applications": [...]}` }, { device: d.name });
        const list = json.applications;
        if (!Array.isArray(list) || list.length === 0)
          throw new Refusal(400, { error: 'bad_request', field: 'applications', message: 'field "applications": a list of 1 to 100 applications' }, { device: d.name });
        if (list.length > MAX_BATCH)
          throw new Refusal(400, { error: 'bad_request', field: 'applications', message: `field "applications": ${list.length} applications; send at most ${MAX_BATCH} in one request` }, { device: d.name });
        return { results: await takeApplications(o, req.log, d, list, (i) => `applications.${i}.`) };
      });

      scope.put<{ Params: { client_id: string } }>('/applications/:client_id', { bodyLimit: MAX_PUT_BODY }, async (req, reply) => {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const d = await device(req, body);
        const json = jsonOf(req.body);
        const inBody = (json as { client_id?: unknown } | null)?.client_id;
        if (typeof inBody === 'string' && inBody !== req.params.client_id)
          throw new Refusal(400, { error: 'bad_request', field: 'client_id', message: `field "client_id": "${inBody.slice(0, 64)}" is not the client id in the path (${req.params.client_id.slice(0, 64)})` }, { device: d.name });
        const [result] = await takeApplications(o, req.log, d, [json], () => '');
        return reply.code(result!.status).send(result);
      });

      scope.post('/receipt-blocks', { bodyLimit: 1024 }, async (req, reply) => {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const d = await device(req, body);
        if (body.length) {
          const json = jsonOf(req.body);
          const extra = json !== null && typeof json === 'object' && !Array.isArray(json) ? Object.keys(json) : null;
          if (!extra || extra.length) throw new Refusal(400, { error: 'bad_request', field: extra?.join(', ') || 'body', message: 'the body is {} (the hub chooses the block)' }, { device: d.name });
        }
        const given = await o.store.giveReceiptBlock(d.id);
        if (!given) {
          req.log.error({ device_id: d.id, device: d.name }, 'no receipt block is left to give');
          return reply.code(503).send({ error: 'no_blocks', message: 'the hub has no receipt block left to give; the device goes on without numbers of its own (the hub gives each application its number)' });
        }
        req.log.info({ device_id: d.id, device: d.name, receipt_block: given.prefix, fresh: given.fresh }, given.fresh ? 'a receipt block was given to a device' : 'a device asked for a receipt block while holding two unused ones: the newest again');
        const answer: ReceiptBlock = { prefix: given.prefix };
        return reply.code(given.fresh ? 201 : 200).send(answer);
      });

      const lookups = slidingLimit(o.lookupsPerMinute ?? LOOKUPS_PER_MINUTE);
      scope.post('/receipts/lookup', { bodyLimit: 1024 }, async (req, reply) => {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const d = await device(req, body);
        const wait = lookups.take(d.id, now());
        if (wait > 0) {
          reply.header('retry-after', String(wait));
          throw new Refusal(429, { error: 'rate_limited', message: `too many receipt lookups from this device (at most ${o.lookupsPerMinute ?? LOOKUPS_PER_MINUTE} a minute); try again in ${wait} s` }, { device_id: d.id, device: d.name });
        }
        // the fields are checked without being repeated: a phone number is personal
        const json = jsonOf(req.body);
        const q = ReceiptLookup.safeParse(json);
        if (!q.success) {
          const field = fieldOf(q.error.issues as never);
          throw new Refusal(400, { error: 'bad_request', field, message: `field "${field}": the body is {"receipt": "NNNN-NNNN-C", "phone": "010-…"}` }, { device_id: d.id, device: d.name });
        }
        const receipt = parseReceipt(q.data.receipt);
        if (!receipt) throw new Refusal(400, { error: 'bad_receipt', field: 'receipt', message: 'field "receipt": not a receipt number: nine digits as NNNN-NNNN-C, whose last digit checks the others (a digit may be mistyped)' }, { device_id: d.id, device: d.name });
        const phone = normalizeKoreanPhone(q.data.phone);
        if (!phone) throw new Refusal(400, { error: 'bad_phone', field: 'phone', message: 'field "phone": not a Korean phone number (e.g. 010-1234-5678)' }, { device_id: d.id, device: d.name });
        const a = await o.store.applicationByReceipt(receipt);
        let found = false;
        if (a) {
          const opened = openApplication(Buffer.from(a.sealed), o.sealing, { client_id: a.client_id, service: a.service, created_at: a.created_at });
          const given = opened.ok ? opened.application.form.phone : undefined;
          found = typeof given === 'string' && normalizeKoreanPhone(given) === phone;
          if (!opened.ok) req.log.error({ client_id: a.client_id, reason: opened.error }, "a stored application does not open with the hub's sealing key");
        }
        req.log.info({ device_id: d.id, device: d.name, receipt_block: receiptBlockOf(receipt), found }, found ? 'receipt lookup: found' : 'receipt lookup: no application with that receipt and phone');
        if (!found || !a) return reply.code(404).send(LOOKUP_NOT_FOUND);
        const answer: ReceiptStatus = { receipt: a.receipt, service: a.service, status: a.status, received_at: a.received_at, ...(a.status_at !== null ? { status_at: a.status_at } : {}), ...(a.status_reason !== null ? { reason: a.status_reason } : {}) };
        return answer;
      });

      scope.get<{ Params: { receipt: string } }>('/receipts/:receipt', async (req, reply) => {
        const d = await device(req, Buffer.alloc(0));
        const receipt = parseReceipt(req.params.receipt);
        if (!receipt)
          throw new Refusal(400, { error: 'bad_receipt', field: 'receipt', message: `"${req.params.receipt.slice(0, 40)}" is not a receipt number: nine digits as NNNN-NNNN-C, whose last digit checks the others (a digit may be mistyped)` }, { device: d.name });
        const r = await o.store.receipt(receipt);
        if (!r) return reply.code(404).send({ error: 'not_found', message: `no application with receipt ${receipt} was received by this hub` });
        // the centre's answer (a reservation confirmed or declined) only once there is one
        const answer: ReceiptStatus = { receipt: r.receipt, service: r.service, status: r.status, received_at: r.received_at, ...(r.status_at !== null ? { status_at: r.status_at } : {}), ...(r.reason !== null ? { reason: r.reason } : {}) };
        return answer;
      });
    },
    { prefix: INTAKE_PREFIX },
  );
}
