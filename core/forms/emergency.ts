/**
 * 24시간 긴급아이돌봄 예약 (`gj-emergency-childcare`): the child's birth month and district against
 * the catalogue's current rule (its age on the slot's day), a centre that offers the service and
 * a slot inside one of that centre's opening spans (its catalogue schedules, overnight spans and
 * a Friday night running into Saturday included), and the fee the catalogue states. A reservation
 * is "requested — the centre will confirm" until the hub confirms it.
 */
import * as z from 'zod';
import type { Entry } from '../../db/catalogue/schema.js';
import { CatalogueFigureError, entryOf, rulesOf, stated, won, type FigureDate, type FormCatalogue, type StatedRules } from './catalogue.js';
import { addDays, checkRule, choice, consent, day, minutesOf, month, phone, place, PLACES, refinedBy, text, CHILD_AND_DISTRICT, time, weekday, WEEKDAYS, type Say } from './fields.js';

export const EMERGENCY = 'gj-emergency-childcare';

export interface Span {
  /** minutes from Monday 00:00 */
  from: number;
  to: number;
}

export interface Centre {
  id: string;
  name: string;
  /** the opening spans of the week, joined where one runs into the next */
  week: Span[];
  /** the schedules as the catalogue gives them */
  schedules: Entry['schedules'];
}

export interface EmergencyFigures {
  entry: string;
  rules: StatedRules;
  /** the fee an hour (won) and when it holds (the catalogue gives no year for it) */
  perHour: number;
  dated: FigureDate;
  centres: Centre[];
}

const WEEK = 7 * 1440;

/** The opening spans of a week from HSDS schedules (an overnight span closes the next day), joined where they touch. */
export function weekSpans(schedules: Entry['schedules']): Span[] {
  const spans: Span[] = [];
  for (const s of schedules)
    for (const d of s.byday) {
      const day0 = WEEKDAYS.indexOf(d) * 1440;
      const from = day0 + minutesOf(s.opens_at);
      const to = day0 + (s.overnight ? 1440 : 0) + minutesOf(s.closes_at);
      spans.push({ from, to });
    }
  spans.sort((a, b) => a.from - b.from);
  const joined: Span[] = [];
  for (const s of spans) {
    const last = joined[joined.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else joined.push({ ...s });
  }
  return joined;
}

/** The slot as minutes of the week (an end at or before the start is the next day). */
export function slotSpan(slot: { date: string; start: string; end: string }): Span {
  const from = weekday(slot.date) * 1440 + minutesOf(slot.start);
  let to = weekday(slot.date) * 1440 + minutesOf(slot.end);
  if (to <= from) to += 1440;
  return { from, to };
}

/** Does the slot lie inside one opening span of the week (also one running past Sunday into Monday)? */
export const fitsWeek = (week: Span[], slot: Span): boolean => week.some((w) => [0, WEEK, -WEEK].some((k) => w.from + k <= slot.from && slot.to <= w.to + k));

export const slotHours = (slot: { date: string; start: string; end: string }): number => {
  const s = slotSpan(slot);
  return (s.to - s.from) / 60;
};

export function emergencyFigures(e: Entry, facilities: Entry[]): EmergencyFigures {
  const rules = rulesOf(e);
  const perHour = won(stated(e, 'what.ko', /이용료는 시간당 ([\d,]+원)/, 'the fee an hour')[1]!);
  const centres = facilities
    .filter((f) => f.schedules.length > 0)
    .map((f) => ({ id: f.id, name: f.title.ko, week: weekSpans(f.schedules), schedules: f.schedules }));
  if (!centres.length) throw new CatalogueFigureError(e.id, 'services', 'no facility with a schedule offers the service');
  // the fee is on the centre's undated page: no year, so never shown as current
  return { entry: e.id, rules, perHour, dated: { year: null, current: false }, centres };
}

export interface EmergencyFee {
  hours: number;
  perHour: number;
  total: number;
  dated: FigureDate;
}

/** The fee of a slot at the catalogue's rate. */
export function emergencyFee(f: Pick<EmergencyFigures, 'perHour' | 'dated'>, slot: { date: string; start: string; end: string }): EmergencyFee {
  const hours = slotHours(slot);
  return { hours, perHour: f.perHour, total: Math.round(hours * f.perHour), dated: f.dated };
}

/** How far ahead a slot may be asked for (days). */
export const EMERGENCY_AHEAD_DAYS = 31;

type Slot = { date: string; start: string; end: string };

/**
 * The form's rules on the answers given so far (a whole form, or the fields right so far): the
 * catalogue's rule on the child's birth month (its age on the slot's day; before a slot is
 * chosen, a problem only when the child is outside the ages on every day that can be booked) and
 * the district, and the slot inside the chosen centre's opening hours.
 */
export function emergencyRules(f: EmergencyFigures, today: string) {
  return (known: Record<string, unknown>, say: Say): void => {
    const form = known as { child_birth_month?: string; district?: (typeof PLACES)[number]; centre?: string; slot?: Slot };
    const ruleOn = (on: string, s: Say) =>
      checkRule(
        s,
        f.rules,
        { today: on, children: [form.child_birth_month !== undefined ? { birth_date: form.child_birth_month } : {}], household: form.district !== undefined ? { district: form.district } : {} },
        CHILD_AND_DISTRICT,
        new Date(`${on}T12:00:00Z`),
      );
    if (form.slot) ruleOn(form.slot.date >= today ? form.slot.date : today, say);
    else {
      // no day chosen yet: the first and the last day that can be booked (the child's age only grows in between)
      const first: Parameters<Say>[] = [];
      const last = new Set<string>();
      ruleOn(today, (...p) => first.push(p));
      ruleOn(addDays(today, EMERGENCY_AHEAD_DAYS), (field) => last.add(field));
      for (const p of first) if (last.has(p[0])) say(...p);
    }
    const centre = f.centres.find((c) => c.id === form.centre);
    if (!centre || !form.slot) return;
    if (form.slot.date < today || form.slot.date > addDays(today, EMERGENCY_AHEAD_DAYS) || !fitsWeek(centre.week, slotSpan(form.slot))) say('slot', 'out_of_range', { centre: centre.name });
  };
}

export function emergencySchema(f: EmergencyFigures, today: string) {
  const slot = z.object({ date: day, start: time, end: time }, { error: (iss) => (iss.input === undefined ? 'required' : 'invalid') }).strict();
  return z
    .object({
      parent_name: text(40),
      phone,
      child_birth_month: month(today),
      district: place,
      centre: choice(f.centres.map((c) => c.id) as [string, ...string[]]),
      slot,
      consent,
    })
    .strict()
    .superRefine(refinedBy(emergencyRules(f, today)));
}

export type EmergencyForm = z.input<ReturnType<typeof emergencySchema>>;

/** A valid form for `today`: the first centre's first opening span on or after tomorrow, its first two hours. */
export function emergencyExample(f: EmergencyFigures, today: string): EmergencyForm {
  const centre = f.centres[0]!;
  const first = centre.week[0]!;
  let d = addDays(today, 1);
  while (weekday(d) !== Math.floor(first.from / 1440)) d = addDays(d, 1);
  const hhmm = (m: number) => `${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return {
    parent_name: '박지훈',
    phone: '010-9876-5432',
    child_birth_month: `${Number(today.slice(0, 4)) - 3}-06`,
    district: '광산구',
    centre: centre.id,
    slot: { date: d, start: hhmm(first.from), end: hhmm(Math.min(first.from + 120, first.to)) },
    consent: true,
  };
}

export const emergencyFiguresFrom = (c: FormCatalogue) => emergencyFigures(entryOf(c, EMERGENCY), c.facilitiesFor(EMERGENCY));
