/**
 * The UI's side of the KioskApi contract: the method names and a typed client over any
 * channel (HTTP for the web host, IPC for Electron). Free of zod on purpose, so the kiosk's
 * first screen does not load the schema library: every call is validated where it enters the
 * core — the registry parses each input and each output against the contract's schemas
 * (core/registry.node.ts), in the web host and in Electron's main process alike. The types
 * here are derived from those schemas, so the two cannot drift.
 */
import type { Input, KioskApi, Method, Output } from './kiosk-api.js';
import type { CallOptions, Channel } from './channel.js';
import { KioskApiError } from './result.js';

export { KioskApiError } from './result.js';
export type { ApiErrorBody, ErrorCode, Result } from './result.js';
export type { CallOptions, Channel } from './channel.js';
export type { EventMap, EventName } from './events.js';

/** Every method of the contract, in one list (checked against the schemas' keys at compile time, next line). */
export const METHODS = ['info', 'search', 'list', 'entry', 'eligible', 'facilities', 'sheet', 'booklet', 'summary', 'map', 'faq', 'pinyin', 'syncStatus', 'hubKey', 'syncNow', 'bundleImport', 'outboxStatus', 'submitApplication',
  'counsellorStatus', 'counsellorSignIn', 'counsellorSignOut', 'counsellorChangePin', 'counsellorDrafts', 'counsellorDraftSave', 'counsellorDraftOpen', 'counsellorDraftDelete', 'counsellorSubmit', 'counsellorRetry', 'counsellorDiscard',
  'settings', 'printOut', 'formView', 'formCheck', 'receiptSheet', 'applicationState', 'receiptStatus', 'outboxExport',
] as const;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameMethods: Same<(typeof METHODS)[number], keyof KioskApi> = true;
void _sameMethods;

export const isMethod = (m: string): m is Method => (METHODS as readonly string[]).includes(m);

export type KioskClient = { [M in Method]: (input: Input<M>, opts?: CallOptions) => Promise<Output<M>> } & { on: Channel['on'] };

/** A typed client: one function per method; a failed call throws a KioskApiError carrying the error body. */
export function createClient(channel: Channel): KioskClient {
  const client = { on: channel.on.bind(channel) } as Record<string, unknown>;
  for (const m of METHODS)
    client[m] = async (input: unknown, opts?: CallOptions) => {
      const r = await channel.call(m, input, opts);
      if (!r.ok) throw new KioskApiError(r.error);
      return r.value;
    };
  return client as KioskClient;
}
