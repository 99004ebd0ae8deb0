/**
 * The receipt a person leaves with (issue 14): built from the outbox record's envelope only —
 * the service, the receipt number the device gave at submit (or, when it had none left, a
 * sentence that the number comes once the application is sent), when it was taken, what
 * happens next, the 1279 centre's phone from the catalogue, and how to check the status at a
 * kiosk — or, for an application the hub refused, that it has not reached the agency yet (no
 * promise of a call). While it is only sealed on the device (not yet sent), the state says so —
 * kept safely here, sent to the agency once the internet connects — never that it was received. Nothing personal: the device cannot read the sealed application, and the
 * sheet never asks for it. Environment-free, like sheet.ts: the print service adds the strings and phones.
 */
import { receiptState, type ReceiptStanding } from '../contract/receipt-state.js';
import { esc, type Translate } from './sheet.js';

/** What the receipt is made from: the envelope, and the hub's answer once there is one (how it stands is the receipt screen's ReceiptStanding). */
export interface ReceiptFacts extends ReceiptStanding {
  clientId: string;
  service: string;
  /** ISO time the application was taken */
  createdAt: string;
  /** NNNN-NNNN-C, or null when the device had no number left (the hub gives one) */
  receipt: string | null;
  /** the centre's answer to a reservation, once the device knows it (null until then) */
  status: Exclude<ReceiptStanding['status'], undefined>;
  /** a decline's reason (the centre's words, nothing personal) */
  statusReason: string | null;
}

/** An ISO time as Korea's wall clock (UTC+9, no daylight saving): `2026-12-02 09:40`. */
export function koreaTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const row = (label: string, body: string) => `<div class="row"><dt>${esc(label)}</dt><dd>${body}</dd></div>`;

/** The receipt as a print section (one A4 page; the print CSS's .receipt-sheet rules). */
export function receiptSection(f: ReceiptFacts, c: { t: Translate; centrePhones: string[]; large?: boolean }): string {
  const t = c.t;
  const standing = receiptState(f);
  const state = t(standing.key, standing.values);
  const next = f.refused || f.status === 'confirmed' || f.status === 'declined' ? '' : t(f.submitted === 'requested' ? 'print.receipt.nextRequested' : 'print.receipt.nextReceived');
  const number = f.receipt
    ? `<p class="label">${esc(t('print.receipt.number'))}</p><p class="receipt-no">${esc(f.receipt)}</p>`
    : `<p class="label">${esc(t('print.receipt.number'))}</p><p class="no-number">${esc(t('print.receipt.noNumber'))}</p>`;
  return `<section class="receipt-sheet${c.large ? ' large' : ''}" data-receipt="${esc(f.receipt ?? '')}">
  <header>
    <p class="brand">${esc(t('app.title'))}</p>
    <h1>${esc(t('print.receipt.title'))}</h1>
  </header>
  <div class="number">${number}</div>
  <dl>
    ${row(t('print.receipt.service'), `<strong>${esc(t(`forms.service.${f.service}`))}</strong>`)}
    ${row(t('print.receipt.takenAt'), esc(koreaTime(f.createdAt)))}
    ${row(t('print.receipt.state'), esc(state))}
    ${next ? row(t('print.receipt.next'), esc(next)) : ''}
  </dl>
  ${f.receipt && !f.refused ? `<p class="note check">${esc(t('print.receipt.check'))}</p>` : ''}
  <p class="keep">${esc(t('print.receipt.keep'))}</p>
  <footer>
    <p class="centre">${esc(t('print.centre'))} <strong>${c.centrePhones.map(esc).join(' · ')}</strong></p>
  </footer>
</section>`;
}

/** The receipt's own print rules, added to PRINT_CSS. */
export const RECEIPT_CSS = `
.receipt-sheet header { border-bottom: 2.5pt solid #0b3d91; padding-bottom: 3mm; margin-bottom: 5mm; }
.receipt-sheet .number { border: 2pt solid #000; border-radius: 3mm; padding: 4mm 6mm; margin: 0 0 6mm; text-align: center; }
.receipt-sheet .number .label { margin: 0; font-size: 13pt; font-weight: 700; }
.receipt-sheet .receipt-no { margin: 1mm 0 0; font-size: 40pt; font-weight: 700; letter-spacing: 0.06em; line-height: 1.15; font-variant-numeric: tabular-nums; }
.receipt-sheet .no-number { margin: 2mm 0 0; font-size: 14pt; }
.receipt-sheet dl { font-size: 13pt; }
.receipt-sheet .row { grid-template-columns: 38mm 1fr; }
.receipt-sheet .check { font-size: 13pt; font-weight: 700; }
.receipt-sheet .keep { font-size: 11pt; margin: 3mm 0; }
.receipt-sheet footer .centre { font-size: 14pt; }
.receipt-sheet.large { font-size: 16pt; } .receipt-sheet.large .receipt-no { font-size: 52pt; } .receipt-sheet.large dl, .receipt-sheet.large .check { font-size: 17pt; }
`;
