/**
 * Boundary layers (자치구 and 행정동 polygons) are operator-supplied data: imported at run time
 * into the device's data folder, never shipped in the repository (nor anything derived from
 * them). The import validates the GeoJSON, names each area, and derives centroids
 * (area centroid of each area's largest polygon) for placing facilities approximately.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDistrict, type District } from '../contract/lists.js';

export type Ring = [number, number][];
export type Polygon = Ring[];
export interface Area {
  /** 자치구 name (동구 …) */
  gu: District;
  /** 행정동 name for a dong layer */
  dong?: string;
  level: 'gu' | 'dong';
  centroid: [number, number];
  geometry: { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: Polygon[] };
}
export interface BoundaryLayer {
  level: 'gu' | 'dong';
  source: string;
  importedAt: string;
  areas: Area[];
}

export class BoundaryError extends Error {}

/** Signed area and centroid of a ring (shoelace), in degrees — fine at city scale for choosing and centring. */
function ringCentroid(r: Ring): { a: number; x: number; y: number } {
  const first = r[0];
  const last = r.at(-1);
  if (first === undefined || last === undefined) throw new BoundaryError('a ring has no points');
  let a = 0;
  let x = 0;
  let y = 0;
  // Each edge, from the previous point (the last one, for the first edge) to this one.
  let [x0, y0] = last;
  for (const [x1, y1] of r) {
    const f = x0 * y1 - x1 * y0;
    a += f;
    x += (x0 + x1) * f;
    y += (y0 + y1) * f;
    [x0, y0] = [x1, y1];
  }
  a /= 2;
  return a === 0 ? { a: 0, x: first[0], y: first[1] } : { a, x: x / (6 * a), y: y / (6 * a) };
}

export function centroidOfLargest(polys: Polygon[]): [number, number] {
  let best = { a: -1, x: 0, y: 0 };
  for (const [outer] of polys) {
    if (outer === undefined) throw new BoundaryError('a polygon has no outer ring');
    const c = ringCentroid(outer);
    if (Math.abs(c.a) > best.a) best = { a: Math.abs(c.a), x: c.x, y: c.y };
  }
  return [Math.round(best.x * 1e6) / 1e6, Math.round(best.y * 1e6) / 1e6];
}

/** Reads a FeatureCollection of Gwangju areas (southkorea-maps or admdongkor style properties). */
export function parseBoundaries(text: string, source: string): BoundaryLayer {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BoundaryError(`${source}: not valid JSON`);
  }
  const fc = data as { type?: string; features?: unknown[] };
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features) || fc.features.length === 0)
    throw new BoundaryError(`${source}: expected a GeoJSON FeatureCollection with features`);
  const areas: Area[] = [];
  fc.features.forEach((f, i) => {
    const feat = f as { properties?: Record<string, unknown>; geometry?: { type?: string; coordinates?: unknown } };
    const p = feat.properties ?? {};
    const g = feat.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) throw new BoundaryError(`${source}: feature ${i + 1}: geometry must be Polygon or MultiPolygon`);
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Polygon[];
    for (const poly of polys) {
      if (!Array.isArray(poly) || poly.length === 0) throw new BoundaryError(`${source}: feature ${i + 1}: a polygon needs an outer ring`);
      for (const ring of poly) {
        if (!Array.isArray(ring) || ring.length < 4) throw new BoundaryError(`${source}: feature ${i + 1}: a ring needs at least 4 points`);
        for (const [lon, lat] of ring)
          if (!(lon > 124 && lon < 132 && lat > 33 && lat < 39)) throw new BoundaryError(`${source}: feature ${i + 1}: coordinate ${lon},${lat} is not in Korea (expected [lon, lat] in WGS84)`);
      }
    }
    const admNm = typeof p.adm_nm === 'string' ? p.adm_nm : undefined; // "광주광역시 동구 충장동"
    const gu = (typeof p.sggnm === 'string' && p.sggnm) || (typeof p.name === 'string' && isDistrict(p.name) ? p.name : undefined) || admNm?.split(' ')[1];
    if (!gu || !isDistrict(gu)) throw new BoundaryError(`${source}: feature ${i + 1}: cannot tell which district (자치구) it is; expected properties sggnm, name or adm_nm of a Gwangju area`);
    const dong = admNm ? admNm.split(' ').slice(2).join(' ') || undefined : undefined;
    areas.push({ gu, dong, level: dong ? 'dong' : 'gu', centroid: centroidOfLargest(polys), geometry: g as Area['geometry'] });
  });
  const [level, ...others] = new Set(areas.map((a) => a.level));
  if (others.length) throw new BoundaryError(`${source}: mixes 자치구 and 행정동 areas; import one layer per file`);
  if (level === undefined) throw new BoundaryError(`${source}: no areas`); // not reached: there is at least one feature, and each is an area or an error
  return { level, source, importedAt: new Date().toISOString(), areas };
}

const layerFile = (dataDir: string, level: 'gu' | 'dong') => join(dataDir, 'map', `boundaries-${level}.json`);

/** Saves a layer into the data folder (atomically); the map uses the 자치구 layer, placement uses both. */
export function importBoundaries(dataDir: string, file: string): BoundaryLayer {
  const layer = parseBoundaries(readFileSync(file, 'utf8'), file);
  mkdirSync(join(dataDir, 'map'), { recursive: true });
  const out = layerFile(dataDir, layer.level);
  writeFileSync(`${out}.tmp`, JSON.stringify(layer));
  renameSync(`${out}.tmp`, out);
  return layer;
}

/** Layers read once and kept until the file changes (a new import replaces it), not parsed per request. */
const loaded = new Map<string, { mtimeMs: number; layer: BoundaryLayer }>();

export function loadBoundaries(dataDir: string | undefined, level: 'gu' | 'dong'): BoundaryLayer | null {
  if (!dataDir) return null;
  const f = layerFile(dataDir, level);
  if (!existsSync(f)) return null;
  const { mtimeMs } = statSync(f);
  const hit = loaded.get(f);
  if (hit && hit.mtimeMs === mtimeMs) return hit.layer;
  const layer = JSON.parse(readFileSync(f, 'utf8')) as BoundaryLayer;
  loaded.set(f, { mtimeMs, layer });
  return layer;
}
