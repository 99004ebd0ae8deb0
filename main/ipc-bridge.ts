/**
 * The main process's end of the kiosk channel, free of Electron (main/shell.main.ts hands it
 * each message with who sent it): the sender is checked first (main/security/ipc-sender.ts),
 * then the message (main/ipc-contract.ts), then the call goes to the core's one channel — the
 * same registry the web host serves, which checks the input and the output against the
 * KioskApi schemas. A call can be cancelled (kiosk:cancel), and every call of a page that has
 * gone (reloaded, crashed, navigated) is cancelled with it.
 */
import type { KioskEvent } from '../core/contract/events.js';
import type { Result } from '../core/contract/result.js';
import type { CoreChannel } from '../core/registry.node.js';
import { firstIssue, IpcCall, IpcCancel, IpcEvent } from './ipc-contract.js';
import { ipcSenderVerdict, type IpcSender } from './security/ipc-sender.js';

interface Log {
  warn(fields: object, message: string): void;
}

export interface IpcBridge {
  call(sender: IpcSender, raw: unknown): Promise<Result<unknown>>;
  cancel(sender: IpcSender, raw: unknown): void;
  /** the page is gone: every call in flight is cancelled */
  abortAll(): void;
  /** calls in flight (tests, the operator's dialog) */
  inFlight(): number;
}

export function createIpcBridge(o: {
  /** the core's channel (it may still be loading: calls wait for it) */
  channel: () => Promise<CoreChannel>;
  /** the kiosk window's webContents id, or null while it is being opened */
  kioskWebContentsId: () => number | null;
  log: Log;
}): IpcBridge {
  const inflight = new Map<string, AbortController>();
  const refused = (sender: IpcSender, what: string): string | null => {
    const verdict = ipcSenderVerdict(sender, o.kioskWebContentsId());
    if (verdict === 'ok') return null;
    // the URL is not logged: only whether there was one (a page's address may carry what was typed)
    o.log.warn({ event: 'ipc.refused', verdict, channel: what, main_frame: sender.isMainFrame }, `an IPC message was refused (${verdict})`);
    return verdict;
  };
  return {
    async call(sender, raw) {
      const verdict = refused(sender, 'call');
      if (verdict) return { ok: false, error: { code: 'unauthorized', message: `refused: this message did not come from the kiosk's page (${verdict})` } };
      const msg = IpcCall.safeParse(raw);
      if (!msg.success) {
        const { field, message } = firstIssue(msg.error);
        const code = field === 'method' ? 'not_found' : 'bad_request';
        return { ok: false, error: { code, field, message: field === 'method' ? 'unknown method' : message } };
      }
      const { method, callId, input } = msg.data;
      if (inflight.has(callId)) return { ok: false, error: { code: 'bad_request', field: 'callId', message: 'a call with this id is already running', requestId: callId } };
      const ac = new AbortController();
      inflight.set(callId, ac);
      try {
        const channel = await o.channel();
        return await channel.call(method, input, { callId, signal: ac.signal });
      } catch (e) {
        return { ok: false, error: { code: 'unavailable', message: `the kiosk could not start: ${(e as Error).message}`, requestId: callId } };
      } finally {
        inflight.delete(callId);
      }
    },
    cancel(sender, raw) {
      if (refused(sender, 'cancel')) return;
      const msg = IpcCancel.safeParse(raw);
      if (msg.success) inflight.get(msg.data.callId)?.abort();
    },
    abortAll() {
      for (const ac of inflight.values()) ac.abort();
    },
    inFlight: () => inflight.size,
  };
}

/** A core event as it is sent to the page (kiosk:event), or null when it is not one the contract names with plain data (never sent). */
export function eventMessage(e: KioskEvent): IpcEvent | null {
  const m = IpcEvent.safeParse({ event: e.event, payload: e.payload });
  return m.success ? m.data : null;
}
