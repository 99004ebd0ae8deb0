/**
 * 나에게 맞는 지원 찾기: at most 8 questions with big buttons; every answer can be "잘 모르겠어요"
 * (skipped = unknown, never guessed). Answers become a Situation for the eligibility engine.
 * Age answers are ranges (the engine says "ask" when a range straddles a limit).
 */
import type { Situation } from '../../../core/contract/kiosk-api';
import { DISTRICTS, INCOME_BANDS, ROLES, type District, type IncomeBand } from '../../../core/contract/lists';

export type Range = { min: number; max: number };
export interface Answers {
  role?: (typeof ROLES)[number];
  applicantAge?: Range;
  children?: 'none' | 'one' | 'two' | 'twins' | 'three';
  childAge?: Range;
  hospitalized?: boolean;
  work?: 'dual' | 'single' | 'neither';
  income?: IncomeBand;
  district?: District | 'outside';
}

export interface Question {
  id: keyof Answers;
  options: { key: string; value: Answers[keyof Answers] }[];
}

export const QUESTIONS: Question[] = [
  { id: 'role', options: ROLES.map((r) => ({ key: r, value: r })) },
  { id: 'applicantAge', options: [{ key: 'under60', value: { min: 0, max: 59 } }, { key: 'from60to70', value: { min: 60, max: 70 } }, { key: 'over70', value: { min: 71, max: 130 } }] },
  { id: 'children', options: [{ key: 'none', value: 'none' }, { key: 'one', value: 'one' }, { key: 'two', value: 'two' }, { key: 'twins', value: 'twins' }, { key: 'three', value: 'three' }] },
  {
    id: 'childAge',
    options: [
      { key: 'm0to5', value: { min: 0, max: 5 } },
      { key: 'm6to11', value: { min: 6, max: 11 } },
      { key: 'y1', value: { min: 12, max: 23 } },
      { key: 'y2to5', value: { min: 24, max: 71 } },
      { key: 'y6', value: { min: 72, max: 83 } },
      { key: 'school12', value: { min: 84, max: 107 } },
      { key: 'school36', value: { min: 108, max: 155 } },
      { key: 'teen', value: { min: 156, max: 227 } },
    ],
  },
  { id: 'hospitalized', options: [{ key: 'yes', value: true }, { key: 'no', value: false }] },
  { id: 'work', options: [{ key: 'dual', value: 'dual' }, { key: 'single', value: 'single' }, { key: 'neither', value: 'neither' }] },
  { id: 'income', options: INCOME_BANDS.map((b) => ({ key: b, value: b })) },
  { id: 'district', options: [...DISTRICTS.map((d) => ({ key: d, value: d })), { key: 'outside', value: 'outside' }] },
];

/** Questions that make no sense after earlier answers are passed over (no children → no child's age). */
export function applicable(q: Question, a: Answers): boolean {
  if ((q.id === 'childAge' || q.id === 'hospitalized') && a.children === 'none') return false;
  return true;
}

export function toSituation(a: Answers): Situation {
  const s: Situation = {};
  if (a.role || a.applicantAge) s.applicant = { role: a.role, age: a.applicantAge };
  if (a.children) {
    const n = { none: 0, one: 1, two: 2, twins: 2, three: 3 }[a.children];
    // The age asked is the youngest child's (the last born); the others' ages stay unknown.
    s.children = Array.from({ length: n }, (_, i) => {
      const youngest = i === n - 1 || a.children === 'twins';
      return {
        ...(youngest && a.childAge ? { age_months: a.childAge } : {}),
        ...(a.children === 'twins' ? { twin: true } : {}),
        ...(a.children === 'three' ? { birth_order: i + 1 } : a.children === 'two' || a.children === 'one' ? { birth_order: i + 1 } : {}),
        ...(youngest && a.hospitalized !== undefined ? { hospitalized: a.hospitalized } : {}),
      };
    });
  }
  if (a.work || a.income || a.district) {
    s.household = {};
    if (a.work) {
      s.household.dual_earner = a.work === 'dual';
      s.household.single_parent = a.work === 'single';
    }
    if (a.income) s.household.income_band = a.income;
    if (a.district && a.district !== 'outside') s.household.district = a.district;
  }
  return s;
}
