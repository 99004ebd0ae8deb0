/**
 * An in-app print preview: the kiosk never opens a browser tab (a senior could not find the
 * way back). What will print is shown in a frame over the screen, with 인쇄 and 닫기 (Esc
 * closes too). A sheet is shown as the print HTML itself; a booklet as the PDF the host made.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';

export type PreviewSource = { kind: 'html'; html: string; css: string; lang: string } | { kind: 'pdf'; src: string };

/** The print HTML as a document of its own (its CSS cannot touch the kiosk's, nor the kiosk's it). */
export const previewDocument = (s: { html: string; css: string; lang: string }): string =>
  `<!doctype html><html lang="${s.lang}"><head><meta charset="utf-8"><style>${s.css} body { margin: 16px; background: #fff; }</style></head><body>${s.html}</body></html>`;

/** `large`: a sheet that also comes in large type offers to show (and then print) it that way. */
export function PrintPreview({ source, title, onPrint, onClose, large }: { source: PreviewSource; title: string; onPrint: () => void; onClose: () => void; large?: { on: boolean; toggle: () => void } }) {
  const { t } = useTranslation();
  const frame = useRef<HTMLIFrameElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    close.current?.focus();
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', esc, { capture: true });
    return () => window.removeEventListener('keydown', esc, { capture: true });
  }, [onClose]);
  return (
    <div className="overlay preview-overlay">
      <div className="dialog preview" role="dialog" aria-modal="true" aria-labelledby="preview-title" data-preview={source.kind}>
        <h2 id="preview-title">{title}</h2>
        <iframe
          ref={frame}
          className="preview-frame"
          title={t('print.previewTitle')}
          {...(source.kind === 'html' ? { srcDoc: previewDocument(source), sandbox: 'allow-same-origin allow-modals' } : { src: source.src })}
        />
        <div className="preview-actions">
          {large && (
            <button type="button" className="big-button secondary" aria-pressed={large.on} onClick={large.toggle} data-preview-action="large">
              {t('print.previewLarge')}
            </button>
          )}
          <button
            type="button"
            className="big-button"
            onClick={() => (source.kind === 'pdf' ? frame.current?.contentWindow?.print() : onPrint())}
            data-preview-action="print"
          >
            <Icon name="print" size={32} /> {t('print.print')}
          </button>
          <button ref={close} type="button" className="big-button secondary" onClick={onClose} data-preview-action="close">
            {t('print.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
