/** The Electron preload's channel as the UI uses it: a call's AbortSignal, which cannot cross contextBridge, becomes the preload's cancel(callId) for that very call. */
import { describe, expect, it } from 'vitest';
import { bridgedChannel } from './api';
import type { Channel } from '../../core/contract/channel';
import type { Result } from '../../core/contract/result';

function bridge() {
  const calls: { method: string; callId?: string; signal?: unknown }[] = [];
  const cancelled: string[] = [];
  let answer: (r: Result<unknown>) => void = () => {};
  const b: Channel & { cancel: (id: string) => void } = {
    call: (method, _input, opts) => {
      calls.push({ method, callId: opts?.callId, signal: opts?.signal });
      return new Promise((res) => (answer = res));
    },
    on: () => () => {},
    cancel: (id) => cancelled.push(id),
  };
  return { b, calls, cancelled, answer: (r: Result<unknown>) => answer(r) };
}

describe('bridgedChannel', () => {
  it('sends no AbortSignal across the bridge, and cancels the call by its id when the signal aborts', async () => {
    const t = bridge();
    const ctl = new AbortController();
    const pending = bridgedChannel(t.b).call('booklet', { stage: 'infant' }, { signal: ctl.signal, callId: 'call-0001-abcd' });
    expect(t.calls).toEqual([{ method: 'booklet', callId: 'call-0001-abcd', signal: undefined }]);
    ctl.abort();
    expect(t.cancelled).toEqual(['call-0001-abcd']);
    t.answer({ ok: false, error: { code: 'cancelled', message: 'booklet: cancelled' } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('gives a call without an id one (so it can be cancelled), and a call already aborted never crosses', async () => {
    const t = bridge();
    const ctl = new AbortController();
    void bridgedChannel(t.b).call('info', {}, { signal: ctl.signal });
    expect(t.calls[0]!.callId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    ctl.abort();
    expect(t.cancelled).toEqual([t.calls[0]!.callId]);
    const done = new AbortController();
    done.abort();
    expect(await bridgedChannel(t.b).call('info', {}, { signal: done.signal })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(t.calls).toHaveLength(1);
  });
});
