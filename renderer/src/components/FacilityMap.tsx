/**
 * The facility map: district boundaries (an imported layer) drawn as SVG with d3-geo, points
 * for facilities. A facility placed at its 행정동 or 구 centre is drawn hollow and labelled
 * approximate. Without a boundary layer, points sit on a plain background. A district's name is
 * in the reader's language (the filter chips' words); a 행정동's as the layer writes it (Korean).
 */
import { geoMercator, geoPath } from 'd3-geo';
import { Fragment, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityItem, MapArea } from '../../../core/contract/kiosk-api';
import { districtName } from '../lib/district';
import { clusterPoints, markerBox, placeLabel, spotsInside, textEms } from '../lib/map-clusters';

const W = 800;
const H = 560;

/**
 * The text size the reader chose (1, 1.5, 2: the root's data-scale), followed as it changes: the
 * markers and labels grow with it, so what counts as "one spot" does too.
 */
function useTextScale(): number {
  const read = () => Number(document.documentElement.dataset.scale ?? 100) / 100 || 1;
  const [scale, setScale] = useState(read);
  useEffect(() => {
    const seen = new MutationObserver(() => setScale(read()));
    seen.observe(document.documentElement, { attributes: true, attributeFilter: ['data-scale'] });
    return () => seen.disconnect();
  }, []);
  return scale;
}

/**
 * A name's width in ems at a weight (the map's names 700, the ≈ and "여기" 800), measured on a
 * canvas in the page's font; the estimate by characters where the page cannot measure. Bold
 * Latin names ran wider than the estimate, and a name's end was drawn under the next marker.
 * (A 행정동's Korean name on a Chinese page is drawn in the Korean face: measured in the page's,
 * its width differs a little; the room kept around names, AIR, takes that.)
 */
function useTextWidth(): (text: string, weight?: number) => number {
  return useMemo(() => {
    const ctx = document.createElement('canvas').getContext('2d');
    return (text: string, weight = 700) => {
      if (!ctx) return textEms(text);
      ctx.font = `${weight} 100px ${getComputedStyle(document.documentElement).fontFamily}`;
      return ctx.measureText(text).width / 100 || textEms(text);
    };
  }, []);
}

/** A single facility's dot (map units); a marker of several is as large as the labels (styles.css: .point.cluster .dot). */
const DOT = 11;
/** Room kept clear around a name (ems, both sides together): its halo, and a gap before the next. */
const AIR = 0.4;
/** How far past a single facility's dot the ≈ starts (map units; a marker of several: 0.9 em of the ≈'s size). */
const APPROX_DX = 14;
/** Half the side of the kiosk's own square (map units). */
const HERE = 10;

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
  const scale = useTextScale();
  const ems = useTextWidth();
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
  // on screen: a label's em, a marker's radius and the ≈'s size, in map units; markers closer than
  // one marker's width are one (the ≈ beside a marker, 28 px × the text size, is part of its width)
  const em = 24 * scale * unit;
  const big = 22 * scale * unit;
  const markPx = 28 * scale * unit;
  const clusters = clusterPoints(
    placed.map((i) => {
      const [x, y] = xy(i.place!.lon, i.place!.lat);
      return { x, y, item: i };
    }),
    2 * big + (markPx * 1.3) / 2,
  );
  const markers = clusters.map((c) => ({ ...c, approx: c.items.some((i) => i.place!.precision !== 'exact'), r: c.items.length > 1 ? big : DOT }));
  // what a marker covers for the names: its circle, and the ≈ as drawn (from APPROX_DX past its
  // centre, its measured width; up and down, its line's middle: 0.3 of its size either side)
  const approxWidth = (ems('≈', 800) + 0.15) * markPx;
  const covered = markers.map((m) => {
    if (!m.approx) return markerBox({ ...m, mark: 0 });
    const b = markerBox({ ...m, mark: (m.items.length > 1 ? 0.9 * markPx : APPROX_DX) + approxWidth - m.r });
    const half = Math.max(m.r, 0.3 * markPx);
    return { ...b, top: m.y - half, bottom: m.y + half };
  });
  const taken: Parameters<typeof placeLabel>[2] = [];
  // the kiosk's own place: beside a marker drawn at the same spot (both are a district's centre)
  // rather than over its count; "여기" just under it, or over it, or beside it — wherever it covers no marker
  const here = (() => {
    if (!origin) return null;
    const [ox, oy] = xy(origin.lon, origin.lat);
    const on = markers.find((m) => Math.hypot(m.x - ox, m.y - oy) <= m.r + HERE);
    const x = on ? on.x - on.r - 14 : ox;
    covered.push({ left: x - HERE, right: x + HERE, top: oy - HERE, bottom: oy + HERE });
    const words = t('facilities.here');
    return { x, y: oy, words, label: placeLabel({ x, y: oy, width: (ems(words, 800) + AIR) * em, em, beside: HERE }, covered, taken, { width: W, height: H }) };
  })();
  // the districts' names where they cover no marker and no other name, near the centre or else
  // anywhere inside the district (those that cannot, under the markers)
  const labels = areas.map((a, i) => {
    const c = path.centroid(a.geometry);
    const name = a.dong ?? districtName(t, a.gu);
    const polygons = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates;
    const rings = polygons.flat().map((ring) => ring.map(([lon, lat]) => xy(lon!, lat!)));
    const width = (ems(name) + AIR) * em;
    // (the grid inside the district is made only when no place near the centre is clear)
    const spots = () => spotsInside(rings, em / 2, { x: c[0], y: c[1] }, width / 2);
    const at = placeLabel({ x: c[0], y: c[1], width, em, spots }, covered, taken, { width: W, height: H });
    return { key: `l${i}`, name, korean: Boolean(a.dong), ...at };
  });
  const label = (l: (typeof labels)[number]) => (
    <text key={l.key} x={l.x} y={l.y} className="area-label" aria-hidden="true" lang={l.korean ? 'ko' : undefined}>
      {l.name}
    </text>
  );
  return (
    <figure className="map" style={{ '--map-unit': unit } as CSSProperties}>
      <svg ref={svg} viewBox={`0 0 ${W} ${H}`} role="group" aria-label={t('facilities.mapLabel')}>
        {areas.map((a, i) => (
          <path key={i} d={path(a.geometry) ?? ''} className="area" />
        ))}
        {labels.filter((l) => !l.free).map(label)}
        {markers.map((c) => {
          const { approx } = c;
          const one = c.items.length === 1 ? c.items[0]! : null;
          const names = c.items.map((i) => i.title.text).join(', ');
          const activate = () => (one ? onOpen(one.id) : onPick(c.items.map((i) => i.id)));
          // the ≈ beside the marker, not inside its button: a button's name holds what it shows (its count)
          return (
            <Fragment key={c.items[0]!.id}>
              <g
                className={`point ${approx ? 'approx' : ''} ${c.items.some((i) => i.open) ? 'open' : ''} ${one ? '' : 'cluster'}`}
                role="button"
                tabIndex={0}
                aria-label={one ? `${one.title.text}${approx ? ` (${t('facilities.approx')})` : ''}` : `${t('facilities.cluster', { count: c.items.length })}${approx ? ` (${t('facilities.approx')})` : ''}: ${names}`}
                onClick={activate}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && activate()}
                {...(one ? { 'data-point': one.id } : { 'data-cluster': c.items.length })}
              >
                <circle cx={c.x} cy={c.y} r={32} className="hit" />
                <circle cx={c.x} cy={c.y} r={DOT} className="dot" />
                {!one && (
                  <text x={c.x} y={c.y} dy="0.35em" className="count">
                    {c.items.length}
                  </text>
                )}
              </g>
              {approx && (
                <text x={c.x} y={c.y} dx={one ? APPROX_DX : '0.9em'} dy="0.35em" className="approx-mark" aria-hidden="true">
                  ≈
                </text>
              )}
            </Fragment>
          );
        })}
        {/* the names that have a place of their own over the points, with "여기" */}
        {labels.filter((l) => l.free).map(label)}
        {here && (
          <g className="origin" aria-hidden="true">
            <rect x={here.x - HERE} y={here.y - HERE} width={2 * HERE} height={2 * HERE} />
            <text x={here.label.x} y={here.label.y} textAnchor="middle">
              {here.words}
            </text>
          </g>
        )}
      </svg>
      <figcaption>
        {t('facilities.legend')}
        {areas.length === 0 && ` ${t('facilities.noLayer')}`}
      </figcaption>
    </figure>
  );
}
