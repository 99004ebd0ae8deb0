/** The UI's only way out: the typed KioskApi client, over the Electron preload when present, else HTTP to the web host. */
import type { Method } from '../../core/contract/kiosk-api';
import { createClient, KioskApiError, type Transport } from '../../core/contract/client';

declare global {
  interface Window {
    /** exposed by the Electron preload (contextBridge), one narrow function */
    kioskApi?: { invoke: (method: Method, input: unknown) => Promise<unknown> };
  }
}

const http: Transport = async (method, input) => {
  const res = await fetch(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input), credentials: 'same-origin' });
  const body = await res.json().catch(() => ({ code: 'internal', message: `HTTP ${res.status}` }));
  if (!res.ok) throw new KioskApiError(body);
  return body;
};

export const api = createClient((m, i) => (window.kioskApi ? window.kioskApi.invoke(m, i) : http(m, i)));
