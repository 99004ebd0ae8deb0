/**
 * Search quality on the real catalogue: what a senior or a parent would really type, and the
 * entry that must be among the first three results. Runs against the compiled catalogue in
 * SQLite, exactly as the kiosk and the CLI search it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSourceCatalogue } from '../catalogue/source-catalogue.js';
import { Catalogue } from '../catalogue/store.js';
import { sourceMigrationsDir } from '../catalogue/source-dir.js';
import { readMigrations } from '../sqlite.js';
import type { Entry } from '../catalogue/schema.js';
import type { SearchFilters } from './searcher.js';

let cat: Catalogue;
const migrations = () => readMigrations(sourceMigrationsDir('catalogue'));
beforeAll(() => {
  cat = openSourceCatalogue('q-');
});
afterAll(() => cat.close());

const TOP3: [string, string, string][] = [
  // [what they type, why it is a realistic query, the entry that must be in the top 3]
  ['아이돌봄', 'exact name', 'child-care-service'],
  ['ㅇㅇㄷㅂ', '초성', 'child-care-service'],
  ['아이돌봄써비스', 'one-syllable typo', 'child-care-service'],
  ['아이 돌봄 서비스', 'spaces', 'child-care-service'],
  ['ㅅㅈㄴ', '초성', 'gj-grandparent-caregiver'],
  ['손자녀돌봄이', 'spelling by sound', 'gj-grandparent-caregiver'],
  ['할머니 손주 돌보면', 'everyday words', 'gj-grandparent-caregiver'],
  ['할머니가 돌봐요', 'particle', 'gj-grandparent-caregiver'],
  ['손주', 'one everyday word (the catalogue says 손자녀)', 'gj-grandparent-caregiver'],
  ['애기 아플때', 'everyday words', 'gj-hospitalized-child-care'],
  ['아이가 입원했어요', 'a sentence', 'gj-hospitalized-child-care'],
  ['입원아동', 'official word', 'gj-hospitalized-child-care'],
  ['밤에 맡길 곳', 'everyday phrase', 'gj-emergency-childcare'],
  ['긴급돌봄', '2 words joined', 'gj-emergency-childcare'],
  ['첫만남', 'short name', 'first-meeting-voucher'],
  ['ㅊㅁㄴ', '초성', 'first-meeting-voucher'],
  ['애 낳으면 받는 돈', 'everyday words', 'first-meeting-voucher'],
  ['부모급여', 'exact name', 'parent-benefit'],
  ['부모급녀', 'one-jamo typo', 'parent-benefit'],
  ['아동수당', 'exact name', 'child-allowance'],
  ['아동 수당 몇살까지', 'question', 'child-allowance'],
  ['어린이집 보육료', 'two words', 'childcare-fee'],
  ['유치원비', 'everyday word', 'kindergarten-tuition'],
  ['양육수당', 'short name', 'home-care-allowance'],
  ['영유아 검진', 'two words', 'infant-health-checkup'],
  ['예방주사', 'everyday word', 'national-immunization'],
  ['산후도우미', 'everyday name', 'postpartum-care-voucher'],
  ['산후조리비', 'name', 'gj-postpartum-care-allowance'],
  ['임신 병원비', 'everyday words', 'pregnancy-medical-voucher'],
  ['난임 시술', 'two words', 'infertility-treatment'],
  ['시험관', 'everyday word', 'infertility-treatment'],
  ['전기세 할인', 'everyday words', 'kepco-electricity-discount'],
  ['다자녀 카드', 'two words', 'gj-multichild-happy-card'],
  ['늘봄', '2 syllables', 'neulbom-school'],
  ['초등돌봄교실', 'old name', 'neulbom-school'],
  ['지역아동센터', 'exact name', 'community-child-center'],
  ['지역아동샌터', 'typo', 'community-child-center'],
  ['ㄷㅎㄲ', '초성', 'dahamkke-care-center'],
  ['방과후 아카데미', 'two words', 'youth-after-school-academy'],
  ['1279', 'the number', 'gj-1279-counselling'],
  ['상담 전화', 'everyday words', 'gj-1279-counselling'],
  ['장난감 빌리기', 'everyday words', 'toy-library'],
  ['키움뜰', 'name', 'gj-kiumddeul'],
  ['심야 어린이병원', 'two words', 'gj-late-night-childrens-hospital'],
  ['분유 기저귀', 'everyday words', 'low-income-diaper-formula'],
  ['마을 돌봄', 'two words', 'gj-village-care'],
  ['아빠 출산휴가', 'everyday words', 'spouse-maternity-leave'],
  ['임산부 집안일', 'everyday words', 'gj-pregnant-housework-support'],
  ['신생아 청각 검사', 'three words', 'newborn-hearing-screening'],
  ['광산구 출생 축하금', 'district and words', 'gj-gwangsan-birth-gift'],
  ['childcare service', 'English', 'child-care-service'],
  ['grandparent', 'English', 'gj-grandparent-caregiver'],
  ['hospitalized child', 'English', 'gj-hospitalized-child-care'],
  ['parent benefit', 'English', 'parent-benefit'],
  ['vaccination', 'English', 'national-immunization'],
];

describe('search quality on the real catalogue (top 3)', () => {
  it.each(TOP3)('"%s" (%s) finds %s', (query, _why, id) => {
    const ids = cat.search(query, { limit: 3 }).map((h) => h.id);
    expect(ids).toContain(id);
  });

  it('"공동육아" (2 words joined) finds the 공동육아나눔터: the service or the centres that offer it, all in the top 3, the service in the top 10', () => {
    const top = cat.search('공동육아', { limit: 10 }).map((h) => h.id);
    for (const id of top.slice(0, 3)) expect(id === 'shared-childcare-space' || cat.entry(id)!.services.includes('shared-childcare-space'), id).toBe(true);
    expect(top).toContain('shared-childcare-space');
  });

  it('a query that matches nothing returns nothing rather than noise', () => {
    expect(cat.search('ㅋㅋㅋㅋㅋ')).toEqual([]);
    expect(cat.search('zzqxv')).toEqual([]);
    expect(cat.search('   ')).toEqual([]);
  });

  it('filters by life stage, category, child age and district', () => {
    const school = cat.search('돌봄', { filters: { stage: 'school' }, limit: 50 });
    expect(school.length).toBeGreaterThan(0);
    for (const h of school) expect(cat.entry(h.id)!.stages).toContain('school');

    // a 4-month-old is too young for the emergency centre (from 6 months)
    const young = cat.search('긴급돌봄', { filters: { childAgeMonths: 4 }, limit: 50 }).map((h) => h.id);
    expect(young).not.toContain('gj-emergency-childcare');
    expect(cat.search('긴급돌봄', { filters: { childAgeMonths: 12 }, limit: 50 }).map((h) => h.id)).toContain('gj-emergency-childcare');

    const bukgu = cat.search('돌봄', { filters: { district: '북구' }, limit: 100 });
    for (const h of bukgu) {
      const e = cat.entry(h.id)!;
      const d = e.district ?? e.location?.district;
      if (e.kind === 'facility') expect(d).toBe('북구');
      else expect([undefined, '북구']).toContain(d);
    }
    const care = cat.search('지원', { filters: { category: 'care' }, limit: 50 });
    for (const h of care) expect(cat.entry(h.id)!.category).toBe('care');
  });

  it('gives the same answers as the typing goes on as a fresh searcher does (the candidate row cache)', () => {
    // prefixes as the on-screen keyboard produces them, one after another on the same searcher
    const typed = ['아', '아이', '아이돌', '아이돌봄', 'ㅇ', 'ㅇㅇ', 'ㅇㅇㄷ', 'ㅇㅇㄷㅂ', '할', '할머', '할머니', '첫', '첫만', '첫만남'];
    const warm = typed.map((q) => cat.search(q, { limit: 12 }));
    typed.forEach((q, i) => {
      const fresh = Catalogue.open(cat.file, migrations());
      expect(warm[i], q).toEqual(fresh.search(q, { limit: 12 }));
      fresh.close();
    });
  });

  it('result lists carry titles and summaries in the chosen language, and Korean where not written in it', () => {
    const ids = cat.search('아이돌봄', { limit: 5 }).map((h) => h.id);
    const en = cat.headlines([...ids, 'no-such-entry'], 'en');
    expect([...en.keys()]).toEqual(expect.arrayContaining(ids));
    expect(en.has('no-such-entry')).toBe(false);
    for (const id of ids) {
      const e = cat.entry(id)!;
      expect(en.get(id)).toEqual({ title: { ko: e.title.ko, ...(e.title.en ? { en: e.title.en } : {}) }, summary: { ko: e.summary.ko, ...(e.summary.en ? { en: e.summary.en } : {}) } });
    }
    // Korean always comes along (the fallback), the chosen language only where it is written
    const all = cat.entries();
    const vi = cat.headlines(all.map((e) => e.id), 'vi');
    for (const e of all) expect(vi.get(e.id)!.summary).toEqual({ ko: e.summary.ko, ...(e.summary.vi ? { vi: e.summary.vi } : {}) });
  });

  it('never throws on hostile input', () => {
    for (const q of ['%', '"', "' OR 1=1 --", 'ㄱ', '가'.repeat(5000), '\u0000', '😀😀', 'ᄋᄋᄃᄇ']) expect(() => cat.search(q)).not.toThrow();
  });
});

describe('search filters keep exactly the entries that meet them', () => {
  const QUERIES = ['돌봄', '지원', '아이', '병원', '센터'];
  const district = (e: Entry) => e.district ?? e.location?.district;
  const inAgeRange = (months: number) => (e: Entry) => (e.eligibility?.min_age_months ?? 0) <= months && months <= (e.eligibility?.max_age_months ?? Infinity);
  /** Every hit meets the filter, and every hit of the same search without it that meets it is kept. */
  const keepsExactly = (filters: SearchFilters, meets: (e: Entry) => boolean) => {
    let kept = 0;
    for (const q of QUERIES) {
      const filtered = cat.search(q, { filters, limit: 100 }).map((h) => h.id);
      for (const id of filtered) expect(meets(cat.entry(id)!), `"${q}" kept ${id}`).toBe(true);
      const meeting = cat.search(q, { limit: 100 }).map((h) => h.id).filter((id) => meets(cat.entry(id)!));
      expect(filtered, `"${q}"`).toEqual(expect.arrayContaining(meeting));
      kept += filtered.length;
    }
    expect(kept).toBeGreaterThan(0);
  };

  it.each<[string, SearchFilters, (e: Entry) => boolean]>([
    ['life stage', { stage: 'school' }, (e) => e.stages.includes('school')],
    ['category', { category: 'care' }, (e) => e.category === 'care'],
    ['district: its own entries, city-wide and national ones, but only its own facilities', { district: '북구' }, (e) => district(e) === '북구' || (district(e) === undefined && e.kind !== 'facility')],
    ['a child of 4 months', { childAgeMonths: 4 }, inAgeRange(4)],
    ['a newborn (0 months)', { childAgeMonths: 0 }, inAgeRange(0)],
    ['a child of 6 years', { childAgeMonths: 72 }, inAgeRange(72)],
    ['one kind', { kinds: ['service'] }, (e) => e.kind === 'service'],
    ['two kinds', { kinds: ['facility', 'policy'] }, (e) => e.kind === 'facility' || e.kind === 'policy'],
    ['all at once', { stage: 'infant', district: '남구', childAgeMonths: 12 }, (e) => e.stages.includes('infant') && (district(e) === '남구' || (district(e) === undefined && e.kind !== 'facility')) && inAgeRange(12)(e)],
  ])('%s', (_what, filters, meets) => keepsExactly(filters, meets));

  it('no filter, or an empty list of kinds, keeps everything', () => {
    const everything = cat.search('돌봄', { limit: 100 });
    expect(everything.length).toBeGreaterThan(10);
    expect(cat.search('돌봄', { filters: {}, limit: 100 })).toEqual(everything);
    expect(cat.search('돌봄', { filters: { kinds: [] }, limit: 100 })).toEqual(everything);
  });

  it('a search that fails on a filter it cannot use leaves the searcher working', () => {
    const own = Catalogue.open(cat.file, migrations());
    try {
      const before = own.search('돌봄', { limit: 100 });
      expect(before.length).toBeGreaterThan(10);
      expect(() => own.search('돌봄', { filters: { stage: {} as unknown as string } })).toThrow();
      expect(own.search('돌봄', { limit: 100 })).toEqual(before);
    } finally {
      own.close();
    }
  });
});
