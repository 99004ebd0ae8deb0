/**
 * Printing in the UI: react-to-print prints the print HTML the core builds (a policy sheet, the
 * finder's summary — the same builders the PDFs are made from); "PDF로 저장" and the booklet
 * ask the host to render in Chromium. A print that fails says so, in plain words.
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

type PrintHtml = { html: string; css: string };

/**
 * Prints HTML from the core: `run` fetches it, puts it in a hidden `.print-root` (render
 * `root`) and prints it with its own CSS as the page style. Printing waits for the render that
 * carries the new HTML and CSS, so the print never uses the previous page style.
 */
export function useHtmlPrint(documentTitle: string) {
  const ref = useRef<HTMLDivElement>(null);
  const [doc, setDoc] = useState<PrintHtml & { n: number }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const print = useReactToPrint({ contentRef: ref, documentTitle, pageStyle: doc?.css ?? '' });
  const printed = useRef(0);
  useEffect(() => {
    if (!doc || printed.current === doc.n) return;
    printed.current = doc.n;
    print();
  }, [doc, print]);
  const run = async (load: () => Promise<PrintHtml>) => {
    setBusy(true);
    setError(null);
    try {
      const d = await load();
      setDoc({ ...d, n: printed.current + 1 });
    } catch (e) {
      const err = apiError(e);
      console.error(`print failed: ${err.code}: ${err.message}`, err.requestId ?? '');
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const root = (
    <div hidden>
      <div ref={ref} className="print-root" dangerouslySetInnerHTML={{ __html: doc?.html ?? '' }} />
    </div>
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

export function PrintSheetButtons({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const sheet = useHtmlPrint(id);
  const go = (large: boolean) => void sheet.run(() => api.sheet({ id, large, lang }));
  return (
    <>
      <button type="button" className="action-button" onClick={() => go(false)} disabled={sheet.busy} data-print="sheet">
        <Icon name="print" size={32} /> {t('print.sheet')}
      </button>
      <button type="button" className="action-button" onClick={() => go(true)} disabled={sheet.busy} data-print="large">
        <Icon name="print" size={32} /> {t('print.large')}
      </button>
      <a className="action-button" href={`/print/sheet/${id}.pdf?lang=${lang}`} target="_blank" rel="noopener" data-print="pdf">
        {t('print.pdf')}
      </a>
      <PrintFailed error={sheet.error} />
      {sheet.root}
    </>
  );
}

type Booklet = { phase: 'idle' } | { phase: 'making'; done: number; total: number } | { phase: 'ready'; href: string } | { phase: 'failed'; error: ApiErrorBody };

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
      setState({ phase: 'ready', href: `/print/jobs/${encodeURIComponent(job)}.pdf` });
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
      {state.phase === 'ready' && (
        <a className="action-button" href={state.href} target="_blank" rel="noopener" data-print="booklet-ready">
          {t('print.pdf')}
        </a>
      )}
      {state.phase === 'failed' && <PrintFailed error={state.error} />}
    </div>
  );
}
