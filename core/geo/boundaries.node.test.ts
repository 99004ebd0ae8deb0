import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BoundaryError, importBoundaries, loadBoundaries, parseBoundaries } from './boundaries.node.js';
import { distanceKm, locate, parseLocation } from '../facilities/directory.js';
import { DISTRICTS } from '../contract/lists.js';
import { itWithShared, sharedPath } from '../../tests/shared-data.node.js';

// Boundary files are operator data: loaded from ../shared/data/geo, never committed.
const GEO = sharedPath('data', 'geo');
const LAYERS = ['gwangju_gu_kostat2018_simplified.geojson', 'gwangju_dong_admdongkor_20210401_simplified.geojson', 'gwangju_dong_list_20210401.csv'].map((f) => `data/geo/${f}`);

describe('boundary layers', () => {
  itWithShared(LAYERS, 'imports the 자치구 and 행정동 layers; centroids agree with the published dong list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'geo-'));
    expect(importBoundaries(dir, join(GEO, 'gwangju_gu_kostat2018_simplified.geojson')).areas.map((a) => a.gu).sort()).toEqual([...DISTRICTS].sort());
    const dongs = importBoundaries(dir, join(GEO, 'gwangju_dong_admdongkor_20210401_simplified.geojson'));
    expect(dongs.areas).toHaveLength(96);
    const list = readFileSync(join(GEO, 'gwangju_dong_list_20210401.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    for (const [, , , gu, dong, , lon, lat] of list) {
      const a = dongs.areas.find((x) => x.gu === gu && x.dong === dong)!;
      expect(distanceKm({ lon: a.centroid[0], lat: a.centroid[1] }, { lon: Number(lon), lat: Number(lat) }), `${gu} ${dong}`).toBeLessThan(0.3); // simplified shapes
    }
    expect(loadBoundaries(dir, 'dong')!.areas).toHaveLength(96);
    const yongbong = locate({ district: '북구', dong: '용봉동' }, loadBoundaries(dir, 'dong'), loadBoundaries(dir, 'gu'));
    expect(yongbong?.precision).toBe('dong');
    expect(locate({ district: '북구', dong: '없는동' }, loadBoundaries(dir, 'dong'), loadBoundaries(dir, 'gu'))?.precision).toBe('district');
  });

  it('refuses files that are not Gwangju boundary layers, naming the problem', () => {
    expect(() => parseBoundaries('{', 'x.geojson')).toThrow(BoundaryError);
    expect(() => parseBoundaries('{"type":"FeatureCollection","features":[]}', 'x.geojson')).toThrow(/features/);
    const square = (lon: number, lat: number) => [[[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat]]];
    expect(() => parseBoundaries(JSON.stringify({ type: 'FeatureCollection', features: [{ properties: { name: '수원시' }, geometry: { type: 'Polygon', coordinates: square(126.9, 35.1) } }] }), 'x.geojson')).toThrow(/which district/);
    expect(() => parseBoundaries(JSON.stringify({ type: 'FeatureCollection', features: [{ properties: { name: '북구' }, geometry: { type: 'Polygon', coordinates: square(35.1, 126.9) } }] }), 'x.geojson')).toThrow(/feature 1, geometry\.coordinates\[0\]\[0\]: \[35\.1, 126\.9\] is outside Gwangju .*looks like \[lat, lon\]/); // was /not in Korea/: the bounds are now Gwangju's, not Korea's
  });

  it('reads the kiosk location from the command line', () => {
    expect(parseLocation('북구 용봉동')).toEqual({ district: '북구', dong: '용봉동' });
    expect(parseLocation('126.912,35.174')).toEqual({ lon: 126.912, lat: 35.174 });
    expect(() => parseLocation('강남구')).toThrow(/district of Gwangju/);
  });
});
