/**
 * Search in Vietnamese and Chinese on the real catalogue (issue 11, item 5): Vietnamese typed
 * with or without its marks, in any case, finds the Vietnamese text; Chinese by its characters;
 * and adding those texts to the index changes nothing for a Korean query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSourceCatalogue } from '../catalogue/source-catalogue.js';
import { loadCatalogueSource } from '../catalogue/load.js';
import { toSearchDocument } from '../catalogue/write.js';
import type { Catalogue } from '../catalogue/store.js';
import { catalogueSourceDir, sourceMigrationsDir } from '../catalogue/source-dir.js';
import { openDatabase, readMigrations, type DB } from '../sqlite.js';
import { buildSearchIndex } from './build.js';
import { chineseGrams, vietnameseGrams } from './grams.js';
import { foldLatin as fold } from './hangul.js';
import { Searcher } from './searcher.js';
import { LANGS, SEARCH_EXAMPLES } from '../../core/contract/lists.js';

let cat: Catalogue;
const migrations = () => readMigrations(sourceMigrationsDir('catalogue'));
beforeAll(() => {
  cat = openSourceCatalogue('lang-');
});
afterAll(() => cat.close());

const top3 = (q: string) => cat.search(q, { limit: 3 }).map((h) => h.id);

describe('everyday words the catalogue does not use (synonyms.yaml), in Vietnamese, English and Chinese', () => {
  it.each([
    ['bỉm', 'the everyday word for nappies; the catalogue says tã', 'low-income-diaper-formula'],
    ['bim', 'the same without its mark', 'low-income-diaper-formula'],
    ['diaper', 'American English; the catalogue says nappy', 'low-income-diaper-formula'],
    ['纸尿裤', 'Chinese: disposable nappies', 'low-income-diaper-formula'],
    ['chích ngừa', 'southern Vietnamese for vaccination; the catalogue says tiêm chủng', 'national-immunization'],
    ['immunisation', 'the catalogue says vaccinations', 'national-immunization'],
  ])('"%s" (%s) finds %s first', (q, _why, id) => {
    expect(cat.search(q, { limit: 1 }).map((h) => h.id)).toEqual([id]);
  });
  it('"mầm non" (kindergarten) finds kindergarten and daycare fees first, not premature birth ("sinh non")', () => {
    const ids = top3('mầm non');
    expect(ids).toContain('kindergarten-tuition');
    expect(ids.some((id) => /premature|preterm/.test(id))).toBe(false);
  });
});

describe('the search screen\'s examples, in each language', () => {
  it.each(LANGS.flatMap((lang) => SEARCH_EXAMPLES[lang].map((x) => [lang, x.text, x.finds] as const)))('%s: "%s" finds %s among the first three', (_lang, text, id) => {
    expect(top3(text)).toContain(id);
  });
});

describe('Vietnamese, with or without its marks', () => {
  // low-income-diaper-formula: vi title "Hỗ trợ tiền tã và sữa bột"; child-allowance: "Trợ cấp trẻ em (…)"
  it.each([
    ['ta em be', 'no marks (tã em bé: baby nappies)', 'low-income-diaper-formula'],
    ['tã em bé', 'with its marks', 'low-income-diaper-formula'],
    ['TA EM BE', 'capitals', 'low-income-diaper-formula'],
    ['sua bot', 'no marks (sữa bột: formula)', 'low-income-diaper-formula'],
    ['tro cap tre em', 'no marks (trợ cấp trẻ em: child allowance)', 'child-allowance'],
    ['Trợ cấp trẻ em', 'with its marks and a capital', 'child-allowance'],
  ])('"%s" (%s) finds %s in the top 3', (q, _why, id) => {
    expect(top3(q)).toContain(id);
  });

  it('the same words with and without marks give the same results', () => {
    expect(cat.search('ta em be', { limit: 20 })).toEqual(cat.search('tã em bé', { limit: 20 }));
    expect(cat.search('tro cap tre em', { limit: 20 })).toEqual(cat.search('trợ cấp trẻ em', { limit: 20 }));
  });

  it('the entry whose Vietnamese title has tã comes first for "ta em be", before titles with only em bé', () => {
    expect(cat.search('ta em be', { limit: 1 })[0]?.id).toBe('low-income-diaper-formula');
  });

  it('two words in Latin letters: when the best match has both, an entry with only one is not listed ("tiêm chủng" is not "nuôi con chung")', () => {
    const src = loadCatalogueSource(catalogueSourceDir());
    const viText = new Map(src.entries.map((e) => toSearchDocument(e)).map((d) => [d.entryId, fold(`${d.titleVi} ${d.bodyVi}`)]));
    for (const q of ['tiêm chủng', 'tiem chung']) {
      const hits = cat.search(q, { limit: 50 });
      expect(hits[0]?.id).toBe('national-immunization');
      // before: seven 공동육아나눔터 entries followed it, their "chung" (together) taken for chủng
      expect(hits.map((h) => h.id).filter((id) => id.includes('shared-childcare'))).toEqual([]);
      for (const h of hits) expect(viText.get(h.id), h.id).toMatch(/\btiem\b/);
    }
  });

  it('one word alone, or words in Korean, still bring every entry that has one of them', () => {
    expect(cat.search('chung', { limit: 50 }).map((h) => h.id).filter((id) => id.includes('shared-childcare')).length).toBeGreaterThan(3);
    const both = cat.search('예방접종 병원', { limit: 50 }).map((h) => h.id);
    expect(both).toContain('national-immunization'); // 예방접종 only
    expect(both.some((id) => /hospital/.test(id))).toBe(true); // hospitals, with 병원 only
  });

  it('"childcare service" finds the Child Care Service (written in two words) among the first three', () => {
    expect(top3('childcare service')).toContain('child-care-service');
    expect(top3('nanny')[0]).toBe('child-care-service');
  });

  it('indexes prefixes of longer words and short words whole, marks folded', () => {
    const g = vietnameseGrams('Hỗ trợ tiền tã và sữa bột, Đăng ký');
    for (const x of ['v:ho', 'e:tro', 'e:tie', 'e:tien', 'v:ta', 'v:va', 'e:sua', 'e:bot', 'e:dan', 'e:dang', 'v:ky']) expect(g, x).toContain(x);
    expect([...g].filter((x) => /[^ -~]/.test(x))).toEqual([]); // nothing but plain ASCII letters left
  });
});

describe('Chinese, by its characters', () => {
  it.each([
    ['尿布', 'nappies', 'low-income-diaper-formula'],
    ['奶粉', 'formula', 'low-income-diaper-formula'],
    ['尿', 'one character', 'low-income-diaper-formula'],
    ['儿童津贴', 'child allowance', 'child-allowance'],
    ['儿童补贴', 'child allowance, as people say it', 'child-allowance'],
    ['育儿补贴', 'childcare subsidy: the parent benefit', 'parent-benefit'],
    ['育儿补贴', 'childcare subsidy: the child allowance', 'child-allowance'],
    ['尿不湿', 'nappies, the everyday word', 'low-income-diaper-formula'],
    ['保姆', 'childminder', 'child-care-service'],
  ])('"%s" (%s) finds %s in the top 3', (q, _why, id) => {
    expect(top3(q)).toContain(id);
  });

  it('indexes each pair of characters side by side, and in a title each character too', () => {
    const pairs = ['h:尿布', 'h:布和', 'h:和奶', 'h:奶粉', 'h:每月'];
    expect([...chineseGrams('尿布和奶粉（每月）', false)].sort()).toEqual(pairs.sort());
    expect([...chineseGrams('尿布和奶粉（每月）', true)].sort()).toEqual([...pairs, 'h:尿', 'h:布', 'h:和', 'h:奶', 'h:粉', 'h:每', 'h:月'].sort());
    expect([...chineseGrams('钱', false)]).toEqual(['h:钱']);
  });
});

describe('the other languages change nothing for Korean and English', () => {
  /** The real catalogue's index built again, with or without the Vietnamese and Chinese texts. */
  function index(withVietnameseAndChinese: boolean): DB {
    const src = loadCatalogueSource(catalogueSourceDir());
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'lang-idx-')), 's.sqlite'), { migrations: migrations() });
    const docs = src.entries.map(toSearchDocument).map((d) => (withVietnameseAndChinese ? d : { ...d, titleVi: '', bodyVi: '', titleZh: '', bodyZh: '' }));
    db.transaction(() => buildSearchIndex(db, docs, src.synonyms.groups))();
    return db;
  }

  it('a Korean query ranks exactly as it does without the Vietnamese and Chinese texts', () => {
    const withThem = index(true);
    const without = index(false);
    try {
      const a = new Searcher(withThem);
      const b = new Searcher(without);
      for (const q of ['아이돌봄', 'ㅇㅇㄷㅂ', '아이돌봄써비스', '할머니 손주 돌보면', '애기 아플때', '분유 기저귀', '아동 수당 몇살까지', '광산구 출생 축하금'])
        expect(a.search(q, { limit: 20 }), q).toEqual(b.search(q, { limit: 20 }));
    } finally {
      withThem.close();
      without.close();
    }
  });

  it('a Latin query still finds the English text', () => {
    expect(top3('parent benefit')).toContain('parent-benefit');
    expect(top3('vaccination')).toContain('national-immunization');
    expect(top3('nappy')).toContain('low-income-diaper-formula');
  });
});
