/**
 * A household situation — the one definition the finder's API, the `eligible` CLI and the
 * catalogue's rule test cases share. Every field may be missing (= unknown). Ages may be exact
 * or a range (from the questionnaire's buttons). Environment-free: zod only.
 */
import { z } from 'zod';

/** Gwangju's five autonomous districts (자치구). */
export const DISTRICTS = ['동구', '서구', '남구', '북구', '광산구'] as const;
export type District = (typeof DISTRICTS)[number];
export const ROLES = ['parent', 'grandparent', 'pregnant', 'other'] as const;
/** Household income bands, lowest first (기초생활수급, 차상위, 중위소득 100 % 이하, 150 % 이하, 그 위). */
export const INCOME_BANDS = ['basic', 'near_poor', 'under_median_100', 'under_median_150', 'over'] as const;

const Range = z.object({ min: z.number().min(0), max: z.number().min(0) }).strict();

export const SituationChild = z
  .object({
    age_months: z.union([z.number().int().min(0).max(600), Range], { message: 'age in whole months (0–600), or {"min": N, "max": N}' }).optional(),
    twin: z.boolean().optional(),
    birth_order: z.number().int().min(1).max(20).optional(),
    hospitalized: z.boolean().optional(),
  })
  .strict();

export const Situation = z
  .object({
    applicant: z.object({ role: z.enum(ROLES).optional(), age: z.union([z.number().min(0).max(130), Range], { message: 'age in years (0–130), or {"min": N, "max": N}' }).optional() }).strict().optional(),
    children: z.array(SituationChild).optional(),
    household: z
      .object({ district: z.enum(DISTRICTS).optional(), dual_earner: z.boolean().optional(), single_parent: z.boolean().optional(), income_band: z.enum(INCOME_BANDS).optional() })
      .strict()
      .optional(),
  })
  .strict();
export type Situation = z.infer<typeof Situation>;
