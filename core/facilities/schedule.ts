/**
 * "Open now" and today's hours from HSDS-style weekly schedules, in Korean time. A span
 * marked overnight runs past midnight (월~금 18:00 → 다음날 09:00). Schedules that close on
 * public holidays are closed on the holidays given: the catalogue's calendar and the kiosk's
 * configured days (core/facilities/holidays.ts).
 */
export interface WeeklySchedule {
  byday: string[];
  opensAt: string;
  closesAt: string;
  overnight: boolean;
  closedOnHolidays: boolean;
}

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
/** A date's weekday code (getUTCDay() is 0–6: always in DAYS). */
const dayCode = (d: Date): string => DAYS[d.getUTCDay()]!;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Korean wall-clock parts of an instant (KST is UTC+9 all year). */
export function kst(now: Date): { day: string; date: string; yesterdayDay: string; yesterdayDate: string; minute: number } {
  const t = new Date(now.getTime() + 9 * 3600_000);
  const y = new Date(t.getTime() - 86400_000);
  return { day: dayCode(t), date: t.toISOString().slice(0, 10), yesterdayDay: dayCode(y), yesterdayDate: y.toISOString().slice(0, 10), minute: t.getUTCHours() * 60 + t.getUTCMinutes() };
}

export interface OpenStatus {
  /** null when the facility has no schedule in the catalogue */
  open: boolean | null;
  today: { opensAt: string; closesAt: string; overnight: boolean }[];
  holiday: boolean;
  /** today is a holiday and the facility, open on this weekday otherwise, closes for it */
  holidayClosed: boolean;
}

export function openStatus(schedules: WeeklySchedule[], now: Date, holidays: readonly string[] | ReadonlySet<string> = []): OpenStatus {
  const k = kst(now);
  const isHoliday = (date: string) => (holidays instanceof Set ? holidays.has(date) : (holidays as readonly string[]).includes(date));
  const holiday = isHoliday(k.date);
  if (!schedules.length) return { open: null, today: [], holiday, holidayClosed: false };
  const runs = (s: WeeklySchedule, day: string, date: string) => s.byday.includes(day) && !(s.closedOnHolidays && isHoliday(date));
  let open = false;
  for (const s of schedules) {
    const o = minutes(s.opensAt);
    const c = minutes(s.closesAt);
    if (runs(s, k.day, k.date) && k.minute >= o && (s.overnight || c <= o ? true : k.minute < c)) open = true;
    // the tail of yesterday's overnight span
    if ((s.overnight || c <= o) && runs(s, k.yesterdayDay, k.yesterdayDate) && k.minute < c) open = true;
  }
  const today = schedules.filter((s) => runs(s, k.day, k.date)).map((s) => ({ opensAt: s.opensAt, closesAt: s.closesAt, overnight: s.overnight }));
  const holidayClosed = holiday && schedules.some((s) => s.closedOnHolidays && s.byday.includes(k.day));
  return { open, today, holiday, holidayClosed };
}
