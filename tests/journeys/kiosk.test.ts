import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LANDSCAPE, PORTRAIT, axe, goHome, openKiosk, shot, startKiosk, tap, type Kiosk } from './harness.js';

let k: Kiosk;
beforeAll(async () => {
  k = await startKiosk();
}, 60_000);
afterAll(async () => k?.close());

const screenName = (p: Page) => p.locator('main').getAttribute('data-screen');

async function typeOnKeyboard(page: Page, jamo: string) {
  for (const j of jamo) await page.locator(`.keyboard button[aria-label="${j}"]`).click();
}

/** Every screen of the kiosk, reached by tapping, for the checks that go over all of them. */
const SCREENS: [string, (p: Page) => Promise<void>][] = [
  ['home', async () => {}],
  ['stage', async (p) => (await tap(p, '[data-stage="infant"]'), await p.locator('.entry-list li').first().waitFor())],
  ['entry', async (p) => (await tap(p, '[data-stage="infant"]'), await tap(p, '[data-entry="gj-grandparent-caregiver"]'), await p.locator('article.entry h1').waitFor())],
  ['search', async (p) => {
    await tap(p, '[data-action="search"]');
    await tap(p, 'button[aria-pressed="false"]:has-text("초성")');
    await typeOnKeyboard(p, 'ㅇㅇㄷㅂ');
    await p.locator('.search-results .entry-list li').first().waitFor();
  }],
  ['centre', async (p) => (await tap(p, '[data-action="centre"]'), await tap(p, '.faq-q'), await p.locator('.faq-a').waitFor())],
  ['finder', async (p) => (await tap(p, '[data-action="finder"]'), await p.locator('[data-question="role"]').waitFor())],
  ['facilities', async (p) => (await tap(p, '[data-action="facilities"]'), await p.locator('.facility-list li').first().waitFor())],
];

describe('journeys in Chromium', () => {
  it('a grandmother reaches 손자녀 돌보미 by tapping only and reads who it is for', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await tap(page, '[data-stage="infant"]');
    await tap(page, '[data-category="care"]');
    await shot(page, 'grandmother-1-infant-care');
    await tap(page, '[data-entry="gj-grandparent-caregiver"]');
    const who = page.locator('section.field', { has: page.locator('h2', { hasText: '누가 받을 수 있나요' }) });
    await expect.poll(() => who.innerText()).toMatch(/70세 이하 조부모/);
    expect(await page.locator('article.entry h1').innerText()).toBe('손자녀 돌보미 지원');
    expect(await page.locator('.year').innerText()).toMatch(/\d{4}년 기준/);
    expect(await page.locator('.sources').innerText()).toMatch(/마지막 확인: 20\d\d-\d\d-\d\d/);
    await shot(page, 'grandmother-2-policy-page');
    await page.context().close();
  });

  it('a parent types ㅇㅇㄷㅂ on the on-screen keyboard and opens 아이돌봄서비스', async () => {
    const page = await openKiosk(k, LANDSCAPE);
    await tap(page, '[data-action="search"]');
    // composing keyboard first: ㅎ+ㅏ+ㄴ → 한, backspace by jamo
    await typeOnKeyboard(page, 'ㅎㅏㄴ');
    expect(await page.locator('#q').inputValue()).toBe('한');
    await tap(page, 'button:has-text("한 글자 지우기")');
    expect(await page.locator('#q').inputValue()).toBe('하');
    await tap(page, 'button:has-text("모두 지우기")');
    await tap(page, 'button:has-text("초성으로 찾기")');
    await typeOnKeyboard(page, 'ㅇㅇㄷㅂ');
    expect(await page.locator('#q').inputValue()).toBe('ㅇㅇㄷㅂ');
    const first = page.locator('.search-results .entry-list li button').first();
    await expect.poll(() => first.getAttribute('data-entry')).toBe('child-care-service');
    await shot(page, 'parent-1-chosung-search');
    await first.click();
    await expect.poll(() => page.locator('article.entry h1').innerText()).toMatch(/아이돌봄서비스/);
    await shot(page, 'parent-2-child-care-service');
    await page.context().close();
  });

  // one visitor per orientation, who sets 200 % once and goes from home to each screen and back
  for (const viewport of [PORTRAIT, LANDSCAPE])
    it(`text size 200 % keeps every button reachable, on every screen, at ${viewport.width}×${viewport.height}`, async () => {
      const page = await openKiosk(k, viewport);
      await tap(page, '[data-tool="size"]');
      await tap(page, '[data-size="200"]');
      for (const [name, reach] of SCREENS) {
        await reach(page);
        const problems = await page.evaluate(() => {
          const out: string[] = [];
          if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
          for (const b of Array.from(document.querySelectorAll<HTMLElement>('button, input'))) {
            b.scrollIntoView({ block: 'center' });
            const r = b.getBoundingClientRect();
            const label = (b.innerText || b.getAttribute('aria-label') || b.id).slice(0, 30);
            if (r.width < 64 || r.height < 64) out.push(`"${label}" is ${Math.round(r.width)}×${Math.round(r.height)}`);
            if (r.left < 0 || r.right > window.innerWidth + 1) out.push(`"${label}" is cut off at the side`);
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            if (!hit || !(b === hit || b.contains(hit))) out.push(`"${label}" is covered by ${hit?.tagName}.${hit?.className}`);
          }
          return out;
        });
        expect(problems, `${name} at ${viewport.width}×${viewport.height}`).toEqual([]);
        await page.evaluate(() => window.scrollTo(0, 0));
        await shot(page, `size200-${viewport.width}x${viewport.height}-${name}`);
        await goHome(page);
      }
      expect(await page.locator('html').getAttribute('data-scale'), 'still 200 % after every screen').toBe('200');
      await page.context().close();
    }, 180_000);

  for (const [contrast, viewport] of [[false, LANDSCAPE], [true, PORTRAIT]] as const)
    it(`every screen works ${contrast ? 'on a portrait kiosk in the high-contrast theme (7:1)' : 'on a landscape laptop in the default theme'}; axe-core finds no violations on any (screenshots)`, async () => {
      // one visitor, who sets the theme once and goes from home to each screen and back
      const page = await openKiosk(k, viewport);
      if (contrast) await tap(page, '[data-tool="contrast"]');
      for (const [name, reach] of SCREENS) {
        await reach(page);
        const where = `${name} at ${viewport.width}×${viewport.height}${contrast ? ' (high contrast)' : ''}`;
        expect(await screenName(page), where).toBe(name);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${where}: nothing to scroll sideways`).toBe(true);
        expect(await axe(page, contrast), where).toEqual([]);
        await shot(page, `${contrast ? 'contrast' : 'default'}-${viewport.width}x${viewport.height}-${name}`);
        await goHome(page);
      }
      expect(await page.locator('html').getAttribute('data-theme'), 'still in its theme after every screen').toBe(contrast ? 'contrast' : 'default');
      await page.context().close();
    }, 180_000);

  it('idle reset: a visible warning of at least 20 s with "more time", then everything is wiped', async () => {
    const page = await openKiosk(k, LANDSCAPE, { clock: true });
    await tap(page, '[data-tool="lang"]');
    await tap(page, '[data-lang="en"]');
    await tap(page, '[data-action="search"]');
    await tap(page, '[data-layout-switch="hangul"]'); // English starts with the Latin layout
    await typeOnKeyboard(page, 'ㄷㅗㄹㅂㅗㅁ');
    expect(await page.locator('#q').inputValue()).toBe('돌봄');
    await page.clock.runFor(121_000);
    const warning = page.locator('[role="alertdialog"]');
    await warning.waitFor();
    expect(Number(await warning.locator('[data-seconds]').getAttribute('data-seconds'))).toBeGreaterThanOrEqual(20);
    expect(await axe(page, false)).toEqual([]);
    await shot(page, 'idle-warning');
    await tap(page, '[data-idle="more"]');
    await warning.waitFor({ state: 'detached' });
    expect(await page.locator('#q').inputValue()).toBe('돌봄'); // more time keeps everything
    await page.clock.runFor(121_000);
    await warning.waitFor();
    await page.clock.runFor(31_000);
    await page.locator('main[data-screen="home"]').waitFor();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ko');
    await tap(page, '[data-action="search"]');
    expect(await page.locator('#q').inputValue()).toBe('');
    await page.context().close();
  });

  it('the language switches to English, Vietnamese and Chinese and back; catalogue text not yet written says so', async () => {
    const page = await openKiosk(k, LANDSCAPE);
    const title = () => page.locator('main h1').innerText();
    for (const [lang, expected] of [['en', 'Aichingu 1279'], ['vi', 'Aichingu 1279'], ['zh', 'Aichingu 1279'], ['ko', '아이친구 1279']] as const) {
      await tap(page, '[data-tool="lang"]');
      await tap(page, `[data-lang="${lang}"]`);
      await expect.poll(title).toBe(expected);
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
    }
    await tap(page, '[data-tool="lang"]');
    await tap(page, '[data-lang="vi"]');
    await tap(page, '[data-stage="infant"]');
    expect(await page.locator('main h1').innerText()).not.toBe('영유아');
    await tap(page, '[data-entry="gj-grandparent-caregiver"]');
    await expect.poll(() => page.locator('article.entry h1').innerText()).toBe('Hỗ trợ ông bà chăm sóc cháu');
    expect(await page.locator('.note[role="note"]').first().innerText()).not.toMatch(/한국어로만/); // the note itself is in Vietnamese
    expect(await page.locator('[lang="ko"]').count()).toBeGreaterThan(0); // Korean fallback text is marked as Korean
    await shot(page, 'language-vi-policy-page');
    await page.context().close();
  });

  it('read-aloud speaks the screen, with speed, replay and stop', async () => {
    const page = await openKiosk(k, LANDSCAPE);
    await page.evaluate(() => {
      const w = window as unknown as { spoken: { text: string; rate: number; lang: string }[] };
      w.spoken = [];
      const orig = speechSynthesis.speak.bind(speechSynthesis);
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => (w.spoken.push({ text: u.text, rate: u.rate, lang: u.lang }), orig(u));
    });
    await tap(page, '[data-stage="infant"]');
    await tap(page, '[data-entry="gj-grandparent-caregiver"]');
    await page.locator('article.entry h1').waitFor();
    await tap(page, 'button:has-text("이 안내 읽어주기")');
    await tap(page, '[data-rate="slow"]');
    await tap(page, '[data-speech="replay"]');
    await tap(page, '[data-speech="stop"]');
    const spoken = await page.evaluate(() => (window as unknown as { spoken: { text: string; rate: number; lang: string }[] }).spoken);
    expect(spoken.length).toBe(2);
    const [whole, slow] = spoken;
    expect(whole?.text).toMatch(/손자녀 돌보미 지원/);
    expect(whole?.text).toMatch(/누가 받을 수 있나요/);
    expect(whole?.lang).toBe('ko-KR');
    expect(slow?.rate).toBeLessThan(1);
    expect(await page.evaluate(() => speechSynthesis.speaking)).toBe(false);
    await page.context().close();
  });

  it('remarks about the sources stand in the 출처 section, not in the plain text; read-aloud and the printed sheet keep them there', async () => {
    const page = await openKiosk(k, PORTRAIT);
    await page.evaluate(() => {
      const w = window as unknown as { spoken: string[] };
      w.spoken = [];
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => void w.spoken.push(u.text);
    });
    await tap(page, '[data-stage="infant"]');
    await tap(page, '[data-category="daycare"]');
    await tap(page, '[data-entry="time-based-daycare"]');
    await page.locator('article.entry h1').waitFor();
    // the phone came from a Daegu centre's page: the 출처 section says so, the phone's label does not
    const sources = page.locator('section.sources');
    expect(await sources.locator('h2').innerText()).toBe('출처');
    expect(await sources.locator('.source-notes').innerText()).toMatch(/대구 센터 안내에 나온 번호/);
    const plain = await page.locator('article.entry').evaluate((a) => {
      const copy = a.cloneNode(true) as Element;
      copy.querySelector('section.sources')?.remove();
      return copy.textContent ?? '';
    });
    expect(plain).toMatch(/시간제보육 전화 예약/);
    expect(plain).not.toMatch(/대구|출처|안내\)/);
    await shot(page, 'entry-source-notes');
    await tap(page, 'button:has-text("이 안내 읽어주기")');
    const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.join(' '));
    expect(spoken).toMatch(/시간제보육/);
    expect(spoken).not.toMatch(/대구/);
    // the printed sheet: the caveat only after 출처 (its footer), never in the plain rows
    const res = await page.request.get(new URL('/print/sheet/time-based-daycare.pdf?lang=ko', k.host.url).href);
    const dir = mkdtempSync(join(tmpdir(), 'sheet-'));
    writeFileSync(join(dir, 'sheet.pdf'), await res.body());
    const text = execFileSync('pdftotext', [join(dir, 'sheet.pdf'), '-'], { encoding: 'utf8' });
    const at = text.indexOf('출처');
    expect(at).toBeGreaterThan(0);
    expect(text.slice(0, at)).toMatch(/시간제보육 전화 예약/);
    expect(text.slice(0, at)).not.toMatch(/대구/);
    expect(text.slice(at)).toMatch(/대구 센터 안내/);
    rmSync(dir, { recursive: true, force: true });
    await page.context().close();
  });

  it('the API refuses calls without the launch token and bad input with the field named', async () => {
    const base = new URL(k.host.url).origin;
    const noToken = await fetch(`${base}/api/info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
    const page = await openKiosk(k, LANDSCAPE);
    const bad = await page.evaluate(async () => {
      const r = await fetch('/api/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'x'.repeat(500) }) });
      return { status: r.status, body: await r.json() };
    });
    expect(bad).toEqual({ status: 400, body: { ok: false, error: { code: 'bad_request', field: 'query', message: expect.stringMatching(/^query: .*200/), requestId: expect.any(String) } } });
    // DNS rebinding: a request for our port under a foreign host name is refused
    const status = await new Promise<number>((resolve, reject) =>
      request({ host: '127.0.0.1', port: k.host.port, path: '/', headers: { host: 'evil.example' } }, (r) => (r.resume(), resolve(r.statusCode!))).on('error', reject).end(),
    );
    expect(status).toBe(421);
    await goHome(page);
    await page.context().close();
  });
});
