/**
 * A search page and the count of every match (the kiosk's "31개 중 12개" and 더 보기), and the
 * life-stage list grouped by category, money first — on the real catalogue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSourceCatalogue } from '../catalogue/source-catalogue.js';
import { CATEGORY_ORDER, type Catalogue } from '../catalogue/store.js';

let cat: Catalogue;
beforeAll(() => {
  cat = openSourceCatalogue('page-');
});
afterAll(() => cat.close());

describe('search pages', () => {
  it.each(['지원', '돌봄', 'ㅇㅇㄷㅂ', '병원', 'care'])('%s: the total is every match; pages put together are the whole list, in order', (q) => {
    const all = cat.searchPage(q, { limit: 100 });
    expect(all.atLeast).toBe(false); // 85 entries never fill the candidate pool
    expect(all.total).toBe(all.hits.length);
    expect(all.hits.map((h) => h.id)).toEqual(cat.search(q, { limit: 100 }).map((h) => h.id));
    const pages = [0, 1, 2, 3, 4, 5].map((n) => cat.searchPage(q, { limit: 7, offset: n * 7 }));
    for (const p of pages) expect(p.total).toBe(all.total);
    expect(pages.flatMap((p) => p.hits.map((h) => h.id)).slice(0, all.total)).toEqual(all.hits.slice(0, 42).map((h) => h.id));
    expect(cat.searchPage(q, { limit: 5, offset: all.total }).hits).toEqual([]);
  });

  it('a search that finds nothing: no hits and a total of 0', () => {
    expect(cat.searchPage('ㅋㅋㅋㅋㅋㅋ', { limit: 5 })).toEqual({ hits: [], total: 0, atLeast: false });
    expect(cat.searchPage('', { limit: 5 })).toEqual({ hits: [], total: 0, atLeast: false });
  });

  it('filters count too: a stage filter gives a smaller total, every hit in the stage', () => {
    const all = cat.searchPage('돌봄', { limit: 100 });
    const school = cat.searchPage('돌봄', { limit: 100, filters: { stage: 'school' } });
    expect(school.total).toBeLessThan(all.total);
    expect(school.total).toBe(school.hits.length);
    for (const h of school.hits) expect(cat.entry(h.id)!.stages).toContain('school');
  });
});

describe('a life-stage list grouped by category', () => {
  it('money first: allowances, then birth support, then the other categories as the schema lists them', () => {
    expect(CATEGORY_ORDER.slice(0, 2)).toEqual(['allowance', 'birth-support']);
    expect(new Set(CATEGORY_ORDER).size).toBe(CATEGORY_ORDER.length);
  });

  it.each(['pregnancy', 'infant', 'school', 'youth'] as const)('%s: entries come category by category in the order of the category counts, each category once', (stage) => {
    const counts = cat.categoryCounts(stage);
    expect(counts.map((c) => c.id)).toEqual(CATEGORY_ORDER.filter((c) => counts.some((x) => x.id === c)));
    const entries = cat.entries({ stage }, { byCategory: true });
    const runs = entries.map((e) => e.category).filter((c, i, a) => c !== a[i - 1]);
    expect(runs).toEqual(counts.map((c) => c.id));
    // paged the same way: two pages put together are the whole list
    const paged = [...cat.entries({ stage }, { byCategory: true, limit: 10 }), ...cat.entries({ stage }, { byCategory: true, limit: 1000, offset: 10 })];
    expect(paged.map((e) => e.id)).toEqual(entries.map((e) => e.id));
    // within a category: current entries first, then by Korean title
    for (const c of counts) {
      const inCat = entries.filter((e) => e.category === c.id);
      expect(inCat.length).toBe(c.count);
      const discontinuedAt = inCat.findIndex((e) => e.status === 'discontinued');
      if (discontinuedAt >= 0) expect(inCat.slice(discontinuedAt).every((e) => e.status === 'discontinued')).toBe(true);
    }
  });
});
