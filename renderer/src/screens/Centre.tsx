import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useApi } from '../lib/use-api';
import { PhoneList } from '../components/PhoneList';
import { LoadFailed } from '../components/LoadFailed';
import { useLang } from '../lib/use-lang';
import { useNav } from '../session';
import { useCatalogueStamp } from './Status';

export function Centre() {
  const { t } = useTranslation();
  const { go } = useNav();
  const lang = useLang();
  const r = useApi((signal) => api.faq({ lang }, { signal }), [lang]);
  const [open, setOpen] = useState<string | null>(null);
  const stamp = useCatalogueStamp();
  const c = r.data?.centre;
  return (
    <div className="centre">
      <h1>{t('centre.title')}</h1>
      {c && (
        <section className="field call">
          <h2>{t('centre.call')}</h2>
          <PhoneList phones={c.phones} big />
          {c.what && <p lang={c.what.lang}>{c.what.text}</p>}
          <p className="note">{t('centre.hoursUnknown')}</p>
          <button type="button" className="action-button" onClick={() => go({ name: 'entry', id: c.entryId })}>
            {t('centre.more')}
          </button>
        </section>
      )}
      <section className="field centre-apply" data-centre="apply">
        <h2>{t('apply.callbackTile')}</h2>
        <p>{t('apply.callbackHint')}</p>
        <div className="apply-actions">
          <button type="button" className="big-button" onClick={() => go({ name: 'apply', service: 'consultation-callback' })} data-action="callback">
            {t('apply.callbackTile')}
          </button>
          <button type="button" className="big-button secondary" onClick={() => go({ name: 'lookup' })} data-action="lookup">
            {t('apply.lookupTile')}
          </button>
        </div>
        <p className="hint">{t('apply.lookupHint')}</p>
      </section>
      {r.error && <LoadFailed error={r.error} onRetry={r.retry} />}
      {r.loading && !r.data && <p>{t('loading')}</p>}
      {r.data && <h2>{t('centre.faq')}</h2>}
      <ul className="faq">
        {r.data?.items.map((q) => (
          <li key={q.id}>
            <button type="button" className="faq-q" aria-expanded={open === q.id} aria-controls={`a-${q.id}`} onClick={() => setOpen(open === q.id ? null : q.id)}>
              <span lang={q.question.lang}>{q.question.text}</span>
            </button>
            {open === q.id && (
              <div id={`a-${q.id}`} className="faq-a">
                <p lang={q.answer.lang}>{q.answer.text}</p>
                <ul className="chips">
                  {q.related.map((x) => (
                    <li key={x.id}>
                      <button type="button" className="chip" onClick={() => go({ name: 'entry', id: x.id })}>
                        <span lang={x.title.lang}>{x.title.text}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </li>
        ))}
      </ul>
      {/* at the end, modestly: which information the kiosk has, and the way to update it (the status view) */}
      <section className="field centre-update">
        <button type="button" className="action-button secondary" onClick={() => go({ name: 'status' })} data-action="status">
          <span>{t('status.title')}</span>
          {(stamp.updated || stamp.version) && <span className="centre-update-stamp">{[stamp.updated, stamp.version].filter(Boolean).join(' · ')}</span>}
        </button>
      </section>
    </div>
  );
}
