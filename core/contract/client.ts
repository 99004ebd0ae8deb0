/**
 * The UI's side of the KioskApi contract: the method names, the error type and a typed client
 * over any transport (HTTP for the web host, IPC for Electron). Free of zod on purpose, so the
 * kiosk's first screen does not load the schema library: every call is validated where it
 * enters the core — the handler registry parses each input and each output against the
 * contract's schemas (core/handlers.node.ts), in the web host and in Electron's main process
 * alike. The types here are derived from those schemas, so the two cannot drift.
 */
import type { ApiErrorBody, Input, KioskApi, Method, Output } from './kiosk-api.js';

/** Every method of the contract, in one list (checked against the schemas' keys at compile time, next line). */
export const METHODS = ['info', 'search', 'list', 'entry', 'eligible', 'facilities', 'sheet', 'map', 'faq'] as const;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameMethods: Same<(typeof METHODS)[number], keyof KioskApi> = true;
void _sameMethods;

export const isMethod = (m: string): m is Method => (METHODS as readonly string[]).includes(m);

/** Errors cross the boundary as data: a code, a message for operators, and the field at fault. */
export class KioskApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
    this.name = 'KioskApiError';
  }
}

export type Transport = (method: Method, input: unknown) => Promise<unknown>;
export type KioskClient = { [M in Method]: (input: Input<M>) => Promise<Output<M>> };

/** A typed client: one function per method, each passing its input to the transport as it is. */
export function createClient(transport: Transport): KioskClient {
  const client = {} as Record<Method, (input: unknown) => Promise<unknown>>;
  for (const m of METHODS) client[m] = (input: unknown) => transport(m, input);
  return client as KioskClient;
}
