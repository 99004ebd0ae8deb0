import { useTranslation } from 'react-i18next';
import { useSession } from '../session';
import type { StageId } from '../../../core/contract/kiosk-api';

/** The questionnaire arrives with the eligibility issue; until then this page says so and offers the other ways in. */
export function Finder() {
  const { t } = useTranslation();
  const { go } = useSession();
  return (
    <div className="finder">
      <h1>{t('finder.title')}</h1>
      <p className="note">{t('finder.soon')}</p>
      <ul className="chips">
        {(['pregnancy', 'infant', 'school', 'youth'] as StageId[]).map((s) => (
          <li key={s}>
            <button type="button" className="chip" onClick={() => go({ name: 'stage', stage: s })}>
              {t(`stage.${s}`)}
            </button>
          </li>
        ))}
        <li>
          <button type="button" className="chip" onClick={() => go({ name: 'search' })}>
            {t('home.search')}
          </button>
        </li>
      </ul>
    </div>
  );
}
