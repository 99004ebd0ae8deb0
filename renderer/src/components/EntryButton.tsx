import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntrySummary, SearchHit } from '../../../core/contract/kiosk-api';
import { useNav } from '../session';
import { scopeName } from '../lib/district';

type Item = Pick<EntrySummary, 'id' | 'kind' | 'title' | 'summary'> & Partial<Pick<EntrySummary, 'scope' | 'district' | 'status'>>;

/** One entry in a list: a big button with the plain title and a one-line summary (memo: typing does not redraw the list). */
export const EntryButton = memo(function EntryButton({ item }: { item: Item | SearchHit }) {
  const { t } = useTranslation();
  const { go } = useNav();
  const e = item as Item;
  return (
    <li>
      <button type="button" className="entry-button" onClick={() => go({ name: 'entry', id: e.id })} data-entry={e.id}>
        <span className="entry-title" lang={e.title.lang}>
          {e.title.text}
        </span>
        <span className="entry-summary" lang={e.summary.lang}>
          {e.summary.text}
        </span>
        <span className="badges">
          <span className={`badge kind-${e.kind}`}>{t(`kind.${e.kind}`)}</span>
          {e.scope && <span className="badge">{scopeName(t, e.scope, e.district)}</span>}
          {e.status === 'discontinued' && <span className="badge warn">{t('entry.discontinued')}</span>}
        </span>
      </button>
    </li>
  );
});
