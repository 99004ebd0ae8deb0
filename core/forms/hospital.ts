/**
 * 입원아동 돌봄 신청 (`gj-hospitalized-child-care`): the child's birth month and district against
 * the catalogue's current rule, the hospital and ward, the visits (days and hours within the
 * service's schedule, at least and at most the hours a visit the catalogue states, once a day, and
 * no more hours than the yearly limit), and the family's income tier for the fee estimate.
 */
import * as z from 'zod';
import type { Entry } from '../../db/catalogue/schema.js';
import { amountDate, CatalogueFigureError, entryOf, rulesOf, stated, won, type FigureDate, type FormCatalogue, type StatedRules } from './catalogue.js';
import { addDays, checkRule, consent, day, minutesOf, month, phone, place, PLACES, refinedBy, text, CHILD_AND_DISTRICT, time, weekday, WEEKDAYS, choice, type Say } from './fields.js';

export const HOSPITAL = 'gj-hospitalized-child-care';

export interface FeeTier {
  /** tier1 = the lowest share */
  id: string;
  /** who is in the tier, in the catalogue's words ("수급자·차상위·한부모") */
  label: string;
  /** the family's share, percent */
  share: number;
  /** what the family pays an hour, won */
  perHour: number;
}

export interface HospitalFigures {
  entry: string;
  rules: StatedRules;
  /** the full rate an hour (won) */
  rate: number;
  tiers: FeeTier[];
  /** when the rate and shares hold */
  dated: FigureDate;
  /** the weekdays and hours care is given (the entry's schedule) */
  days: string[];
  opens: string;
  closes: string;
  /** hours a visit, at least and at most */
  minHours: number;
  maxHours: number;
  /** hours a child a year, at most */
  yearHours: number;
}

/** The service's figures, read from its catalogue entry (throws CatalogueFigureError naming the field the catalogue no longer states them in). */
export function hospitalFigures(e: Entry, today: string): HospitalFigures {
  const rules = rulesOf(e);
  const rate = won(stated(e, 'amount.text.ko', /시간당 ([\d,]+원)/, 'the hourly rate')[1]!);
  const list = stated(e, 'amount.text.ko', /내는 돈:\s*(.+)$/, 'the family’s share by tier')[1]!;
  const tiers = [...list.matchAll(/\s*([^,]+?)\s+([\d,]+원)\((\d+)%\)/g)].map((m, i) => ({ id: `tier${i + 1}`, label: m[1]!.trim(), perHour: won(m[2]!), share: Number(m[3]) }));
  if (tiers.length < 2 || tiers.some((t) => t.perHour !== (rate * t.share) / 100))
    throw new CatalogueFigureError(e.id, 'amount.text.ko', `the shares by tier do not add up to the hourly rate of ${rate} won`);
  const sched = e.schedules[0];
  if (!sched || sched.overnight) throw new CatalogueFigureError(e.id, 'schedules', 'states no day-time schedule for the care');
  const visit = stated(e, 'what.ko', /하루 한 번 (\d+)시간~(\d+)시간/, 'the hours of a visit');
  const year = stated(e, 'what.ko', /1년에 (\d+)시간까지/, 'the hours a year');
  return {
    entry: e.id,
    rules,
    rate,
    tiers,
    dated: amountDate(e, today),
    days: sched.byday,
    opens: sched.opens_at,
    closes: sched.closes_at,
    minHours: Number(visit[1]),
    maxHours: Number(visit[2]),
    yearHours: Number(year[1]),
  };
}

export interface HospitalFee {
  hours: number;
  /** the full rate an hour and for all the hours (won) */
  rate: number;
  full: number;
  /** what the family pays, a range when the tier is not known */
  family: { min: number; max: number };
  tier: FeeTier | null;
  dated: FigureDate;
}

/** The fee for `hours` of care: the full cost, and the family's share by its tier (every tier's range when it is not known). */
export function hospitalFee(f: Pick<HospitalFigures, 'rate' | 'tiers' | 'dated'>, hours: number, tierId: string | null): HospitalFee {
  const tier = f.tiers.find((t) => t.id === tierId) ?? null;
  const perHour = tier ? [tier.perHour] : f.tiers.map((t) => t.perHour);
  return { hours, rate: f.rate, full: hours * f.rate, family: { min: hours * Math.min(...perHour), max: hours * Math.max(...perHour) }, tier, dated: f.dated };
}

/** hours between two HH:MM times of one day */
export const hoursBetween = (start: string, end: string): number => (minutesOf(end) - minutesOf(start)) / 60;

/** How far ahead a visit may be asked for (days). */
export const HOSPITAL_AHEAD_DAYS = 90;

type Visit = { date: string; start: string; end: string };

/**
 * The form's rules on the answers given so far (a whole form, or the fields right so far): the
 * catalogue's rule on the child's birth month and the district (each once answered), and the
 * visits against the schedule, the hours a visit and a year.
 */
export function hospitalRules(f: HospitalFigures, today: string) {
  return (known: Record<string, unknown>, say: Say): void => {
    const form = known as { child_birth_month?: string; district?: (typeof PLACES)[number]; visits?: Visit[] };
    checkRule(
      say,
      f.rules,
      { today, children: [{ ...(form.child_birth_month !== undefined ? { birth_date: form.child_birth_month } : {}), hospitalized: true }], household: form.district !== undefined ? { district: form.district } : {} },
      CHILD_AND_DISTRICT,
      new Date(`${today}T12:00:00Z`),
    );
    if (!form.visits) return;
    const limits = { opens: f.opens, closes: f.closes, min: f.minHours, max: f.maxHours, year: f.yearHours };
    const seen = new Set<string>();
    let total = 0;
    for (const v of form.visits) {
      const h = hoursBetween(v.start, v.end);
      total += Math.max(0, h);
      const ok =
        v.date >= today &&
        v.date <= addDays(today, HOSPITAL_AHEAD_DAYS) &&
        f.days.includes(WEEKDAYS[weekday(v.date)]!) &&
        v.start >= f.opens &&
        v.end <= f.closes &&
        h >= f.minHours &&
        h <= f.maxHours &&
        !seen.has(v.date);
      seen.add(v.date);
      if (!ok) return say('visits', 'out_of_range', limits);
    }
    if (total > f.yearHours) say('visits', 'too_many', limits);
  };
}

export function hospitalSchema(f: HospitalFigures, today: string) {
  const visit = z.object({ date: day, start: time, end: time }, { error: () => 'invalid' }).strict();
  return z
    .object({
      applicant_name: text(40),
      phone,
      child_birth_month: month(today),
      district: place,
      hospital: text(60),
      ward: text(30),
      visits: z.array(visit, { error: (iss) => (iss.input === undefined ? 'required' : 'invalid') }).min(1, 'required').max(Math.ceil(f.yearHours / f.minHours), 'too_many'),
      income_tier: choice(['not_sure', ...f.tiers.map((t) => t.id)] as [string, ...string[]]),
      consent,
    })
    .strict()
    .superRefine(refinedBy(hospitalRules(f, today)));
}

export type HospitalForm = z.input<ReturnType<typeof hospitalSchema>>;

/** A valid form for `today` (the JSON Schema's example, and the tests'). */
export function hospitalExample(f: HospitalFigures, today: string): HospitalForm {
  let d = addDays(today, 1);
  while (!f.days.includes(WEEKDAYS[weekday(d)]!)) d = addDays(d, 1);
  const start = f.opens;
  const end = `${String(Number(f.opens.slice(0, 2)) + f.minHours).padStart(2, '0')}${f.opens.slice(2)}`;
  return {
    applicant_name: '김민지',
    phone: '010-1234-5678',
    child_birth_month: `${Number(today.slice(0, 4)) - 5}-03`,
    district: '북구',
    hospital: '전남대학교병원',
    ward: '소아병동 501호',
    visits: [{ date: d, start, end }],
    income_tier: f.tiers[1]?.id ?? 'not_sure',
    consent: true,
  };
}

export const hospitalFiguresFrom = (c: FormCatalogue, today: string) => hospitalFigures(entryOf(c, HOSPITAL), today);
