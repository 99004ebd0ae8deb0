/**
 * The registry maps, services work: a table from each KioskApi method to the service that
 * answers it, and the one channel every host carries (web host over HTTP, Electron over IPC,
 * the CLI and tests directly). Around every call: the input is parsed with the contract's
 * schema (a bad one is `bad_request` naming the field), the current catalogue is leased for
 * the call's length, the output is checked against the contract, and every failure comes
 * back as an error result and is logged with the call's id, its class and message — never
 * its input.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Catalogue } from '../db/catalogue/store.js';
import type { KioskApi, Method, Output } from './contract/kiosk-api.js';
import { isMethod } from './contract/client.js';
import { isCallId, type CallOptions, type Channel } from './contract/channel.js';
import type { Emitter, EventName, Listener } from './contract/events.js';
import { KioskApiError, throwIfCancelled, type ApiErrorBody, type Result } from './contract/result.js';
import { parseInput } from './contract/parse.js';
import type { Logger } from './log.node.js';
import type { CatalogueService } from './catalogue/service.node.js';
import type { PrintService } from './print/service.node.js';
import type { SyncService } from './sync/service.node.js';
import type { OutboxService } from './outbox/service.node.js';
import { OutboxError, requireEnvelope } from './outbox/errors.js';
import { exportToMedia } from './outbox/export.node.js';
import type { CounsellorService } from './counsellor/service.node.js';
import { CounsellorError, type CounsellorReason } from './counsellor/errors.js';
import { SyncError } from '../sync/protocol/manifest.js';
import { fingerprint, parsePublicKey } from '../sync/protocol/keys.node.js';
import { entryView, faqView, infoView, listView, searchView } from './catalogue/views.js';
import { eligibleView } from './eligibility/views.js';
import { withOnline } from './catalogue/online.node.js';
import { FormViewError, formCheckView, formView } from './forms/view.js';
import { CatalogueFigureError } from './forms/catalogue.js';
import { SERVICE_IDS } from './forms/registry.js';
import { facilitiesView, holidayTodayView, mapView, type Layers, type Whereabouts } from './facilities/views.js';

export interface CallContext {
  catalogue: Catalogue;
  signal: AbortSignal;
  callId: string;
}

type Handler<M extends Method> = (input: z.output<KioskApi[M]['input']>, ctx: CallContext) => Output<M> | Promise<Output<M>>;
export type Handlers = { [M in Method]: Handler<M> };

/** What the handlers need from the core. */
export interface Services {
  print: PrintService;
  sync: SyncService;
  outbox: OutboxService;
  counsellor: CounsellorService;
  layers: () => Layers;
  whereabouts: () => Whereabouts;
  /** the clock the finder judges ages and dates by */
  now: () => Date;
  /** the kiosk's settings the UI follows (DATA/kiosk.json) */
  settings: () => Output<'settings'>;
}

/** The table: one line per method, each a call into a service. */
export function handlers(s: Services): Handlers {
  return {
    info: (_, { catalogue }) => infoView(catalogue, s.now()),
    search: (i, { catalogue }) => searchView(catalogue, i),
    list: (i, { catalogue }) => listView(catalogue, i),
    entry: ({ id, lang }, { catalogue }) => withOnline({ ...entryView(catalogue, id, lang, s.now()), holidayToday: holidayTodayView(catalogue, id, lang, s.whereabouts()), hasForm: (SERVICE_IDS as readonly string[]).includes(id) }),
    eligible: ({ situation, lang }, { catalogue }) => eligibleView(catalogue, situation, lang, s.now()),
    facilities: (i, { catalogue }) => facilitiesView(catalogue, s.layers(), i, s.whereabouts()),
    sheet: ({ id, lang, large }, { catalogue }) => s.print.sheet(catalogue, id, { lang, large }),
    booklet: ({ stage, ids, lang, large }, { catalogue, signal, callId }) => s.print.bookletJob(catalogue, { stage, ids }, { lang, large }, { callId, signal }),
    summary: ({ situation, lang, large }, { catalogue }) => s.print.summary(catalogue, situation, { lang, large }, s.now()),
    map: () => mapView(s.layers()),
    faq: ({ lang }, { catalogue }) => faqView(catalogue, lang),
    // (the table and its words load at the first call: the host's start does without them)
    pinyin: async (i, { catalogue }) => (await import('./catalogue/pinyin.js')).pinyinView(catalogue, i),
    syncStatus: () => ({ ...s.sync.status(), bundles: s.sync.bundles() }),
    hubKey: ({ key }) => syncCall(() => (parsePublicKey(key), { fingerprint: fingerprint(key) })),
    syncNow: ({ hubUrl, key }, { signal }) => syncCall(() => s.sync.sync({ hubUrl, key, signal, waiting: true })).then(({ version, applied, ms }) => ({ version, applied, ms })),
    bundleImport: ({ file, key }) => {
      // only a bundle the kiosk found itself: the UI never names an arbitrary file
      if (!s.sync.bundles().some((b) => b.file === file)) throw new KioskApiError({ code: 'not_found', message: 'no such bundle on the removable media; look again', field: 'file' });
      return syncCall(() => s.sync.importBundle(file, { key })).then(({ version, applied, ms }) => ({ version, applied, ms }));
    },
    outboxStatus: () => s.outbox.status(),
    submitApplication: ({ service, form }) =>
      outboxCall(() => {
        const r = s.outbox.submit({ service, form });
        return { clientId: r.client_id, service: r.service, createdAt: r.created_at, size: r.size, state: r.state, receipt: r.receipt ?? null };
      }),
    settings: () => s.settings(),
    printOut: (i) => s.print.printOut(i),
    formView: ({ service, lang }, { catalogue }) => formCall(() => formView(service, { catalogue, lang, today: isoDay(s.now()) })),
    formCheck: ({ service, form, only, lang }, { catalogue }) => formCall(() => formCheckView(service, form, { catalogue, only, lang, today: isoDay(s.now()) })),
    receiptSheet: ({ clientId, lang }, { catalogue }) => s.print.receipt(catalogue, s.outbox.receiptEnvelope(clientId), { lang }),
    applicationState: ({ clientId }) => {
      const e = requireEnvelope(s.outbox.receiptEnvelope(clientId));
      return { clientId: e.clientId, state: e.state, status: e.status, statusReason: e.statusReason };
    },
    receiptStatus: ({ receipt, phone }, { signal }) => s.outbox.receiptStatus({ receipt, phone }, signal),
    outboxExport: ({ media }) => exportToMedia({ media: () => s.sync.media(), device: () => s.outbox.device(), exportTo: (file) => s.outbox.exportTo(file), now: s.now }, media),
    counsellorStatus: ({ touch }) => s.counsellor.status({ touch }),
    counsellorSignIn: ({ name, pin }) => counsellorCall(() => s.counsellor.signIn(name, pin)),
    counsellorSignOut: () => ({ signedOut: s.counsellor.signOut() }),
    counsellorChangePin: ({ pin, newPin }) => counsellorCall(() => s.counsellor.changeOwnPin(pin, newPin)),
    counsellorDrafts: () => counsellorCall(() => ({ drafts: s.counsellor.drafts() })),
    counsellorDraftSave: (i) => counsellorCall(() => s.counsellor.saveDraft(i)),
    counsellorDraftOpen: ({ id }) => counsellorCall(() => s.counsellor.openDraft(id)),
    counsellorDraftDelete: ({ id }) => counsellorCall(() => (s.counsellor.deleteDraft(id), { deleted: true as const })),
    counsellorSubmit: ({ service, form, draftId }, { catalogue }) =>
      counsellorCall(() =>
        outboxCall(() => {
          const r = s.counsellor.submit({ service, form, draftId }, (id) => catalogue.entry(id) !== null);
          return { clientId: r.client_id, service: r.service, createdAt: r.created_at, size: r.size, state: r.state, receipt: r.receipt ?? null };
        }),
      ),
    counsellorRetry: ({ clientId }) => counsellorCall(() => s.counsellor.retry(clientId)),
    counsellorDiscard: ({ clientId }) => counsellorCall(() => s.counsellor.discard(clientId)),
  };
}

const COUNSELLOR_CODES: Record<CounsellorReason, ApiErrorBody['code']> = {
  not_enrolled: 'unavailable',
  bad_name: 'bad_request',
  bad_pin: 'bad_request',
  same_pin: 'bad_request',
  exists: 'bad_request',
  unknown_counsellor: 'not_found',
  wrong_pin: 'unauthorized',
  locked: 'unauthorized',
  signed_out: 'unauthorized',
  draft_not_found: 'not_found',
  bad_draft: 'bad_request',
  too_large: 'too_large',
  application_not_found: 'not_found',
  not_attention: 'bad_request',
};

/** A counsellor-mode refusal as an error result, its reason kept (`locked`, `wrong_pin`, `signed_out`, …). */
function counsellorCall<T>(f: () => T): T {
  return mapRefusal(f, (e) => {
    if (!(e instanceof CounsellorError)) return;
    const field = e.reason === 'wrong_pin' || e.reason === 'bad_pin' ? 'pin' : e.reason === 'same_pin' ? 'newPin' : undefined;
    return new KioskApiError({ code: COUNSELLOR_CODES[e.reason], message: e.message, reason: e.reason, ...(field ? { field } : {}) });
  });
}

/**
 * Runs a service call, turning the refusals `asResult` knows into error results (KioskApiError),
 * whether the call throws or its promise rejects; anything else goes on as it is.
 */
function mapRefusal<T>(f: () => T, asResult: (e: unknown) => KioskApiError | undefined): T {
  const map = (e: unknown): never => {
    throw asResult(e) ?? e;
  };
  try {
    const r = f();
    return (r instanceof Promise ? r.catch(map) : r) as T;
  } catch (e) {
    return map(e);
  }
}

/** An outbox refusal as an error result: a form's problem names its field (`form.phone`) and its code; not enrolled is `unavailable`. */
function outboxCall<T>(f: () => T): T {
  return mapRefusal(f, (e) => {
    if (!(e instanceof OutboxError)) return;
    const p = e.problems[0];
    if (p) return new KioskApiError({ code: 'bad_request', message: e.message, field: `form.${p.field}`, reason: p.code });
    if (e.reason === 'unknown_service') return new KioskApiError({ code: 'bad_request', message: e.message, field: 'service', reason: e.reason });
    return new KioskApiError({ code: e.reason === 'too_large' ? 'too_large' : 'unavailable', message: e.message, reason: e.reason });
  });
}

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** A form that cannot be made: an unknown service is not_found; a catalogue that no longer states a figure the form needs is unavailable, naming the entry's field. */
function formCall<T>(f: () => T): T {
  return mapRefusal(f, (e) => {
    if (e instanceof FormViewError) return new KioskApiError({ code: 'not_found', message: e.message, field: 'service' });
    if (e instanceof CatalogueFigureError) return new KioskApiError({ code: 'unavailable', message: e.message, reason: 'catalogue_figure' });
    return undefined;
  });
}

/** A catalogue update's refusal as an error result: the network is `unavailable`, anything refused is `bad_request`, with its reason. */
function syncCall<T>(f: () => T): T {
  return mapRefusal(f, (e) =>
    e instanceof SyncError ? new KioskApiError({ code: e.code === 'unreachable' || e.code === 'busy' ? 'unavailable' : 'bad_request', message: e.message, reason: e.code }) : undefined,
  );
}

export interface CoreChannel extends Channel {
  /** The same call, for a host that has the method as a string from the wire. */
  call(method: string, input: unknown, opts?: CallOptions): Promise<Result<unknown>>;
}

/** The error body for anything thrown by a call; unexpected errors become `internal` (their detail stays in the log). */
export function errorBody(e: unknown, signal: AbortSignal): ApiErrorBody {
  if (e instanceof KioskApiError) return e.body;
  if (signal.aborted) return { code: 'cancelled', message: 'the call was cancelled' };
  return { code: 'internal', message: 'something went wrong inside the kiosk; the log has the details under this request id' };
}

/**
 * The contract's schemas, loaded at the first call (building them is the larger part of loading
 * the core: a CLI command that makes no call does without them).
 */
let schemas: Promise<typeof KioskApi> | undefined;
const kioskApi = (): Promise<typeof KioskApi> => (schemas ??= import('./contract/kiosk-api.js').then((m) => m.KioskApi));

export function createChannel(o: { catalogue: CatalogueService; events: Emitter; logger: Logger; services: Services }): CoreChannel {
  const table = handlers(o.services);
  const log = o.logger.child({ component: 'channel' });
  return {
    on<E extends EventName>(event: E, fn: Listener<E>) {
      return o.events.on(event, fn);
    },
    async call(method: string, input: unknown, opts: CallOptions = {}): Promise<Result<unknown>> {
      const requestId = opts.callId && isCallId(opts.callId) ? opts.callId : randomUUID();
      const signal = opts.signal ?? new AbortController().signal;
      const started = performance.now();
      let lease: { catalogue: Catalogue; release: () => void } | undefined;
      try {
        if (!isMethod(method)) throw new KioskApiError({ code: 'not_found', message: `unknown method "${method}"`, field: 'method' });
        const spec = (await kioskApi())[method];
        const parsed: unknown = parseInput(spec.input, input);
        throwIfCancelled(signal, 'the call');
        lease = o.catalogue.lease();
        const handler = table[method] as (x: unknown, ctx: CallContext) => unknown;
        const out = await handler(parsed, { catalogue: lease.catalogue, signal, callId: requestId });
        const checked = spec.output.safeParse(out);
        if (!checked.success) {
          const issue = checked.error.issues[0];
          throw new Error(`the ${method} answer does not match the contract at ${issue?.path.join('.') || '(top)'}: ${issue?.message}`);
        }
        log.debug({ requestId, method, ms: Math.round(performance.now() - started) }, 'call');
        return { ok: true, value: checked.data };
      } catch (e) {
        const body = { ...errorBody(e, signal), requestId };
        const ms = Math.round(performance.now() - started);
        if (body.code === 'internal') log.error({ requestId, method, code: body.code, err: e, ms }, `call failed: ${method}`);
        else {
          // an answer the contract foresees (offline, not found, a field to fix, the caller gone): its words are the cause, a stack says nothing more
          const cause = e instanceof KioskApiError ? (e as Error & { cause?: unknown }).cause : e;
          const fields = { requestId, method, code: body.code, reason: body.reason, field: body.field, message: body.message, ...(cause === undefined ? {} : { cause: String(cause) }), ms };
          if (body.code === 'unavailable') log.warn(fields, `call refused: ${method} (unavailable: ${body.message})`);
          else log.info(fields, `call refused: ${method} (${body.code})`);
        }
        o.catalogue.reportFailure(e); // a damaged catalogue file is replaced for the next call
        return { ok: false, error: body };
      } finally {
        lease?.release();
      }
    },
  };
}
