/** The shipped catalogue itself: complete, sourced, translated, and never mixing up the other 광주. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCatalogueSource } from './load.js';
import { catalogueSourceDir } from './source-dir.js';
import { itWithShared, sharedPath } from '../../tests/shared-data.node.js';
import { FOR_GROUP_FACT, LOW_INCOME_BANDS, type ForGroup } from '../../core/contract/lists.js';
import { inGroup, type Situation } from '../../core/contract/situation.js';
import type { Criterion } from './schema.js';

const src = loadCatalogueSource(catalogueSourceDir());
const byId = new Map(src.entries.map((e) => [e.id, e]));
const EXTRACT_FILE = 'data/catalog/facilities_news_sourced.json';
const EXTRACT = sharedPath(...EXTRACT_FILE.split('/'));

/**
 * Remarks about the sources rather than the service — whose page it is, how old, what it leaves
 * out — as they stood in the plain text before they moved to source_notes.
 */
const SOURCE_CAVEATS = [
  /출처/, /찾지 못했/, /확인하지 못했/, /보도/, /기사/, /블로그/, /뉴스/, /안내로는/, /날짜/, /다른 지역/,
  /\((?:[^)]*\s)?(?:\d{4}년\s?)?(?:[가-힣]+\s)?(?:안내|기준)\)/, // (남구 안내), (2020년 안내), (북구 1호점 기준)
  /\d{4}년 \d{1,2}월 기준/, // 2019년 4월 기준
  /개관 때 안내/,
  /\bsources?\b/i, /not found/i, /\breport/i, /undated/i, /\bblog/i, /\barticle/i, /\bper (the )?[\w-]+ (page|guide|data)\b/i, /\bas of\b/i, /\bnot (given|stated|confirmed)\b/i,
];

/** Every text of an entry that the page and the sheet show as plain content (in every language written). */
function plainTexts(e: (typeof src.entries)[number]): [string, string][] {
  const fields: [string, Record<string, string | undefined> | undefined][] = [
    ['summary', e.summary], ['who', e.who], ['what', e.what], ['amount', e.amount?.text], ['how_to_apply', e.how_to_apply], ['where', e.where],
    ['eligibility.description', e.eligibility?.description], ['location.address', e.location?.address],
    ...e.phones.map((p, i): [string, typeof p.label] => [`phones.${i}.label`, p.label]),
    ...e.schedules.map((s, i): [string, typeof s.note] => [`schedules.${i}.note`, s.note]),
    ...e.history.map((h, i): [string, typeof h.text] => [`history.${i}`, h.text]),
  ];
  return fields.flatMap(([f, t]) => Object.entries(t ?? {}).flatMap(([lang, v]) => (v ? [[`${f}.${lang}`, v] as [string, string]] : [])));
}

describe('the real catalogue', () => {
  it("an entry for every district does not put one district's office first (the finder and 'check before applying' show the first number to every family)", () => {
    const districtFirst = src.entries.filter((e) => e.scope !== 'district' && /[가-힣]+구 주민/.test(e.phones[0]?.label?.ko ?? '')).map((e) => `${e.id}: ${e.phones[0]!.label!.ko}`);
    expect(districtFirst).toEqual([]);
  });
  it('the 1279 centre is named one way in each language, without brackets (the screens put a label after the number)', () => {
    const labels = new Set(src.entries.flatMap((e) => e.phones.filter((p) => p.number === '062-222-1279' && p.label?.ko.startsWith('모르면')).map((p) => JSON.stringify(p.label))));
    expect([...labels]).toHaveLength(1);
    expect([...labels][0]).not.toMatch(/[()（）]/);
  });
  it('the English, Vietnamese and Chinese texts write the centre as the screens’ header does (Aichingu), not in Hangul a reader may not read', () => {
    const hangulBrand: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
      else if (typeof v === 'string' && /\.(en|vi|zh)$/.test(path) && v.includes('아이친구')) hangulBrand.push(`${path}: ${v}`);
    };
    walk(src.entries, 'entries');
    walk(src.faq, 'faq');
    for (const lang of ['en', 'vi', 'zh']) {
      const texts = JSON.stringify(JSON.parse(readFileSync(new URL(`../../core/contract/locales/${lang}.json`, import.meta.url), 'utf8')));
      if (texts.includes('아이친구')) hangulBrand.push(`locales/${lang}.json`);
    }
    expect(hangulBrand).toEqual([]);
  });
  it('holds at least 60 policies and services', () => {
    expect(src.entries.filter((e) => e.kind !== 'facility').length).toBeGreaterThanOrEqual(60);
  });

  // The sourced extract lives beside the repository (../shared/data); CI checkouts have it.
  itWithShared([EXTRACT_FILE], 'holds every facility from the sourced extract', () => {
    const extract = JSON.parse(readFileSync(EXTRACT, 'utf8')) as { items: { name: string }[] };
    const facilityText = src.entries.filter((e) => e.kind === 'facility').map((e) => [e.title.ko, ...e.alt_names, e.official_title?.ko ?? ''].join(' ')).join('\n');
    const key = (s: string) => s.replace(/\s|\(.*?\)|'/g, '').slice(0, 6);
    for (const f of extract.items) expect(facilityText.replace(/\s|'/g, ''), f.name).toContain(key(f.name));
  });

  it('holds every service the city named and the national policies a Gwangju family meets', () => {
    const required = [
      'gj-hospitalized-child-care', 'gj-emergency-childcare', 'gj-grandparent-caregiver', 'gj-village-care', 'gj-1279-counselling',
      'gj-visiting-counselling', 'infertility-treatment', 'kepco-electricity-discount', 'low-income-diaper-formula', 'childcare-fee',
      'kindergarten-tuition', 'child-care-service', 'gj-kiumddeul', 'shared-childcare-space', 'neulbom-school', 'community-child-center',
      'dahamkke-care-center', 'youth-after-school-academy', 'youth-activity-facilities', 'first-meeting-voucher', 'parent-benefit',
      'child-allowance', 'pregnancy-medical-voucher', 'postpartum-care-voucher', 'home-care-allowance', 'infant-health-checkup',
      'national-immunization', 'parental-leave-benefit', 'spouse-maternity-leave', 'gj-birth-childcare-allowance',
    ];
    for (const id of required) expect(byId.has(id), id).toBe(true);
    expect(byId.get('gj-birth-childcare-allowance')!.status).toBe('discontinued');
    expect(src.entries.some((e) => e.phones.some((p) => p.number === '062-222-1279'))).toBe(true);
  });

  it('every entry names its sources, when it was verified, and the year of any amount', () => {
    for (const e of src.entries) {
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      expect(e.last_verified, e.id).toMatch(/^20\d\d-\d\d/);
      if (e.amount) expect(e.amount.year, e.id).toMatch(/^20\d\d/);
      // verify-before-use: anything resting only on news, blogs or mirrors says so
      if (e.sources.every((s) => ['news', 'blog', 'mirror'].includes(s.type))) expect(e.verify_before_use, e.id).toBe(true);
    }
  });

  it('every entry has English title and summary, and Vietnamese and Chinese titles', () => {
    for (const e of src.entries) {
      expect(e.title.en && e.title.vi && e.title.zh && e.summary.en, e.id).toBeTruthy();
    }
  });

  it('no coordinate is invented: facilities without a sourced position say so', () => {
    for (const e of src.entries.filter((x) => x.kind === 'facility')) {
      const l = e.location!;
      if (l.lat === undefined) expect(['dong', 'district', 'unknown'], e.id).toContain(l.geo_precision);
      if (l.geo_precision === 'dong') expect(l.dong, e.id).toBeTruthy();
    }
  });

  it('keeps remarks about the sources out of the plain text: they are in source_notes, shown in the 출처 section', () => {
    const found = src.entries.flatMap((e) =>
      plainTexts(e).flatMap(([field, text]) => SOURCE_CAVEATS.filter((p) => p.test(text)).map((p) => `${e.id} ${field}: ${p} in "${text}"`)),
    );
    expect(found).toEqual([]);
    // the patterns catch real caveats: the ones moved out of the plain text, now in source_notes
    const notes = src.entries.flatMap((e) => (e.source_notes ? Object.values(e.source_notes) : []));
    expect(notes.filter((n) => SOURCE_CAVEATS.some((p) => p.test(n))).length).toBeGreaterThanOrEqual(80);
    expect(byId.get('time-based-daycare')!.source_notes?.ko).toMatch(/대구 센터 안내/);
    expect(byId.get('time-based-daycare')!.phones[0]!.label?.ko).toBe('시간제보육 전화 예약');
  });

  it('does not mix in 경기도 광주시 (a different city)', () => {
    // notes may say what was excluded and why; everything shown to people must not mention it
    const text = JSON.stringify(src.entries.map(({ notes: _notes, ...shown }) => shown));
    expect(text).not.toMatch(/\b031-\d{3,4}-\d{4}|경기도 광주|오포읍|태전동|방세환/);
  });

  it('keeps a FAQ for the 1279 centre, each answer linked to entries and sourced', () => {
    expect(src.faq.length).toBeGreaterThanOrEqual(10);
    for (const q of src.faq) {
      expect(q.sources.length, q.id).toBeGreaterThan(0);
      for (const r of q.related) expect(byId.has(r), `${q.id} → ${r}`).toBe(true);
    }
  });
});

describe('programs only for a group of families (for_group): 다문화가족, 장애, 저소득', () => {
  const WORDS = { multicultural: /다문화|결혼이민|결혼이주/, disability: /장애(로| 정도가|인이고|인으로)/, low_income: /저소득|형편이 어려운/ } as const;
  const rules = src.entries.flatMap((e) => (e.eligibility_rules?.stated ? [{ id: e.id, r: e.eligibility_rules }] : []));
  const tagged = rules.flatMap(({ id, r }) => (r.for_group ? [{ id, r, group: r.for_group }] : []));
  type Plain = Extract<Criterion, { fact: string }>;
  /** The criteria that test a fact, at any depth (inside any_of / all_of too). */
  const plain = (cs: Criterion[]): Plain[] => cs.flatMap((c) => ('any_of' in c ? plain(c.any_of) : 'all_of' in c ? plain(c.all_of) : [c]));
  /** The criterion that tests the group's fact: yes to 다문화가족 or 장애 (장애인 등록), or the income bands 기초생활수급 and 차상위. */
  const groupTest = (group: ForGroup, cs: Criterion[]) =>
    plain(cs).find((c) => c.fact === FOR_GROUP_FACT[group] && (group === 'low_income' ? [...(c.in ?? [])].sort().join() === [...LOW_INCOME_BANDS].sort().join() : c.equals === true));

  it('each one says so in its own words (the criterion that tests the group, or its `also`)', () => {
    expect(tagged.length).toBeGreaterThanOrEqual(10);
    for (const { id, r, group } of tagged) expect([groupTest(group, r.criteria)?.label.ko, r.also?.ko].join(' '), id).toMatch(WORDS[group]);
  });

  it("each one's rule tests its group's fact, with a case in the group and a case out of it that is not eligible", () => {
    for (const { id, r, group } of tagged) {
      expect(groupTest(group, r.criteria), `${id} tests ${FOR_GROUP_FACT[group]}`).toBeDefined();
      const member = (s: Situation) => inGroup(group, s);
      expect(r.cases.some((c) => member(c.situation) === true && c.expected !== 'not_eligible'), `${id}: a case in the group`).toBe(true);
      expect(r.cases.some((c) => member(c.situation) === false && c.expected === 'not_eligible'), `${id}: a case out of the group`).toBe(true);
    }
  });

  it('a condition that is only the group is no longer left in `also` (a household that said it is in the group can get a yes)', () => {
    const onlyGroup = /^(결혼이민자가 있는 )?다문화가족(이어야 해요| 자녀여야 해요)\.?$/;
    for (const { id, r } of tagged) expect(r.also?.ko ?? '', id).not.toMatch(onlyGroup);
    // the three whose `also` said nothing else: a yes for a family in the group whose other answers meet the rule
    for (const id of ['mc-visiting-parent-education', 'mc-visiting-child-life', 'mc-bilingual-family']) expect(byId.get(id)!.eligibility_rules, id).not.toHaveProperty('also');
  });

  it('no program whose `also` asks for a multicultural family, or a registered disability of the child or a parent, is left untagged', () => {
    for (const { id, r } of rules) {
      const also = r.also?.ko ?? '';
      if (WORDS.multicultural.test(also)) expect(r.for_group, id).toBe('multicultural');
      else if (WORDS.disability.test(also) && !/수급자·차상위·장애인/.test(also)) expect(r.for_group, id).toBe('disability');
    }
  });
});
