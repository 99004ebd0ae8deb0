import { describe, expect, it } from 'vitest';
import { pdfOptions, silentPrintOptions } from './print-options.js';

describe('Electron print decisions', () => {
  it('prints silently on A4 to the configured printer, never more than 5 copies', () => {
    expect(silentPrintOptions({ deviceName: 'Kiosk_Printer', copies: 2 })).toMatchObject({ silent: true, deviceName: 'Kiosk_Printer', copies: 2, pageSize: 'A4', printBackground: true });
    expect(silentPrintOptions({ copies: 500 }).copies).toBe(5);
    expect(silentPrintOptions({ copies: 0 }).copies).toBe(1);
    expect(silentPrintOptions({})).not.toHaveProperty('deviceName');
  });
  it('makes A4 PDFs that honour the sheet’s own page CSS', () => {
    expect(pdfOptions()).toEqual({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  });
});
