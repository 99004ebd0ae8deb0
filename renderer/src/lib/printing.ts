/**
 * How this kiosk prints (KioskApi settings.printing): `direct` — the host prints to its own
 * printer, no dialog (the Electron shell); `dialog` — the browser's print dialog (react-to-print).
 */
import { createContext, useContext } from 'react';
import type { PrintingMode } from '../../../core/contract/lists';

export type Printing = PrintingMode;
export const PrintingContext = createContext<Printing>('dialog');
export const usePrinting = (): Printing => useContext(PrintingContext);
