/**
 * The print service: policy sheets, booklets and the finder's personal summary, for every
 * path — print HTML for react-to-print in the UI (and Electron's silent print), PDFs rendered
 * in Chromium for the web host and the CLI. Entries are read through the entry-view service,
 * like the UI's. Chromium starts on the first PDF, not with the app.
 *
 * A booklet is a long call: it reports `print.progress` events and stops when its call is
 * cancelled. Its finished PDF is kept in memory until it is taken once (or for ten minutes),
 * never written to disk.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { Catalogue } from '../../db/catalogue/store.js';
import type { EntryView, Lang, Output, StageId } from '../contract/kiosk-api.js';
import type { Situation } from '../contract/situation.js';
import type { Emitter } from '../contract/events.js';
import { KioskApiError, throwIfCancelled } from '../contract/result.js';
import type { Logger } from '../log.node.js';
import { CENTRE_ENTRY, entryView, requireEntry } from '../catalogue/views.js';
import { eligibleView } from '../eligibility/views.js';
import { ticked } from '../contract/questionnaire.js';
import type { Layers } from '../facilities/views.js';
import { createTranslator } from './i18n.node.js';
import { esc, printDocument, PRINT_CSS, sheetSection, summarySection, type SheetContext } from './sheet.js';
import { PAGE_CONTENT_PX, pdfChromiumPath, pdfPageCount } from './pages.js';
import { withOnline } from '../catalogue/online.node.js';
import { Lru } from '../../db/search/lru.js';
import { submittedAs } from '../forms/registry.js';
import type { ReceiptEnvelope } from '../outbox/service.node.js';
import { requireEnvelope } from '../outbox/errors.js';
import { RECEIPT_CSS, receiptSection } from './receipt.js';
import type { DirectPrinter, PdfMaker } from '../env.node.js';

export interface PrintOptions {
  lang?: Lang;
  large?: boolean;
}

export interface PrintServiceOptions {
  fontsDir: string;
  localesDir: string;
  /** the imported boundary layers (for a facility's small map) */
  layers: () => Layers;
  logger: Logger;
  events: Emitter;
  /** how long a finished booklet waits to be taken */
  keepMs?: number;
  /** the browser to print with (tests and benchmarks share one); otherwise Chromium is launched on first use */
  browser?: () => Promise<Browser>;
  /** the clock figures are judged current by */
  now?: () => Date;
  /** the host's printer, printed to without a dialog (the Electron shell's); none on the web host */
  printer?: DirectPrinter;
  /** the host's own PDF maker (the Electron shell's Chromium); otherwise `browser`, or Chromium launched on first use */
  pdfMaker?: PdfMaker;
}

/** Booklets being made at once (each holds Chromium's page for seconds), and finished ones kept waiting to be taken. */
export const BOOKLETS_AT_ONCE = 2;
export const BOOKLETS_KEPT = 6;
/** Booklets made today kept for the next person asking for the same one (bytes of PDF). */
export const BOOKLET_CACHE_BYTES = 48 * 1024 * 1024;


/**
 * What warming the printer lays out (never shown nor kept): Hangul, Latin and digits in both
 * weights the sheets use, so Chromium has started, made a PDF and loaded the fonts.
 */
const WARM_BODY = '<h1>아이친구 1279 — 임신·출산, 영유아, 초등·청소년, 청년·일생활</h1><p>지원 대상, 받는 금액, 신청 방법과 문의 062-222-1279. Aichingu 1279, Gwangju.</p>';

export class PrintService {
  private renderer: Promise<PdfMaker> | undefined;
  private closed = false;
  private readonly translate: ReturnType<typeof createTranslator>;
  private readonly done = new Map<string, { pdf: Buffer; timer: NodeJS.Timeout }>();
  private making = 0;
  /**
   * Booklets made today, by what they were made from: the next person asking for the same one
   * (a fair's stand, a centre where everyone with a baby asks for 영유아) gets it at once instead
   * of waiting seconds again. What they are made from: this catalogue (replaced, it is another),
   * the selection, language and type size, the day (what is current is judged by the day) and
   * the map layers (a facility's small map); within a byte budget, the least recently used first out.
   */
  private readonly made = new Lru<string, { pdf: Buffer; pages: Record<string, number>; count: number }>(BOOKLET_CACHE_BYTES, (b) => b.pdf.length);
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  private identity(o: object | null): number {
    if (!o) return 0;
    let id = this.ids.get(o);
    if (id === undefined) this.ids.set(o, (id = this.nextId++));
    return id;
  }

  constructor(private readonly o: PrintServiceOptions) {
    this.translate = createTranslator(o.localesDir);
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  private async context(cat: Catalogue, o: PrintOptions): Promise<Omit<SheetContext, 'mapSvg'>> {
    const lang = o.lang ?? 'ko';
    return {
      lang,
      large: !!o.large,
      t: await this.translate(lang),
      catalogueVersion: cat.version,
      catalogueDate: cat.builtAt.slice(0, 10),
      centrePhones: cat.entry(CENTRE_ENTRY)?.phones.map((p) => p.number) ?? [],
    };
  }

  /** A facility's small map (d3-geo, loaded with the first facility printed); nothing for a policy or service. */
  private async mapSvg(view: EntryView): Promise<string | undefined> {
    if (view.kind !== 'facility') return undefined;
    const { facilityMapSvg } = await import('./minimap.js');
    return facilityMapSvg(view, this.o.layers());
  }

  private async section(cat: Catalogue, id: string, c: Omit<SheetContext, 'mapSvg'>): Promise<{ section: string; title: string }> {
    const view = await withOnline(entryView(cat, id, c.lang, this.now()));
    const section = await sheetSection(view, { ...c, mapSvg: await this.mapSvg(view) });
    return { section, title: view.title.text };
  }

  /** A policy sheet as print HTML (the section and the print CSS), for react-to-print and Electron. */
  async sheet(cat: Catalogue, id: string, o: PrintOptions = {}): Promise<Output<'sheet'>> {
    const { section } = await this.section(cat, id, await this.context(cat, o));
    return { html: section, css: PRINT_CSS };
  }

  /** The whole printable document of a sheet (what the PDF is made from). */
  async sheetDocument(cat: Catalogue, id: string, o: PrintOptions = {}): Promise<string> {
    const c = await this.context(cat, o);
    const { section, title } = await this.section(cat, id, c);
    return printDocument(section, c.lang, title);
  }

  async sheetPdf(cat: Catalogue, id: string, o: PrintOptions = {}, signal?: AbortSignal): Promise<Buffer> {
    const html = await this.sheetDocument(cat, id, o);
    return (await this.pdfRenderer()).render({ html, signal });
  }

  /**
   * An application's receipt, to print (the kiosk's receipt screen): from its envelope in the
   * outbox only — nothing personal. not_found for an unknown client id (or a discarded one).
   */
  async receipt(cat: Catalogue, envelope: ReceiptEnvelope | undefined, o: PrintOptions = {}): Promise<Output<'receiptSheet'>> {
    return { html: await this.receiptBody(cat, envelope, o), css: PRINT_CSS + RECEIPT_CSS };
  }

  /** The receipt as a PDF (the same HTML, rendered in Chromium). */
  async receiptPdf(cat: Catalogue, envelope: ReceiptEnvelope | undefined, o: PrintOptions = {}, signal?: AbortSignal): Promise<Buffer> {
    const body = await this.receiptBody(cat, envelope, o);
    const t = await this.translate(o.lang ?? 'ko');
    return (await this.pdfRenderer()).render({ html: printDocument(`<style>${RECEIPT_CSS}</style>${body}`, o.lang ?? 'ko', t('print.receipt.title')), signal });
  }

  private async receiptBody(cat: Catalogue, envelope: ReceiptEnvelope | undefined, o: PrintOptions): Promise<string> {
    envelope = requireEnvelope(envelope);
    const c = await this.context(cat, o);
    return receiptSection(
      {
        clientId: envelope.clientId,
        service: envelope.service,
        createdAt: envelope.createdAt,
        receipt: envelope.receipt,
        submitted: submittedAs(envelope.service) ?? 'received',
        status: envelope.status,
        statusReason: envelope.statusReason,
        refused: envelope.state === 'attention',
        pending: envelope.state === 'pending',
      },
      c,
    );
  }

  /**
   * Print HTML (a sheet's, the summary's, a receipt's, with its CSS) straight onto the kiosk's
   * printer, as the whole document its PDF would be made from. unavailable on a host without a
   * printer of its own (the UI then prints through the print dialog), or when the printer does
   * not take the job — with its reason, logged.
   */
  async printOut(p: { html: string; css: string; title: string; lang: Lang }): Promise<Output<'printOut'>> {
    const printer = this.o.printer;
    if (!printer) throw new KioskApiError({ code: 'unavailable', message: "this kiosk prints through the print dialog: printing straight to a printer is the kiosk app's" });
    try {
      return await printer.print(printDocument(`<style>${p.css}</style>${p.html}`, p.lang, p.title), p.title);
    } catch (e) {
      this.o.logger.error({ event: 'printer.refused', err: e }, 'the printer did not take the job');
      throw new KioskApiError({ code: 'unavailable', message: `the printer did not take the page: ${(e as Error).message}` });
    }
  }

  /** The finder's results as a personal summary: no personal data — what may be got, and why (of the answers, only what was ticked). */
  async summary(cat: Catalogue, situation: Situation, o: PrintOptions = {}, now: Date = new Date()): Promise<Output<'summary'>> {
    const c = await this.context(cat, o);
    return { html: summarySection(eligibleView(cat, situation, c.lang, now).findings, c, ticked(situation)), css: PRINT_CSS };
  }

  /**
   * A booklet: cover, table of contents, one section per entry (each starting on a new page),
   * back page with the 1279 centre. Page numbers in the contents come from measuring each
   * section in Chromium's print layout before the PDF is made.
   */
  async booklet(
    cat: Catalogue,
    sel: { stage?: StageId; ids?: string[] },
    o: PrintOptions = {},
    run: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<{ pdf: Buffer; pages: Record<string, number>; count: number }> {
    const c = await this.context(cat, o);
    const t = c.t;
    const ids = sel.ids ?? cat.entries({ stage: sel.stage }).filter((e) => e.status === 'active').map((e) => e.id);
    if (!ids.length) throw new KioskApiError({ code: 'bad_request', message: 'nothing to print: the selection is empty', field: sel.ids ? 'ids' : 'stage' });
    ids.forEach((id, i) => requireEntry(cat, id, sel.ids ? `ids.${i}` : 'stage'));
    const layers = this.o.layers();
    const key = JSON.stringify([this.identity(cat), sel.stage ?? null, ids, c.lang, c.large, this.now().toISOString().slice(0, 10), this.identity(layers.gus), this.identity(layers.dongs)]);
    const kept = this.made.get(key);
    if (kept) {
      throwIfCancelled(run.signal, 'the print');
      run.onProgress?.(kept.count, kept.count);
      return kept;
    }
    const sections: { id: string; title: { text: string; lang: Lang }; html: string }[] = [];
    for (const id of ids) {
      throwIfCancelled(run.signal, 'the print');
      const view = await withOnline(entryView(cat, id, c.lang, this.now()));
      sections.push({ id, title: view.title, html: await sheetSection(view, { ...c, mapSvg: await this.mapSvg(view) }) });
      run.onProgress?.(sections.length, ids.length);
    }
    const heading = sel.stage ? t(`stage.${sel.stage}`) : t('print.bookletAll');
    const body = `<section class="cover${c.large ? ' large' : ''}"><p class="brand">${esc(t('app.title'))}</p><h1>${esc(t('print.bookletTitle'))}</h1><p class="sub">${esc(heading)}</p>
<p>${esc(t('print.version', { version: c.catalogueVersion, date: c.catalogueDate }))}</p></section>
<section class="toc${c.large ? ' large' : ''}"><h1>${esc(t('print.toc'))}</h1><ol>${sections
      .map((v) => `<li><span class="ttl" lang="${v.title.lang}">${esc(v.title.text)}</span><span class="pg" data-for="${esc(v.id)}">000</span></li>`)
      .join('')}</ol></section>
${sections.map((s) => s.html).join('\n')}
<section class="back${c.large ? ' large' : ''}"><p>${esc(t('print.back'))}</p><p><strong>${c.centrePhones.map(esc).join(' · ')}</strong></p></section>`;
    let pages: Record<string, number> = {};
    const pdf = await (await this.pdfRenderer()).render({
      html: printDocument(body, c.lang, `${t('print.bookletTitle')} — ${heading}`),
      signal: run.signal,
      prepare: async (evaluate) => {
        pages = await evaluate((pageHeight: number) => {
          // Each section starts a page; its pages are its height over one page's height.
          const out: Record<string, number> = {};
          let next = 1;
          for (const s of Array.from(document.querySelectorAll('body > section'))) {
            const id = s.getAttribute('data-entry');
            if (id) out[id] = next;
            next += Math.max(1, Math.ceil((s.getBoundingClientRect().height - 0.5) / pageHeight));
          }
          for (const el of Array.from(document.querySelectorAll('.toc .pg'))) el.textContent = String(out[el.getAttribute('data-for') ?? ''] ?? '');
          return out;
        }, PAGE_CONTENT_PX);
      },
    });
    const made = { pdf, pages, count: ids.length };
    this.made.set(key, made);
    return made;
  }

  /** A booklet made for the channel: progress as events for the call, the PDF kept until taken once. */
  async bookletJob(cat: Catalogue, sel: { stage?: StageId; ids?: string[] }, o: PrintOptions, call: { callId: string; signal?: AbortSignal }): Promise<Output<'booklet'>> {
    if (this.making >= BOOKLETS_AT_ONCE)
      throw new KioskApiError({ code: 'unavailable', message: `${BOOKLETS_AT_ONCE} booklets are being made already; try again when one is done` });
    this.making++;
    let r: Awaited<ReturnType<PrintService['booklet']>>;
    try {
      r = await this.booklet(cat, sel, o, { signal: call.signal, onProgress: (done, total) => this.o.events.emit('print.progress', { call: call.callId, done, total }) });
    } finally {
      this.making--;
    }
    // the oldest finished booklet nobody took makes room for this one
    while (this.done.size >= BOOKLETS_KEPT) {
      const [oldest] = this.done.keys();
      if (oldest === undefined) break;
      this.takeBooklet(oldest);
    }
    const job = randomUUID();
    const timer = setTimeout(() => this.done.delete(job), this.o.keepMs ?? 10 * 60_000);
    timer.unref();
    this.done.set(job, { pdf: r.pdf, timer });
    return { job, pages: pdfPageCount(r.pdf), entries: r.count };
  }

  /** The finished booklet, handed out once: afterwards it is gone from memory. */
  takeBooklet(job: string): Buffer | undefined {
    const d = this.done.get(job);
    if (!d) return undefined;
    clearTimeout(d.timer);
    this.done.delete(job);
    return d.pdf;
  }

  private pdfRenderer(): Promise<PdfMaker> {
    if (!this.renderer) {
      const started = Date.now();
      const given = this.o.pdfMaker;
      this.renderer = given
        ? Promise.resolve(given)
        : (async () => {
            // Chromium's driver loads on the first PDF, not with the kiosk (it would slow every start)
            const { launchChromium, PdfRenderer } = await import('./pdf.node.js');
            const browser = this.o.browser ? await this.o.browser() : await launchChromium();
            this.o.logger.info({ event: 'printer.started', ms: Date.now() - started }, 'printer (Chromium) ready');
            return new PdfRenderer(browser, this.o.fontsDir, !this.o.browser);
          })();
      // a printer that failed to start is tried again next time, not remembered as failed
      this.renderer.catch((e: unknown) => {
        // (a service closed while Chromium was starting: not a failure)
        if (!this.closed) this.o.logger.error({ event: 'printer.failed', err: e }, 'the printer (Chromium) could not start');
        this.renderer = undefined;
      });
    }
    return this.renderer.catch((e: unknown) => {
      throw new KioskApiError({ code: 'unavailable', message: `the printer (Chromium) could not start: ${(e as Error).message}` });
    });
  }

  /**
   * Starts the printer before anyone asks for a PDF — Chromium launched, a page laid out and made
   * into a PDF, the fonts loaded — so that a reader's first booklet waits for none of it (the
   * web host started by `npm start`, a few seconds after its core is up; on this two-core machine
   * 영유아's booklet, 98 pages, took 4.4 s from a cold printer and 2.8 s from a warmed one). Nothing
   * to start where the host makes its own PDFs (the Electron shell), once the printer has started,
   * or where the PDF Chromium is not installed (said once, at info: nobody asked for a print). A
   * printer that cannot start is logged (printer.failed, printer.warm_failed) and tried again at
   * the first PDF; a service closed meanwhile is no failure.
   */
  async warm(): Promise<void> {
    if (this.o.pdfMaker || this.renderer || this.closed) return;
    if (!this.o.browser && !existsSync(pdfChromiumPath())) {
      this.o.logger.info({ event: 'printer.warm_skipped', chromium: pdfChromiumPath() }, 'no Chromium for PDFs here: the printer is not started ahead (a print will say so)');
      return;
    }
    const started = Date.now();
    try {
      await (await this.pdfRenderer()).render({ html: printDocument(WARM_BODY, 'ko', '') });
      if (!this.closed) this.o.logger.info({ event: 'printer.warmed', ms: Date.now() - started }, 'printer ready before the first print (Chromium started, fonts loaded)');
    } catch (e) {
      if (!this.closed) this.o.logger.warn({ event: 'printer.warm_failed', err: e }, 'the printer could not be started ahead; the first print will try again');
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const d of this.done.values()) clearTimeout(d.timer);
    this.done.clear();
    const r = this.renderer;
    this.renderer = undefined;
    if (!r) return;
    const got = await r.catch(() => null);
    if (got && got !== this.o.pdfMaker) await got.close(); // the one it made; a host's maker is the host's
  }

}
