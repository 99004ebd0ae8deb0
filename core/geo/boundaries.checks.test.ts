/**
 * The boundary layer's checks: examples of each refusal, the real files (read from
 * ../shared/data/geo at run time, never committed), and property tests (fast-check) with random
 * and hostile layers. A layer is stored only when every check passes; every refusal is a
 * BoundaryError naming the file, the feature and the field.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BoundaryError, importBoundaries, MAX_BYTES, MAX_POINTS, parseBoundaries, SCHEMES, type BoundaryLayer } from './boundaries.node.js';
import { GWANGJU_BOUNDS, inGwangju } from './bounds.js';
import { DISTRICTS } from '../contract/lists.js';
import { hasControl } from '../importers/text.js';
import { itWithShared, sharedPath } from '../../tests/shared-data.node.js';

type Position = [number, number];
const square = (lon: number, lat: number, d = 0.01): Position[] => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
const feature = (properties: unknown, coordinates: unknown = [square(126.9, 35.1)], type: unknown = 'Polygon') => ({ type: 'Feature', properties, geometry: { type, coordinates } });
const layer = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const refusal = (text: string, file = 'gu.geojson') => {
  try {
    parseBoundaries(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(BoundaryError);
    return (e as Error).message;
  }
  throw new Error('the layer was accepted');
};
const GU = { name: '북구', sido: '광주광역시' };

describe('boundary layer checks (examples)', () => {
  it('the file: JSON, a FeatureCollection, features', () => {
    expect(refusal('{')).toBe('gu.geojson: not valid JSON');
    expect(refusal('null')).toBe('gu.geojson: the file: is null; expected a GeoJSON FeatureCollection with features');
    expect(refusal('[]')).toBe('gu.geojson: the file: is []; expected a GeoJSON FeatureCollection with features');
    expect(refusal('{"type":"Feature","features":[]}')).toBe('gu.geojson: type: is "Feature"; expected "FeatureCollection" (and 1 more problem)');
    expect(refusal('{"type":"FeatureCollection"}')).toBe('gu.geojson: features: is undefined; expected a list of features');
    expect(refusal('{"type":"FeatureCollection","features":{}}')).toBe('gu.geojson: features: is {}; expected a list of features');
    expect(refusal('{"type":"FeatureCollection","features":[]}')).toBe('gu.geojson: features: a layer needs at least one feature');
    expect(parseBoundaries(`\uFEFF${layer(feature(GU))}`, 'bom.geojson').areas).toHaveLength(1);
  });

  it('each feature: an object with a Polygon or MultiPolygon geometry', () => {
    expect(refusal(layer(feature(GU), null))).toBe('gu.geojson: feature 2: is null; expected a GeoJSON Feature');
    expect(refusal(layer({ ...feature(GU), type: 'Point' }))).toBe('gu.geojson: feature 1, type: is "Point"; expected "Feature"');
    expect(refusal(layer({ properties: GU }))).toBe('gu.geojson: feature 1, geometry: is undefined; a feature needs a Polygon or MultiPolygon geometry');
    expect(refusal(layer(feature(GU, [126.9, 35.1], 'Point')))).toBe('gu.geojson: feature 1, geometry.type: is "Point"; expected Polygon or MultiPolygon');
    expect(refusal(layer({ ...feature(GU), properties: [1] }))).toBe('gu.geojson: feature 1, properties: is [1]; expected an object of properties');
    expect(refusal(layer(feature(GU), feature(GU), feature(GU, 'x')))).toBe('gu.geojson: feature 3, geometry.coordinates: is "x"; a Polygon needs a list of rings');
    expect(refusal(layer(feature(GU, [])))).toBe('gu.geojson: feature 1, geometry.coordinates: is empty; a Polygon needs at least one ring');
    expect(refusal(layer(feature(GU, [], 'MultiPolygon')))).toBe('gu.geojson: feature 1, geometry.coordinates: is empty; a MultiPolygon needs at least one polygon');
    expect(refusal(layer(feature(GU, {}, 'MultiPolygon')))).toBe('gu.geojson: feature 1, geometry.coordinates: is {}; a MultiPolygon needs a list of polygons');
    expect(refusal(layer(feature(GU, [[square(126.9, 35.1)], []], 'MultiPolygon')))).toBe('gu.geojson: feature 1, geometry.coordinates[1]: a polygon needs an outer ring (a list of rings)');
    expect(refusal(layer(feature(GU, [[square(126.9, 35.1)], 5], 'MultiPolygon')))).toMatch(/feature 1, geometry\.coordinates\[1\]: a polygon needs an outer ring/);
  });

  it('rings: lists of at least 4 positions, closed', () => {
    expect(refusal(layer(feature(GU, [square(126.9, 35.1), 7])))).toBe('gu.geojson: feature 1, geometry.coordinates[1]: is 7; a ring is a list of [lon, lat] positions');
    expect(refusal(layer(feature(GU, [square(126.9, 35.1).slice(2)])))).toBe('gu.geojson: feature 1, geometry.coordinates[0]: a ring needs at least 4 positions (first = last); this one has 3');
    const open = square(126.9, 35.1).slice(0, 4);
    expect(refusal(layer(feature(GU, [open])))).toBe('gu.geojson: feature 1, geometry.coordinates[0]: the ring is not closed: it ends at [126.9, 35.11], not at its first position [126.9, 35.1]');
    const almost: Position[] = [...open, [126.9, 35.1000001]];
    expect(refusal(layer(feature(GU, [[...almost]])))).toMatch(/the ring is not closed/);
    expect(refusal(layer(feature(GU, [[square(126.9, 35.1)], [square(126.95, 35.15), open]], 'MultiPolygon')))).toMatch(/^gu\.geojson: feature 1, geometry\.coordinates\[1\]\[1\]: the ring is not closed/);
  });

  it('positions: finite [lon, lat] pairs inside Gwangju', () => {
    const at = (p: unknown) => {
      const ring: unknown[] = square(126.9, 35.1);
      ring[2] = p;
      return refusal(layer(feature(GU, [ring])).replace('"INF"', '1e400'));
    };
    expect(at([126.9])).toBe('gu.geojson: feature 1, geometry.coordinates[0][2]: [126.9] is not a [lon, lat] pair of numbers');
    expect(at([126.9, 35.1, 10])).toBe('gu.geojson: feature 1, geometry.coordinates[0][2]: [126.9,35.1,10] is not a [lon, lat] pair of numbers');
    expect(at(['126.9', '35.1'])).toMatch(/\["126\.9","35\.1"\] is not a \[lon, lat\] pair of numbers$/);
    expect(at(null)).toMatch(/coordinates\[0\]\[2\]: null is not a \[lon, lat\] pair/);
    expect(at([126.9, null])).toMatch(/\[126\.9,null\] is not a \[lon, lat\] pair/);
    expect(at(['INF', 35.1])).toBe('gu.geojson: feature 1, geometry.coordinates[0][2]: [Infinity,35.1] is not a pair of finite numbers');
    expect(at([35.1, 126.9])).toBe('gu.geojson: feature 1, geometry.coordinates[0][2]: [35.1, 126.9] is outside Gwangju (lon 126.59–127.08, lat 35.00–35.31): it looks like [lat, lon], and GeoJSON positions are [lon, lat]');
    expect(at([127.0, 37.5])).toBe('gu.geojson: feature 1, geometry.coordinates[0][2]: [127, 37.5] is outside Gwangju (lon 126.59–127.08, lat 35.00–35.31); expected [lon, lat] in WGS84 degrees');
    expect(at([1e300, 35.1])).toMatch(/\[1e\+300, 35\.1\] is outside Gwangju/);
    expect(at([200000, 400000])).toMatch(/outside Gwangju .*; expected \[lon, lat\] in WGS84 degrees$/); // a projected (metres) file
    for (const [lon, lat] of [[126.589, 35.1], [127.081, 35.1], [126.9, 34.999], [126.9, 35.311]]) expect(at([lon, lat])).toMatch(/outside Gwangju/);
    for (const [lon, lat] of [[126.59, 35.0], [127.08, 35.31]]) {
      const ring: Position[] = square(126.9, 35.1);
      ring[2] = [lon!, lat!];
      expect(parseBoundaries(layer(feature(GU, [ring])), 'edge.geojson').areas).toHaveLength(1);
    }
  });

  it('the cap on positions and on size', () => {
    const ring = (n: number): Position[] => {
      const pts: Position[] = Array.from({ length: n - 1 }, (_, i) => [126.9 + 0.05 * Math.cos((2 * Math.PI * i) / (n - 1)), 35.15 + 0.05 * Math.sin((2 * Math.PI * i) / (n - 1))]);
      return [...pts, pts[0]!];
    };
    expect(refusal(layer(feature(GU, [ring(MAX_POINTS - 10)]), feature(GU, [ring(11)])))).toBe(
      'gu.geojson: the file: has 200,001 positions, over the 200,000 a layer may have; simplify it first (e.g. mapshaper -simplify 10%)',
    );
    expect(parseBoundaries(layer(feature(GU, [ring(MAX_POINTS - 10)]), feature(GU, [ring(10)])), 'big.geojson').areas).toHaveLength(2);
    // counted without trusting the shape: a Polygon's ring given as a MultiPolygon counts each pair's two numbers
    expect(refusal(layer(feature(GU, [ring(MAX_POINTS / 2 + 1)], 'MultiPolygon')))).toMatch(/has 200,002 positions/);
    expect(refusal(layer(feature(GU, [ring(MAX_POINTS / 2)], 'MultiPolygon')))).toBe('gu.geojson: feature 1, geometry.coordinates[0][0]: a ring needs at least 4 positions (first = last); this one has 2');
    expect(refusal(' '.repeat(MAX_BYTES + 1))).toBe('gu.geojson: the file: is larger than 33,554,432 characters; a boundary layer of Gwangju is far smaller');
  });

  it('the district from the layer\'s own properties; an unknown scheme lists what it found', () => {
    const props = (p: Record<string, unknown>, f = 2) => refusal(layer(...Array.from({ length: f - 1 }, () => feature(GU)), feature(p)));
    expect(refusal(layer(feature({ NAME_1: 'Gwangju', id: 3 })))).toBe(
      `gu.geojson: feature 1, properties: not a property scheme this importer knows (found: "NAME_1", "id"); expected the properties of one of: ${SCHEMES.map((s) => `${s.keys.join(' + ')} (${s.name})`).join('; ')}`,
    );
    expect(refusal(layer(feature(null)))).toMatch(/^gu\.geojson: feature 1, properties: not a property scheme this importer knows \(found: none\); expected the properties of one of: adm_nm \(admdongkor 행정동/);
    expect(refusal(layer(feature(Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, i])))))).toMatch(/found: "k0", .*"k29", …\)/);
    expect(props({ sido: '광주광역시' })).toBe("gu.geojson: feature 2, properties.name: is missing (the layer's properties are KOSTAT 2018 자치구, southkorea-maps (name), as feature 1 shows)");
    expect(props({ name: '수원시' })).toBe('gu.geojson: feature 2, properties.name: "수원시" does not say which district (자치구) of Gwangju it is; expected one of 동구, 서구, 남구, 북구, 광산구');
    expect(props({ name: 3 })).toBe('gu.geojson: feature 2, properties.name: is 3; expected text');
    expect(props({ name: ' \u0000 ' })).toBe('gu.geojson: feature 2, properties.name: is empty');
    expect(props({ name: '가'.repeat(41) })).toBe('gu.geojson: feature 2, properties.name: is longer than 40 characters');
    expect(props({ name: '북구', sido: '부산광역시' })).toBe('gu.geojson: feature 2, properties.sido: "부산광역시" is not 광주광역시');
    expect(parseBoundaries(layer(feature({ name: '북구\u202e', sido: null })), 'x').areas[0]?.gu).toBe('북구');
    // admdongkor 행정동
    const adm = (p: Record<string, unknown>) => refusal(layer(feature(p)), 'dong.geojson');
    expect(adm({ adm_nm: '부산광역시 동구 초량1동' })).toBe('dong.geojson: feature 1, properties.adm_nm: "부산광역시 동구 초량1동" is not in 광주광역시');
    expect(adm({ adm_nm: '광주광역시 수원구 가동' })).toBe('dong.geojson: feature 1, properties.adm_nm: "광주광역시 수원구 가동" does not say which district (자치구) of Gwangju it is; expected one of 동구, 서구, 남구, 북구, 광산구 after the city');
    expect(adm({ adm_nm: '광주광역시 동구' })).toBe('dong.geojson: feature 1, properties.adm_nm: "광주광역시 동구" names no 행정동 after the district');
    expect(adm({ adm_nm: '광주광역시 동구 충장동', sggnm: '서구' })).toBe('dong.geojson: feature 1, properties.sggnm: "서구" disagrees with adm_nm "광주광역시 동구 충장동"');
    expect(adm({ adm_nm: '가'.repeat(81) })).toBe('dong.geojson: feature 1, properties.adm_nm: is longer than 80 characters');
    expect(parseBoundaries(layer(feature({ adm_nm: '광주  동구\n충장동\u0000', sggnm: '동구' })), 'x').areas[0]).toMatchObject({ gu: '동구', dong: '충장동', level: 'dong' });
    expect(parseBoundaries(layer(feature({ adm_nm: '광주광역시 광산구 첨단 2동' })), 'x').areas[0]).toMatchObject({ gu: '광산구', dong: '첨단 2동' });
    // admdongkor 자치구, KOSTAT 2018 행정동, KOSTAT shapefile
    expect(adm({ sggnm: '동구', sidonm: '부산광역시' })).toBe('dong.geojson: feature 1, properties.sidonm: "부산광역시" is not 광주광역시');
    expect(parseBoundaries(layer(feature({ sggnm: '남구', sidonm: '광주광역시' })), 'x').areas[0]).toMatchObject({ gu: '남구', level: 'gu' });
    expect(parseBoundaries(layer(feature({ sigungu: '북구', name: '용봉동' })), 'x').areas[0]).toMatchObject({ gu: '북구', dong: '용봉동', level: 'dong' });
    expect(adm({ sigungu: '북구', name: '' })).toBe('dong.geojson: feature 1, properties.name: is empty');
    expect(adm({ sigungu: '해운대구', name: '우1동' })).toMatch(/properties\.sigungu: "해운대구" does not say which district/);
    expect(parseBoundaries(layer(feature({ SIG_KOR_NM: '서구', SIG_CD: '29140' })), 'x').areas[0]).toMatchObject({ gu: '서구', level: 'gu' });
    expect(adm({ SIG_KOR_NM: '동구', SIG_CD: '26110' })).toBe('dong.geojson: feature 1, properties.SIG_CD: "26110" is not a code of 광주광역시 (29…)');
    // a __proto__ key is a property like any other, and names nothing
    expect(refusal('{"type":"FeatureCollection","features":[{"properties":{"__proto__":{"name":"북구"}},"geometry":{"type":"Polygon","coordinates":[[[126.9,35.1],[126.91,35.1],[126.91,35.11],[126.9,35.1]]]}}]}')).toMatch(/not a property scheme .*found: none/);
  });

  it('stores only what was checked: cleaned names, rebuilt geometry, no foreign members', () => {
    const f = { type: 'Feature', id: 'x', bbox: [0, 0, 1, 1], properties: { ...GU, extra: '\u202e' }, geometry: { type: 'Polygon', coordinates: [square(126.9, 35.1)], crs: 'evil' }, foreign: { a: 1 } };
    const l = parseBoundaries(layer(f), '/data/\u001b[2Jgu.geojson');
    expect(l.source).toBe('/data/[2Jgu.geojson');
    expect(l.areas).toEqual([{ gu: '북구', dong: undefined, level: 'gu', centroid: [126.905, 35.105], geometry: { type: 'Polygon', coordinates: [square(126.9, 35.1)] } }]);
  });

  it('importBoundaries: a file that cannot be read, or is too big, is a BoundaryError; nothing is written on a refusal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'geo-checks-'));
    expect(() => importBoundaries(dir, join(dir, 'missing.geojson'))).toThrow(new BoundaryError(`${join(dir, 'missing.geojson')}: cannot be read (ENOENT)`));
    mkdirSync(join(dir, 'folder.geojson'));
    expect(() => importBoundaries(dir, join(dir, 'folder.geojson'))).toThrow(/folder\.geojson: cannot be read \(EISDIR\)/);
    const bad = join(dir, 'bad.geojson');
    writeFileSync(bad, layer(feature({ name: '수원시' })));
    expect(() => importBoundaries(dir, bad)).toThrow(BoundaryError);
    expect(existsSync(join(dir, 'map'))).toBe(false);
  });
});

describe('cli map import', () => {
  it('refuses a bad layer with exit code 2 and one line naming the file, the feature and the field; stores nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'geo-cli-'));
    const file = join(dir, 'swapped.geojson');
    writeFileSync(file, layer(feature(GU), feature(GU, [square(35.1, 126.9)])));
    const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'map', 'import', file, '--data', join(dir, 'data')], { cwd: join(import.meta.dirname, '..', '..'), encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: ${file}: feature 2, geometry.coordinates[0][0]: [35.1, 126.9] is outside Gwangju (lon 126.59–127.08, lat 35.00–35.31): it looks like [lat, lon], and GeoJSON positions are [lon, lat]\n`);
    expect(existsSync(join(dir, 'data', 'map'))).toBe(false);
  });
});

/* ---------- the real files (operator data, read at run time) ---------- */

const GEO = sharedPath('data', 'geo');
const realFiles = existsSync(GEO) ? readdirSync(GEO).filter((f) => f.endsWith('.geojson')) : [];
const REAL = ['data/geo/gwangju_gu_kostat2018_simplified.geojson', 'data/geo/gwangju_dong_admdongkor_20210401_simplified.geojson'];

describe('the real boundary files', () => {
  itWithShared(REAL, 'every file in ../shared/data/geo passes, with its district (and 행정동) read from its own properties', () => {
    for (const f of realFiles) {
      const l = parseBoundaries(readFileSync(join(GEO, f), 'utf8'), f);
      expect(l.level, f).toBe(f.includes('_dong_') ? 'dong' : 'gu');
      if (l.level === 'gu') expect(l.areas.map((a) => a.gu).sort(), f).toEqual([...DISTRICTS].sort());
      else {
        expect(l.areas.length, f).toBeGreaterThanOrEqual(95);
        expect(new Set(l.areas.map((a) => a.gu)), f).toEqual(new Set(DISTRICTS));
        for (const a of l.areas) expect(a.dong, f).toMatch(/^\S+동$/);
      }
      for (const a of l.areas) expect(inGwangju(...a.centroid), `${f} ${a.gu} ${a.dong ?? ''}`).toBe(true);
    }
  });

  itWithShared(REAL, 'GWANGJU_BOUNDS hold every real coordinate with at least 0.04° to spare (the constants were computed from these files)', () => {
    let [minLon, maxLon, minLat, maxLat] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const f of realFiles) {
      const data = JSON.parse(readFileSync(join(GEO, f), 'utf8')) as { features: { geometry: { type: string; coordinates: unknown } }[] };
      for (const { geometry: g } of data.features)
        for (const [lon, lat] of (g.coordinates as Position[][][] | Position[][]).flat(g.type === 'MultiPolygon' ? 2 : 1) as Position[]) {
          [minLon, maxLon, minLat, maxLat] = [Math.min(minLon, lon), Math.max(maxLon, lon), Math.min(minLat, lat), Math.max(maxLat, lat)];
        }
    }
    expect(minLon - GWANGJU_BOUNDS.minLon).toBeGreaterThan(0.04);
    expect(GWANGJU_BOUNDS.maxLon - maxLon).toBeGreaterThan(0.04);
    expect(minLat - GWANGJU_BOUNDS.minLat).toBeGreaterThan(0.04);
    expect(GWANGJU_BOUNDS.maxLat - maxLat).toBeGreaterThan(0.04);
    // and not much more: a box far wider than the city would let wrong coordinates through
    expect(minLon - GWANGJU_BOUNDS.minLon).toBeLessThan(0.07);
    expect(GWANGJU_BOUNDS.maxLat - maxLat).toBeLessThan(0.07);
  });
});

/* ---------- property tests ---------- */

const lon = fc.double({ min: GWANGJU_BOUNDS.minLon, max: GWANGJU_BOUNDS.maxLon, noNaN: true, noDefaultInfinity: true });
const lat = fc.double({ min: GWANGJU_BOUNDS.minLat, max: GWANGJU_BOUNDS.maxLat, noNaN: true, noDefaultInfinity: true });
const ring = fc.array(fc.tuple(lon, lat), { minLength: 3, maxLength: 10 }).map((pts): Position[] => [...pts, pts[0]!]);
const polygon = fc.array(ring, { minLength: 1, maxLength: 3 });
const geometry = fc.oneof(polygon.map((coordinates) => ({ type: 'Polygon', coordinates })), fc.array(polygon, { minLength: 1, maxLength: 3 }).map((coordinates) => ({ type: 'MultiPolygon', coordinates })));
/** Control and format characters a name may carry, which are removed before it is stored. */
const junk = fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\u001b', '\u200b', '\u202e', '\ufeff', '\u0085', ' ', '\n'), maxLength: 3 });
const dongName = fc.tuple(junk, fc.constantFrom('충장동', '용봉동', '중흥1동', '첨단2동', '양림동'), junk).map(([a, b, c]) => `${a}${b}${c}`);

/** One property scheme, its properties for an area, and the key that names the district. */
const SCHEME_PROPS: { dong: boolean; key: string; props: (gu: string, dong: string) => Record<string, unknown> }[] = [
  { dong: true, key: 'adm_nm', props: (gu, dong) => ({ adm_nm: `광주광역시 ${gu} ${dong}`, adm_cd: '2401051', sgg: '29110', sidonm: '광주광역시', sggnm: gu }) },
  { dong: false, key: 'sggnm', props: (gu) => ({ sgg: '29110', sidonm: '광주광역시', sggnm: gu }) },
  { dong: true, key: 'sigungu', props: (gu, dong) => ({ name: dong, base_year: '2018', code: '2401051', sigungu: gu }) },
  { dong: false, key: 'SIG_KOR_NM', props: (gu) => ({ SIG_CD: '29110', SIG_KOR_NM: gu, SIG_ENG_NM: 'Dong-gu' }) },
  { dong: false, key: 'name', props: (gu) => ({ name: gu, base_year: '2018', code: '24010', sido: '광주광역시' }) },
];
const validLayer = fc.integer({ min: 0, max: SCHEME_PROPS.length - 1 }).chain((s) =>
  fc.record({
    scheme: fc.constant(s),
    features: fc.array(fc.record({ gu: fc.constantFrom(...DISTRICTS), dong: dongName, geometry, typed: fc.boolean() }), { minLength: 1, maxLength: 6 }),
  }),
);
const toGeoJson = ({ scheme, features }: { scheme: number; features: { gu: string; dong: string; geometry: unknown; typed: boolean }[] }) => ({
  type: 'FeatureCollection',
  features: features.map((f) => ({ ...(f.typed ? { type: 'Feature' } : {}), properties: SCHEME_PROPS[scheme]!.props(f.gu, f.dong), geometry: f.geometry })),
});

const noControl = (l: BoundaryLayer) => {
  const all: string[] = [l.source, l.level, ...l.areas.flatMap((a) => [a.gu, a.dong ?? '', a.level])];
  for (const s of all) expect(hasControl(s), JSON.stringify(s)).toBe(false);
};

describe('boundary layer checks (property)', () => {
  it('valid layers of every property scheme are read whole: each area its district, 행정동 cleaned, the geometry as given', () => {
    fc.assert(
      fc.property(validLayer, (v) => {
        const l = parseBoundaries(JSON.stringify(toGeoJson(v)), 'random.geojson');
        const s = SCHEME_PROPS[v.scheme]!;
        expect(l.level).toBe(s.dong ? 'dong' : 'gu');
        expect(l.areas).toHaveLength(v.features.length);
        l.areas.forEach((a, i) => {
          const f = v.features[i]!;
          expect(a.gu).toBe(f.gu);
          expect(a.dong).toBe(s.dong ? f.dong.replace(/[\s\p{Cc}\p{Cf}]+/gu, '') : undefined);
          expect(a.geometry).toEqual(f.geometry);
          expect(a.centroid.every(Number.isFinite)).toBe(true);
        });
        noControl(l);
      }),
      { numRuns: 200 },
    );
  });

  /** One corruption of one feature, and the field the error must name. */
  const corruptions: { name: string; apply: (f: Record<string, unknown>, key: string) => string | RegExp }[] = [
    ...(
      [
        [null, /geometry\.coordinates\[[\d\][]+: null is not a \[lon, lat\] pair/],
        ['x', /geometry\.coordinates\[[\d\][]+: "x" is not a \[lon, lat\] pair/],
        [[126.9], /is not a \[lon, lat\] pair/],
        [[126.9, 35.1, 0], /is not a \[lon, lat\] pair/],
        [['126.9', '35.1'], /is not a \[lon, lat\] pair/],
        [{}, /is not a \[lon, lat\] pair/],
        [['INF', 35.1], /is not a pair of finite numbers/],
        [[35.1, 126.9], /looks like \[lat, lon\]/],
        [[127.5, 35.1], /is outside Gwangju/],
        [[-126.9, -35.1], /is outside Gwangju/],
      ] as const
    ).map(([value, want]) => ({
      name: `position ${JSON.stringify(value)}`,
      apply: (f: Record<string, unknown>) => {
        const g = f.geometry as { type: string; coordinates: unknown[] };
        const outer = (g.type === 'Polygon' ? g.coordinates[0] : (g.coordinates[0] as unknown[])[0]) as unknown[];
        outer[1] = value;
        return want;
      },
    })),
    {
      name: 'ring not closed',
      apply: (f) => {
        const g = f.geometry as { type: string; coordinates: unknown[] };
        const outer = (g.type === 'Polygon' ? g.coordinates[0] : (g.coordinates[0] as unknown[])[0]) as Position[];
        outer[outer.length - 1] = [outer[0]![0] === 126.9 ? 126.8 : 126.9, 35.2];
        return /geometry\.coordinates\[[\d\][]+: the ring is not closed/;
      },
    },
    {
      name: 'ring too short',
      apply: (f) => {
        const g = f.geometry as { type: string; coordinates: unknown[] };
        const outer = (g.type === 'Polygon' ? g.coordinates[0] : (g.coordinates[0] as unknown[])[0]) as Position[];
        outer.splice(0, outer.length - 3);
        return /geometry\.coordinates\[[\d\][]+: a ring needs at least 4 positions/;
      },
    },
    { name: 'geometry type', apply: (f) => ((f.geometry = { type: 'LineString', coordinates: [] }), /geometry\.type: is "LineString"; expected Polygon or MultiPolygon/) },
    { name: 'no geometry', apply: (f) => (delete f.geometry, /geometry: is undefined; a feature needs a Polygon or MultiPolygon geometry/) },
    { name: 'district', apply: (f, key) => (((f.properties as Record<string, unknown>)[key] = key === 'adm_nm' ? '광주광역시 수원구 가동' : '수원시'), new RegExp(`properties\\.${key}: .*does not say which district`)) },
    { name: 'district not text', apply: (f, key) => (((f.properties as Record<string, unknown>)[key] = 29110), new RegExp(`properties\\.${key}: is 29110; expected text`)) },
  ];

  it('one corrupted feature anywhere: a BoundaryError naming the file, that feature and the field; nothing else thrown', () => {
    fc.assert(
      fc.property(
        validLayer.filter((v) => v.features.length >= 1),
        fc.nat(),
        fc.constantFrom(...corruptions),
        (v, at, corruption) => {
          const data = toGeoJson(v);
          const k = at % data.features.length;
          const want = corruption.apply(data.features[k] as Record<string, unknown>, SCHEME_PROPS[v.scheme]!.key);
          const message = refusal(JSON.stringify(data).replace(/"INF"/g, '1e400'), 'corrupt.geojson');
          expect(message.startsWith(`corrupt.geojson: feature ${k + 1}, `), message).toBe(true);
          expect(message).toMatch(want);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a missing district property in a later feature names that feature and the property', () => {
    fc.assert(
      fc.property(validLayer.filter((v) => v.features.length >= 2), fc.nat(), (v, at) => {
        const data = toGeoJson(v);
        const k = 1 + (at % (data.features.length - 1));
        const key = SCHEME_PROPS[v.scheme]!.key;
        delete (data.features[k]!.properties as Record<string, unknown>)[key];
        expect(refusal(JSON.stringify(data), 'm.geojson')).toMatch(new RegExp(`^m\\.geojson: feature ${k + 1}, properties\\.${key}: is missing \\(the layer's properties are `));
      }),
      { numRuns: 100 },
    );
  });

  it('random text, random JSON and random shapes inside a FeatureCollection: a layer or a BoundaryError, never anything else', () => {
    const shapes = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.record({ type: fc.constantFrom('FeatureCollection', 'Feature', 5), features: fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 4 }) }).map((v) => JSON.stringify(v)),
      fc
        .record({
          properties: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ name: '북구' }), fc.constant({ adm_nm: '광주광역시 북구 용봉동' })),
          geometry: fc.record({ type: fc.constantFrom('Polygon', 'MultiPolygon', 'Point', null), coordinates: fc.oneof(fc.jsonValue({ maxDepth: 5 }), polygon, fc.array(polygon, { maxLength: 2 })) }),
        })
        .map((f) => JSON.stringify({ type: 'FeatureCollection', features: [f] })),
      fc.constantFrom('[[[[[[[[[[', `{"type":"FeatureCollection","features":[${'['.repeat(10_000)}${']'.repeat(10_000)}]}`, '{"type":"FeatureCollection","features":[{"geometry":{"type":"Polygon","coordinates":[[[1e400,-1e400]]]}}]}'),
    );
    fc.assert(
      fc.property(shapes, (text) => {
        try {
          const l = parseBoundaries(text, 'junk.geojson');
          expect(l.areas.length).toBeGreaterThan(0);
          noControl(l);
          for (const a of l.areas) for (const p of (a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates).flat(2)) expect(inGwangju(p[0], p[1])).toBe(true);
        } catch (e) {
          if (!(e instanceof BoundaryError)) throw e;
          expect(e.message.startsWith('junk.geojson: ')).toBe(true);
          expect(hasControl(e.message)).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });
});
