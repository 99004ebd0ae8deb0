/** A small SVG map for a facility's sheet: the 자치구 layer (when imported) and the facility's place. */
import { geoMercator, geoPath } from 'd3-geo';
import type { EntryView } from '../contract/kiosk-api.js';
import type { Layers } from '../facilities/views.js';
import { locate } from '../facilities/directory.js';

export function facilityMapSvg(e: EntryView, layers: Layers): string | undefined {
  const { gus, dongs } = layers;
  if (!gus || !e.location) return undefined;
  const place = locate({ district: e.location.district ?? e.district ?? undefined, dong: e.location.geoPrecision === 'dong' ? e.location.dong : undefined }, dongs, gus);
  const fc: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: gus.areas.map((a) => ({ type: 'Feature', properties: {}, geometry: a.geometry })) };
  const projection = geoMercator().fitExtent(
    [
      [6, 6],
      [294, 214],
    ],
    fc,
  );
  const path = geoPath(projection);
  const areas = gus.areas.map((a) => `<path d="${path(a.geometry)}" fill="#eef3fb" stroke="#000" stroke-width="0.8"/>`).join('');
  let dot = '';
  if (place) {
    const [x, y] = projection([place.lon, place.lat]) ?? [0, 0];
    dot = place.precision === 'exact' ? `<circle cx="${x}" cy="${y}" r="6" fill="#0b3d91"/>` : `<circle cx="${x}" cy="${y}" r="7" fill="#fff" stroke="#0b3d91" stroke-width="3"/><text x="${x + 9}" y="${y - 6}" font-size="14" font-weight="700">≈</text>`;
  }
  return `<svg viewBox="0 0 300 220" xmlns="http://www.w3.org/2000/svg" role="img">${areas}${dot}</svg>`;
}
