/**
 * A household situation — the one definition the finder's API, the `eligible` CLI and the
 * catalogue's rule test cases share. Every field may be missing (= unknown). Ages may be exact
 * or a range (from the questionnaire's buttons). Environment-free: zod only.
 */
import * as z from 'zod';
import { DISTRICTS, INCOME_BANDS, LOW_INCOME_BANDS, ROLES, type ForGroup } from './lists.js';

const Range = z.object({ min: z.number().min(0), max: z.number().min(0) }).strict();

/** A birth date as people know it: the year, the month, or the day. */
const BirthDate = z.string().refine(
  (s) => {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), m[2] === undefined ? 1 : Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  },
  { message: 'a real date: YYYY, YYYY-MM or YYYY-MM-DD' },
);

export const SituationChild = z
  .object({
    age_months: z.union([z.number().int().min(0).max(600), Range], { message: 'age in whole months (0–600), or {"min": N, "max": N}' }).optional(),
    /** weeks since birth, for the first months (exact or a range) */
    age_weeks: z.union([z.number().int().min(0).max(2600), Range], { message: 'weeks since birth (0–2600), or {"min": N, "max": N}' }).optional(),
    birth_date: BirthDate.optional(),
    twin: z.boolean().optional(),
    birth_order: z.number().int().min(1).max(20).optional(),
    hospitalized: z.boolean().optional(),
  })
  .strict();

export const Situation = z
  .object({
    applicant: z
      .object({
        role: z.enum(ROLES).optional(),
        age: z.union([z.number().min(0).max(130), Range], { message: 'age in years (0–130), or {"min": N, "max": N}' }).optional(),
        /** the applicant works (employee or self-employed) */
        employed: z.boolean().optional(),
      })
      .strict()
      .optional(),
    children: z.array(SituationChild).optional(),
    household: z
      .object({
        /** a Gwangju district, or "outside" for a household that lives elsewhere */
        district: z.union([z.enum(DISTRICTS), z.literal('outside')], { message: `one of ${DISTRICTS.join(', ')}, or "outside"` }).optional(),
        dual_earner: z.boolean().optional(),
        single_parent: z.boolean().optional(),
        /** grandparents bring up the grandchildren (조손가정) */
        grandparent_headed: z.boolean().optional(),
        /** someone in the household is pregnant */
        pregnant: z.boolean().optional(),
        income_band: z.enum(INCOME_BANDS).optional(),
        /** a 다문화가족: a parent is a marriage migrant (결혼이민자) or naturalised (귀화) */
        multicultural: z.boolean().optional(),
        /** a 고려인 (Koryoin) family: ethnic Koreans from the former Soviet Union, who may not be a 다문화가족 in law (both parents foreign nationals) */
        koryoin: z.boolean().optional(),
        /** someone in the family has a registered disability (장애인 등록) */
        disability: z.boolean().optional(),
        /** income as a percentage of the 기준중위소득 for the household's size (exact or a range) */
        income_pct: z.union([z.number().min(0).max(10000), Range], { message: 'percent of the median income (0–10000), or {"min": N, "max": N}' }).optional(),
      })
      .strict()
      .optional(),
    /** the day the situation is judged on (YYYY-MM-DD); default today. Test cases fix it. */
    today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD').optional(),
  })
  .strict();
export type Situation = z.infer<typeof Situation>;

/**
 * Whether the household is in a group a program may be only for (`for_group`): told yes, told no,
 * or not told (undefined). 저소득 is read from the income band told: 기초생활수급 or 차상위 is in it,
 * any other band is not.
 */
export function inGroup(group: ForGroup, s: Situation): boolean | undefined {
  const h = s.household;
  if (group === 'multicultural') return h?.multicultural;
  if (group === 'disability') return h?.disability;
  return h?.income_band === undefined ? undefined : (LOW_INCOME_BANDS as readonly string[]).includes(h.income_band);
}
