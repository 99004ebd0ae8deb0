/**
 * The UI's only way out: the typed KioskApi client over one channel — the Electron preload's
 * when present, else HTTP to the web host (calls: POST /api/<method> answering a result
 * envelope; events: server-sent events from GET /api/events).
 */
import type { Method } from '../../core/contract/kiosk-api';
import { createClient, type CallOptions, type Channel, type EventName, type Result } from '../../core/contract/client';
import { Emitter, EVENT_NAMES, type Listener } from '../../core/contract/events';
import { parseResult } from '../../core/contract/result';

declare global {
  interface Window {
    /** exposed by the Electron preload (contextBridge): the same channel, narrowed, and `cancel(callId)` — an AbortSignal cannot cross the bridge */
    kioskChannel?: Channel & { cancel?: (callId: string) => void };
  }
}

/** The preload's channel, with a call's AbortSignal turned into its `cancel(callId)` (the signal itself stays on this side of the bridge). */
export function bridgedChannel(bridge: Channel & { cancel?: (callId: string) => void }): Channel {
  return {
    call(method, input, opts = {}) {
      const { signal, ...rest } = opts;
      const callId = rest.callId ?? newCallId();
      if (!signal || !bridge.cancel) return bridge.call(method, input, { ...rest, callId });
      if (signal.aborted) return Promise.resolve({ ok: false, error: { code: 'cancelled', message: `${method}: cancelled` } });
      const onAbort = () => bridge.cancel!(callId);
      signal.addEventListener('abort', onAbort, { once: true });
      return bridge.call(method, input, { ...rest, callId }).finally(() => signal.removeEventListener('abort', onAbort));
    },
    on: (event, fn) => bridge.on(event, fn),
  };
}

const newCallId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`);

/** The web host's channel. A transport failure is an error result too, so every screen can show it as a failure. */
export function httpChannel(base = ''): Channel {
  const events = new Emitter((e) => console.error('event listener failed', e));
  let source: EventSource | null = null;
  const listen = () => {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(`${base}/api/events`, { withCredentials: true });
    for (const name of EVENT_NAMES)
      source.addEventListener(name, (m) => {
        try {
          events.emit(name, JSON.parse((m as MessageEvent<string>).data));
        } catch (e) {
          console.error(`event ${name}: unreadable`, e);
        }
      });
  };
  return {
    async call(method: Method, input: unknown, opts: CallOptions = {}): Promise<Result<unknown>> {
      try {
        const res = await fetch(`${base}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Call-Id': opts.callId ?? newCallId() },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
          signal: opts.signal,
        });
        const body = await res.json().catch(() => null);
        return parseResult(body, `HTTP ${res.status} from /api/${method}`);
      } catch (e) {
        if (opts.signal?.aborted) return { ok: false, error: { code: 'cancelled', message: `${method}: cancelled` } };
        return { ok: false, error: { code: 'unavailable', message: `${method}: the kiosk's host did not answer (${(e as Error).message})` } };
      }
    },
    on<E extends EventName>(event: E, fn: Listener<E>) {
      listen();
      return events.on(event, fn);
    },
  };
}

export const channel: Channel = typeof window !== 'undefined' && window.kioskChannel ? bridgedChannel(window.kioskChannel) : httpChannel();
export const api = createClient(channel);
export { newCallId };
