import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { EntryButton } from '../components/EntryButton';
import { BookletButton } from '../components/PrintSheet';
import { LoadFailed } from '../components/LoadFailed';
import { apiError, useApi } from '../lib/use-api';
import { useLang } from '../lib/use-lang';
import { useNav } from '../session';
import type { ApiErrorBody } from '../../../core/contract/client';
import type { EntrySummary, Output, StageId } from '../../../core/contract/kiosk-api';
import { LabelCount } from '../components/LabelCount';

/** The pages loaded after the first, and the first page they continue (another first page starts afresh). */
type More = { after?: Output<'list'>; entries: EntrySummary[]; error?: ApiErrorBody };

/** Consecutive entries of one category, as one group (the list comes sorted by category). */
function groups(entries: EntrySummary[]): { category: string; entries: EntrySummary[] }[] {
  const out: { category: string; entries: EntrySummary[] }[] = [];
  for (const e of entries) {
    const last = out[out.length - 1];
    if (last?.category === e.category) last.entries.push(e);
    else out.push({ category: e.category, entries: [e] });
  }
  return out;
}

export function Stage({ stage, category }: { stage: StageId; category?: string }) {
  const { t } = useTranslation();
  const { replace } = useNav();
  const lang = useLang();
  const r = useApi((signal) => api.list({ stage, category, lang }, { signal }), [stage, category, lang]);
  const total = r.data?.categories.reduce((a, c) => a + c.count, 0);
  // Long lists come a page at a time ("더 보기"), so a nationwide catalogue stays quick.
  const [more, setMore] = useState<More>({ entries: [] });
  const extra: More = more.after === r.data ? more : { entries: [] };
  const shown = r.data ? [...r.data.entries, ...extra.entries] : [];
  const loadMore = () => {
    const after = r.data;
    const keep = (m: More) => (m.after === after ? m.entries : []);
    setMore((m) => ({ after, entries: keep(m) }));
    api.list({ stage, category, lang, offset: shown.length }).then(
      (p) => setMore((m) => ({ after, entries: [...keep(m), ...p.entries] })),
      (e: unknown) => setMore((m) => ({ after, entries: keep(m), error: apiError(e) })),
    );
  };
  return (
    <div className="stage split">
      {/* the heading, the booklet and the filters; then the list — beside them on a landscape screen (styles.css: .split) */}
      <div className="split-controls">
        <h1>{t(`stage.${stage}`)}</h1>
        <BookletButton stage={stage} />
        {r.data && (
          <ul className="chips" aria-label={t('toolbar.settings')}>
            <li>
              <button type="button" className="chip" aria-pressed={!category} onClick={() => replace({ name: 'stage', stage })}>
                <LabelCount label={t('list.all')} n={total} />
              </button>
            </li>
            {r.data.categories.map((c) => (
              <li key={c.id}>
                <button type="button" className="chip" aria-pressed={category === c.id} onClick={() => replace({ name: 'stage', stage, category: c.id })} data-category={c.id}>
                  <LabelCount label={t(`category.${c.id}`)} n={c.count} />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="split-results">
        {r.data && (
          <>
            <h2>{t('list.items', { count: r.data.total })}</h2>
            {r.data.total === 0 && <p>{t('list.empty')}</p>}
            {/* Grouped by category, in the order the host gives (money first); pages continue the groups. */}
            {groups(shown).map((g) => (
              <section key={g.category} className="category-group" data-group={g.category}>
                {!category && (
                  <h3 className="group-heading">
                    <LabelCount label={t(`category.${g.category}`)} n={r.data!.categories.find((c) => c.id === g.category)?.count ?? g.entries.length} />
                  </h3>
                )}
                <ul className="entry-list">
                  {g.entries.map((e) => (
                    <EntryButton key={e.id} item={e} />
                  ))}
                </ul>
              </section>
            ))}
            {extra.error && <LoadFailed error={extra.error} onRetry={loadMore} />}
            {!extra.error && shown.length < r.data.total && (
              <button type="button" className="action-button more" onClick={loadMore}>
                {t('list.more', { count: r.data.total - shown.length })}
              </button>
            )}
          </>
        )}
          {r.loading && !r.data && <p>{t('loading')}</p>}
        {r.error && <LoadFailed error={r.error} onRetry={r.retry} />}
      </div>
    </div>
  );
}
