/**
 * 신청 대기열: the device's outbox as a counsellor sees it — what needs attention first (the
 * hub's reason in plain words, its own words in small print, 다시 보내기 and 삭제 after a
 * confirmation that says what will be lost), then what waits to be sent (why the last try did
 * not send it, in plain words), then the latest sent
 * with their receipt numbers. Only envelopes: the device cannot read what it sealed. Reloads on
 * `outbox.changed`.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxStatus } from '../../../../core/contract/kiosk-api';
import { api } from '../../api';
import { dateTimeText } from '../../components/CatalogueBundles';
import { LoadFailed } from '../../components/LoadFailed';
import { apiError, useApi } from '../../lib/use-api';
import { problemKey, reasonKey } from '../../lib/outbox-words';
import { useLang } from '../../lib/use-lang';
import { ConfirmDialog } from './ConfirmDialog';
import { noteRefusal } from './state';

type RecordView = OutboxStatus['records'][number];

export function Queue() {
  const { t } = useTranslation();
  const lang = useLang();
  const [refresh, setRefresh] = useState(0);
  const outbox = useApi((signal) => api.outboxStatus({}, { signal }), [refresh]);
  useEffect(() => api.on('outbox.changed', () => setRefresh((n) => n + 1)), []);
  const [discarding, setDiscarding] = useState<RecordView | null>(null);
  const [notice, setNotice] = useState<{ text: string; failed: boolean } | null>(null);
  const [working, setWorking] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  const say = (text: string, failed = false) => {
    setNotice({ text, failed });
    requestAnimationFrame(() => noticeRef.current?.focus({ preventScroll: false }));
  };
  const failed = (e: unknown) => {
    const error = apiError(e);
    if (noteRefusal(error)) return;
    console.error(`queue action failed: ${error.code}${error.reason ? ` (${error.reason})` : ''}: ${error.message}`);
    say(t('counsellor.queue.failed'), true);
    setRefresh((n) => n + 1);
  };

  const retry = async (r: RecordView) => {
    setWorking(r.clientId);
    try {
      await api.counsellorRetry({ clientId: r.clientId });
      say(t('counsellor.queue.retried', { service: serviceName(r.service) }));
      setRefresh((n) => n + 1);
    } catch (e) {
      failed(e);
    } finally {
      setWorking(null);
    }
  };
  const discard = async (r: RecordView) => {
    try {
      await api.counsellorDiscard({ clientId: r.clientId, confirm: true });
      setDiscarding(null);
      say(t('counsellor.queue.discarded', { service: serviceName(r.service) }));
      setRefresh((n) => n + 1);
    } catch (e) {
      setDiscarding(null);
      failed(e);
    }
  };

  const serviceName = (service: string) => t(`forms.service.${service}`, { defaultValue: service });
  const o = outbox.data;
  const groups = o ? (['attention', 'pending', 'sent'] as const).map((state) => ({ state, records: o.records.filter((r) => r.state === state) })) : [];

  return (
    <section className="counsellor-section" aria-labelledby="counsellor-queue" data-counsellor="queue">
      <h2 id="counsellor-queue">{t('counsellor.queue.title')}</h2>
      <p className="hint">{t('counsellor.queue.hint')}</p>
      {notice && (
        <p ref={noticeRef} tabIndex={-1} className={notice.failed ? 'field-error counsellor-notice' : 'note counsellor-notice'} role={notice.failed ? 'alert' : 'status'} data-queue="notice">
          {notice.text}
        </p>
      )}
      {outbox.loading && !o && <p>{t('loading')}</p>}
      {outbox.error && <LoadFailed error={outbox.error} onRetry={outbox.retry} />}
      {o && o.records.length === 0 && <p data-queue="empty">{t('counsellor.queue.none')}</p>}
      {groups
        .filter((g) => g.records.length > 0)
        .map((g) => (
          <div key={g.state} className="counsellor-group" data-queue-group={g.state}>
            <h3>
              {t(`counsellor.queue.group.${g.state}`)} ({g.records.length})
            </h3>
            <ul className="counsellor-list">
              {g.records.map((r) => (
                <li key={r.clientId} className={`counsellor-item ${r.state}`} data-record={r.clientId} data-state={r.state}>
                  <div className="counsellor-item-text">
                    <span className="counsellor-item-title">{serviceName(r.service)}</span>
                    <span className="counsellor-item-meta">
                      {[dateTimeText(r.createdAt, lang), r.receipt ? t('counsellor.queue.receipt', { receipt: r.receipt }) : null, r.state !== 'sent' && r.attempts > 0 ? t('counsellor.queue.tries', { n: r.attempts }) : null]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                    {r.state === 'attention' && (
                      <>
                        <span className="counsellor-reason" data-queue="reason" data-code={r.code ?? ''}>
                          {t(reasonKey(r.code))}
                        </span>
                        {r.reason && (
                          <span className="small-print status-detail" data-queue="detail">
                            {t('counsellor.queue.hubSaid')} <span lang="en">{r.reason}</span>
                          </span>
                        )}
                      </>
                    )}
                    {r.state === 'pending' && r.lastProblem && (
                      <span className="counsellor-reason" data-queue="problem" data-problem={r.lastProblem}>
                        {t(problemKey(r.lastProblem))}
                      </span>
                    )}
                  </div>
                  {r.state === 'attention' && (
                    <div className="counsellor-item-actions">
                      <button type="button" className="action-button" onClick={() => void retry(r)} disabled={working !== null} data-queue-action="retry">
                        ↻ {t('counsellor.queue.retry')}
                      </button>
                      <button type="button" className="action-button secondary" onClick={() => setDiscarding(r)} disabled={working !== null} data-queue-action="discard">
                        {t('counsellor.queue.discard')}
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))}
      {o && o.discarded.count > 0 && (
        <p className="hint counsellor-discarded" data-queue="discarded">
          {t('counsellor.queue.discardedCount', { n: o.discarded.count })}
        </p>
      )}
      {discarding && (
        <ConfirmDialog
          name="discard"
          title={t('counsellor.queue.confirmTitle')}
          confirmLabel={t('counsellor.queue.confirm')}
          cancelLabel={t('counsellor.cancel')}
          onCancel={() => setDiscarding(null)}
          onConfirm={() => discard(discarding)}
        >
          <p className="confirm-what">{t('counsellor.queue.confirmWhat', { service: serviceName(discarding.service), date: dateTimeText(discarding.createdAt, lang) })}</p>
          <p>{t('counsellor.queue.confirmBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
