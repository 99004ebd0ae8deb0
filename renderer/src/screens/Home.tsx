import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { useApi } from '../lib/use-api';
import { useSession } from '../session';
import type { StageId } from '../../../core/contract/kiosk-api';

const STAGES: StageId[] = ['pregnancy', 'infant', 'school', 'youth'];

export function Home() {
  const { t } = useTranslation();
  const { go } = useSession();
  const info = useApi(() => api.info({}), []);
  const count = (s: StageId) => info.data?.stages.find((x) => x.id === s)?.count;
  return (
    <div className="home">
      <header className="hero">
        <h1>{t('app.title')}</h1>
        <p>{t('app.tagline')}</p>
      </header>
      <h2>{t('home.stages')}</h2>
      <ul className="tiles stages">
        {STAGES.map((s) => (
          <li key={s}>
            <button type="button" className={`tile stage-${s}`} onClick={() => go({ name: 'stage', stage: s })} data-stage={s}>
              <Icon name={s} size={56} />
              <span className="tile-title">{t(`stage.${s}`)}</span>
              <span className="tile-hint">{t(`stageHint.${s}`)}</span>
              {count(s) !== undefined && <span className="tile-count">{t('home.count', { count: count(s) })}</span>}
            </button>
          </li>
        ))}
      </ul>
      <ul className="tiles actions">
        <li>
          <button type="button" className="tile action" onClick={() => go({ name: 'finder' })} data-action="finder">
            <Icon name="finder" size={56} />
            <span className="tile-title">{t('home.finder')}</span>
            <span className="tile-hint">{t('home.finderHint')}</span>
          </button>
        </li>
        <li>
          <button type="button" className="tile action" onClick={() => go({ name: 'search' })} data-action="search">
            <Icon name="search" size={56} />
            <span className="tile-title">{t('home.search')}</span>
            <span className="tile-hint">{t('home.searchHint')}</span>
          </button>
        </li>
        <li>
          <button type="button" className="tile action" onClick={() => go({ name: 'facilities' })} data-action="facilities">
            <Icon name="map" size={56} />
            <span className="tile-title">{t('home.facilities')}</span>
            <span className="tile-hint">{t('home.facilitiesHint')}</span>
          </button>
        </li>
        <li>
          <button type="button" className="tile action" onClick={() => go({ name: 'centre' })} data-action="centre">
            <Icon name="phone" size={56} />
            <span className="tile-title">{t('home.centre')}</span>
            <span className="tile-hint">{t('home.centreHint')}</span>
          </button>
        </li>
      </ul>
    </div>
  );
}
