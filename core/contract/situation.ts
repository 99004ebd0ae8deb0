/**
 * A household situation — the one definition the finder's API, the `eligible` CLI and the
 * catalogue's rule test cases share. Every field may be missing (= unknown). Ages may be exact
 * or a range (from the questionnaire's buttons). Environment-free: zod only.
 */
import { z } from 'zod';
import { DISTRICTS, INCOME_BANDS, ROLES } from './lists.js';

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
