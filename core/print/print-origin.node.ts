/**
 * What a print document may load: the document itself at PRINT_ORIGIN's root, and the shipped
 * fonts under /fonts/ — nothing else (no other site, no file outside the fonts folder). One
 * decision for both printers: Chromium making PDFs (pdf.node.ts) and the Electron shell printing
 * straight to the kiosk's printer (main/printer.main.ts).
 */
import { join, normalize, sep } from 'node:path';
import { PRINT_ORIGIN } from './sheet.js';

const FONT_TYPES: Record<string, string> = { '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff' };

/** A file under the fonts folder for a request path, or null for anything that would leave it. */
export function fontFile(fontsDir: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.replace(/^\/fonts\//, ''));
  } catch {
    return null; // a malformed escape
  }
  if (!rel || rel.includes('\0')) return null;
  const file = normalize(join(fontsDir, rel));
  return file.startsWith(normalize(fontsDir) + sep) ? file : null;
}

export type PrintRoute = { kind: 'document' } | { kind: 'font'; file: string; type: string } | { kind: 'not_found' } | { kind: 'refused' };

/** Where a request from a print document goes. */
export function printRoute(fontsDir: string, url: string): PrintRoute {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { kind: 'refused' };
  }
  if (u.origin !== PRINT_ORIGIN) return { kind: 'refused' };
  if (u.pathname === '/') return { kind: 'document' };
  const file = u.pathname.startsWith('/fonts/') ? fontFile(fontsDir, u.pathname) : null;
  const type = file ? FONT_TYPES[file.slice(file.lastIndexOf('.'))] : undefined;
  return file && type ? { kind: 'font', file, type } : { kind: 'not_found' };
}
