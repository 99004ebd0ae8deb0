/**
 * "Apply through the agency": for a policy the kiosk does not take applications for, a card made
 * from its catalogue entry alone — where to apply (the agency and how), what to bring (the
 * documents), the phone numbers, and the online page with a QR code to scan with a phone (an
 * SVG drawn here from the QR matrix, synchronously). A pure function: the same entry gives the
 * same card; nothing is invented — a part the entry does not state is left out (null / empty).
 */
import QRCode from 'qrcode';
import { readableUrl } from '../catalogue/online.node.js';
import type { Entry, Lang } from '../../db/catalogue/schema.js';

export interface AgencyCard {
  id: string;
  title: string;
  /** the agency that takes the application, in the entry's words */
  agency: string | null;
  /** how and where to apply */
  how: string | null;
  /** the address, when the entry is a place */
  address: string | null;
  /** what to bring */
  bring: string[];
  phones: { number: string; label: string | null }[];
  /** the online page: its address, as people read it (a Korean domain in Hangul), and a QR code (SVG) */
  online: { url: string; text: string; qrSvg: string } | null;
  /** the language each text is in (Korean where the entry has none in `lang`) */
  lang: Lang;
  /** when the facts were last checked, and whether they must be checked before use */
  lastVerified: string;
  verifyBeforeUse: boolean;
}

type Text = { ko: string; en?: string; vi?: string; zh?: string };
const pick = (t: Text | undefined, lang: Lang): string | null => (t ? (t[lang] ?? t.ko) : null);


/** A QR code of `text` as an SVG (one path, dark modules on a white quiet zone of 4), drawn synchronously. */
export function qrCodeSvg(text: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const q = 4;
  let d = '';
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) d += `M${c + q} ${r + q}h1v1h-1z`;
  const s = n + 2 * q;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${s} ${s}" shape-rendering="crispEdges" role="img" aria-label="QR"><rect width="${s}" height="${s}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`;
}

export function agencyCard(entry: Entry, lang: Lang = 'ko'): AgencyCard {
  const docs = entry.documents ? (entry.documents[lang] ?? entry.documents.ko) : [];
  return {
    id: entry.id,
    title: pick(entry.title, lang)!,
    agency: pick(entry.organization?.name, lang),
    how: pick(entry.how_to_apply, lang) ?? pick(entry.where, lang),
    address: pick(entry.location?.address, lang),
    bring: [...docs],
    phones: entry.phones.map((p) => ({ number: p.number, label: pick(p.label, lang) })),
    online: entry.online_url ? { url: entry.online_url, text: readableUrl(entry.online_url), qrSvg: qrCodeSvg(entry.online_url) } : null,
    lang,
    lastVerified: entry.last_verified,
    verifyBeforeUse: entry.verify_before_use,
  };
}
