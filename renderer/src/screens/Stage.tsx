import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { EntryButton } from '../components/EntryButton';
import { BookletButton } from '../components/PrintSheet';
import { useApi } from '../lib/use-api';
import { useNav } from '../session';
import type { EntrySummary, StageId } from '../../../core/contract/kiosk-api';

export function Stage({ stage, category }: { stage: StageId; category?: string }) {
  const { t, i18n } = useTranslation();
  const { replace } = useNav();
  const r = useApi(() => api.list({ stage, category, lang: i18n.language as never }), [stage, category, i18n.language]);
  const total = r.data?.categories.reduce((a, c) => a + c.count, 0);
  // Long lists come a page at a time ("더 보기"), so a nationwide catalogue stays quick.
  const [more, setMore] = useState<EntrySummary[]>([]);
  useEffect(() => setMore([]), [stage, category, i18n.language]);
  const shown = r.data ? [...r.data.entries, ...more] : [];
  const loadMore = () =>
    void api.list({ stage, category, lang: i18n.language as never, offset: shown.length }).then((p) => setMore((m) => [...m, ...p.entries]));
  return (
    <div className="stage">
      <h1>{t(`stage.${stage}`)}</h1>
      <BookletButton stage={stage} />
      {r.data && (
        <>
          <ul className="chips" aria-label={t('toolbar.settings')}>
            <li>
              <button type="button" className="chip" aria-pressed={!category} onClick={() => replace({ name: 'stage', stage })}>
                {t('list.all')} <span className="count">{total}</span>
              </button>
            </li>
            {r.data.categories.map((c) => (
              <li key={c.id}>
                <button type="button" className="chip" aria-pressed={category === c.id} onClick={() => replace({ name: 'stage', stage, category: c.id })} data-category={c.id}>
                  {t(`category.${c.id}`)} <span className="count">{c.count}</span>
                </button>
              </li>
            ))}
          </ul>
          <h2>{t('list.items', { count: r.data.total })}</h2>
          {r.data.total === 0 && <p>{t('list.empty')}</p>}
          <ul className="entry-list">
            {shown.map((e) => (
              <EntryButton key={e.id} item={e} />
            ))}
          </ul>
          {shown.length < r.data.total && (
            <button type="button" className="action-button more" onClick={loadMore}>
              {t('list.more', { count: r.data.total - shown.length })}
            </button>
          )}
        </>
      )}
      {r.loading && !r.data && <p>{t('loading')}</p>}
      {r.error && <p role="alert">{t('error.generic')}</p>}
    </div>
  );
}
