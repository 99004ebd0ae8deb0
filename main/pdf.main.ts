/**
 * PDFs (sheets, booklets, receipts) made with the shell's own Chromium, for the core
 * (CoreEnv.pdfMaker): the packed app has no /usr/bin/chromium to launch (a Windows kiosk never
 * does), so the print document is laid out in a hidden window of its own session — which serves
 * the document and the shipped fonts under PRINT_ORIGIN and nothing else — and printed with
 * webContents.printToPDF. One PDF at a time; a PDF cancelled or not made within
 * `timeoutMs` is given up and its window destroyed, so it never holds the next one. The
 * decisions are main/print-options.ts's.
 */
import { BrowserWindow } from 'electron';
import type { PageEvaluate, PdfJob, PdfMaker } from '../core/env.node.js';
import type { Logger } from '../core/log.node.js';
import { PRINT_ORIGIN } from '../core/print/sheet.js';
import { pageScript } from '../core/print/pages.js';
import { oneAtATime } from '../core/print/one-at-a-time.js';
import { throwIfCancelled } from '../core/contract/result.js';
import { FONTS_READY, givenUp, MEASURE_CSS, pdfOptions, pdfWindowOptions, PDF_PARTITION } from './print-options.js';
import { documentServer } from './printer.main.js';

export function electronPdfMaker(fontsDir: string, logger: Logger, timeoutMs: number): PdfMaker {
  const served = documentServer(PDF_PARTITION, fontsDir);
  const renderOne = async (job: PdfJob): Promise<Buffer> => {
    throwIfCancelled(job.signal, 'the print');
    const started = Date.now();
    served.show(job.html);
    const win = new BrowserWindow(pdfWindowOptions());
    const make = async (): Promise<Buffer> => {
      await win.loadURL(`${PRINT_ORIGIN}/`);
      await win.webContents.insertCSS(MEASURE_CSS);
      await win.webContents.executeJavaScript(FONTS_READY);
      const evaluate: PageEvaluate = (fn, arg) => win.webContents.executeJavaScript(pageScript(fn, arg));
      if (job.prepare) await job.prepare(evaluate);
      return win.webContents.printToPDF(pdfOptions());
    };
    try {
      const pdf = await givenUp(make(), { ms: timeoutMs, signal: job.signal, onGiveUp: () => win.destroy() });
      logger.info({ event: 'printer.pdf', bytes: pdf.length, ms: Date.now() - started }, 'PDF made');
      return pdf;
    } catch (e) {
      logger.warn({ event: 'printer.pdf_failed', err: e, ms: Date.now() - started }, 'no PDF made');
      throw e;
    } finally {
      served.show('');
      if (!win.isDestroyed()) win.destroy();
    }
  };
  return { render: oneAtATime(renderOne), close: async () => {} };
}
