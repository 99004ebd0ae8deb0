/**
 * Warming the printer ahead (PrintService.warm, the web host's --warm-printer), in a real core
 * with Debian's Chromium: it starts the printer the first print then uses; it starts nothing
 * where the PDF Chromium is not installed; a launch that fails is logged and tried again at the
 * first print; a service closed while Chromium starts logs no failure.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testCore } from '../../tests/env.node.js';
import { launchChromium } from './pdf.node.js';

const events = (lines: Record<string, unknown>[]) => lines.map((l) => l.event).filter((e): e is string => typeof e === 'string' && e.startsWith('printer.'));
const saved = process.env.CHROMIUM_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = saved;
});

describe('warming the printer ahead', () => {
  it('starts Chromium once; a warm again and the first sheet use that printer', async () => {
    const { core, logLines } = testCore();
    try {
      await core.print.warm();
      await core.print.warm();
      const pdf = await core.print.sheetPdf(core.catalogue.current(), 'gj-grandparent-caregiver');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(events(logLines())).toEqual(['printer.started', 'printer.warmed']);
    } finally {
      await core.close();
    }
  }, 60_000);

  it('where the PDF Chromium is not installed: starts nothing and says so once, at info — no failure logged', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    const { core, logLines } = testCore();
    try {
      await core.print.warm();
      expect(events(logLines())).toEqual(['printer.warm_skipped']);
      expect(logLines().find((l) => l.event === 'printer.warm_skipped')).toMatchObject({ level: 30, chromium: '/nonexistent/chromium' });
    } finally {
      await core.close();
    }
  });

  it('a Chromium that cannot start: logged (printer.failed, printer.warm_failed), and the first print tries again', async () => {
    process.env.CHROMIUM_PATH = '/bin/false'; // there, but not a browser
    const { core, logLines } = testCore();
    try {
      await core.print.warm();
      expect(events(logLines())).toEqual(['printer.failed', 'printer.warm_failed']);
      process.env.CHROMIUM_PATH = saved ?? '/usr/bin/chromium'; // installed since
      const pdf = await core.print.sheetPdf(core.catalogue.current(), 'gj-grandparent-caregiver');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(events(logLines()).slice(2)).toEqual(['printer.started']);
    } finally {
      await core.close();
    }
  }, 60_000);

  it('closed while Chromium is still starting: the close waits for it, and nothing is logged as failing or warmed', async () => {
    let release!: () => void;
    const started = new Promise<void>((r) => (release = r));
    const browser = await launchChromium();
    try {
      const { core, logLines } = testCore({ printBrowser: async () => (await started, browser) });
      const warming = core.print.warm();
      const closing = core.close();
      release();
      await Promise.all([warming, closing]);
      expect(events(logLines()).filter((e) => /failed/.test(e))).toEqual([]);
      expect(events(logLines())).not.toContain('printer.warmed');
    } finally {
      await browser.close();
    }
  }, 60_000);
});
