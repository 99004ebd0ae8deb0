/**
 * Printing in the UI: react-to-print prints the print HTML the core builds (a policy sheet, the
 * finder's summary — the same builders the PDFs are made from); 미리 보기 shows it in the app
 * first, and a booklet is made by the host in Chromium and previewed in the app. Nothing opens
 * a browser tab. A print that fails says so, in plain words.
 */
import { useEffect, useRef, useState } from 'react';
import { useReactToPrint } from 'react-to-print';
import { useTranslation } from 'react-i18next';
import { api, newCallId } from '../api';
import type { ApiErrorBody } from '../../../core/contract/client';
import type { StageId } from '../../../core/contract/lists';
import { apiError } from '../lib/use-api';
import { useLang } from '../lib/use-lang';
import { Icon } from './Icon';
import { PrintPreview, type PreviewSource } from './PrintPreview';
import { usePrinting } from '../lib/printing';

type PrintHtml = { html: string; css: string };

/**
 * Prints HTML from the core: `run` fetches it, puts it in a hidden `.print-root` (render
 * `root`) and prints it with its own CSS as the page style. Printing waits for the render that
 * carries the new HTML and CSS, so the print never uses the previous page style.
 */
export function useHtmlPrint(documentTitle: string) {
  const { t } = useTranslation();
  const lang = useLang();
  const printing = usePrinting();
  const ref = useRef<HTMLDivElement>(null);
  const [doc, setDoc] = useState<PrintHtml & { n: number }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  // printing straight to the kiosk's printer: it printed, or the printer did not take it
  const [printed, setPrinted] = useState<'no' | 'yes' | 'refused'>('no');
  const print = useReactToPrint({ contentRef: ref, documentTitle, pageStyle: doc?.css ?? '' });
  const dialogs = useRef(0);
  useEffect(() => {
    if (!doc || dialogs.current === doc.n) return;
    dialogs.current = doc.n;
    print();
  }, [doc, print]);
  const run = async (load: () => Promise<PrintHtml>) => {
    setBusy(true);
    setError(null);
    setPrinted('no');
    let d: PrintHtml;
    try {
      d = await load();
    } catch (e) {
      const err = apiError(e);
      console.error(`print failed: ${err.code}: ${err.message}`, err.requestId ?? '');
      setError(err);
      setBusy(false);
      return;
    }
    if (printing === 'dialog') {
      setDoc({ ...d, n: dialogs.current + 1 });
      setBusy(false);
      return;
    }
    try {
      await api.printOut({ html: d.html, css: d.css, title: documentTitle, lang });
      setPrinted('yes');
    } catch (e) {
      const err = apiError(e);
      console.error(`the printer did not print: ${err.code}: ${err.message}`, err.requestId ?? '');
      setPrinted('refused');
    } finally {
      setBusy(false);
    }
  };
  const root = (
    <>
      {printed === 'yes' && (
        <p className="note print-sent" role="status" data-printed="yes">
          {t('print.sent')}
        </p>
      )}
      {printed === 'refused' && (
        <p className="note warn print-failed" role="alert" data-error="printer">
          {t('print.printerFailed')}
        </p>
      )}
      <div hidden>
        <div ref={ref} className="print-root" dangerouslySetInnerHTML={{ __html: doc?.html ?? '' }} />
      </div>
    </>
  );
  return { run, busy, error, root };
}

/** A print that could not be made: what happened and what to do (press the button again, or call). */
export function PrintFailed({ error }: { error: ApiErrorBody | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="note warn print-failed" role="alert" data-error="print" data-code={error.code}>
      {t('print.failed')}
    </p>
  );
}

export function PrintSheetButtons({ id, title }: { id: string; title: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const sheet = useHtmlPrint(id);
  // what the preview shows, and whether in large type (what its 인쇄 then prints)
  const [preview, setPreview] = useState<{ source: PreviewSource; large: boolean } | null>(null);
  const [previewError, setPreviewError] = useState<ApiErrorBody | null>(null);
  const go = (large: boolean) => void sheet.run(() => api.sheet({ id, large, lang }));
  const showPreview = async (large: boolean) => {
    setPreviewError(null);
    try {
      const s = await api.sheet({ id, large, lang });
      setPreview({ source: { kind: 'html', html: s.html, css: s.css, lang }, large });
    } catch (e) {
      const err = apiError(e);
      console.error(`preview failed: ${err.code}: ${err.message}`, err.requestId ?? '');
      setPreviewError(err);
    }
  };
  return (
    <>
      <button type="button" className="action-button" onClick={() => go(false)} disabled={sheet.busy} data-print="sheet">
        <Icon name="print" size={32} /> {t('print.sheet')}
      </button>
      <button type="button" className="action-button" onClick={() => go(true)} disabled={sheet.busy} data-print="large">
        <Icon name="print" size={32} /> {t('print.large')}
      </button>
      <button type="button" className="action-button" onClick={() => void showPreview(false)} data-print="preview">
        {t('print.preview')}
      </button>
      <PrintFailed error={sheet.error ?? previewError} />
      {preview && (
        <PrintPreview
          source={preview.source}
          title={title}
          onPrint={() => go(preview.large)}
          onClose={() => setPreview(null)}
          large={{ on: preview.large, toggle: () => void showPreview(!preview.large) }}
        />
      )}
      {sheet.root}
    </>
  );
}

type Booklet =
  | { phase: 'idle' }
  | { phase: 'making'; done: number; total: number }
  | { phase: 'ready'; href: string; opened: boolean }
  | { phase: 'failed'; error: ApiErrorBody };

/**
 * A booklet for a life stage, made by the host in Chromium: a long call whose progress comes as
 * `print.progress` events carrying this call's id. Leaving the screen cancels it.
 */
export function BookletButton({ stage }: { stage: StageId }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [state, setState] = useState<Booklet>({ phase: 'idle' });
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const make = async () => {
    running.current?.abort();
    const ctl = (running.current = new AbortController());
    const callId = newCallId();
    setState({ phase: 'making', done: 0, total: 0 });
    const off = api.on('print.progress', (p) => {
      if (p.call === callId) setState((s) => (s.phase === 'making' ? { phase: 'making', done: p.done, total: p.total } : s));
    });
    try {
      const { job } = await api.booklet({ stage, lang }, { signal: ctl.signal, callId });
      setState({ phase: 'ready', href: `/print/jobs/${encodeURIComponent(job)}.pdf`, opened: false });
    } catch (e) {
      if (ctl.signal.aborted) return; // the person left the screen
      const error = apiError(e);
      console.error(`booklet failed: ${error.code}: ${error.message}`, error.requestId ?? '');
      setState({ phase: 'failed', error });
    } finally {
      off();
    }
  };

  return (
    <div className="booklet">
      <button type="button" className="action-button" onClick={() => void make()} disabled={state.phase === 'making'} data-print="booklet">
        <Icon name="print" size={32} /> {t('print.booklet')}
      </button>
      {state.phase === 'making' && (
        <p className="progress" role="status">
          <progress max={state.total || 1} value={state.done} /> {t('print.preparing', { done: state.done, total: state.total })}
        </p>
      )}
      {state.phase === 'ready' && !state.opened && (
        <p className="progress" role="status">
          <span>{t('print.bookletReady')}</span>{' '}
          <button type="button" className="action-button" onClick={() => setState({ ...state, opened: true })} data-print="booklet-ready" data-href={state.href}>
            {t('print.preview')}
          </button>{' '}
          <span className="hint">{t('print.bookletOnce')}</span>
        </p>
      )}
      {state.phase === 'ready' && state.opened && (
        <PrintPreview source={{ kind: 'pdf', src: state.href }} title={t('print.booklet')} onPrint={() => undefined} onClose={() => setState({ phase: 'idle' })} />
      )}
      {state.phase === 'failed' && <PrintFailed error={state.error} />}
    </div>
  );
}
