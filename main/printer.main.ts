/**
 * The kiosk's printer, for the core (CoreEnv.printer): a print document laid out in a hidden
 * window of its own session — which serves the document and the shipped fonts under
 * PRINT_ORIGIN and nothing else (core/print/print-origin.node.ts) — then printed with no dialog.
 * One print at a time; a print whose page never loads, or whose printer never answers, is given up
 * after `timeoutMs` and its window destroyed, so it never holds the next one. The decisions are
 * main/print-options.ts's.
 */
import { BrowserWindow, session } from 'electron';
import { readFile } from 'node:fs/promises';
import type { DirectPrinter } from '../core/env.node.js';
import type { Logger } from '../core/log.node.js';
import { printRoute } from '../core/print/print-origin.node.js';
import { PRINT_ORIGIN } from '../core/print/sheet.js';
import { oneAtATime } from '../core/print/one-at-a-time.js';
import { FONTS_READY, givenUp, printFailure, printWindowOptions, PRINT_PARTITION, silentPrintOptions, type KioskPrinterConfig } from './print-options.js';

/** A partition's session serving one print document at a time under PRINT_ORIGIN, the shipped fonts, and nothing else. */
export function documentServer(partition: string, fontsDir: string): { show(document: string): void } {
  let document = '';
  let ready = false;
  return {
    show(doc: string) {
      document = doc;
      if (ready) return;
      ready = true;
      const ses = session.fromPartition(partition);
      ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
      ses.protocol.handle('https', () => new Response('refused', { status: 403 }));
      ses.protocol.handle('http', async (req) => {
        const to = printRoute(fontsDir, req.url);
        if (to.kind === 'document') return new Response(document, { headers: { 'content-type': 'text/html; charset=utf-8' } });
        if (to.kind === 'font') return new Response(new Uint8Array(await readFile(to.file)), { headers: { 'content-type': to.type } });
        return new Response('', { status: to.kind === 'refused' ? 403 : 404 });
      });
    },
  };
}

export function electronPrinter(cfg: KioskPrinterConfig, fontsDir: string, logger: Logger, timeoutMs: number): DirectPrinter {
  const served = documentServer(PRINT_PARTITION, fontsDir);
  const printOne = async (doc: string, title: string): Promise<{ printer: string | null }> => {
    served.show(doc);
    const win = new BrowserWindow(printWindowOptions());
    const printer = cfg.deviceName ?? '(default)';
    const send = async (): Promise<string | null> => {
      await win.loadURL(`${PRINT_ORIGIN}/`);
      await win.webContents.executeJavaScript(FONTS_READY);
      return new Promise<string | null>((resolve) => win.webContents.print(silentPrintOptions(cfg), (success, reason) => resolve(printFailure(success, reason))));
    };
    const giveUp = () => {
      logger.warn({ event: 'printer.given_up', printer, title, after_ms: timeoutMs }, `print given up: the printer did not answer within ${Math.round(timeoutMs / 1000)} s`);
      win.destroy();
    };
    try {
      const failure = await givenUp(send(), { ms: timeoutMs, onGiveUp: giveUp });
      if (failure) throw new Error(failure);
      logger.info({ event: 'printer.printed', printer, title }, 'printed');
      return { printer: cfg.deviceName ?? null };
    } finally {
      served.show('');
      if (!win.isDestroyed()) win.destroy();
    }
  };
  return { print: oneAtATime(printOne) };
}
