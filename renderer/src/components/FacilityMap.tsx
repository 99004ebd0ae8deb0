/**
 * The facility map: district boundaries (an imported layer) drawn as SVG with d3-geo, points
 * for facilities. A facility placed at its 행정동 or 구 centre is drawn hollow and labelled
 * approximate. Without a boundary layer, points sit on a plain background. A district's name is
 * in the reader's language (the filter chips' words); a 행정동's as the layer writes it (Korean).
 */
import { geoMercator, geoPath } from 'd3-geo';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityItem, MapArea } from '../../../core/contract/kiosk-api';
import { districtName } from '../lib/district';

const W = 800;
const H = 560;

export function FacilityMap({ areas, items, origin, onOpen }: { areas: MapArea[]; items: FacilityItem[]; origin: { lon: number; lat: number } | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  // Labels are drawn in the map's own units, which the screen scales: CSS gets the size of one
  // screen pixel in map units (--map-unit), so a label is 24 px × the text size on any screen.
  const placed = items.filter((i) => i.place);
  const drawn = areas.length > 0 || placed.length > 0 || origin !== null;
  const svg = useRef<SVGSVGElement>(null);
  const [unit, setUnit] = useState(1);
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const measure = () => {
      const w = el.getBoundingClientRect().width;
      if (w > 0) setUnit(W / w);
    };
    measure();
    const seen = new ResizeObserver(measure);
    seen.observe(el);
    return () => seen.disconnect();
  }, [drawn]);
  const fc = {
    type: 'FeatureCollection' as const,
    features: areas.length
      ? areas.map((a) => ({ type: 'Feature' as const, properties: {}, geometry: a.geometry }))
      : [...placed.map((i) => i.place!), ...(origin ? [origin] : [])].map((p) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] } })),
  };
  if (!fc.features.length) return null;
  const projection = geoMercator().fitExtent(
    [
      [24, 24],
      [W - 24, H - 24],
    ],
    fc,
  );
  const path = geoPath(projection);
  const xy = (lon: number, lat: number) => projection([lon, lat]) ?? [0, 0];
  return (
    <figure className="map" style={{ '--map-unit': unit } as CSSProperties}>
      <svg ref={svg} viewBox={`0 0 ${W} ${H}`} role="group" aria-label={t('facilities.mapLabel')}>
        {areas.map((a, i) => (
          <path key={i} d={path(a.geometry) ?? ''} className="area" />
        ))}
        {placed.map((i) => {
          const [x, y] = xy(i.place!.lon, i.place!.lat);
          const approx = i.place!.precision !== 'exact';
          return (
            <g key={i.id} className={`point ${approx ? 'approx' : ''} ${i.open ? 'open' : ''}`} role="button" tabIndex={0} aria-label={`${i.title.text}${approx ? ` (${t('facilities.approx')})` : ''}`} onClick={() => onOpen(i.id)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onOpen(i.id)} data-point={i.id}>
              <circle cx={x} cy={y} r={32} className="hit" />
              <circle cx={x} cy={y} r={11} className="dot" />
              {approx && (
                <text x={x + 14} y={y} dy="0.35em" className="approx-mark" aria-hidden="true">
                  ≈
                </text>
              )}
            </g>
          );
        })}
        {/* the words last, over the points (haloed, not in the way of a tap): a point at a district's
            centre no longer hides its name, nor the kiosk's own place */}
        {areas.map((a, i) => {
          const c = path.centroid(a.geometry);
          return (
            <text key={`l${i}`} x={c[0]} y={c[1]} dy="-1em" className="area-label" aria-hidden="true" lang={a.dong ? 'ko' : undefined}>
              {a.dong ?? districtName(t, a.gu)}
            </text>
          );
        })}
        {origin &&
          (() => {
            const [x, y] = xy(origin.lon, origin.lat);
            return (
              <g className="origin" aria-hidden="true">
                <rect x={x - 10} y={y - 10} width={20} height={20} />
                <text x={x} y={y + 14} dy="1em" textAnchor="middle">
                  {t('facilities.here')}
                </text>
              </g>
            );
          })()}
      </svg>
      <figcaption>
        {t('facilities.legend')}
        {areas.length === 0 && ` ${t('facilities.noLayer')}`}
      </figcaption>
    </figure>
  );
}
