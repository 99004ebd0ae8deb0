import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { directPrinting, pageScript, pdfOptions, pdfWindowOptions, PDF_PARTITION, printFailure, printWindowOptions, PRINT_PARTITION, silentPrintOptions } from './print-options.js';
import { PAGE_WIDTH_PX } from '../core/print/pages.js';
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
  it('runs a function in the page as its own source with its one argument as JSON (quotes, Korean and a closing script tag intact)', () => {
    const arg = { pageHeight: 1010.5, title: '손자녀 "돌봄" </script>' };
    const script = pageScript((a: typeof arg) => `${a.title}|${Math.ceil(2100 / a.pageHeight)}`, arg);
    expect(runInNewContext(script)).toBe('손자녀 "돌봄" </script>|3');
    expect(runInNewContext(pageScript(() => 42, undefined))).toBe(42);
    // it carries nothing of the shell: a name from outside the function is not there in the page
    const outside = 7;
    expect(() => runInNewContext(pageScript(() => outside, null))).toThrow(/outside is not defined/);
  });
});
