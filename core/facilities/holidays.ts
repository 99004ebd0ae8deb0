/**
 * The days facilities marked "closed on public holidays" are closed: Korea's public holidays as
 * the catalogue ships them (db/catalogue/entries/holidays.yaml, updated with the catalogue) and
 * the days the kiosk's operator configured (`--holidays`, kiosk.json "holidays": an extra
 * closure day for this kiosk), added on top. A configured day the calendar also lists keeps the
 * calendar's name; one it does not list has none.
 */
import type { HolidayCalendar, LocalText } from '../../db/catalogue/schema.js';
import type { Lang, Text } from '../contract/kiosk-api.js';

/** date (YYYY-MM-DD) → the holiday's name, or null for a day only the operator configured */
export type HolidayDays = ReadonlyMap<string, LocalText | null>;

export function holidayDays(calendar: HolidayCalendar | null, configured: readonly string[] = []): HolidayDays {
  const days = new Map<string, LocalText | null>();
  for (const d of calendar?.days ?? []) days.set(d.date, d.name);
  for (const d of configured) if (!days.has(d)) days.set(d, null);
  return days;
}

/** A holiday's name for a reader of `lang`: Korean as it is; a translation (the team's) with the Korean name beside it, "Chuseok (추석)". */
export function holidayName(name: LocalText, lang: Lang): Text {
  const t = lang === 'ko' ? undefined : name[lang];
  return t ? { text: `${t} (${name.ko})`, lang } : { text: name.ko, lang: 'ko' };
}
