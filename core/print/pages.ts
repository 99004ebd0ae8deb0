/** A4 page geometry and PDF page counting: no Chromium here, so the core can start without loading it. */
import { PAGE_MARGIN_MM } from './sheet.js';

/** A4 at 96 CSS px per inch, less the page margins: the height one page holds. */
export const PAGE_CONTENT_PX = ((297 - 2 * PAGE_MARGIN_MM) / 25.4) * 96;
export const PAGE_WIDTH_PX = ((210 - 2 * PAGE_MARGIN_MM) / 25.4) * 96;

/** Counts the pages of a PDF Chromium wrote (its page objects). */
export function pdfPageCount(pdf: Uint8Array): number {
  return (new TextDecoder('latin1').decode(pdf).match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

/** The Chromium that makes PDFs where the host has no PDF maker of its own: CHROMIUM_PATH, else Debian's. */
export const pdfChromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** How long a print document may take to load (and a PDF to be made) before the print is given up. */
export const LOAD_TIMEOUT_MS = 120_000;

/** A value that crosses into a print page as JSON unchanged. */
export type PageJson = string | number | boolean | null | PageJson[] | { [k: string]: PageJson };

/**
 * The source a print page runs for `fn(arg)`: the function's own source and its one argument as
 * JSON — what both PDF makers evaluate (playwright's page on the web host, Electron's
 * executeJavaScript in the shell), so a booklet measures itself the same way in both. The function
 * can use nothing from outside itself (keep it free of named inner functions: a bundler's keepNames
 * would wrap them in a helper the page does not have).
 */
export function pageScript(fn: (arg: never) => unknown, arg: PageJson): string {
  return `(${fn.toString()})(${JSON.stringify(arg)})`;
}
