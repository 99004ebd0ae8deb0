import { describe, expect, it } from 'vitest';
import { directPrinting, givenUp, pdfOptions, printTimeoutMs, pdfWindowOptions, PDF_PARTITION, printFailure, printWindowOptions, PRINT_PARTITION, silentPrintOptions } from './print-options.js';
import { LOAD_TIMEOUT_MS, PAGE_WIDTH_PX } from '../core/print/pages.js';
import { REQUIRED_WEB_PREFERENCES } from './security/web-preferences.js';

describe('Electron print decisions', () => {
  it('a public kiosk prints straight to its printer, the named one or the default; a laptop only when kiosk.json names one', () => {
    expect(directPrinting({ profile: 'kiosk', printer: { name: 'Kiosk_Printer', copies: 1 } })).toEqual({ deviceName: 'Kiosk_Printer', copies: 1 });
    expect(directPrinting({ profile: 'kiosk', printer: { copies: 2 } })).toEqual({ copies: 2 });
    expect(directPrinting({ profile: 'kiosk', printer: { name: '  ', copies: 1 } })).toEqual({ copies: 1 });
    expect(directPrinting({ profile: 'counsellor', printer: { copies: 1 } })).toBeNull();
    expect(directPrinting({ profile: 'counsellor', printer: { name: 'Office', copies: 1 } })).toEqual({ deviceName: 'Office', copies: 1 });
  });
  it('prints silently on A4 to the configured printer, never more than 5 copies', () => {
    expect(silentPrintOptions({ deviceName: 'Kiosk_Printer', copies: 2 })).toMatchObject({ silent: true, deviceName: 'Kiosk_Printer', copies: 2, pageSize: 'A4', printBackground: true });
    expect(silentPrintOptions({ copies: 500 }).copies).toBe(5);
    expect(silentPrintOptions({ copies: 0 }).copies).toBe(1);
    expect(silentPrintOptions({})).not.toHaveProperty('deviceName');
  });
  it('lays the document out in a hidden window as locked down as the kiosk’s, in its own session, with no preload', () => {
    const o = printWindowOptions();
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({ ...REQUIRED_WEB_PREFERENCES, partition: PRINT_PARTITION, devTools: false });
    expect(o.webPreferences).not.toHaveProperty('preload');
  });
  it('says why a print failed, in words an operator can act on', () => {
    expect(printFailure(true, undefined)).toBeNull();
    expect(printFailure(false, 'cancelled')).toBe('the print was cancelled');
    expect(printFailure(false, 'Invalid deviceName provided')).toMatch(/printer\.name.*not installed/);
    expect(printFailure(false, 'Print job failed')).toBe('Print job failed');
    expect(printFailure(false, '')).toBe('the printer did not say why');
  });
  it('makes A4 PDFs that honour the sheet’s own page CSS', () => {
    expect(pdfOptions()).toEqual({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  });
  it('makes PDFs in a hidden window as locked down, in a session of its own (never serving a print\'s document), its page as wide as the printed text', () => {
    const o = pdfWindowOptions();
    expect(o.show).toBe(false);
    expect(o).toMatchObject({ width: Math.round(PAGE_WIDTH_PX), useContentSize: true });
    expect(o.webPreferences).toMatchObject({ ...REQUIRED_WEB_PREFERENCES, partition: PDF_PARTITION, devTools: false });
    expect(PDF_PARTITION).not.toBe(PRINT_PARTITION);
    expect(o.webPreferences).not.toHaveProperty('preload');
  });
  it('gives a PDF up when it is cancelled or takes too long (its window destroyed), and lets one that finishes through', async () => {
    const destroyed: string[] = [];
    const never = new Promise<Buffer>(() => {});
    await expect(givenUp(never, { ms: 30, onGiveUp: () => destroyed.push('late') })).rejects.toMatchObject({ body: { code: 'unavailable', message: expect.stringMatching(/did not finish within 0 s/) } });
    const cancel = new AbortController();
    const cancelled = givenUp(never, { ms: 60_000, signal: cancel.signal, onGiveUp: () => destroyed.push('cancelled') });
    cancel.abort();
    await expect(cancelled).rejects.toMatchObject({ body: { code: 'cancelled' } });
    const already = new AbortController();
    already.abort();
    await expect(givenUp(Promise.resolve(Buffer.from('x')), { ms: 60_000, signal: already.signal, onGiveUp: () => destroyed.push('before') })).rejects.toMatchObject({ body: { code: 'cancelled' } });
    expect(destroyed).toEqual(['late', 'cancelled', 'before']);
    await expect(givenUp(Promise.resolve('%PDF'), { ms: 60_000, signal: new AbortController().signal, onGiveUp: () => destroyed.push('done') })).resolves.toBe('%PDF');
    await expect(givenUp(Promise.reject(new Error('printToPDF failed')), { ms: 60_000, onGiveUp: () => destroyed.push('failed') })).rejects.toThrow('printToPDF failed');
    expect(destroyed).toEqual(['late', 'cancelled', 'before']); // a PDF made, or failed on its own, is not given up (its window goes in finally)
  });
  it('AICHINGU_PRINT_TIMEOUT_SECONDS: how long a print may take, 2 minutes unless set; a value out of 1–600 whole seconds is refused, naming the variable', () => {
    expect(printTimeoutMs(undefined)).toBe(LOAD_TIMEOUT_MS);
    expect(printTimeoutMs(' ')).toBe(120_000);
    expect(printTimeoutMs('30')).toBe(30_000);
    expect(printTimeoutMs('1')).toBe(1_000);
    expect(printTimeoutMs('600')).toBe(600_000);
    for (const bad of ['0', '601', '2.5', '-3', 'two minutes']) expect(() => printTimeoutMs(bad), bad).toThrow(/AICHINGU_PRINT_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 600/);
  });
});
