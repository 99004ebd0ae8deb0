import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { FacilityMap } from '../components/FacilityMap';
import { HolidayLine } from '../components/HolidayLine';
import { LoadFailed } from '../components/LoadFailed';
import { useApi } from '../lib/use-api';
import { useLang } from '../lib/use-lang';
import { useNav } from '../session';
import type { FacilityItem } from '../../../core/contract/kiosk-api';
import { DISTRICTS } from '../../../core/contract/lists';
import { districtName } from '../lib/district';
import { bringIntoView } from '../lib/toolbar-fit';
import { LabelCount } from '../components/LabelCount';

const PAGE = 50;

/** The filters live in the screen (session.tsx): each choice replaces it, so 뒤로 from a facility comes back to them. */
export function Facilities({ category, district, openNow, picked }: { category?: string; district?: string; openNow: boolean; picked: string[] | null }) {
  const { t } = useTranslation();
  const { go, replace } = useNav();
  const lang = useLang();
  // a filter chosen lets go of the facilities picked on the map
  const filter = (f: { category?: string; district?: string; openNow?: boolean }) => replace({ name: 'facilities', category, district, openNow, ...f });
  const setCategory = (c: string | undefined) => filter({ category: c });
  const setDistrict = (d: string | undefined) => filter({ district: d });
  const setOpenNow = (o: boolean) => filter({ openNow: o });
  // nearest first, a page at a time; 더 보기 asks for the next page with the ones shown
  const [limit, setLimit] = useState(PAGE);
  const r = useApi((signal) => api.facilities({ category, district, openNow, lang, limit }, { signal }), [category, district, openNow, lang, limit]);
  const map = useApi((signal) => api.map({}, { signal }), []);
  const open = (id: string) => go({ name: 'entry', id });
  // a marker of several facilities at one spot, tapped: the list shows just those until 모든 시설 보기 or
  // another filter (kept in the screen, so 뒤로 from one of them comes back to them)
  const setPicked = (ids: string[] | null) => replace({ name: 'facilities', category, district, openNow, ...(ids ? { picked: ids } : {}) });
  const listHeading = useRef<HTMLHeadingElement>(null);
  const pick = (ids: string[]) => {
    setPicked(ids);
    requestAnimationFrame(() => {
      bringIntoView(listHeading.current);
      listHeading.current?.focus({ preventScroll: true });
    });
  };
  const shown = r.data && picked ? r.data.items.filter((i) => picked.includes(i.id)) : (r.data?.items ?? []);
  // one message when either fails (the host being down fails both); 다시 시도 asks again for what failed
  const error = r.error ?? map.error;
  const retry = () => {
    if (r.error) r.retry();
    if (map.error) map.retry();
  };
  return (
    <div className="facilities split">
      {/* the heading, the filters and the map; then the list — beside them on a landscape screen (styles.css: .split) */}
      <div className="split-controls">
        <h1>{t('facilities.title')}</h1>
        {r.data &&
          (r.data.origin ? (
            <p className="hint">{t('facilities.origin', { place: r.data.origin.label })}{r.data.origin.place.precision !== 'exact' && ` (${t('facilities.approx')})`}</p>
          ) : (
            <p className="hint">{t('facilities.noOrigin')}</p>
          ))}
        <ul className="chips" aria-label={t('facilities.filterType')}>
          <li>
            <button type="button" className="chip" aria-pressed={!category} onClick={() => setCategory(undefined)}>
              {t('list.all')}
            </button>
          </li>
          {r.data?.categories.map((c) => (
            <li key={c.id}>
              <button type="button" className="chip" aria-pressed={category === c.id} onClick={() => setCategory(c.id)} data-category={c.id}>
                <LabelCount label={t(`category.${c.id}`)} n={c.count} />
              </button>
            </li>
          ))}
        </ul>
        <ul className="chips" aria-label={t('facilities.filterDistrict')}>
          <li>
            <button type="button" className="chip" aria-pressed={!district} onClick={() => setDistrict(undefined)}>
              {t('facilities.allDistricts')}
            </button>
          </li>
          {DISTRICTS.map((d) => (
            <li key={d}>
              <button type="button" className="chip" aria-pressed={district === d} onClick={() => setDistrict(d)} data-district={d}>
                {t(`finder.a.district.${d}`)}
              </button>
            </li>
          ))}
          <li>
            <button type="button" className="chip" aria-pressed={openNow} onClick={() => setOpenNow(!openNow)} data-filter="open-now">
              {t('facilities.openNowOnly')}
            </button>
          </li>
        </ul>
        {r.data && map.data && <FacilityMap areas={map.data.areas} items={r.data.items} origin={r.data.origin?.place ?? null} onOpen={open} onPick={pick} />}
      </div>
      <div className="split-results">
        {error && <LoadFailed error={error} onRetry={retry} />}
        {(r.loading || map.loading) && !(r.data && map.data) && !error && <p>{t('loading')}</p>}
        {r.data && (
          <>
            {picked ? (
              <div className="picked">
                <h2 ref={listHeading} tabIndex={-1} data-picked={shown.length}>
                  {t('facilities.picked', { count: shown.length })}
                </h2>
                <button type="button" className="action-button secondary" onClick={() => setPicked(null)} data-action="all-facilities">
                  {t('facilities.showAll', { count: r.data.total })}
                </button>
              </div>
            ) : (
              <h2 ref={listHeading} tabIndex={-1} data-total={r.data.total}>
                {t('list.items', { count: r.data.total })}
              </h2>
            )}
            <ul className="entry-list facility-list">
              {shown.map((f) => (
                <FacilityRow key={f.id} f={f} onOpen={() => open(f.id)} />
              ))}
            </ul>
            {!picked && r.data.total > r.data.items.length && (
              <button type="button" className="action-button more" onClick={() => setLimit(limit + PAGE)} data-more="facilities">
                {t('list.more', { count: r.data.total - r.data.items.length })}
              </button>
            )}
            {!picked && r.data.hoursUnknown.total > 0 && (
              <section className="hours-unknown" aria-labelledby="hours-unknown" data-hours-unknown={r.data.hoursUnknown.total}>
                <h2 id="hours-unknown">{t('facilities.unknownTitle', { count: r.data.hoursUnknown.total })}</h2>
                <p className="hint">
                  {t('facilities.unknownHint')}
                  {r.data.hoursUnknown.total > r.data.hoursUnknown.items.length && <> {t('facilities.unknownMore', { count: r.data.hoursUnknown.items.length })}</>}
                </p>
                <ul className="entry-list">
                  {r.data.hoursUnknown.items.map((f) => (
                    <FacilityRow key={f.id} f={f} onOpen={() => open(f.id)} />
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </div>
    </div>
  );
}

function FacilityRow({ f, onOpen }: { f: FacilityItem; onOpen: () => void }) {
  const { t } = useTranslation();
  const approx = f.place && f.place.precision !== 'exact';
  return (
    <li>
      <button type="button" className="entry-button" onClick={onOpen} data-facility={f.id} data-open={String(f.open)}>
        <span className="entry-title" lang={f.title.lang}>
          {f.title.text}
        </span>
        <span className="badges">
          <span className={`badge ${f.open ? 'open' : ''}`}>{f.open === null ? t('facilities.hoursUnknown') : f.open ? t('facilities.openNow') : f.holidayClosed ? t('facilities.closedToday') : t('facilities.closedNow')}</span>
          {f.district && <span className="badge">{districtName(t, f.district)}</span>}
          {f.distanceKm !== null && <span className="badge">{f.place?.precision === 'district' ? t('facilities.distanceDistrict', { km: f.distanceKm }) : approx ? t('facilities.distanceApprox', { km: f.distanceKm }) : t('facilities.distance', { km: f.distanceKm })}</span>}
        </span>
        {f.today.length > 0 && (
          <span className="entry-summary">
            {t('facilities.today')}: {f.today.map((h) => `${h.opensAt}~${h.overnight ? t('entry.overnight') + ' ' : ''}${h.closesAt}`).join(', ')}
          </span>
        )}
        {f.holiday && (
          <span className="entry-summary" data-holiday={f.holidayClosed ? 'closed' : 'open'}>
            <HolidayLine name={f.holidayName} closed={f.holidayClosed} />
          </span>
        )}
      </button>
    </li>
  );
}

