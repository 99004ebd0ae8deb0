/** A4 page geometry and PDF page counting: no Chromium here, so the core can start without loading it. */
import { PAGE_MARGIN_MM } from './sheet.js';

/** A4 at 96 CSS px per inch, less the page margins: the height one page holds. */
export const PAGE_CONTENT_PX = ((297 - 2 * PAGE_MARGIN_MM) / 25.4) * 96;
export const PAGE_WIDTH_PX = ((210 - 2 * PAGE_MARGIN_MM) / 25.4) * 96;

/** Counts the pages of a PDF Chromium wrote (its page objects). */
export function pdfPageCount(pdf: Uint8Array): number {
  return (new TextDecoder('latin1').decode(pdf).match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}
