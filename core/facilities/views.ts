/** The facility directory and the map as the contract shows them, over a leased catalogue and the imported boundary layers. */
import type { Catalogue } from '../../db/catalogue/store.js';
import type { LocalText } from '../../db/catalogue/schema.js';
import type { Lang, Output } from '../contract/kiosk-api.js';
import type { BoundaryLayer } from '../geo/boundaries.node.js';
import { summarize } from '../catalogue/views.js';
import { listFacilities, locate, weeklySchedules, type KioskLocation, type Listed } from './directory.js';
import { holidayDays, holidayName } from './holidays.js';
import { kst, openStatus } from './schedule.js';

/** With "open now": how many of the nearest facilities whose hours are unknown are named (the rest: turn the filter off). */
export const HOURS_UNKNOWN_SHOWN = 10;

export interface Layers {
  dongs: BoundaryLayer | null;
  gus: BoundaryLayer | null;
}

export interface Whereabouts {
  location?: KioskLocation;
  now: Date;
  /** the days the kiosk's operator configured (--holidays, kiosk.json): added to the catalogue's public holidays */
  holidays: string[];
}

export function facilitiesView(
  cat: Catalogue,
  layers: Layers,
  { category, district, openNow, lang, offset = 0, limit = 50 }: { category?: string; district?: string; openNow: boolean; lang: Lang; offset?: number; limit?: number },
  w: Whereabouts,
): Output<'facilities'> {
  const { dongs, gus } = layers;
  const loc = w.location;
  const origin = loc ? locate(loc, dongs, gus) : null;
  const all = cat.entries({ kind: 'facility' });
  const { days, todayName } = holidaysOf(cat, w);
  const opts = { origin, dongs, gus, now: w.now, holidays: days, district, category };
  const listed = listFacilities(all, { ...opts, openNow });
  // "open now" cannot be told for a facility without hours: those are named apart, never dropped unseen
  const unknown = openNow ? listFacilities(all, opts).filter((l) => l.status.open === null) : [];
  const holidayText = todayName ? holidayName(todayName, lang) : null;
  const item = (l: Listed) => ({
    ...summarize(l.entry, lang),
    place: l.place,
    distanceKm: l.distanceKm,
    open: l.status.open,
    today: l.status.today,
    holiday: l.status.holiday,
    holidayName: l.status.holiday ? holidayText : null,
    holidayClosed: l.status.holidayClosed,
  });
  const counts = new Map<string, number>();
  for (const e of all) if (e.status === 'active') counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
  return {
    origin: origin && loc ? { label: loc.lon !== undefined ? `${loc.lon},${loc.lat}` : [loc.district, loc.dong].filter(Boolean).join(' '), place: origin } : null,
    categories: [...counts].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count),
    total: listed.length,
    items: listed.slice(offset, offset + limit).map(item),
    hoursUnknown: { total: unknown.length, items: unknown.slice(0, HOURS_UNKNOWN_SHOWN).map(item) },
  };
}

export function mapView(layers: Layers): Output<'map'> {
  const layer = layers.gus ?? layers.dongs;
  return { areas: (layer?.areas ?? []).map((a) => ({ gu: a.gu, dong: a.dong, geometry: a.geometry })) };
}

/**
 * A facility's page on a holiday: the holiday's name (null for a day only the operator
 * configured) and whether the facility is closed for it; null when today is no holiday or the
 * entry has no hours.
 */
export function holidayTodayView(cat: Catalogue, id: string, lang: Lang, w: Whereabouts): Output<'entry'>['holidayToday'] {
  const e = cat.entry(id);
  if (!e?.schedules.length) return null;
  const { days, todayName } = holidaysOf(cat, w);
  if (todayName === undefined) return null;
  const s = openStatus(weeklySchedules(e), w.now, days);
  return { name: todayName ? holidayName(todayName, lang) : null, closed: s.holidayClosed };
}

/**
 * The days this kiosk keeps as holidays (the catalogue's calendar and its operator's days) and
 * today's, in Korea: its name, null for a day only the operator configured, undefined for no holiday.
 */
function holidaysOf(cat: Catalogue, w: Whereabouts): { days: ReadonlySet<string>; todayName: LocalText | null | undefined } {
  const named = holidayDays(cat.holidays(), w.holidays);
  return { days: new Set(named.keys()), todayName: named.get(kst(w.now).date) };
}
