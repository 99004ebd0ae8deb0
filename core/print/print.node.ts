/** Policy sheets and booklets as PDF: what the CLI and the web host call. */
import type { Browser } from 'playwright-core';
import type { Catalogue } from '../../db/catalogue/store.js';
import { createHandlers, CENTRE_ENTRY, type HostContext } from '../handlers.node.js';
import type { Lang, StageId } from '../contract/kiosk-api.js';
import { translator } from './i18n.js';
import { esc, printDocument, sheetSection, type SheetContext } from './sheet.js';
import { PAGE_CONTENT_PX, renderPdf } from './pdf.node.js';
import { facilityMapSvg } from './minimap.js';

export interface PrintOptions {
  lang?: Lang;
  large?: boolean;
}

async function context(cat: Catalogue, ctx: HostContext, o: PrintOptions): Promise<Omit<SheetContext, 'mapSvg'>> {
  const lang = o.lang ?? 'ko';
  const stats = cat.stats();
  return {
    lang,
    large: !!o.large,
    t: await translator(lang),
    catalogueVersion: stats.version,
    catalogueDate: stats.built_at.slice(0, 10),
    centrePhones: cat.entry(CENTRE_ENTRY)?.phones.map((p) => p.number) ?? [],
  };
}

export class PrintError extends Error {}

export async function sheetHtml(cat: Catalogue, ctx: HostContext, id: string, o: PrintOptions = {}): Promise<{ html: string; section: string }> {
  const c = await context(cat, ctx, o);
  if (!cat.entry(id)) throw new PrintError(`no entry with id "${id}"; find ids with: cli search "<words>" --json`);
  const view = await createHandlers(cat, ctx).entry({ id, lang: c.lang });
  const section = await sheetSection(view, { ...c, mapSvg: view.kind === 'facility' ? facilityMapSvg(view, ctx) : undefined });
  return { section, html: printDocument(section, c.lang, view.title.text) };
}

export async function printSheet(browser: Browser, cat: Catalogue, ctx: HostContext, id: string, o: PrintOptions = {}): Promise<Buffer> {
  return renderPdf(browser, { html: (await sheetHtml(cat, ctx, id, o)).html });
}

/**
 * A booklet: cover, table of contents, one section per entry (each starting on a new page),
 * back page with the 1279 centre. Page numbers in the contents come from measuring each
 * section in Chromium's print layout before the PDF is made.
 */
export async function printBooklet(
  browser: Browser,
  cat: Catalogue,
  ctx: HostContext,
  sel: { stage?: StageId; ids?: string[] },
  o: PrintOptions & { onProgress?: (done: number, total: number) => void } = {},
): Promise<{ pdf: Buffer; pages: Record<string, number> }> {
  const c = await context(cat, ctx, o);
  const t = c.t;
  const ids = sel.ids ?? cat.entries({ stage: sel.stage }).filter((e) => e.status === 'active').map((e) => e.id);
  if (!ids.length) throw new PrintError('nothing to print: the selection is empty');
  for (const id of ids) if (!cat.entry(id)) throw new PrintError(`no entry with id "${id}"`);
  const handlers = createHandlers(cat, ctx);
  const views = await Promise.all(ids.map((id) => handlers.entry({ id, lang: c.lang })));
  const sections: string[] = [];
  for (const [i, v] of views.entries()) {
    sections.push(await sheetSection(v, { ...c, mapSvg: v.kind === 'facility' ? facilityMapSvg(v, ctx) : undefined }));
    o.onProgress?.(i + 1, views.length);
  }
  const heading = sel.stage ? t(`stage.${sel.stage}`) : t('print.bookletAll');
  const body = `<section class="cover${c.large ? ' large' : ''}"><p class="brand">${esc(t('app.title'))}</p><h1>${esc(t('print.bookletTitle'))}</h1><p class="sub">${esc(heading)}</p>
<p>${esc(t('print.version', { version: c.catalogueVersion, date: c.catalogueDate }))}</p></section>
<section class="toc${c.large ? ' large' : ''}"><h1>${esc(t('print.toc'))}</h1><ol>${views
    .map((v) => `<li><span class="ttl" lang="${v.title.lang}">${esc(v.title.text)}</span><span class="pg" data-for="${esc(v.id)}">000</span></li>`)
    .join('')}</ol></section>
${sections.join('\n')}
<section class="back${c.large ? ' large' : ''}"><p>${esc(t('print.back'))}</p><p><strong>${c.centrePhones.map(esc).join(' · ')}</strong></p></section>`;
  let pages: Record<string, number> = {};
  const pdf = await renderPdf(browser, {
    html: printDocument(body, c.lang, `${t('print.bookletTitle')} — ${heading}`),
    prepare: async (page) => {
      pages = await page.evaluate((pageHeight) => {
        // Each section starts a page; its pages are its height over one page's height.
        const out: Record<string, number> = {};
        let next = 1;
        for (const s of Array.from(document.querySelectorAll('body > section'))) {
          const id = s.getAttribute('data-entry');
          if (id) out[id] = next;
          next += Math.max(1, Math.ceil((s.getBoundingClientRect().height - 0.5) / pageHeight));
        }
        for (const el of Array.from(document.querySelectorAll('.toc .pg'))) el.textContent = String(out[el.getAttribute('data-for')!]);
        return out;
      }, PAGE_CONTENT_PX);
    },
  });
  return { pdf, pages };
}
