/**
 * Boundary layers (자치구 and 행정동 polygons) are operator-supplied data: imported at run time
 * into the device's data folder, never shipped in the repository (nor anything derived from
 * them). The import validates the GeoJSON, names each area, and derives centroids
 * (area centroid of each area's largest polygon) for placing facilities approximately.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { DISTRICTS, isDistrict, type District } from '../contract/lists.js';
import { cleanText } from '../importers/text.js';
import { GWANGJU_BOUNDS_TEXT, inGwangju } from './bounds.js';
import { privateDir, writePrivateFile } from '../private-files.node.js';

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

/** Most positions a layer may have: the full-resolution files in use have under 8,000; a national or unsimplified file is refused before it is walked. */
export const MAX_POINTS = 200_000;
/** Largest file read (bytes); far above any Gwangju layer (the largest known is 190 kB). */
export const MAX_BYTES = 32 * 1024 * 1024;

const count = (n: number) => n.toLocaleString('en-US');

/** A JSON value written briefly (3 levels, 5 items each, strings cut): never recursing on the input's own depth. */
function brief(v: unknown, depth = 0): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (Array.isArray(v)) return depth >= 3 ? '[…]' : `[${v.slice(0, 5).map((x) => brief(x, depth + 1)).join(',')}${v.length > 5 ? ',…' : ''}]`;
  if (v !== null && typeof v === 'object') {
    const kv = Object.entries(v);
    return depth >= 3 ? '{…}' : `{${kv.slice(0, 5).map(([k, x]) => `${brief(k)}:${brief(x, depth + 1)}`).join(',')}${kv.length > 5 ? ',…' : ''}}`;
  }
  return String(v);
}

/** A JSON value as a reason shows it: brief, without control characters, Infinity as Infinity. */
function shownValue(v: unknown): string {
  const chars = Array.from(cleanText(brief(v)));
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : chars.join('');
}

/** Positions in a feature's coordinates, counted without trusting their shape (fixed depth, never recursing on the input's nesting). */
function positionsIn(features: unknown[]): number {
  let n = 0;
  for (const f of features) {
    const g = (f as { geometry?: { type?: unknown; coordinates?: unknown } } | null)?.geometry;
    const coords = g?.coordinates;
    if (!Array.isArray(coords)) continue;
    const polys = g?.type === 'MultiPolygon' ? coords : [coords];
    for (const poly of polys) if (Array.isArray(poly)) for (const ring of poly) if (Array.isArray(ring)) n += ring.length;
  }
  return n;
}

/**
 * Checks one geometry's coordinates and returns them rebuilt from the checked numbers (nothing
 * else of the input is kept). Stops at the first problem: the path and message of one issue.
 */
function checkCoordinates(type: 'Polygon' | 'MultiPolygon', coords: unknown): { polys: Polygon[] } | { path: number[]; message: string } {
  const multi = type === 'MultiPolygon';
  if (!Array.isArray(coords)) return { path: [], message: `is ${shownValue(coords)}; a ${type} needs a list of ${multi ? 'polygons' : 'rings'}` };
  if (coords.length === 0) return { path: [], message: `is empty; a ${type} needs at least one ${multi ? 'polygon' : 'ring'}` };
  const polys: Polygon[] = [];
  const input: unknown[] = multi ? coords : [coords];
  for (const [pi, poly] of input.entries()) {
    const pp = multi ? [pi] : [];
    if (!Array.isArray(poly) || poly.length === 0) return { path: pp, message: 'a polygon needs an outer ring (a list of rings)' };
    const rings: Ring[] = [];
    for (const [ri, ring] of poly.entries()) {
      const rp = [...pp, ri];
      if (!Array.isArray(ring)) return { path: rp, message: `is ${shownValue(ring)}; a ring is a list of [lon, lat] positions` };
      if (ring.length < 4) return { path: rp, message: `a ring needs at least 4 positions (first = last); this one has ${ring.length}` };
      const out: Ring = [];
      for (const [qi, p] of ring.entries()) {
        const at = [...rp, qi];
        if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number')
          return { path: at, message: `${shownValue(p)} is not a [lon, lat] pair of numbers` };
        const [lon, lat] = p as [number, number];
        if (!Number.isFinite(lon) || !Number.isFinite(lat)) return { path: at, message: `${shownValue(p)} is not a pair of finite numbers` };
        if (!inGwangju(lon, lat))
          return {
            path: at,
            message: `[${lon}, ${lat}] is outside Gwangju (${GWANGJU_BOUNDS_TEXT})${inGwangju(lat, lon) ? ': it looks like [lat, lon], and GeoJSON positions are [lon, lat]' : '; expected [lon, lat] in WGS84 degrees'}`,
          };
        out.push([lon, lat]);
      }
      const [first, last] = [out[0]!, out[out.length - 1]!];
      if (first[0] !== last[0] || first[1] !== last[1]) return { path: rp, message: `the ring is not closed: it ends at [${last[0]}, ${last[1]}], not at its first position [${first[0]}, ${first[1]}]` };
      rings.push(out);
    }
    polys.push(rings);
  }
  return { polys };
}

/** The one schema a boundary layer passes: a FeatureCollection of Polygon / MultiPolygon features in Gwangju. */
const Geometry = z
  .object(
    {
      type: z.enum(['Polygon', 'MultiPolygon'], { error: (iss) => `is ${shownValue(iss.input)}; expected Polygon or MultiPolygon` }),
      coordinates: z.unknown(),
    },
    { error: (iss) => (iss.code === 'invalid_type' ? `is ${shownValue(iss.input)}; a feature needs a Polygon or MultiPolygon geometry` : undefined) },
  )
  .transform((g, ctx): Area['geometry'] => {
    const r = checkCoordinates(g.type, g.coordinates);
    if ('path' in r) {
      ctx.addIssue({ code: 'custom', path: ['coordinates', ...r.path], message: r.message });
      return z.NEVER;
    }
    return g.type === 'Polygon' ? { type: 'Polygon', coordinates: r.polys[0]! } : { type: 'MultiPolygon', coordinates: r.polys };
  });
const Feature = z.object(
  {
    type: z.literal('Feature', { error: (iss) => `is ${shownValue(iss.input)}; expected "Feature"` }).optional(),
    properties: z.record(z.string(), z.unknown(), { error: (iss) => `is ${shownValue(iss.input)}; expected an object of properties` }).nullable().optional(),
    geometry: Geometry,
  },
  { error: (iss) => (iss.code === 'invalid_type' ? `is ${shownValue(iss.input)}; expected a GeoJSON Feature` : undefined) },
);
export const BoundaryLayerFile = z.object(
  {
    type: z.literal('FeatureCollection', { error: (iss) => `is ${shownValue(iss.input)}; expected "FeatureCollection"` }),
    features: z.array(Feature, { error: (iss) => `is ${shownValue(iss.input)}; expected a list of features` }).min(1, 'a layer needs at least one feature'),
  },
  { error: (iss) => (iss.code === 'invalid_type' ? `is ${shownValue(iss.input)}; expected a GeoJSON FeatureCollection with features` : undefined) },
);

/** Where in the file an issue is: "feature 3, geometry.coordinates[0][1][5]", "features", "type". */
function where(path: readonly PropertyKey[]): string {
  const [top, n, ...rest] = path;
  const field = (ks: readonly PropertyKey[]) => ks.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${cleanText(String(k))}`)).join('');
  if (top === 'features' && typeof n === 'number') return `feature ${n + 1}${rest.length ? `, ${field(rest)}` : ''}`;
  return field(path) || 'the file';
}

type Props = Record<string, unknown>;
/** A property scheme: the properties that name the district (and the 행정동, in a dong layer). */
interface Scheme {
  name: string;
  keys: string[];
  read: (p: Props, fail: (key: string, message: string) => never) => { gu: District; dong?: string };
}

const GWANGJU_CITY = /^광주(광역시)?$/;
const DISTRICT_LIST = DISTRICTS.join(', ');

function textProp(p: Props, key: string, fail: (key: string, message: string) => never, max = 40): string {
  const v = p[key];
  if (v === undefined) return fail(key, 'is missing');
  if (typeof v !== 'string') return fail(key, `is ${shownValue(v)}; expected text`);
  const s = cleanText(v);
  if (!s) return fail(key, 'is empty');
  if (Array.from(s).length > max) return fail(key, `is longer than ${max} characters`);
  return s;
}
function district(p: Props, key: string, fail: (key: string, message: string) => never): District {
  const s = textProp(p, key, fail);
  if (!isDistrict(s)) return fail(key, `"${s}" does not say which district (자치구) of Gwangju it is; expected one of ${DISTRICT_LIST}`);
  return s;
}
/** A property that, when present, must say 광주광역시 (or a code of Gwangju's). */
function inCity(p: Props, key: string, fail: (key: string, message: string) => never, test: RegExp = GWANGJU_CITY, what = '광주광역시'): void {
  if (p[key] === undefined || p[key] === null) return;
  const s = textProp(p, key, fail);
  if (!test.test(s)) fail(key, `"${s}" is not ${what}`);
}

/** The property schemes of the sources the README names, most specific first. */
export const SCHEMES: Scheme[] = [
  {
    name: 'admdongkor 행정동 (adm_nm "광주광역시 구 동")',
    keys: ['adm_nm'],
    read: (p, fail) => {
      const admNm = textProp(p, 'adm_nm', fail, 80);
      const [city = '', gu = '', ...dong] = admNm.split(/\s+/);
      if (!GWANGJU_CITY.test(city)) fail('adm_nm', `"${admNm}" is not in 광주광역시`);
      if (!isDistrict(gu)) fail('adm_nm', `"${admNm}" does not say which district (자치구) of Gwangju it is; expected one of ${DISTRICT_LIST} after the city`);
      if (!dong.length) fail('adm_nm', `"${admNm}" names no 행정동 after the district`);
      if (p.sggnm !== undefined && p.sggnm !== null && textProp(p, 'sggnm', fail) !== gu) fail('sggnm', `"${cleanText(String(p.sggnm))}" disagrees with adm_nm "${admNm}"`);
      return { gu: gu as District, dong: dong.join(' ') };
    },
  },
  {
    name: 'admdongkor 자치구 (sggnm)',
    keys: ['sggnm'],
    read: (p, fail) => {
      inCity(p, 'sidonm', fail);
      return { gu: district(p, 'sggnm', fail) };
    },
  },
  {
    name: 'KOSTAT 2018 행정동, southkorea-maps (sigungu, name)',
    keys: ['sigungu', 'name'],
    read: (p, fail) => ({ gu: district(p, 'sigungu', fail), dong: textProp(p, 'name', fail) }),
  },
  {
    name: 'KOSTAT 시군구 shapefile (SIG_KOR_NM)',
    keys: ['SIG_KOR_NM'],
    read: (p, fail) => {
      inCity(p, 'SIG_CD', fail, /^29\d{3}$/, 'a code of 광주광역시 (29…)');
      return { gu: district(p, 'SIG_KOR_NM', fail) };
    },
  },
  {
    name: 'KOSTAT 2018 자치구, southkorea-maps (name)',
    keys: ['name'],
    read: (p, fail) => {
      inCity(p, 'sido', fail);
      return { gu: district(p, 'name', fail) };
    },
  },
];

/**
 * Reads a FeatureCollection of Gwangju areas. Checked before anything is kept: the shape (one
 * schema, BoundaryLayerFile), every position a finite [lon, lat] pair inside Gwangju's bounds,
 * rings of at least 4 positions and closed, at most MAX_POINTS positions, and the district (and
 * 행정동) read from the layer's own property scheme (SCHEMES, chosen by feature 1; an unknown
 * scheme is an error listing the properties found). Errors name the file, the feature and the field.
 */
export function parseBoundaries(text: string, source: string): BoundaryLayer {
  const file = cleanText(source) || 'the layer';
  const fail = (at: string, message: string): never => {
    throw new BoundaryError(`${file}: ${at}: ${message}`);
  };
  if (text.length > MAX_BYTES) fail('the file', `is larger than ${count(MAX_BYTES)} characters; a boundary layer of Gwangju is far smaller`);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new BoundaryError(`${file}: not valid JSON`);
  }
  const features = (data as { features?: unknown } | null)?.features;
  if (Array.isArray(features)) {
    const n = positionsIn(features);
    if (n > MAX_POINTS) fail('the file', `has ${count(n)} positions, over the ${count(MAX_POINTS)} a layer may have; simplify it first (e.g. mapshaper -simplify 10%)`);
  }
  const parsed = BoundaryLayerFile.safeParse(data);
  if (!parsed.success) {
    const [first, ...more] = parsed.error.issues; // a failed parse has at least one
    return fail(first ? where(first.path) : 'the file', `${first?.message ?? parsed.error.message}${more.length ? ` (and ${count(more.length)} more problem${more.length > 1 ? 's' : ''})` : ''}`);
  }
  const feats = parsed.data.features;
  const props = (i: number): Props => feats[i]?.properties ?? {};
  const found = Object.keys(props(0));
  const scheme = SCHEMES.find((s) => s.keys.every((k) => Object.hasOwn(props(0), k)));
  if (!scheme) {
    const list = found.slice(0, 30).map((k) => shownValue(k)).join(', ');
    return fail('feature 1, properties', `not a property scheme this importer knows (found: ${list || 'none'}${found.length > 30 ? ', …' : ''}); expected the properties of one of: ${SCHEMES.map((s) => `${s.keys.join(' + ')} (${s.name})`).join('; ')}`);
  }
  const areas: Area[] = feats.map((f, i) => {
    const p = props(i);
    const { gu, dong } = scheme.read(p, (key, message) =>
      fail(`feature ${i + 1}, properties.${cleanText(key)}`, p[key] === undefined ? `${message} (the layer's properties are ${scheme.name}, as feature 1 shows)` : message),
    );
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    return { gu, dong, level: dong === undefined ? 'gu' : 'dong', centroid: centroidOfLargest(polys), geometry: f.geometry };
  });
  return { level: areas[0]!.level, source: file, importedAt: new Date().toISOString(), areas };
}

const layerFile = (dataDir: string, level: 'gu' | 'dong') => join(dataDir, 'map', `boundaries-${level}.json`);

/** Saves a layer into the data folder (atomically); the map uses the 자치구 layer, placement uses both. */
export function importBoundaries(dataDir: string, file: string): BoundaryLayer {
  let text: string;
  try {
    if (statSync(file).size > MAX_BYTES) throw new BoundaryError(`${cleanText(file)}: the file is larger than ${count(MAX_BYTES)} bytes; a boundary layer of Gwangju is far smaller`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof BoundaryError) throw e;
    throw new BoundaryError(`${cleanText(file)}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const layer = parseBoundaries(text, file);
  privateDir(dataDir);
  privateDir(join(dataDir, 'map'));
  writePrivateFile(layerFile(dataDir, layer.level), JSON.stringify(layer));
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
