/**
 * A FAQ answer never contradicts its entries' current figures: every amount of money and every
 * percentage a FAQ answer states must be stated by one of its related entries in their current
 * texts (not only in their history), and a "NNNN년 기준" in the answer names a year one of them
 * holds its figure for.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogueSource } from './load.js';
import { catalogueSourceDir } from './source-dir.js';
import type { Entry } from './schema.js';

/** Amounts of money in Korean text, in won: 10만5천원, 월 20만원, 14,000원, 200만 원, 1억원. */
export function wonFigures(text: string): number[] {
  const out: number[] = [];
  const re = /(\d[\d,]*)\s*억\s*(?:(\d[\d,]*)\s*만\s*)?원|(\d[\d,]*)\s*만\s*(?:(\d[\d,]*)\s*천\s*)?원|(\d[\d,]*)\s*천\s*원|(\d[\d,]*)\s*원/g;
  const n = (s: string | undefined) => Number((s ?? '0').replace(/,/g, ''));
  for (const m of text.matchAll(re)) {
    if (m[1] !== undefined) out.push(n(m[1]) * 100_000_000 + n(m[2]) * 10_000);
    else if (m[3] !== undefined) out.push(n(m[3]) * 10_000 + n(m[4]) * 1000);
    else if (m[5] !== undefined) out.push(n(m[5]) * 1000);
    else out.push(n(m[6]));
  }
  return out;
}
export const percents = (text: string): number[] => [...text.matchAll(/(\d+(?:\.\d+)?)\s*%/g)].map((m) => Number(m[1]));
const basedOnYears = (text: string): string[] => [...text.matchAll(/(\d{4})년\s*기준/g)].map((m) => m[1]!);

/** Everything an entry states today, in Korean (its history left out on purpose). */
function currentText(e: Entry): string {
  return [e.summary.ko, e.who?.ko, e.what?.ko, e.amount?.text.ko, e.how_to_apply?.ko, e.where?.ko, e.eligibility?.description.ko, e.eligibility_rules?.stated ? [e.eligibility_rules.also?.ko, e.eligibility_rules.note?.ko, ...e.eligibility_rules.criteria.map((c) => c.label.ko)].join(' ') : ''].join(' ');
}

describe('the FAQ agrees with the catalogue', () => {
  it('reads amounts and percentages the way Korean text writes them', () => {
    expect(wonFigures('광주 아이는 매달 10만5천원, 첫째 200만원, 시간당 14,000원 중 1,400~7,000원, 1억 원')).toEqual([105_000, 2_000_000, 14_000, 7_000, 100_000_000]);
    expect(percents('기준중위소득 150% 이하, 63 %')).toEqual([150, 63]);
  });

  const src = loadCatalogueSource(catalogueSourceDir());
  const byId = new Map(src.entries.map((e) => [e.id, e]));
  it.each(src.faq.filter((q) => q.related.length).map((q) => [q.id, q] as const))('%s states only its entries’ current figures', (_id, q) => {
    const related = q.related.map((id) => byId.get(id)).filter((e): e is Entry => e !== undefined);
    const said = related.map(currentText).join(' ');
    const won = new Set(wonFigures(said));
    const pct = new Set(percents(said));
    const years = new Set(related.flatMap((e) => (e.amount ? e.amount.year.match(/\d{4}/g) ?? [] : [])));
    const answer = q.answer.ko;
    expect(wonFigures(answer).filter((w) => !won.has(w)), `amounts in "${answer}" that no related entry (${q.related.join(', ')}) states today`).toEqual([]);
    expect(percents(answer).filter((p) => !pct.has(p)), `percentages in "${answer}" that no related entry states today`).toEqual([]);
    expect(basedOnYears(answer).filter((y) => !years.has(y)), `"…년 기준" in "${answer}" that is not the year of a related entry's figure`).toEqual([]);
  });
});
