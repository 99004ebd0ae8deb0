/** The one channel as every host carries it: validation, result envelopes, cancellation, and what reaches the log. */
import { afterAll, describe, expect, it } from 'vitest';
import { testCore } from '../tests/env.node.js';

const { core, logLines } = testCore();
afterAll(() => core.close());

describe('the core channel', () => {
  it('answers a call with {ok: true, value} checked against the contract', async () => {
    const r = await core.channel.call('search', { query: 'ㅇㅇㄷㅂ', limit: 3 });
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.value as { hits: { id: string }[] }).hits[0]?.id).toBe('child-care-service');
  });

  it('names the field of bad input, and logs the refusal with the call id — never what was typed', async () => {
    const r = await core.channel.call('eligible', { situation: { applicant: { age: '칠십' } }, lang: 'ko' }, { callId: 'call-bad-input-1' });
    expect(r).toEqual({ ok: false, error: { code: 'bad_request', field: 'situation.applicant.age', message: expect.stringMatching(/^situation\.applicant\.age: /), requestId: 'call-bad-input-1' } });
    // a key the method does not take is named too
    expect(await core.channel.call('settings', { lang: 'ko' })).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'lang', message: expect.stringMatching(/^lang: /) } });
    const s = await core.channel.call('search', { query: '홍길동 010-9876-5432 우리집', limit: 0 }, { callId: 'call-bad-input-2' });
    expect(s.ok).toBe(false);
    const lines = logLines();
    const line = lines.find((l) => l.requestId === 'call-bad-input-2');
    expect(line).toMatchObject({ level: 30, method: 'search', code: 'bad_request', field: 'limit', message: expect.stringMatching(/^limit: /) });
    const all = JSON.stringify(lines);
    expect(all).not.toContain('홍길동');
    expect(all).not.toContain('010-9876-5432');
    expect(all).not.toContain('칠십');
  });

  it('pages the facility directory, nearest first, and says how many there are in all', async () => {
    const all = await core.channel.call('facilities', { limit: 500 });
    const page1 = await core.channel.call('facilities', { limit: 5 });
    const page2 = await core.channel.call('facilities', { limit: 5, offset: 5 });
    if (!all.ok || !page1.ok || !page2.ok) throw new Error('facilities failed');
    const ids = (r: typeof all) => (r.ok ? (r.value as { items: { id: string }[] }).items.map((i) => i.id) : []);
    const total = (all.value as { total: number }).total;
    expect(total).toBe(ids(all).length);
    expect(total).toBeGreaterThan(10);
    expect((page1.value as { total: number }).total).toBe(total);
    expect(ids(page1)).toEqual(ids(all).slice(0, 5));
    expect(ids(page2)).toEqual(ids(all).slice(5, 10));
    expect(await core.channel.call('facilities', { limit: 1000 })).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'limit' } });
  });

  it('every page that says "call before you apply" gives a number to call: its own, or the 1279 centre\'s', async () => {
    // the catalogue gives every entry a phone now; an operator's import may not: such a page falls back to the centre
    const base = core.catalogue.current().entry('gj-youth-job-seeking-allowance')!;
    core.catalogue.importEntries([{ ...base, id: 'import-no-phone', phones: [], verify_before_use: true }], 'import:test.json');
    const cat = core.catalogue.current();
    const pages = cat.entries().filter((e) => e.verify_before_use);
    expect(pages.length).toBeGreaterThan(40);
    const withoutOwn = pages.filter((e) => e.phones.length === 0);
    expect(withoutOwn.map((e) => e.id)).toEqual(['import-no-phone']); // the case this is for
    for (const e of pages) {
      const r = await core.channel.call('entry', { id: e.id, lang: 'vi' });
      if (!r.ok) throw new Error(r.error.message);
      const v = (r.value as { verifyPhone?: { number: string } }).verifyPhone;
      expect(v?.number, e.id).toBe(e.phones[0]?.number ?? '062-222-1279');
    }
  });

  it('an unknown method and a missing entry are not_found, naming the field', async () => {
    expect(await core.channel.call('drop_tables', {})).toMatchObject({ ok: false, error: { code: 'not_found', field: 'method' } });
    expect(await core.channel.call('entry', { id: 'no-such-entry' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
  });

  it('an entry says whether this kiosk has a form for it, so the page does not ask for one it lacks', async () => {
    const has = async (id: string) => {
      const r = await core.channel.call('entry', { id, lang: 'ko' });
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { hasForm?: boolean }).hasForm;
    };
    expect([await has('gj-grandparent-caregiver'), await has('first-meeting-voucher')]).toEqual([true, false]);
    expect(await core.channel.call('formView', { service: 'first-meeting-voucher', lang: 'ko' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a refusal the contract foresees is one plain log line with its words, not an error with a stack', async () => {
    await core.channel.call('entry', { id: 'no-such-entry' }, { callId: 'call-missing-entry' });
    const line = logLines().find((l) => l.requestId === 'call-missing-entry');
    expect(line).toMatchObject({ level: 30, method: 'entry', code: 'not_found', field: 'id', message: expect.stringMatching(/.+/) });
    expect(line).not.toHaveProperty('err');
  });

  it('a call cancelled before it runs answers cancelled and does no work', async () => {
    const ac = new AbortController();
    ac.abort();
    expect(await core.channel.call('booklet', { stage: 'youth' }, { signal: ac.signal })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('an unexpected failure is an internal error for the caller and an error line with its class, message and stack for the operator', async () => {
    const broken = testCore();
    broken.core.catalogue.current().close(); // the database goes away under the service
    const r = await broken.core.channel.call('info', {}, { callId: 'call-broken-db' });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal', requestId: 'call-broken-db', message: expect.stringMatching(/log has the details/) } });
    const line = broken.logLines().find((l) => l.requestId === 'call-broken-db');
    expect(line).toMatchObject({ level: 50, method: 'info', err: { type: 'TypeError', message: expect.stringMatching(/not open/), stack: expect.any(String) } });
    await broken.core.close();
  });

  it('events reach every listener, and one listener that throws is logged without stopping the others', () => {
    const seen: string[] = [];
    const offA = core.channel.on('catalogue.changed', () => {
      throw new Error('a broken listener');
    });
    const offB = core.channel.on('catalogue.changed', (e) => seen.push(e.version));
    core.events.emit('catalogue.changed', { version: 'v-test', builtAt: '2026-12-01' });
    offA();
    offB();
    expect(seen).toEqual(['v-test']);
    expect(logLines().some((l) => l.event === 'listener.failed' && (l.err as { message: string }).message === 'a broken listener')).toBe(true);
  });
});
