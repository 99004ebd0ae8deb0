/**
 * Printing straight to the kiosk's printer (KioskApi printOut), through the core's channel as the
 * Electron shell's IPC calls it. The printer itself is the shell's (Electron's webContents.print,
 * which cannot run here): a DirectPrinter that keeps what it is given stands in for it.
 */
import { describe, expect, it } from 'vitest';
import type { DirectPrinter } from '../env.node.js';
import { testCore } from '../../tests/env.node.js';
import { printRoute } from './print-origin.node.js';
import { PRINT_ORIGIN } from './sheet.js';

function paperTray(fail?: string): DirectPrinter & { jobs: { document: string; title: string }[] } {
  const jobs: { document: string; title: string }[] = [];
  return {
    jobs,
    print: async (document, title) => {
      if (fail) throw new Error(fail);
      jobs.push({ document, title });
      return { printer: 'Kiosk_Printer' };
    },
  };
}

describe('printOut: a sheet onto the kiosk’s own printer, no dialog', () => {
  it('on a host with a printer: the settings say direct, and the sheet goes to it as the whole print document', async () => {
    const tray = paperTray();
    const { core } = testCore({ printer: tray });
    try {
      expect(await core.channel.call('settings', {})).toMatchObject({ ok: true, value: { printing: 'direct' } });
      const got = await core.channel.call('sheet', { id: 'gj-grandparent-caregiver', lang: 'vi' });
      if (!got.ok) throw new Error(got.error.message);
      const sheet = got as { ok: true; value: { html: string; css: string } };
      const r = await core.channel.call('printOut', { html: sheet.value.html, css: sheet.value.css, title: 'Hỗ trợ ông bà chăm sóc cháu', lang: 'vi' });
      expect(r).toEqual({ ok: true, value: { printer: 'Kiosk_Printer' } });
      expect(tray.jobs).toHaveLength(1);
      const { document, title } = tray.jobs[0]!;
      expect(title).toBe('Hỗ trợ ông bà chăm sóc cháu');
      expect(document).toMatch(/^<!doctype html><html lang="vi">/);
      expect(document).toContain(sheet.value.html);
      expect(document).toContain(`<style>${sheet.value.css}</style>`);
      expect(document).toContain(`${PRINT_ORIGIN}/fonts/noto-sans-kr/400.css`); // the shipped fonts, served by the printer's window (print-origin.node.ts)
    } finally {
      await core.close();
    }
  });

  it('every entry’s sheet, in large type and in the longest language, fits what one printOut call carries', async () => {
    const tray = paperTray();
    const { core } = testCore({ printer: tray });
    try {
      for (const e of core.catalogue.current().entries()) {
        const got = await core.channel.call('sheet', { id: e.id, lang: 'vi', large: true });
        if (!got.ok) throw new Error(`${e.id}: ${got.error.message}`);
        const { html, css } = got.value as { html: string; css: string };
        expect(await core.channel.call('printOut', { html, css, title: e.id, lang: 'vi' }), e.id).toMatchObject({ ok: true });
      }
      expect(tray.jobs.length).toBe(core.catalogue.current().entries().length);
    } finally {
      await core.close();
    }
  });

  it('a printer that does not take the job: unavailable with its reason, logged — never a silent nothing', async () => {
    const { core, logLines } = testCore({ printer: paperTray('no paper in tray 1') });
    try {
      const r = await core.channel.call('printOut', { html: '<p>x</p>', css: '', title: 'x' });
      expect(r).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/the printer did not take the page: no paper in tray 1/) } });
      expect(logLines().some((l) => l.event === 'printer.refused')).toBe(true);
    } finally {
      await core.close();
    }
  });

  it('on a host without one (the web host): the settings say dialog, and printOut is refused as unavailable; bad input is named', async () => {
    const { core } = testCore();
    try {
      expect(await core.channel.call('settings', {})).toMatchObject({ ok: true, value: { printing: 'dialog' } });
      expect(await core.channel.call('printOut', { html: '<p>x</p>', css: '', title: 'x' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(await core.channel.call('printOut', { html: '', css: '', title: 'x' })).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'html' } });
      expect(await core.channel.call('printOut', { html: 'x'.repeat(56_001), css: '', title: 'x' })).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'html' } });
    } finally {
      await core.close();
    }
  });
});

describe('what a print document may load', () => {
  const fonts = '/app/resources/fonts';
  it('its own page and the shipped fonts; nothing of another site, nothing outside the fonts folder', () => {
    expect(printRoute(fonts, `${PRINT_ORIGIN}/`)).toEqual({ kind: 'document' });
    expect(printRoute(fonts, `${PRINT_ORIGIN}/fonts/noto-sans-kr/400.css`)).toEqual({ kind: 'font', file: '/app/resources/fonts/noto-sans-kr/400.css', type: 'text/css' });
    expect(printRoute(fonts, `${PRINT_ORIGIN}/fonts/noto-sans-kr/files/noto-sans-kr-0-400-normal.woff2`)).toMatchObject({ kind: 'font', type: 'font/woff2' });
    expect(printRoute(fonts, 'https://example.com/x.css')).toEqual({ kind: 'refused' });
    expect(printRoute(fonts, 'file:///etc/passwd')).toEqual({ kind: 'refused' });
    expect(printRoute(fonts, 'not a url')).toEqual({ kind: 'refused' });
    expect(printRoute(fonts, `${PRINT_ORIGIN}/fonts/%2e%2e/%2e%2e/secrets.css`)).toEqual({ kind: 'not_found' });
    expect(printRoute(fonts, `${PRINT_ORIGIN}/fonts/..%2Fkiosk.json`)).toEqual({ kind: 'not_found' });
    expect(printRoute(fonts, `${PRINT_ORIGIN}/fonts/%E0%A4%A`)).toEqual({ kind: 'not_found' });
    expect(printRoute(fonts, `${PRINT_ORIGIN}/fonts/noto-sans-kr/400.js`)).toEqual({ kind: 'not_found' });
    expect(printRoute(fonts, `${PRINT_ORIGIN}/other`)).toEqual({ kind: 'not_found' });
  });
});
