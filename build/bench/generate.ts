/**
 * Deterministic generator of a nationwide-scale catalogue for benchmarks: policies and
 * facilities with Korean text drawn from the real catalogue's vocabulary and addresses
 * across districts. Synthetic — for measuring speed only, never shipped or shown.
 */
import { loadCatalogueSource } from '../../db/catalogue/load.js';
import { toSearchDocument } from '../../db/catalogue/compile.js';
import type { SearchDocument } from '../../db/search/document.js';
import { DISTRICTS, type CategoryId, type District, type Entry, type StageId } from '../../db/catalogue/schema.js';
import { catalogueSourceDir } from '../../db/catalogue/source-dir.js';

/** mulberry32: small, fast, deterministic PRNG */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS: [string, string[]][] = [
  ['서울특별시', ['강남구', '강서구', '관악구', '노원구', '마포구', '송파구', '은평구', '종로구']],
  ['부산광역시', ['해운대구', '부산진구', '사하구', '동래구', '북구']],
  ['대구광역시', ['수성구', '달서구', '북구', '동구']],
  ['인천광역시', ['연수구', '남동구', '부평구', '서구']],
  ['광주광역시', [...DISTRICTS]],
  ['대전광역시', ['유성구', '서구', '대덕구']],
  ['울산광역시', ['남구', '중구', '울주군']],
  ['경기도', ['수원시', '성남시', '고양시', '용인시', '부천시', '화성시', '남양주시']],
  ['강원특별자치도', ['춘천시', '원주시', '강릉시']],
  ['충청북도', ['청주시', '충주시']],
  ['충청남도', ['천안시', '아산시', '공주시']],
  ['전북특별자치도', ['전주시', '군산시', '익산시']],
  ['전라남도', ['목포시', '여수시', '순천시', '나주시']],
  ['경상북도', ['포항시', '구미시', '경주시']],
  ['경상남도', ['창원시', '김해시', '진주시']],
  ['제주특별자치도', ['제주시', '서귀포시']],
];
const DONGS = ['중앙동', '신흥동', '문화동', '대명동', '산수동', '용봉동', '상무동', '봉선동', '첨단동', '수완동', '운암동', '화정동', '풍암동', '월곡동', '두암동', '학동', '계림동', '양림동', '주월동', '진월동'];
const NAME_WORDS = ['햇살', '푸른', '꿈나무', '사랑', '행복', '무지개', '새싹', '하늘', '별빛', '숲속', '아이꿈', '해맑은', '소담', '다솜', '늘푸른', '한빛', '예쁜', '튼튼', '온누리', '참좋은'];
const FACILITY_TYPES: [string, CategoryId, StageId, string[]][] = [
  // [type, category, stage, services words]
  ['어린이집', 'daycare', 'infant', ['보육', '영유아 보육', '시간연장 보육', '0~5세 반']],
  ['유치원', 'daycare', 'infant', ['유아 교육', '방과후 과정', '만 3~5세']],
  ['지역아동센터', 'after-school', 'school', ['방과후 돌봄', '저녁 식사', '학습 지도']],
  ['다함께돌봄센터', 'after-school', 'school', ['초등 돌봄', '놀이', '숙제 지도']],
  ['육아종합지원센터', 'parenting-info', 'infant', ['양육 상담', '장난감 대여', '부모 교육']],
  ['장난감도서관', 'play', 'infant', ['장난감 대여', '놀이실']],
  ['공동육아나눔터', 'parenting-info', 'infant', ['품앗이 육아', '놀이 공간']],
  ['청소년수련관', 'after-school', 'school', ['청소년 활동', '방과후 아카데미']],
  ['아동병원', 'medical', 'infant', ['소아 진료', '야간 진료', '예방접종']],
  ['보건소', 'medical', 'pregnancy', ['임산부 등록', '영유아 예방접종', '난임 상담']],
];

/**
 * Generated catalogue entries (the same shape as the real ones, not validated: districts are
 * nationwide, typed as Gwangju's District though most are not). Policies are local variants of real entries; facilities are synthetic.
 */
export function generateEntries(count: number, seed = 1279): Entry[] {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => {
    const x = a[Math.floor(r() * a.length)];
    if (x === undefined) throw new Error('generateEntries: nothing to pick from an empty list');
    return x;
  };
  const realPolicies = loadCatalogueSource(catalogueSourceDir()).entries.filter((e) => e.kind !== 'facility');
  const source = { document: 'build/bench/generate.ts (synthetic benchmark record)', title: 'generated for benchmarks, never shipped', date: 'unknown' as const, type: 'official' as const };
  const out: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const [province, districts] = pick(REGIONS);
    const district = pick(districts);
    const dong = pick(DONGS);
    if (r() < 0.1) {
      // A local variant of a real policy: "수원시 아이돌봄서비스" with the real text.
      const p = pick(realPolicies);
      out.push({ ...p, id: `gen-p-${i}`, title: { ...p.title, ko: `${district} ${p.title.ko}`, en: `${p.title.en} (${district})` }, district: undefined, sources: [source] });
      continue;
    }
    const [type, category, stage, services] = pick(FACILITY_TYPES);
    const name = `${pick(NAME_WORDS)}${r() < 0.3 ? pick(NAME_WORDS) : ''}${type}`;
    const phone = `0${2 + Math.floor(r() * 60)}-${100 + Math.floor(r() * 900)}-${1000 + Math.floor(r() * 9000)}`;
    out.push({
      id: `gen-f-${i}`,
      kind: 'facility',
      scope: 'district',
      status: 'active',
      stages: [stage],
      category,
      title: { ko: name, en: `${type === '어린이집' ? 'Daycare centre' : type === '유치원' ? 'Kindergarten' : 'Facility'} ${name}`, vi: name, zh: name },
      alt_names: [],
      keywords: services.slice(0, 1 + Math.floor(r() * services.length)),
      summary: { ko: `${district} ${dong}에 있는 ${type}입니다. ${services.join(', ')}을(를) 제공합니다.`, en: `${type} in ${district}` },
      phones: [{ number: phone }],
      location: { address: { ko: `${province} ${district} ${dong} ${1 + Math.floor(r() * 300)}번길 ${1 + Math.floor(r() * 60)}` }, district: district as District, geo_precision: 'unknown' },
      schedules: [{ freq: 'WEEKLY', byday: ['MO', 'TU', 'WE', 'TH', 'FR'], opens_at: '09:00', closes_at: '18:00', overnight: false, closed_on_holidays: true }],
      services: [],
      history: [],
      translated: [],
      sources: [source],
      last_verified: '2026-11-24',
      verify_before_use: true,
    });
  }
  return out;
}

export function generateDocuments(count: number, seed = 1279): SearchDocument[] {
  return generateEntries(count, seed).map(toSearchDocument);
}

/** Queries a senior or parent would type, by class (the benchmark reports each class). */
export const QUERY_CLASSES: Record<string, string[]> = {
  '2-syllable': ['돌봄', '출산', '임신', '육아', '병원', '수당', '보육', '장난감'],
  초성: ['ㅇㅇㄷㅂ', 'ㅅㅈㄴ', 'ㅊㅁㄴ', 'ㅂㅁㄱㅇ', 'ㄷㅎㄲ', 'ㅈㅇㅇㄷ', 'ㅇㄹㅇㅈ'],
  typo: ['아이돌봄써비스', '손자녀돌봄이', '첫만남이용꿘', '부모급녀', '어린이칩', '지역아동샌터', '산후조리비 지언'],
  everyday: ['애기 아플때', '할머니 손주', '맡길 곳', '애기 병원', '아기 돈', '밤에 맡길 곳'],
  'multi-word': ['아이 돌봄 서비스', '산모 신생아 건강관리', '다함께 돌봄 센터', '광주 출산 지원', '영유아 건강 검진', '초등 방과후 돌봄'],
  English: ['childcare', 'grandparent allowance', 'hospital care', 'birth voucher', 'parental leave', 'kindergarten'],
  Vietnamese: ['ta em be', 'tã em bé', 'tro cap tre em', 'sua bot', 'benh vien tre em', 'cham soc tre'],
  Chinese: ['尿布', '儿童津贴', '奶粉', '托儿', '医院', '育儿补贴'],
};
