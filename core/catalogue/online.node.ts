/**
 * An entry's online page as people read it: the address with its Korean domain in Hangul
 * (www.광주아이키움.kr, not the punycode xn--…), and a QR code to scan it with a phone.
 */
import { domainToUnicode } from 'node:url';
import type { EntryView } from '../contract/kiosk-api.js';
import { qrSvg } from '../print/sheet.js';

/** The address for reading: the host in Unicode, no trailing slash; the same address when it is not a URL. */
export function readableUrl(url: string): string {
  try {
    const u = new URL(url);
    const host = domainToUnicode(u.hostname) || u.hostname;
    const rest = `${u.pathname === '/' ? '' : u.pathname}${u.search}${u.hash}`;
    return `${u.protocol === 'https:' ? '' : `${u.protocol}//`}${host}${u.port ? `:${u.port}` : ''}${rest}`;
  } catch {
    return url; // not a URL: shown as it is written in the catalogue
  }
}

/** The entry view with its online page made readable and scannable. */
export async function withOnline(v: EntryView): Promise<EntryView> {
  if (!v.onlineUrl) return v;
  return { ...v, onlineText: readableUrl(v.onlineUrl), onlineQr: await qrSvg(v.onlineUrl) };
}
