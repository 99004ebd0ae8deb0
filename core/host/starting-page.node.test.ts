import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KIOSK_FONTS, startingPageUrl } from './starting-page.js';
import { startingPageFrom } from './launcher.node.js';
import { ROOT } from '../../tests/env.node.js';

const html = (url: string) => decodeURIComponent(url.replace(/^data:text\/html;charset=utf-8,/, ''));

describe('the starting page (what the window shows while the host starts)', () => {
  it('says so in Korean first, then English, Vietnamese and Chinese, each marked with its language; nothing it shows is markup', () => {
    const page = html(startingPageUrl((l) => (l === 'en' ? 'Starting <soon> & "now"' : `${l}: 시작`)));
    expect([...page.matchAll(/<p lang="(\w+)"/g)].map((m) => m[1])).toEqual(['ko', 'en', 'vi', 'zh']);
    expect(page).toContain('<p lang="ko" class="first">ko: 시작</p>');
    expect(page).toContain('Starting &lt;soon&gt; &amp; &quot;now&quot;');
  });

  it('uses the kiosk’s own fonts (the same stack as the UI’s body), in both weights the UI draws', () => {
    const css = readFileSync(join(ROOT, 'renderer', 'src', 'styles.css'), 'utf8');
    expect(css).toContain(`font-family: ${KIOSK_FONTS};`);
    const page = html(startingPageUrl(() => 'x'));
    expect(page).toContain(`font-family:${KIOSK_FONTS}`);
    expect(page).toMatch(/font-weight:700/);
    expect(page).toMatch(/font-weight:400/);
  });

  it('reads its words from the app’s locales (what npm start gives the launcher); none when they cannot be read', async () => {
    const page = html((await startingPageFrom(join(ROOT, 'core', 'contract', 'locales')))!);
    expect(page).toContain('아이친구 1279를 시작하고 있어요. 잠깐만 기다려 주세요.');
    expect(page).toContain('Aichingu 1279 đang khởi động.');
    expect(await startingPageFrom('/nonexistent')).toBeUndefined();
  });
});
