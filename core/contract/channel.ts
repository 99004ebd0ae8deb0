/**
 * One channel between the UI and the core, whatever carries it (HTTP + server-sent events for
 * the web host, Electron IPC, a direct call in tests): calls that answer with a result
 * envelope and can be cancelled, and typed events. Modelled on VS Code's IChannel
 * (call + listen). Environment-free and zod-free.
 */
import type { EventName, Listener } from './events.js';
import type { Method } from './kiosk-api.js';
import type { Result } from './result.js';

export interface CallOptions {
  /** aborting it cancels the call: the host stops the work and answers `cancelled` */
  signal?: AbortSignal;
  /** the caller's id for this call (events about it, such as print progress, carry it) */
  callId?: string;
}

export interface Channel {
  /** Never throws: every failure, of the transport too, is an `{ok: false, error}`. */
  call(method: Method, input: unknown, opts?: CallOptions): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, fn: Listener<E>): () => void;
}

/** A call id: 8–64 letters, digits, `-` or `_` (hosts refuse any other as a header or log field). */
export const isCallId = (s: string): boolean => /^[A-Za-z0-9_-]{8,64}$/.test(s);

/**
 * The id of the JSON data block (`<script type="application/json">`) in which the web host and
 * the Electron shell's app:// put the answer to the UI's first call, `settings`, into the page
 * they serve: the UI reads it as its code starts and draws its first screen without a round trip;
 * a page without one (the settings could not be read) asks for them over the channel.
 */
export const SETTINGS_IN_PAGE_ID = 'kiosk-settings';
