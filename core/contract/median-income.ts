/**
 * 기준중위소득 (the national median income the income rules are written against), per month,
 * by household size — the 2026 table, decided by the 중앙생활보장위원회 on 2025-07-31 and in
 * force from 2026-01-01. Sourced below; the finder turns the income bands into won with it.
 */
export const MEDIAN_INCOME = {
  year: 2026,
  /** monthly, in won, for households of 1 to 6 people */
  bySize: [2_564_238, 4_199_292, 5_359_036, 6_494_738, 7_556_719, 8_555_952] as const,
  sources: [
    { title: '쿠키뉴스 — 내년 기준 중위소득 6.51% 인상 (4인 649만4738원, 1인 256만4238원)', url: 'https://img.kukinews.com/article/list/kuk008000000?page=2', date: '2025-07-31', type: 'news' },
    { title: '2026년 기준중위소득 한눈에 정리 (가구원 수별 표, 보건복지부 고시 인용)', url: 'https://pick.einana11.com/entry/2026-%EA%B8%B0%EC%A4%80%EC%A4%91%EC%9C%84%EC%86%8C%EB%93%9D-%EA%B3%84%EC%82%B0%EA%B8%B0-%EB%B0%94%EB%A1%9C%EA%B0%80%EA%B8%B0', date: 'unknown', type: 'blog' },
  ],
  lastVerified: '2026-12-01',
} as const;

/**
 * The median income of a household of `size` people. Seven or more: the six-person figure plus,
 * for each further person, the step from five to six people (how the 고시 extends the table).
 */
export function medianIncome(size: number): number {
  const n = Math.max(1, Math.round(size));
  const t = MEDIAN_INCOME.bySize;
  if (n <= t.length) return t[n - 1]!;
  return t[5] + (n - 6) * (t[5] - t[4]);
}
