/**
 * A failure, said plainly, with the way on: 다시 시도 (when asking again can help) and 처음으로.
 * One look for every screen's load failure, and for a screen that could not be drawn at all.
 */
import { useTranslation } from 'react-i18next';
import type { ApiErrorBody } from '../../../core/contract/client';
import { useNav } from '../session';

interface FailureProps {
  kind: 'load' | 'render';
  code?: string;
  message: string;
  onRetry?: () => void;
  /** after going home (the error boundary resets itself here) */
  onHome?: () => void;
}

export function Failure({ kind, code, message, onRetry, onHome }: FailureProps) {
  const { t } = useTranslation();
  const nav = useNav();
  const atHome = nav.screen.name === 'home' && kind === 'load';
  return (
    <div className="failed" role="alert" data-error={kind} data-code={code}>
      <p>{message}</p>
      <div className="failed-actions">
        {onRetry && (
          <button type="button" className="big-button" onClick={onRetry} data-retry="">
            ↻ {t('error.retry')}
          </button>
        )}
        {!atHome && (
          <button type="button" className={onRetry ? 'action-button' : 'big-button'} onClick={() => {
              nav.home();
              onHome?.();
            }} data-failed="home">
            {t('nav.home')}
          </button>
        )}
      </div>
    </div>
  );
}

/** A load that failed: what happened in plain words; 다시 시도 unless the thing is simply not there. */
export function LoadFailed({ error, onRetry }: { error: ApiErrorBody; onRetry: () => void }) {
  const { t } = useTranslation();
  // nothing there, the host not answering, or anything else
  const message = error.code === 'not_found' ? t('error.notFound') : error.code === 'unavailable' ? t('error.unavailable') : t('error.loadFailed');
  return <Failure kind="load" code={error.code} message={message} onRetry={error.code === 'not_found' ? undefined : onRetry} />;
}
