/**
 * Electron's print path, as pure decisions (the Electron binary cannot run on our build
 * machines, so the glue in the shell issue stays one line per call):
 *   webContents.print(silentPrintOptions(cfg))   — straight to the kiosk's configured printer, A4
 *   webContents.printToPDF(pdfOptions())          — the same sheet as a PDF
 */
export interface KioskPrinterConfig {
  /** the printer's system name; unset = the system default */
  deviceName?: string;
  copies?: number;
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

export function pdfOptions() {
  return { pageSize: 'A4' as const, printBackground: true, preferCSSPageSize: true };
}
