/**
 * The preload (sandboxed, context-isolated; bundled to dist/main/preload.cjs): exposes the kiosk
 * channel to the page as `window.kioskChannel` and nothing else — never ipcRenderer itself.
 * Everything it decides is main/preload-channel.ts (tested without Electron).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC } from './ipc-contract.js';
import { createPreloadChannel } from './preload-channel.js';

const channel = createPreloadChannel(
  {
    invoke: (ch, message) => ipcRenderer.invoke(ch, message),
    send: (ch, message) => ipcRenderer.send(ch, message),
    // the event object (with its sender) stays here: the page gets only the parsed message
    onEvent: (fn) => void ipcRenderer.on(IPC.event, (_event, message: unknown) => fn(message)),
  },
  { newCallId: () => crypto.randomUUID(), report: (message) => console.warn(`kiosk channel: ${message}`) },
);

// Functions only, each a thin wrapper: contextBridge copies what they return and proxies the listeners the page passes.
contextBridge.exposeInMainWorld('kioskChannel', {
  call: (method: string, input: unknown, opts?: { callId?: string; signal?: AbortSignal }) => channel.call(method as never, input, opts),
  on: (event: string, fn: (payload: unknown) => void) => channel.on(event as never, fn as never),
  cancel: (callId: string) => channel.cancel(callId),
});
