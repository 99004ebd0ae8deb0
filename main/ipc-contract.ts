/**
 * The kiosk channel over Electron IPC: three message kinds, each a zod schema both ends parse
 * (Zulip's typed-ipc, Signal's zod-parsed IPC): the main process checks what the page sends
 * (main/ipc-bridge.ts), the preload checks what the main process answers and announces
 * (main/preload-channel.ts). Method and event names are the contract's own lists, so the
 * allowlist cannot drift from the KioskApi. Environment-free: it runs in the sandboxed preload.
 *
 *   kiosk:call    page → main (invoke)   {method, callId, input}  →  the Result envelope
 *   kiosk:cancel  page → main (send)     {callId}                    the call's signal is aborted
 *   kiosk:event   main → page (send)     {event, payload}            the core's events
 */
// named imports, not the `z` namespace: the preload bundles only what it uses (the namespace drags in every locale, ~450 kB)
import { enum as zEnum, literal, object, string, union, unknown, type output, type ZodError } from 'zod';
import { isCallId } from '../core/contract/channel.js';
import { METHODS } from '../core/contract/client.js';
import { EVENT_NAMES } from '../core/contract/events.js';
import { ERROR_CODES } from '../core/contract/result.js';

export const IPC = { call: 'kiosk:call', cancel: 'kiosk:cancel', event: 'kiosk:event' } as const;

/** The largest input a call may carry: what the web host accepts as a body (core/host/web-host.node.ts MAX_BODY). */
export const MAX_INPUT_CHARS = 64 * 1024;
const MAX_DEPTH = 32;

export type PlainCheck = { ok: true; value: unknown } | { ok: false; field: string; message: string };

/**
 * Whether a value is plain data — what JSON carries, so a call over IPC means exactly what the
 * same call means over HTTP: null, booleans, finite numbers, strings, arrays and plain objects,
 * no deeper than 32 and no bigger than MAX_INPUT_CHARS as JSON. A property that is undefined
 * is left out (as JSON.stringify does). Functions, class instances (Date, Map, typed arrays …),
 * symbols, bigints, NaN and ∞ are refused, naming where they are.
 */
export function plainData(value: unknown, field = 'input', max = MAX_INPUT_CHARS): PlainCheck {
  let size = 0;
  const fail = (at: string, message: string): PlainCheck => ({ ok: false, field: at, message: `${at}: ${message}` });
  const walk = (v: unknown, at: string, depth: number): PlainCheck => {
    if (depth > MAX_DEPTH) return fail(at, `nested deeper than ${MAX_DEPTH}`);
    if (v === null || typeof v === 'boolean') return (size += 5), { ok: true, value: v };
    if (typeof v === 'string') return (size += v.length + 2), { ok: true, value: v };
    if (typeof v === 'number') return Number.isFinite(v) ? ((size += 8), { ok: true, value: v }) : fail(at, 'not a finite number');
    if (typeof v !== 'object') return fail(at, `a ${typeof v} is not plain data`);
    const proto = Object.getPrototypeOf(v) as unknown;
    if (Array.isArray(v)) {
      if (proto !== Array.prototype) return fail(at, 'not a plain array');
      const out: unknown[] = [];
      for (let i = 0; i < v.length; i++) {
        if (v[i] === undefined) return fail(`${at}.${i}`, 'undefined in a list');
        const r = walk(v[i], `${at}.${i}`, depth + 1);
        if (!r.ok) return r;
        out.push(r.value);
        size += 1;
      }
      return size > max ? fail(at, `larger than ${max} characters`) : { ok: true, value: out };
    }
    if (proto !== Object.prototype && proto !== null) return fail(at, `a ${(v as object).constructor?.name ?? 'class instance'} is not plain data`);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined) continue;
      const r = walk(x, `${at}.${k}`, depth + 1);
      if (!r.ok) return r;
      out[k] = r.value;
      size += k.length + 4;
    }
    if (Object.getOwnPropertySymbols(v).length) return fail(at, 'symbol keys are not plain data');
    return size > max ? fail(at, `larger than ${max} characters`) : { ok: true, value: out };
  };
  // nothing at all (a call without input, an answer without value) is nothing, as over HTTP
  return value === undefined ? { ok: true, value } : walk(value, field, 0);
}

const plain = (field: string, max = MAX_INPUT_CHARS) =>
  unknown().superRefine((v, ctx) => {
    const r = plainData(v, field, max);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  });
const callId = string().refine(isCallId, 'a call id is 8–64 letters, digits, - or _');

export const IpcCall = object({ method: zEnum(METHODS), callId, input: plain('input') }).strict();
export type IpcCall = output<typeof IpcCall>;
export const IpcCancel = object({ callId }).strict();
export const IpcEvent = object({ event: zEnum(EVENT_NAMES), payload: plain('payload', Number.MAX_SAFE_INTEGER) }).strict();
export type IpcEvent = output<typeof IpcEvent>;

const ErrorBody = object({
  code: zEnum(ERROR_CODES),
  message: string(),
  field: string().optional(),
  reason: string().optional(),
  requestId: string().optional(),
});
/** The Result envelope as it comes back from the main process. */
export const IpcResult = union([object({ ok: literal(true), value: plain('value', Number.MAX_SAFE_INTEGER) }), object({ ok: literal(false), error: ErrorBody })]);

/** The first problem of a failed parse: the field (a dotted path) and what is wrong. */
export function firstIssue(e: ZodError): { field: string; message: string } {
  const i = e.issues[0];
  const field = i?.path.join('.') || (i?.code === 'unrecognized_keys' ? ((i as { keys?: string[] }).keys ?? []).join(', ') : '') || 'message';
  return { field, message: i?.message ?? 'not valid' };
}
