/**
 * The page's end of the kiosk channel, free of Electron (main/kiosk.preload.ts gives it
 * ipcRenderer and exposes what it returns as `window.kioskChannel` through contextBridge): the
 * `Channel` of core/contract/channel.ts, which renderer/src/api.ts uses as it uses HTTP.
 *
 * It lets through only the contract's methods and events, and only plain data (what JSON
 * carries: a call means the same over IPC as over HTTP); every answer and event from the main
 * process is parsed before the page sees it. Like every channel it never throws: a refusal is
 * an `{ok: false, error}` naming the field.
 */
import type { CallOptions, Channel } from '../core/contract/channel.js';
import { isCallId } from '../core/contract/channel.js';
import { isMethod } from '../core/contract/client.js';
import { Emitter, EVENT_NAMES, type EventName, type Listener } from '../core/contract/events.js';
import type { Method } from '../core/contract/kiosk-api.js';
import type { Result } from '../core/contract/result.js';
import { IPC, IpcEvent, IpcResult, plainData } from './ipc-contract.js';

export interface IpcPort {
  invoke(channel: typeof IPC.call, message: unknown): Promise<unknown>;
  send(channel: typeof IPC.cancel, message: unknown): void;
  /** one listener for every kiosk:event message */
  onEvent(fn: (message: unknown) => void): void;
}

/** The channel the page gets: the contract's Channel, plus `cancel(callId)` for a page that cannot hand its AbortSignal across the context bridge. */
export interface KioskIpcChannel extends Channel {
  cancel(callId: string): void;
}

export function createPreloadChannel(port: IpcPort, o: { newCallId: () => string; report: (message: string) => void }): KioskIpcChannel {
  const events = new Emitter((e) => o.report(`an event listener failed: ${(e as Error).message}`));
  port.onEvent((raw) => {
    const m = IpcEvent.safeParse(raw);
    if (!m.success) return o.report('an event from the main process was not one of the contract’s; dropped');
    events.emit(m.data.event, m.data.payload as never);
  });
  const cancel = (callId: string) => {
    if (typeof callId === 'string' && isCallId(callId)) port.send(IPC.cancel, { callId });
  };
  return {
    async call(method: Method, input: unknown, opts: CallOptions = {}): Promise<Result<unknown>> {
      if (typeof method !== 'string' || !isMethod(method)) return { ok: false, error: { code: 'not_found', field: 'method', message: 'unknown method' } };
      const data = plainData(input ?? {});
      if (!data.ok) return { ok: false, error: { code: 'bad_request', field: data.field, message: data.message } };
      const given = opts?.callId;
      const callId = typeof given === 'string' && isCallId(given) ? given : o.newCallId();
      const signal = opts?.signal;
      if (signal?.aborted) return { ok: false, error: { code: 'cancelled', message: `${method}: cancelled`, requestId: callId } };
      const onAbort = () => cancel(callId);
      // an AbortSignal reaches here only when the page and this code share a world (tests); across contextBridge the page calls cancel()
      if (typeof signal?.addEventListener === 'function') signal.addEventListener('abort', onAbort, { once: true });
      try {
        const raw = await port.invoke(IPC.call, { method, callId, input: data.value });
        const r = IpcResult.safeParse(raw);
        if (!r.success) return { ok: false, error: { code: 'internal', message: `${method}: the answer was not a result envelope`, requestId: callId } };
        return r.data as Result<unknown>;
      } catch (e) {
        return { ok: false, error: { code: 'unavailable', message: `${method}: the kiosk's main process did not answer (${(e as Error).message})`, requestId: callId } };
      } finally {
        if (typeof signal?.removeEventListener === 'function') signal.removeEventListener('abort', onAbort);
      }
    },
    on<E extends EventName>(event: E, fn: Listener<E>): () => void {
      if (!(EVENT_NAMES as readonly string[]).includes(event) || typeof fn !== 'function') {
        o.report(`on(${String(event)}): not an event of the contract, or no listener`);
        return () => {};
      }
      return events.on(event, fn);
    },
    cancel,
  };
}
