/**
 * Policy sheets and booklets as print HTML (A4). One builder serves every path: the CLI and
 * the web host render it to PDF in Chromium; the kiosk UI prints the same HTML with
 * react-to-print; Electron prints it silently.
 */
/** A translation function over the UI's own strings (core/contract/locales). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;
import type { EntryView, Finding, Lang, Text } from '../contract/kiosk-api.js';
import { ageText, sourceDate } from '../contract/age.js';
import { arrangeFindings, itemCount, type Item } from '../contract/findings.js';
import type { Circumstance } from '../contract/questionnaire.js';

export interface SheetContext {
  lang: Lang;
  large: boolean;
  t: Translate;
  catalogueVersion: string;
  catalogueDate: string;
  centrePhones: string[];
  /** small map (SVG) for a facility, when a boundary layer is imported */
  mapSvg?: string;
}

export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const tx = (x: Text | undefined) => (x ? `<span lang="${x.lang}">${esc(x.text)}</span>` : '');
const row = (label: string, body: string) => (body ? `<div class="row"><dt>${esc(label)}</dt><dd>${body}</dd></div>` : '');

/** "바뀌었을 수 있어요 — 전화로 확인하세요" for a figure that is no longer current (core/contract/freshness.ts), else nothing. */
function stale(a: { year: string; current: boolean; until?: string }, t: Translate): string {
  if (a.current) return '';
  return ` <strong class="stale">${esc(a.until ? t('entry.amountExpired', { until: a.until }) : t('entry.amountOld', { year: a.year }))}</strong>`;
}

/** A QR code of a web address, as SVG (the QR library loads on first use, not with the kiosk). */
export async function qrSvg(url: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
}

/** One entry as an A4 sheet section. */
export async function sheetSection(e: EntryView, c: SheetContext): Promise<string> {
  const t = c.t;
  const days = (s: EntryView['schedules'][number]) =>
    `${s.byday.map((d) => t(`day.${d}`)).join('·')} ${s.opensAt} ~ ${s.overnight ? `${t('entry.overnight')} ` : ''}${s.closesAt}${s.closedOnHolidays ? ` (${t('entry.holidaysClosed')})` : ''}`;
  const qr = e.onlineQr ?? (e.onlineUrl ? await qrSvg(e.onlineUrl) : '');
  const age = ageText(e.eligibility, t);
  const someKorean = c.lang !== 'ko' && [e.title, e.summary, e.who, e.what, e.howToApply].some((x) => x?.lang === 'ko');
  return `<section class="sheet${c.large ? ' large' : ''}" data-entry="${esc(e.id)}">
  <header>
    <p class="brand">${esc(t('app.title'))} · ${esc(t(`kind.${e.kind}`))}</p>
    <h1>${tx(e.title)}</h1>
    ${e.officialTitle && e.officialTitle.text !== e.title.text ? `<p class="official">${esc(t('entry.official'))}: ${tx(e.officialTitle)}</p>` : ''}
    ${e.translatedByTeam ? `<p class="official">${esc(t('entry.translatedByTeam'))}</p>` : ''}
    <p class="summary">${tx(e.summary)}</p>
    ${someKorean ? `<p class="note">${esc(t('entry.onlyKorean'))}</p>` : ''}
    ${e.status === 'discontinued' ? `<p class="note">${esc(t('entry.discontinued'))}</p>` : ''}
  </header>
  <div class="body">
    <dl>
      ${row(t('entry.who'), [tx(e.who), age && `<strong>${esc(age)}</strong>`].filter(Boolean).join('<br>'))}
      ${row(t('entry.what'), tx(e.what))}
      ${e.amount ? row(t('entry.amount'), `${tx(e.amount.text)} <strong class="year">(${esc(t('entry.amountYear', { year: e.amount.year }))})</strong>${stale(e.amount, t)}`) : ''}
      ${row(t('entry.howToApply'), tx(e.howToApply))}
      ${row(t('entry.where'), [tx(e.where), e.location ? `${esc(t('entry.address'))}: ${tx(e.location.address)}` : ''].filter(Boolean).join('<br>'))}
      ${row(t('entry.phone'), e.phones.map((p) => `<strong class="phone">${esc(p.number)}</strong>${p.label ? ` ${tx(p.label)}` : ''}`).join('<br>'))}
      ${e.documents ? row(t('entry.documents'), `<span lang="${e.documents.lang}">${e.documents.items.map(esc).join(' · ')}</span>`) : ''}
      ${e.schedules.length ? row(t('entry.hours'), e.schedules.map(days).map(esc).join('<br>')) : ''}
    </dl>
    ${qr ? `<aside class="qr">${qr}<p>${esc(t('print.scan'))}</p><p class="url">${esc(e.onlineText ?? e.onlineUrl ?? '')}</p></aside>` : ''}
  </div>
  ${c.mapSvg ? `<figure class="minimap">${c.mapSvg}<figcaption>${esc(e.location?.geoPrecision === 'exact' ? t('print.mapExact') : t('print.mapApprox'))}</figcaption></figure>` : ''}
  ${e.verifyBeforeUse ? `<p class="note">${esc(t('entry.verifyBeforeUse'))}${e.verifyPhone ? ` <strong>${esc(t('entry.verifyCall', { phone: e.verifyPhone.number, label: e.verifyPhone.label ? ` — ${e.verifyPhone.label.text}` : '' }))}</strong>` : ''}</p>` : ''}
  <footer>
    <p class="centre">${esc(t('print.centre'))} <strong>${c.centrePhones.map(esc).join(' · ')}</strong></p>
    <p class="meta">${esc(t('entry.lastVerified', { date: e.lastVerified }))} · ${esc(t('entry.sources'))}: ${e.sources.map((s) => esc(`${s.title} (${sourceDate(t, s.date)})`)).join('; ')}</p>
    ${e.sourceNotes ? `<p class="meta source-notes">${tx(e.sourceNotes)}</p>` : ''}
    <p class="meta">${esc(t('print.version', { version: c.catalogueVersion, date: c.catalogueDate }))}</p>
  </footer>
</section>`;
}

/**
 * The finder's results as a personal summary, at most two A4 pages: what the household can get
 * (amount with its year, whom to call), then what to check with a call — no "not eligible" list,
 * no buttons, no personal data; of the answers only what was ticked in "이 중에 해당하는 것이 있나요?"
 * (`said`: 다문화가족, 장애 …, which is why some programs are a yes), as the screen shows it.
 */
export function summarySection(findings: Finding[], c: Pick<SheetContext, 't' | 'lang' | 'large' | 'centrePhones'>, said?: (Circumstance | 'none')[]): string {
  const t = c.t;
  const { eligible, unknown } = arrangeFindings(findings);
  // Two A4 pages hold about SUMMARY_LINES lines of the summary's type; what does not fit is
  // counted, with the centre's number to ask (the eligible list comes first and is never cut).
  const fit = c.large ? SUMMARY_LARGE : SUMMARY_NORMAL;
  let budget = fit.lines;
  const lines = (s: string) => Math.max(1, Math.ceil(s.length / fit.chars));
  const tickedLine = said ? `${t('finder.ticked')}: ${said.map((k) => t(`finder.short.${k}`)).join(' · ')}` : '';
  if (tickedLine) budget -= lines(tickedLine) + 0.5;
  const facts = (f: Finding) => {
    const amount = f.amount ? `${f.amount.text.text} (${t('finder.amountYear', { year: f.amount.year })})${f.amount.current ? '' : ' ' + t('entry.amountOld', { year: f.amount.year })}` : '';
    const call = f.phone ? `☎ ${f.phone.number}${f.phone.label ? ` ${f.phone.label.text}` : ''}` : '';
    budget -= (amount ? lines(amount) : 0) + (call ? lines(call) : 0);
    return [
      f.amount ? `<span class="amount">${tx(f.amount.text)} <small>(${esc(t('finder.amountYear', { year: f.amount.year }))})</small>${stale(f.amount, t)}</span>` : '',
      f.phone ? `<span class="call">☎ ${esc(f.phone.number)}${f.phone.label ? ` <small>${tx(f.phone.label)}</small>` : ''}</span>` : '',
    ].join('');
  };
  const toCheck = (f: Finding) => {
    const open = f.reasons.filter((r) => r.met === null).slice(0, 2).map((r) => (r.code === 'expired' ? t('finder.expired', { until: r.until }) : r.text));
    budget -= open.reduce((n, r) => n + lines(`? ${r}`), 0);
    return open.length ? `<ul class="reasons">${open.map((r) => `<li>? ${esc(r)}</li>`).join('')}</ul>` : '';
  };
  const title = (f: Finding) => {
    const group = f.forGroup ? t(`finder.forGroup.${f.forGroup}`) : '';
    budget -= lines(group ? `${group} — ${f.title.text}` : f.title.text) + 0.3;
    return `${group ? `<em>${esc(group)}</em> — ` : ''}<strong>${tx(f.title)}</strong>`;
  };
  const item = (i: Item, check: boolean) =>
    i.kind === 'one'
      ? `<li>${title(i.finding)}${facts(i.finding)}${check ? toCheck(i.finding) : ''}</li>`
      : `<li class="choice"><strong>${esc(t('finder.choice'))}</strong><ul>${i.options
          .map((o) => `<li>${o.choice ? `<em>${tx(o.choice.label)}</em> — ` : ''}${title(o)}${facts(o)}${check || o.result !== 'eligible' ? toCheck(o) : ''}</li>`)
          .join('')}</ul></li>`;
  const section = (label: string, items: Item[], check: boolean, cut: boolean) => {
    if (!items.length) return '';
    budget -= 2.5;
    const shown: string[] = [];
    let left = 0;
    for (const i of items) {
      if (cut && budget < 4) left += i.kind === 'one' ? 1 : i.options.length;
      else shown.push(item(i, check));
    }
    return `<h2>${esc(label)} (${itemCount(items)})</h2><ol class="findings">${shown.join('')}</ol>${left ? `<p class="more">${esc(t('finder.more', { n: left }))}</p>` : ''}`;
  };
  return `<section class="summary-sheet${c.large ? ' large' : ''}" data-summary="finder">
  <header><p class="brand">${esc(t('app.title'))}</p><h1>${esc(t('print.summaryTitle'))}</h1><p class="note">${esc(t('print.summaryNote'))}</p>${tickedLine ? `<p class="ticked">${esc(tickedLine)}</p>` : ''}</header>
  ${section(t('finder.eligible'), eligible, false, false)}
  ${section(t('finder.unknown'), unknown, true, true)}
  ${eligible.length + unknown.length === 0 ? `<p>${esc(t('finder.none'))}</p>` : ''}
  <footer><p class="centre">${esc(t('print.centre'))} <strong>${c.centrePhones.map(esc).join(' · ')}</strong></p></footer>
</section>`;
}
/**
 * What two A4 pages of the summary hold (14 mm margins), less the header and footer, with room
 * to spare: lines, and characters of mixed Korean and Latin text on one line, counted low so a
 * line is never underestimated. In its type (10.5 pt, 1.35 line height), and in large type
 * (15 pt): about 1.45 times as tall and as wide, so fewer lines of fewer characters. The large
 * type's count was 62 until the nothing-answered summary ran onto a third page by its footer
 * (phone labels got shorter, so the estimate let one more entry in): 52 leaves a few lines spare.
 */
const SUMMARY_NORMAL = { lines: 88, chars: 44 };
const SUMMARY_LARGE = { lines: 52, chars: 33 };

/** Where a printed document finds its fonts: the print service serves the shipped ones under this address (never from disk paths in the page). */
export const PRINT_ORIGIN = 'http://print.invalid';

/**
 * The shipped fonts a document in this language links, regular and bold: Noto Sans KR always; for
 * Chinese, Noto Sans SC first (Han characters in their Simplified Chinese forms, and every glyph a
 * TrueType font in the PDF — the system's CJK collection came out as Type 3). Folders under /fonts/
 * are the @fontsource packages' names (core/env.node.ts lays them out so in both source and dist).
 */
export const printFonts = (lang: Lang): string[] => (lang === 'zh' ? ['noto-sans-sc', 'noto-sans-kr'] : ['noto-sans-kr']);

/** The whole printable document: the shipped fonts (Noto Sans KR; SC too for Chinese), A4 pages. */
export function printDocument(body: string, lang: Lang, title: string): string {
  const links = printFonts(lang)
    .flatMap((f) => ['400', '700'].map((w) => `<link rel="stylesheet" href="${PRINT_ORIGIN}/fonts/${f}/${w}.css">`))
    .join('');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(title)}</title>
${links}
<style>${PRINT_CSS}</style></head><body>${body}</body></html>`;
}

export const PAGE_MARGIN_MM = 14;
export const PRINT_CSS = `
@page { size: A4; margin: ${PAGE_MARGIN_MM}mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: 'Noto Sans KR', 'Noto Sans CJK KR', 'Noto Sans CJK SC', sans-serif; font-size: 11.5pt; line-height: 1.45; color: #000; word-break: keep-all; overflow-wrap: anywhere; orphans: 1; widows: 1; }
/* Chinese has no spaces: keep-all made a whole sentence one word that overflow-wrap then cut anywhere (a line of
   its own for "。"); Chinese breaks between characters, by its own rules (as the screen does: styles.css) */
:root:lang(zh) body { word-break: normal; line-break: strict; font-family: 'Noto Sans SC', 'Noto Sans KR', sans-serif; }
:root:lang(zh) body :lang(ko) { word-break: keep-all; font-family: 'Noto Sans KR', 'Noto Sans SC', sans-serif; } /* a Korean name within, marked as Korean: whole words, Korean letterforms */
section { break-before: page; }
section:first-child { break-before: auto; }
.sheet header { border-bottom: 2.5pt solid #0b3d91; padding-bottom: 4mm; margin-bottom: 4mm; }
.brand { margin: 0; font-weight: 700; color: #0b3d91; }
h1 { font-size: 22pt; line-height: 1.2; margin: 1mm 0 2mm; }
.official { margin: 0 0 1mm; color: #333; }
.summary { font-size: 13pt; font-weight: 700; margin: 2mm 0 0; }
.note { border: 1pt solid #000; padding: 1.5mm 3mm; margin: 3mm 0; }
.body { display: flex; gap: 6mm; align-items: flex-start; }
dl { flex: 1; margin: 0; }
.row { display: grid; grid-template-columns: 30mm 1fr; gap: 3mm; padding: 2mm 0; border-bottom: 0.5pt solid #999; }
dt { font-weight: 700; }
dd { margin: 0; }
.phone { font-size: 13pt; }
.qr { width: 38mm; text-align: center; font-size: 8.5pt; }
.qr svg { width: 34mm; height: 34mm; }
.qr .url { word-break: break-all; font-size: 7pt; }
.minimap { margin: 3mm 0; } .minimap svg { width: 70mm; height: auto; border: 0.5pt solid #999; } .minimap figcaption { font-size: 8.5pt; }
footer { margin-top: 5mm; border-top: 1pt solid #000; padding-top: 2mm; font-size: 8.5pt; }
footer .centre { font-size: 11pt; margin: 0 0 1mm; }
footer .meta { margin: 0; color: #222; }
.large { font-size: 16pt; }
.large h1 { font-size: 30pt; }
.large .summary { font-size: 18pt; }
.large .row { grid-template-columns: 38mm 1fr; }
.large .phone { font-size: 20pt; }
.large footer { font-size: 11pt; } .large footer .centre { font-size: 15pt; }
/* booklet */
.cover { display: flex; flex-direction: column; justify-content: center; min-height: 250mm; text-align: center; }
.cover h1 { font-size: 34pt; } .cover .sub { font-size: 16pt; }
.toc ol { list-style: none; padding: 0; font-size: 12.5pt; }
.toc li { display: flex; gap: 2mm; padding: 1mm 0; border-bottom: 0.5pt dotted #777; }
.toc .ttl { flex: 1; } .toc .pg { font-weight: 700; min-width: 10mm; text-align: right; }
.back { text-align: center; padding-top: 80mm; font-size: 16pt; }
/* the finder's personal summary */
.summary-sheet h1 { font-size: 18pt; margin: 1mm 0; } .summary-sheet header .note { font-size: 9.5pt; margin: 0; } .summary-sheet .ticked { font-size: 10.5pt; font-weight: 700; margin: 1.5mm 0 0; }
.summary-sheet h2 { font-size: 13.5pt; margin: 3.5mm 0 1.5mm; border-bottom: 1.5pt solid #0b3d91; }
.findings { padding-left: 6mm; margin: 0; font-size: 10.5pt; line-height: 1.35; } .findings li { margin: 0 0 1.2mm; break-inside: avoid; }
.findings .amount, .findings .call { display: block; padding-left: 2mm; } .findings .call { font-weight: 700; }
.findings .choice > ul { list-style: none; padding-left: 2mm; margin: 0.5mm 0 0; }
.reasons { list-style: none; padding-left: 2mm; margin: 0; font-size: 9.5pt; } .stale { display: block; border-left: 2pt solid #000; padding-left: 2mm; } .summary-sheet .more { font-weight: 700; margin: 1mm 0; }
.summary-sheet.large h1 { font-size: 26pt; } .summary-sheet.large header .note { font-size: 13pt; } .summary-sheet.large .ticked { font-size: 15pt; } .summary-sheet.large h2 { font-size: 19pt; }
.summary-sheet.large .findings { font-size: 15pt; } .summary-sheet.large .reasons { font-size: 14pt; }
`;
