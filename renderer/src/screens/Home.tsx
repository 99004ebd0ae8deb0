import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { KoreanRuns } from '../components/KoreanRuns';
import { LoadFailed } from '../components/LoadFailed';
import { useApi } from '../lib/use-api';
import { useNav } from '../session';
import type { StageId } from '../../../core/contract/kiosk-api';

const STAGES: StageId[] = ['pregnancy', 'infant', 'school', 'youth'];
const ACTIONS = [
  ['finder', 'finder', 'home.finder', 'home.finderHint'],
  ['search', 'search', 'home.search', 'home.searchHint'],
  ['facilities', 'map', 'home.facilities', 'home.facilitiesHint'],
  ['centre', 'phone', 'home.centre', 'home.centreHint'],
] as const;

export function Home() {
  const { t } = useTranslation();
  const { go } = useNav();
  const info = useApi((signal) => api.info({}, { signal }), []);
  const count = (s: StageId) => info.data?.stages.find((x) => x.id === s)?.count;
  // The main actions first, then the life stages: on a portrait kiosk the tiles share the whole
  // screen; at 150 % and 200 % the actions stay in view without scrolling (styles.css: .home).
  return (
    <div className="home">
      <header className="hero">
        <div className="hero-text">
          <h1>{t('app.title')}</h1>
          <p>{t('app.tagline')}</p>
        </div>
        {/* applying here: a call back from a counsellor, and how an application stands (beside the title, so the tiles keep the screen) */}
        <div className="home-apply">
          <button type="button" className="action-button secondary" onClick={() => go({ name: 'apply', service: 'consultation-callback' })} data-action="callback">
            {t('apply.callbackTile')}
          </button>
          <button type="button" className="action-button secondary" onClick={() => go({ name: 'lookup' })} data-action="lookup">
            {t('apply.lookupTile')}
          </button>
        </div>
      </header>
      <ul className="tiles actions">
        {ACTIONS.map(([screen, icon, title, hint]) => (
          <li key={screen}>
            <button type="button" className="tile action" onClick={() => go({ name: screen })} data-action={screen}>
              <Icon name={icon} size={56} />
              <span className="tile-title">{t(title)}</span>
              <span className="tile-hint">
                <KoreanRuns text={t(hint)} />
              </span>
            </button>
          </li>
        ))}
      </ul>
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
      {info.error && <LoadFailed error={info.error} onRetry={info.retry} />}
    </div>
  );
}
