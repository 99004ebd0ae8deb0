/**
 * Electron's print path, as pure decisions (the Electron binary cannot run on our build
 * machines; main/printer.main.ts is one Electron call per decision):
 *   directPrinting(config)                       — whether this device prints without a dialog, and to which printer
 *   new BrowserWindow(printWindowOptions())       — the hidden window a print document is laid out in
 *   webContents.print(silentPrintOptions(cfg))    — straight to that printer, A4
 *   printFailure(success, failureReason)          — what the printer's answer means
 *   webContents.printToPDF(pdfOptions())          — a sheet or booklet as a PDF (main/pdf.main.ts), in a
 *                                                   window of pdfWindowOptions() as wide as the printed page
 *   executeJavaScript(pageScript(fn, arg))        — a function run in the laid-out page (a booklet's page numbers;
 *                                                   core/print/pages.ts), with MEASURE_CSS inserted first
 *   givenUp(step, …)                              — a print's or PDF's steps given up on cancel or after printTimeoutMs(…)
 *   printTimeoutMs(AICHINGU_PRINT_TIMEOUT_SECONDS) — how long a print or PDF may take (default LOAD_TIMEOUT_MS)
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { KioskConfig } from '../core/config/kiosk-config.js';
import { REQUIRED_WEB_PREFERENCES } from './security/web-preferences.js';
import { LOAD_TIMEOUT_MS, PAGE_WIDTH_PX } from '../core/print/pages.js';
import { KioskApiError } from '../core/contract/result.js';

export interface KioskPrinterConfig {
  /** the printer's system name; unset = the system default */
  deviceName?: string;
  copies?: number;
}

/**
 * A public kiosk always prints straight to its printer (the one kiosk.json names, else the
 * system's default): a print dialog in front of a grandmother is a dead end. A counsellor's
 * laptop does so only when kiosk.json names a printer; otherwise its user picks one in the
 * system's dialog (null: the UI prints through the dialog).
 */
export function directPrinting(config: Pick<KioskConfig, 'profile' | 'printer'>): KioskPrinterConfig | null {
  const named = config.printer.name?.trim();
  if (config.profile === 'counsellor' && !named) return null;
  return { ...(named ? { deviceName: named } : {}), copies: config.printer.copies };
}

export function silentPrintOptions(cfg: KioskPrinterConfig) {
  const copies = Math.min(Math.max(Math.trunc(cfg.copies ?? 1), 1), 5); // a kiosk never prints a stack by accident
  return {
    silent: true,
    printBackground: true,
    ...(cfg.deviceName ? { deviceName: cfg.deviceName } : {}),
    copies,
    pageSize: 'A4' as const,
    margins: { marginType: 'default' as const },
  };
}

/** The partition the print windows use: their own session, whose only "network" is the print document and its fonts (core/print/print-origin.node.ts). */
export const PRINT_PARTITION = 'print';

/**
 * The hidden window a print document is laid out in: never shown, the kiosk window's lockdown
 * (no Node, isolated, sandboxed), its own session, no preload — the page cannot reach the core.
 * Scripts run only so that the shell can wait for the fonts (`document.fonts.ready`); the
 * document, built by the core, has none of its own.
 */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794, // A4 at 96 dpi
    height: 1123,
    webPreferences: { ...REQUIRED_WEB_PREFERENCES, partition: PRINT_PARTITION, devTools: false, spellcheck: false, navigateOnDragDrop: false, backgroundThrottling: false },
  };
}

/** The partition PDFs are made in: a session of its own, so a PDF being made and a print going to paper never serve each other's document. */
export const PDF_PARTITION = 'print-pdf';

/**
 * The hidden window a PDF is made in: the print window's lockdown, its own session, and a page
 * exactly as wide as the printed page's text (A4 less its margins, as the web host's Chromium page
 * is): a booklet measures its sections there to number its contents.
 */
export function pdfWindowOptions(): BrowserWindowConstructorOptions {
  const o = printWindowOptions();
  return { ...o, width: Math.round(PAGE_WIDTH_PX), height: 1100, useContentSize: true, webPreferences: { ...o.webPreferences, partition: PDF_PARTITION } };
}

/** Lays the page out, then waits for the web fonts its text needs (without this a print could race the font and come out in a system font). */
export const FONTS_READY = 'document.body.getBoundingClientRect(), document.fonts.ready.then(() => true)';

/**
 * CSS put into the PDF window before a booklet measures itself: no scrollbar (a booklet is taller
 * than the window, and a scrollbar would take ~16 px off the page's 688, making sections taller
 * than printed and the contents' page numbers wrong — playwright's headless Chromium hides them too).
 */
export const MEASURE_CSS = 'html { scrollbar-width: none; } ::-webkit-scrollbar { display: none; }';

/**
 * `step` given up when the print is cancelled or after `ms` (a page that never loads must not hold
 * every later print): rejects with a KioskApiError, cancelled or unavailable; `onGiveUp` runs first
 * (the shell destroys the window).
 */
export function givenUp<T>(step: Promise<T>, o: { ms: number; signal?: AbortSignal; onGiveUp: () => void }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const settled = () => (clearTimeout(timer), o.signal?.removeEventListener('abort', cancelled));
    const stop = (e: KioskApiError) => (settled(), o.onGiveUp(), reject(e));
    const cancelled = () => stop(new KioskApiError({ code: 'cancelled', message: 'the print was cancelled' }));
    const timer = setTimeout(() => stop(new KioskApiError({ code: 'unavailable', message: `the print did not finish within ${Math.round(o.ms / 1000)} s` })), o.ms);
    if (o.signal?.aborted) return cancelled();
    o.signal?.addEventListener('abort', cancelled, { once: true });
    step.then(
      (v) => (settled(), resolve(v)),
      (e: unknown) => (settled(), reject(e as Error)),
    );
  });
}

/**
 * AICHINGU_PRINT_TIMEOUT_SECONDS: how long one print (onto paper, or a PDF) may take before it is
 * given up — by default LOAD_TIMEOUT_MS (2 minutes), 1 to 600 seconds. A printer that never answers
 * (an unplugged USB printer, a spooler stuck) is given up after it, so the next print is not held.
 */
export function printTimeoutMs(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return LOAD_TIMEOUT_MS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 600) throw new Error(`AICHINGU_PRINT_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 600 (the default is ${LOAD_TIMEOUT_MS / 1000}); got "${value}"`);
  return n * 1000;
}

/** webContents.print's callback as the kiosk reports it: null when the printer took the job, else the reason in words. */
export function printFailure(success: boolean, failureReason: string | undefined): string | null {
  if (success) return null;
  if (failureReason === 'cancelled') return 'the print was cancelled';
  if (failureReason === 'Invalid deviceName provided') return 'the printer named in kiosk.json (printer.name) is not installed on this device';
  return failureReason?.trim() || 'the printer did not say why';
}

export function pdfOptions() {
  return { pageSize: 'A4' as const, printBackground: true, preferCSSPageSize: true };
}
