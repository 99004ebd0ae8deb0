/**
 * The facility directory: where each facility is (exact, or approximately at its 행정동 or
 * 자치구 centre when an imported boundary layer allows), how far from the kiosk, and whether
 * it is open now. Without a boundary layer it still lists facilities, by district.
 */
import type { Entry } from '../../db/catalogue/schema.js';
import { DISTRICTS, isDistrict } from '../contract/lists.js';
import type { BoundaryLayer } from '../geo/boundaries.node.js';
import { openStatus, type OpenStatus, type WeeklySchedule } from './schedule.js';

export type Precision = 'exact' | 'dong' | 'district';
export interface Place {
  lon: number;
  lat: number;
  precision: Precision;
}
export interface KioskLocation {
  district?: string;
  dong?: string;
  lon?: number;
  lat?: number;
}

export class LocationError extends Error {}

/** "--location 북구", "북구 용봉동" or "126.912,35.174" (lon,lat). */
export function parseLocation(text: string): KioskLocation {
  const t = text.trim();
  const m = t.match(/^(\d{3}\.\d+)\s*,\s*(\d{2}\.\d+)$/);
  if (m) {
    const lon = Number(m[1]);
    const lat = Number(m[2]);
    if (lon < 124 || lon > 132 || lat < 33 || lat > 39) throw new LocationError(`--location ${t}: not in Korea; give lon,lat (e.g. 126.912,35.174)`);
    return { lon, lat };
  }
  const [district, dong] = t.split(/\s+/);
  if (district === undefined || !isDistrict(district)) throw new LocationError(`--location "${t}": give a district of Gwangju (${DISTRICTS.join(', ')}), optionally with its 행정동, or lon,lat`);
  return { district, dong };
}

const sameDong = (a: string, b: string) => a.replace(/\s/g, '') === b.replace(/\s/g, '');

export function locate(where: { lon?: number; lat?: number; district?: string; dong?: string }, dongs: BoundaryLayer | null, gus: BoundaryLayer | null): Place | null {
  if (where.lon !== undefined && where.lat !== undefined) return { lon: where.lon, lat: where.lat, precision: 'exact' };
  const { dong } = where;
  if (dong && dongs) {
    const a = dongs.areas.find((x) => x.dong && sameDong(x.dong, dong) && (!where.district || x.gu === where.district));
    if (a) return { lon: a.centroid[0], lat: a.centroid[1], precision: 'dong' };
  }
  if (where.district && gus) {
    const a = gus.areas.find((x) => x.gu === where.district);
    if (a) return { lon: a.centroid[0], lat: a.centroid[1], precision: 'district' };
  }
  return null;
}

/** Great-circle distance in km. */
export function distanceKm(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const r = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * r) / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** An entry's HSDS schedules as openStatus reads them. */
export const weeklySchedules = (e: Entry): WeeklySchedule[] =>
  e.schedules.map((s) => ({ byday: s.byday, opensAt: s.opens_at, closesAt: s.closes_at, overnight: s.overnight, closedOnHolidays: s.closed_on_holidays }));

export interface Listed {
  entry: Entry;
  place: Place | null;
  distanceKm: number | null;
  status: OpenStatus;
}

export function listFacilities(
  facilities: Entry[],
  opts: { origin: Place | null; dongs: BoundaryLayer | null; gus: BoundaryLayer | null; now: Date; holidays: readonly string[] | ReadonlySet<string>; district?: string; category?: string; openNow?: boolean },
): Listed[] {
  const out: Listed[] = [];
  const holidays = new Set(opts.holidays);
  for (const e of facilities) {
    if (e.kind !== 'facility' || e.status !== 'active') continue;
    const district = e.location?.district ?? e.district;
    if (opts.district && district !== opts.district) continue;
    if (opts.category && e.category !== opts.category) continue;
    const l = e.location;
    const place = l ? locate({ lon: l.lat !== undefined ? l.lon : undefined, lat: l.lat, district, dong: l.geo_precision === 'dong' ? l.dong : undefined }, opts.dongs, opts.gus) : null;
    const status = openStatus(weeklySchedules(e), opts.now, holidays);
    if (opts.openNow && status.open !== true) continue;
    out.push({ entry: e, place, distanceKm: place && opts.origin ? Math.round(distanceKm(place, opts.origin) * 10) / 10 : null, status });
  }
  // Nearest first; facilities whose place is unknown come after, by name.
  return out.sort((a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || a.entry.title.ko.localeCompare(b.entry.title.ko, 'ko'));
}
