import { describe, expect, it } from 'vitest';
import { directPrinting, pdfOptions, printFailure, printWindowOptions, PRINT_PARTITION, silentPrintOptions } from './print-options.js';
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
});
