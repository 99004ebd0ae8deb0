/**
 * 임시 저장한 기록: the signed-in counsellor's drafts, newest first — their label and when they
 * were saved; 열기 goes on with one (an application on the apply screen, a visit log or survey
 * here), 지우기 after a confirmation. The drafts are encrypted on the device with a key that
 * exists only while the counsellor is signed in: the list says so.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftSummary } from '../../../../core/contract/kiosk-api';
import { api } from '../../api';
import { dateTimeText } from '../../components/CatalogueBundles';
import { LoadFailed } from '../../components/LoadFailed';
import { apiError, useApi } from '../../lib/use-api';
import { useLang } from '../../lib/use-lang';
import { useNav } from '../../session';
import { ConfirmDialog } from './ConfirmDialog';
import { noteRefusal } from './state';

/** A draft's name in the list: what it is, and its own words (whose family, how far; a visit's place and date) — the service once, also for a draft saved with the service's name as its words. */
export function draftTitle(d: Pick<DraftSummary, 'kind' | 'service' | 'label'>, t: (k: string, o?: Record<string, unknown>) => string): string {
  const what = d.service ? t(`forms.service.${d.service}`, { defaultValue: d.service }) : t(`counsellor.drafts.kind.${d.kind}`);
  return d.label && d.label !== what ? `${what} · ${d.label}` : what;
}

export function Drafts({ onOpen }: { onOpen: (d: DraftSummary & { kind: 'visit' | 'survey' }) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  const [refresh, setRefresh] = useState(0);
  const drafts = useApi(async (signal) => {
    try {
      return await api.counsellorDrafts({}, { signal });
    } catch (e) {
      noteRefusal(apiError(e));
      throw e;
    }
  }, [refresh]);
  const [deleting, setDeleting] = useState<DraftSummary | null>(null);
  const [notice, setNotice] = useState<{ text: string; failed: boolean } | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  const open = (d: DraftSummary) => {
    if (d.kind === 'application' && d.service) nav.go({ name: 'apply', service: d.service, counsellor: true, draftId: d.id });
    else if (d.kind === 'visit' || d.kind === 'survey') onOpen({ ...d, kind: d.kind });
  };
  const remove = async (d: DraftSummary) => {
    try {
      await api.counsellorDraftDelete({ id: d.id });
      setNotice({ text: t('counsellor.drafts.deleted', { title: draftTitle(d, t) }), failed: false });
    } catch (e) {
      const error = apiError(e);
      if (noteRefusal(error)) return;
      console.error(`draft not deleted: ${error.code}: ${error.message}`);
      setNotice({ text: t('counsellor.drafts.deleteFailed'), failed: true });
    }
    setDeleting(null);
    setRefresh((n) => n + 1);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };

  const list = drafts.data?.drafts;
  return (
    <section className="counsellor-section" aria-labelledby="counsellor-drafts" data-counsellor="drafts">
      <h2 id="counsellor-drafts">
        {t('counsellor.drafts.title')}
        {list ? ` (${list.length})` : ''}
      </h2>
      <p className="hint">{t('counsellor.drafts.hint')}</p>
      {notice && (
        <p ref={noticeRef} tabIndex={-1} className={notice.failed ? 'field-error counsellor-notice' : 'note counsellor-notice'} role={notice.failed ? 'alert' : 'status'} data-drafts="notice">
          {notice.text}
        </p>
      )}
      {drafts.loading && !list && <p>{t('loading')}</p>}
      {drafts.error && drafts.error.reason !== 'signed_out' && <LoadFailed error={drafts.error} onRetry={drafts.retry} />}
      {list && list.length === 0 && <p data-drafts="empty">{t('counsellor.drafts.none')}</p>}
      {list && list.length > 0 && (
        <ul className="counsellor-list">
          {list.map((d) => (
            <li key={d.id} className="counsellor-item" data-draft={d.id} data-kind={d.kind}>
              <div className="counsellor-item-text">
                <span className="counsellor-item-title" id={`draft-${d.id}`}>
                  {draftTitle(d, t)}
                </span>
                <span className="counsellor-item-meta">{t('counsellor.drafts.saved', { date: dateTimeText(d.updatedAt, lang) })}</span>
              </div>
              <div className="counsellor-item-actions">
                <button type="button" className="action-button" onClick={() => open(d)} aria-describedby={`draft-${d.id}`} data-draft-action="open">
                  {t('counsellor.drafts.open')}
                </button>
                <button type="button" className="action-button secondary" onClick={() => setDeleting(d)} aria-describedby={`draft-${d.id}`} data-draft-action="delete">
                  {t('counsellor.drafts.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          name="delete-draft"
          title={t('counsellor.drafts.confirmTitle')}
          confirmLabel={t('counsellor.drafts.confirm')}
          cancelLabel={t('counsellor.cancel')}
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove(deleting)}
        >
          <p className="confirm-what">{draftTitle(deleting, t)}</p>
          <p>{t('counsellor.drafts.confirmBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
