/**
 * Printing in the UI: react-to-print prints the same sheet HTML the PDFs are made from (one
 * builder, core/print/sheet.ts); "PDF로 저장" asks the host to render it in Chromium.
 */
import { useRef, useState } from 'react';
import { useReactToPrint } from 'react-to-print';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Icon } from './Icon';

export function PrintSheetButtons({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [sheet, setSheet] = useState<{ html: string; css: string } | null>(null);
  const print = useReactToPrint({ contentRef: ref, documentTitle: id, pageStyle: sheet?.css ?? '' });
  const go = async (large: boolean) => {
    const s = await api.sheet({ id, large, lang: i18n.language as never });
    setSheet(s);
    requestAnimationFrame(() => print());
  };
  return (
    <>
      <button type="button" className="action-button" onClick={() => void go(false)} data-print="sheet">
        <Icon name="print" size={32} /> {t('print.sheet')}
      </button>
      <button type="button" className="action-button" onClick={() => void go(true)} data-print="large">
        <Icon name="print" size={32} /> {t('print.large')}
      </button>
      <a className="action-button" href={`/print/sheet/${id}.pdf?lang=${i18n.language}`} target="_blank" rel="noopener" data-print="pdf">
        {t('print.pdf')}
      </a>
      <div hidden>
        <div ref={ref} className="print-root" dangerouslySetInnerHTML={{ __html: sheet?.html ?? '' }} />
      </div>
    </>
  );
}

/** A booklet for a life stage, made by the host in Chromium, with a progress bar while it is made. */
export function BookletButton({ stage }: { stage: string }) {
  const { t, i18n } = useTranslation();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [ready, setReady] = useState<string | null>(null);
  const make = async () => {
    setReady(null);
    setProgress({ done: 0, total: 0 });
    const { job } = (await (await fetch(`/print/booklet?stage=${stage}&lang=${i18n.language}`, { credentials: 'same-origin' })).json()) as { job: string };
    for (;;) {
      const s = (await (await fetch(`/print/jobs/${job}`, { credentials: 'same-origin' })).json()) as { done: number; total: number; ready: boolean; error?: string };
      setProgress({ done: s.done, total: s.total });
      if (s.ready) return setReady(`/print/jobs/${job}.pdf`);
      if (s.error) return setProgress(null);
      await new Promise((r) => setTimeout(r, 300));
    }
  };
  return (
    <div className="booklet">
      <button type="button" className="action-button" onClick={() => void make()} disabled={!!progress && !ready} data-print="booklet">
        <Icon name="print" size={32} /> {t('print.booklet')}
      </button>
      {progress && !ready && (
        <p className="progress" role="status">
          <progress max={progress.total || 1} value={progress.done} /> {t('print.preparing', { done: progress.done, total: progress.total })}
        </p>
      )}
      {ready && (
        <a className="action-button" href={ready} target="_blank" rel="noopener" data-print="booklet-ready">
          {t('print.pdf')}
        </a>
      )}
    </div>
  );
}
