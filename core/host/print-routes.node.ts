/**
 * The web host's print path: PDFs rendered by Chromium (one printer kept warm, launched on
 * first use). A booklet is a job with progress the UI polls, so a long one shows a bar.
 *   GET /print/sheet/<id>.pdf?lang=ko&large=1
 *   GET /print/booklet?stage=infant | ?ids=a,b,c  → {job}
 *   GET /print/jobs/<job>  → {done, total, ready, error?}      GET /print/jobs/<job>.pdf
 */
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import type { Catalogue } from '../../db/catalogue/store.js';
import type { HostContext } from '../handlers.node.js';
import { Lang, StageId } from '../contract/kiosk-api.js';

// Chromium, the QR and map code load on the first print, not at start-up (the kiosk must start fast).
const printing = () => Promise.all([import('../print/pdf.node.js'), import('../print/print.node.js')]).then(([pdf, print]) => ({ ...pdf, ...print }));

type Send = (res: ServerResponse, status: number, body: string | Buffer, type?: string, extra?: Record<string, string>) => void;
interface Job {
  done: number;
  total: number;
  pdf?: Buffer;
  error?: string;
}

export function printRoutes(cat: Catalogue, ctx: HostContext, send: Send) {
  let browser: Promise<Browser> | undefined;
  const printer = () => (browser ??= printing().then((p) => p.launchPrinter()));
  const jobs = new Map<string, Job>();
  const json = (res: ServerResponse, status: number, body: unknown) => send(res, status, JSON.stringify(body));
  const pdf = (res: ServerResponse, body: Buffer, name: string) => send(res, 200, body, 'application/pdf', { 'Content-Disposition': `inline; filename="${name}"` });

  return {
    async handle(url: URL, res: ServerResponse): Promise<void> {
      const { PrintError, printBooklet, printSheet } = await printing();
      const lang = Lang.safeParse(url.searchParams.get('lang') ?? 'ko');
      if (!lang.success) return json(res, 400, { code: 'bad_request', field: 'lang', message: 'lang must be ko, en, vi or zh' });
      const large = url.searchParams.get('large') === '1';
      try {
        const sheet = url.pathname.match(/^\/print\/sheet\/([a-z0-9-]+)\.pdf$/);
        if (sheet) return pdf(res, await printSheet(await printer(), cat, ctx, sheet[1], { lang: lang.data, large }), `${sheet[1]}.pdf`);
        if (url.pathname === '/print/booklet') {
          const stage = url.searchParams.get('stage');
          const ids = url.searchParams.get('ids');
          const st = stage ? StageId.safeParse(stage) : undefined;
          if (st && !st.success) return json(res, 400, { code: 'bad_request', field: 'stage', message: 'stage must be pregnancy, infant, school or youth' });
          if (!st && !ids) return json(res, 400, { code: 'bad_request', field: 'stage', message: 'give stage or ids' });
          const id = randomUUID();
          const job: Job = { done: 0, total: 0 };
          jobs.set(id, job);
          void printer()
            .then((b) => printBooklet(b, cat, ctx, st ? { stage: st.data } : { ids: ids!.split(',') }, { lang: lang.data, large, onProgress: (d, n) => ((job.done = d), (job.total = n)) }))
            .then((r) => (job.pdf = r.pdf))
            .catch((e: Error) => (job.error = e instanceof PrintError ? e.message : 'the booklet could not be made'));
          return json(res, 200, { job: id });
        }
        const status = url.pathname.match(/^\/print\/jobs\/([0-9a-f-]+)(\.pdf)?$/);
        const job = status && jobs.get(status[1]);
        if (status && job) {
          if (!status[2]) return json(res, 200, { done: job.done, total: job.total, ready: !!job.pdf, error: job.error });
          if (!job.pdf) return json(res, 409, { code: 'bad_request', message: 'not ready yet' });
          return pdf(res, job.pdf, 'booklet.pdf');
        }
        return json(res, 404, { code: 'not_found', message: 'no such print path' });
      } catch (e) {
        if (e instanceof PrintError) return json(res, 404, { code: 'not_found', message: e.message });
        throw e;
      }
    },
    async close(): Promise<void> {
      if (browser) await (await browser).close();
    },
  };
}
