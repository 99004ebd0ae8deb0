import { describe, expect, it } from 'vitest';
import { readableUrl } from './online.node.js';
import { testCore } from '../../tests/env.node.js';

describe('an online page as people read it', () => {
  it('shows a Korean domain in Hangul, not punycode, and drops what nobody needs to read', () => {
    expect(readableUrl('https://www.xn--hc0by27bu6atul3dc6t.kr/main/contents/mom4_5')).toBe('www.광주아이키움.kr/main/contents/mom4_5');
    expect(readableUrl('https://www.childcare.go.kr/')).toBe('www.childcare.go.kr');
    expect(readableUrl('http://www.gjicare.or.kr')).toBe('http://www.gjicare.or.kr');
    expect(readableUrl('정부24에서 "첫만남이용권" 검색')).toBe('정부24에서 "첫만남이용권" 검색');
  });

  it('every entry with an online page gets a readable address and a QR code on its page', async () => {
    const { core } = testCore();
    const cat = core.catalogue.current();
    const withUrl = cat.entries().filter((e) => e.online_url);
    expect(withUrl.length).toBeGreaterThan(5);
    for (const e of withUrl) {
      const r = await core.channel.call('entry', { id: e.id });
      if (!r.ok) throw new Error(r.error.message);
      const v = r.value as { onlineText?: string; onlineQr?: string };
      expect(v.onlineText, e.id).not.toMatch(/xn--/);
      expect(v.onlineQr, e.id).toMatch(/^<svg[^>]*viewBox/);
    }
    await core.close();
  });
});
