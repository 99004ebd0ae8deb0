/**
 * The kiosk's printer, for the core (CoreEnv.printer): a print document laid out in a hidden
 * window of its own session — which serves the document and the shipped fonts under
 * PRINT_ORIGIN and nothing else (core/print/print-origin.node.ts) — then printed with no dialog.
 * One print at a time. The decisions are main/print-options.ts's.
 */
import { BrowserWindow, session } from 'electron';
import { readFile } from 'node:fs/promises';
import type { DirectPrinter } from '../core/env.node.js';
import type { Logger } from '../core/log.node.js';
import { printRoute } from '../core/print/print-origin.node.js';
import { PRINT_ORIGIN } from '../core/print/sheet.js';
import { oneAtATime } from '../core/print/one-at-a-time.js';
import { printFailure, printWindowOptions, PRINT_PARTITION, silentPrintOptions, type KioskPrinterConfig } from './print-options.js';

export function electronPrinter(cfg: KioskPrinterConfig, fontsDir: string, logger: Logger): DirectPrinter {
  let document = '';
  let ready = false;
  const serveOnce = () => {
    if (ready) return;
    ready = true;
    const ses = session.fromPartition(PRINT_PARTITION);
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    ses.protocol.handle('https', () => new Response('refused', { status: 403 }));
    ses.protocol.handle('http', async (req) => {
      const to = printRoute(fontsDir, req.url);
      if (to.kind === 'document') return new Response(document, { headers: { 'content-type': 'text/html; charset=utf-8' } });
      if (to.kind === 'font') return new Response(new Uint8Array(await readFile(to.file)), { headers: { 'content-type': to.type } });
      return new Response('', { status: to.kind === 'refused' ? 403 : 404 });
    });
  };
  const printOne = async (doc: string, title: string): Promise<{ printer: string | null }> => {
    serveOnce();
    document = doc;
    const win = new BrowserWindow(printWindowOptions());
    try {
      await win.loadURL(`${PRINT_ORIGIN}/`);
      await win.webContents.executeJavaScript('document.fonts.ready.then(() => true)');
      const failure = await new Promise<string | null>((resolve) => win.webContents.print(silentPrintOptions(cfg), (success, reason) => resolve(printFailure(success, reason))));
      if (failure) throw new Error(failure);
      logger.info({ event: 'printer.printed', printer: cfg.deviceName ?? '(default)', title }, 'printed');
      return { printer: cfg.deviceName ?? null };
    } finally {
      document = '';
      win.destroy();
    }
  };
  return { print: oneAtATime(printOne) };
}
