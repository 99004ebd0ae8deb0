/**
 * Every call's answer, over any transport (HTTP, Electron IPC, in-process): `{ok: true, value}`
 * or `{ok: false, error}`. Errors are plain data — a code, a message for operators, the field at
 * fault, and the request id that finds the matching log line — so they survive structured
 * cloning over IPC and JSON over HTTP alike. Environment-free and zod-free (the UI imports it).
 */

export const ERROR_CODES = ['bad_request', 'not_found', 'unauthorized', 'too_large', 'cancelled', 'unavailable', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  /** for operators and logs: what went wrong, never personal data */
  message: string;
  /** the input field at fault (a dotted path), when one is */
  field?: string;
  /** finer than the code, for the UI to say it in plain words: a catalogue update's refusal (no_key, key_mismatch, bad_signature, bad_file, rollback, schema_newer, unreachable, …) */
  reason?: string;
  /** the id of the call, as logged by the host */
  requestId?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ApiErrorBody): Result<never> => ({ ok: false, error });

/** A failure as a thrown error, on the side that wants to throw (the UI's client, the services). */
export class KioskApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
    this.name = 'KioskApiError';
  }
}

/** Stops work whose caller has gone: a `cancelled` error when the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new KioskApiError({ code: 'cancelled', message: `${what} was cancelled` });
}

/** The HTTP status that goes with an error code (the web host's adapter). */
export function httpStatus(code: ErrorCode): number {
  switch (code) {
    case 'bad_request':
      return 400;
    case 'unauthorized':
      return 401;
    case 'not_found':
      return 404;
    case 'too_large':
      return 413;
    case 'cancelled':
      return 499;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
  }
}

/** Reads an answer that came over a wire: a well-formed envelope, or an internal error saying what arrived instead. */
export function parseResult(body: unknown, what: string): Result<unknown> {
  if (body && typeof body === 'object' && 'ok' in body) {
    const b = body as { ok: unknown; value?: unknown; error?: unknown };
    if (b.ok === true) return { ok: true, value: b.value };
    const e = b.error as Partial<ApiErrorBody> | undefined;
    if (b.ok === false && e && typeof e.message === 'string' && (ERROR_CODES as readonly string[]).includes(e.code as string))
      return { ok: false, error: { code: e.code as ErrorCode, message: e.message, field: e.field, requestId: e.requestId, ...(typeof e.reason === 'string' ? { reason: e.reason } : {}) } };
  }
  return { ok: false, error: { code: 'internal', message: `${what}: the answer was not a result envelope` } };
}
