/**
 * The events the core announces to every host (and so to the UI): one typed map, the event
 * counterpart of the KioskApi call map. Environment-free and zod-free.
 */
import type { ApiErrorBody } from './result.js';

export interface EventMap {
  /** A print job (a booklet) made progress: `done` of `total` sections are laid out. `call` is the id of the call that started it. */
  'print.progress': { call: string; done: number; total: number };
  /** The catalogue in use was replaced (an import, a newer embedded or synced catalogue): screens reload their data. */
  'catalogue.changed': { version: string; builtAt: string };
  /** Sync with the hub (the sync issue fills this in): what it is doing and how far it is. */
  'sync.progress': { phase: 'checking' | 'downloading' | 'applying' | 'done' | 'failed'; done: number; total: number; error?: ApiErrorBody };
  /** The outbox changed (an application submitted, sent or refused; the uploader waiting, paused or sending): the status view reloads outboxStatus. Counts only, nothing personal. */
  'outbox.changed': { pending: number; sent: number; attention: number; uploader: 'idle' | 'sending' | 'waiting' | 'paused' | 'not_enrolled' | 'stopped' };
  /** A counsellor signed in or out (`why`: signed_in, requested, idle — too long without use —, replaced by another's sign-in, closed with the app): the counsellor screens follow it at once. */
  'counsellor.changed': { signedIn: boolean; why: 'signed_in' | 'requested' | 'idle' | 'replaced' | 'closed' };
}
export type EventName = keyof EventMap;
export const EVENT_NAMES = ['print.progress', 'catalogue.changed', 'sync.progress', 'outbox.changed', 'counsellor.changed'] as const satisfies readonly EventName[];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _allEvents: Same<(typeof EVENT_NAMES)[number], EventName> = true;
void _allEvents;

export interface KioskEvent<E extends EventName = EventName> {
  event: E;
  payload: EventMap[E];
}

export type Listener<E extends EventName> = (payload: EventMap[E]) => void;

/** A small typed emitter (no Node EventEmitter: this file runs in the UI too). A throwing listener is reported, and the others still run. */
export class Emitter {
  private readonly listeners = new Map<EventName, Set<(p: unknown) => void>>();
  private readonly anyListeners = new Set<(e: KioskEvent) => void>();
  constructor(private readonly onListenerError: (e: unknown) => void = () => {}) {}

  on<E extends EventName>(event: E, fn: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn as (p: unknown) => void);
    return () => set.delete(fn as (p: unknown) => void);
  }

  /** Every event (a host forwarding them to its clients). */
  onAny(fn: (e: KioskEvent) => void): () => void {
    this.anyListeners.add(fn);
    return () => this.anyListeners.delete(fn);
  }

  /** Whether anyone would hear `event` (a sender may skip working out a payload nobody reads). */
  heard(event: EventName): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0 || this.anyListeners.size > 0;
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    const run = (f: () => void) => {
      try {
        f();
      } catch (e) {
        this.onListenerError(e);
      }
    };
    for (const fn of this.listeners.get(event) ?? []) run(() => fn(payload));
    for (const fn of this.anyListeners) run(() => fn({ event, payload } as KioskEvent));
  }
}
