/**
 * The fixed lists of the household situation, as plain constants (no zod), so the UI can use
 * them without loading the schema library. situation.ts builds its schemas from these.
 */

/** Gwangju's five autonomous districts (자치구). */
export const DISTRICTS = ['동구', '서구', '남구', '북구', '광산구'] as const;
export type District = (typeof DISTRICTS)[number];
export const ROLES = ['parent', 'grandparent', 'pregnant', 'other'] as const;
/** Household income bands, lowest first (기초생활수급, 차상위, 중위소득 100 % 이하, 150 % 이하, 그 위). */
export const INCOME_BANDS = ['basic', 'near_poor', 'under_median_100', 'under_median_150', 'over'] as const;
