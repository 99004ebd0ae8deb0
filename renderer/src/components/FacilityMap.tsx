/**
 * The facility map: district boundaries (an imported layer) drawn as SVG with d3-geo, points
 * for facilities. A facility placed at its 행정동 or 구 centre is drawn hollow and labelled
 * approximate. Without a boundary layer, points sit on a plain background. A district's name is
 * in the reader's language (the filter chips' words); a 행정동's as the layer writes it (Korean).
 */
import { geoMercator, geoPath } from 'd3-geo';
import { Fragment, useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityItem, MapArea } from '../../../core/contract/kiosk-api';
import { districtName } from '../lib/district';
import { clusterPoints } from '../lib/map-clusters';

const W = 800;
const H = 560;

/** Points this near (map units) are one marker. */
const NEAR = 24;

/**
 * `onOpen`: a single facility's marker was tapped; `onPick`: a marker of several at one spot
 * (their ids, nearest first) — the screen lists just those.
 */
export function FacilityMap({ areas, items, origin, onOpen, onPick }: { areas: MapArea[]; items: FacilityItem[]; origin: { lon: number; lat: number } | null; onOpen: (id: string) => void; onPick: (ids: string[]) => void }) {
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
  const clusters = clusterPoints(
    placed.map((i) => {
      const [x, y] = xy(i.place!.lon, i.place!.lat);
      return { x, y, item: i };
    }),
    NEAR,
  );
  return (
    <figure className="map" style={{ '--map-unit': unit } as CSSProperties}>
      <svg ref={svg} viewBox={`0 0 ${W} ${H}`} role="group" aria-label={t('facilities.mapLabel')}>
        {areas.map((a, i) => (
          <path key={i} d={path(a.geometry) ?? ''} className="area" />
        ))}
        {clusters.map((c) => {
          const approx = c.items.some((i) => i.place!.precision !== 'exact');
          const one = c.items.length === 1 ? c.items[0]! : null;
          const names = c.items.map((i) => i.title.text).join(', ');
          // the ≈ beside the marker, not inside its button: a button's name holds what it shows (its count)
          return (
            <Fragment key={c.items[0]!.id}>
              <g
                className={`point ${approx ? 'approx' : ''} ${c.items.some((i) => i.open) ? 'open' : ''} ${one ? '' : 'cluster'}`}
                role="button"
                tabIndex={0}
                aria-label={one ? `${one.title.text}${approx ? ` (${t('facilities.approx')})` : ''}` : `${t('facilities.cluster', { count: c.items.length })}${approx ? ` (${t('facilities.approx')})` : ''}: ${names}`}
                onClick={() => (one ? onOpen(one.id) : onPick(c.items.map((i) => i.id)))}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (one ? onOpen(one.id) : onPick(c.items.map((i) => i.id)))}
                {...(one ? { 'data-point': one.id } : { 'data-cluster': c.items.length })}
              >
                <circle cx={c.x} cy={c.y} r={32} className="hit" />
                <circle cx={c.x} cy={c.y} r={11} className="dot" />
                {!one && (
                  <text x={c.x} y={c.y} dy="0.35em" className="count">
                    {c.items.length}
                  </text>
                )}
              </g>
              {approx && (
                <text x={c.x} y={c.y} dx={one ? 14 : '0.9em'} dy="0.35em" className="approx-mark" aria-hidden="true">
                  ≈
                </text>
              )}
            </Fragment>
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
            const [ox, y] = xy(origin.lon, origin.lat);
            // the kiosk's own place, beside a marker drawn at the same spot (both are a district's centre) rather than over its count
            const x = clusters.some((c) => Math.hypot(c.x - ox, c.y - y) <= NEAR) ? ox - 44 : ox;
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
