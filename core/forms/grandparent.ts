/**
 * 손자녀가족돌보미 지원 신청 (`gj-grandparent-caregiver`): the caregiver, the grandchild and the
 * family checked against the catalogue's newest dated rule (its criteria: the caregiver's role
 * and age, the grandchild's age, twins or the number of children, dual-earner or single parent,
 * the income band, Gwangju), the hours of care a day the amount is for, and the monthly amount.
 */
import * as z from 'zod';
import type { Entry } from '../../db/catalogue/schema.js';
import { amountDate, entryOf, rulesOf, stated, won, type FigureDate, type FormCatalogue, type StatedRules } from './catalogue.js';
import { checkRule, choice, consent, count, incomeBand, month, phone, place, refinedBy, text, yesNo, type Say } from './fields.js';

export const GRANDPARENT = 'gj-grandparent-caregiver';

/** Who looks after the grandchild: a grandparent, or a relative within the fourth degree (the rule's "조부모 또는 4촌 이내 친척"). */
export const CAREGIVERS = ['grandparent', 'relative'] as const;
export const FAMILIES = ['dual_earner', 'single_parent', 'other'] as const;

export interface GrandparentFigures {
  entry: string;
  rules: StatedRules;
  /** the amount a month (won) and the hours of care a day it is for */
  monthly: number;
  hoursPerDay: number;
  /** when the rule holds (its valid_from / valid_until) and when the amount holds */
  rule: { valid_from?: string; valid_until?: string };
  dated: FigureDate;
}

export function grandparentFigures(e: Entry, today: string): GrandparentFigures {
  const rules = rulesOf(e);
  const m = stated(e, 'amount.text.ko', /월 ([\d,]+만?원) \(하루 (\d+)시간 이상/, 'the amount a month and the hours of care a day');
  return {
    entry: e.id,
    rules,
    monthly: won(m[1]!),
    hoursPerDay: Number(m[2]),
    rule: { ...(rules.valid_from ? { valid_from: rules.valid_from } : {}), ...(rules.valid_until ? { valid_until: rules.valid_until } : {}) },
    dated: amountDate(e, today),
  };
}

/** The allowance: the amount a month for the hours a day, and the year and dates it holds for. */
export function grandparentAllowance(f: Pick<GrandparentFigures, 'monthly' | 'hoursPerDay' | 'dated'>, months = 1): { monthly: number; months: number; total: number; hoursPerDay: number; dated: FigureDate } {
  return { monthly: f.monthly, months, total: f.monthly * months, hoursPerDay: f.hoursPerDay, dated: f.dated };
}

const fields = (today: string) => ({
  caregiver_name: text(40),
  phone,
  caregiver: choice(CAREGIVERS),
  caregiver_age: count(14, 120),
  grandchild_birth_month: month(today),
  grandchild_in_school: yesNo,
  twins: yesNo,
  children_count: count(1, 20),
  family: choice(FAMILIES),
  income_band: incomeBand,
  district: place,
  care_hours_per_day: count(1, 24),
  consent,
});
type Answers = Partial<z.output<z.ZodObject<ReturnType<typeof fields>>>>;

/**
 * The form's rules on the answers given so far (a whole form, or the fields right so far): the
 * catalogue's rule criterion by criterion — a fact not answered yet is not told, so only what
 * the answers settle is a problem — the twins' count, school, and the hours a day.
 */
export function grandparentRules(f: GrandparentFigures, today: string) {
  return (known: Record<string, unknown>, say: Say): void => {
    const form = known as Answers;
    const grandchild = { ...(form.grandchild_birth_month !== undefined ? { birth_date: form.grandchild_birth_month } : {}), ...(form.twins !== undefined ? { twin: form.twins } : {}) };
    const family = form.family;
    checkRule(
      say,
      f.rules,
      (facts) => ({
        today,
        // a relative within the fourth degree stands where the rule says grandparent (its label names both)
        applicant: { ...(form.caregiver !== undefined ? { role: 'grandparent' as const } : {}), ...(form.caregiver_age !== undefined ? { age: form.caregiver_age } : {}) },
        // the grandchild cared for is the child the rule's child criteria judge; the siblings count
        // (how many children is not told until it is answered)
        ...(facts.includes('children.count')
          ? form.children_count !== undefined
            ? { children: [grandchild, ...Array.from({ length: Math.max(0, form.children_count - 1) }, () => (form.twins ? { twin: true } : {}))] }
            : {}
          : { children: [grandchild] }),
        household: {
          ...(form.district !== undefined ? { district: form.district } : {}),
          ...(family !== undefined ? { dual_earner: family === 'dual_earner', single_parent: family === 'single_parent' } : {}),
          ...(form.income_band !== undefined ? { income_band: form.income_band } : {}),
        },
      }),
      {
        'applicant.age': 'caregiver_age',
        'child.age_months': 'grandchild_birth_month',
        'child.born_on': 'grandchild_birth_month',
        'child.twin': 'children_count',
        'children.count': 'children_count',
        'household.dual_earner': 'family',
        'household.single_parent': 'family',
        'household.income_band': 'income_band',
        'household.income_pct': 'income_band',
        'household.district': 'district',
      },
      new Date(`${today}T12:00:00Z`),
    );
    if (form.twins === true && form.children_count !== undefined && form.children_count < 2) say('children_count', 'invalid');
    if (form.grandchild_in_school === true) say('grandchild_in_school', 'not_eligible');
    if (form.care_hours_per_day !== undefined && form.care_hours_per_day < f.hoursPerDay) say('care_hours_per_day', 'not_eligible', { min: f.hoursPerDay });
  };
}

export function grandparentSchema(f: GrandparentFigures, today: string) {
  return z
    .object(fields(today))
    .strict()
    .superRefine(refinedBy(grandparentRules(f, today)));
}

export type GrandparentForm = z.input<ReturnType<typeof grandparentSchema>>;

export function grandparentExample(_f: GrandparentFigures, today: string): GrandparentForm {
  return {
    caregiver_name: '김순자',
    phone: '010-2468-1357',
    caregiver: 'grandparent',
    caregiver_age: 66,
    grandchild_birth_month: `${Number(today.slice(0, 4)) - 2}-04`,
    grandchild_in_school: false,
    twins: true,
    children_count: 2,
    family: 'dual_earner',
    income_band: 'under_median_100',
    district: '북구',
    care_hours_per_day: 6,
    consent: true,
  };
}

export const grandparentFiguresFrom = (c: FormCatalogue, today: string) => grandparentFigures(entryOf(c, GRANDPARENT), today);
