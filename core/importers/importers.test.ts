/** Importers of official open data, on files written to the published field lists. */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { readFacilitiesCsv } from './facilities.node.js';
import { readGov24 } from './gov24.node.js';
import { evaluate } from '../eligibility/engine.js';
import { toSituation, type Answers } from '../contract/questionnaire.js';
import { Catalogue } from '../../db/catalogue/store.js';
import { catalogueMigrations } from '../../tests/env.node.js';
import type { EligibilityRules } from '../../db/catalogue/schema.js';

// 전국어린이집표준데이터 columns (as published): 시도명, 시군구명, 어린이집명, 어린이집유형구분, 운영현황,
// 소재지도로명주소, 어린이집전화번호, 정원수, 위도, 경도, 데이터기준일자 (others are ignored)
const CSV = `시도명,시군구명,어린이집명,어린이집유형구분,운영현황,우편번호,소재지도로명주소,어린이집전화번호,보육실수,정원수,현원수,위도,경도,통학차량운영여부,데이터기준일자
광주광역시,북구,"햇살, 어린이집",국공립,정상,61186,광주광역시 북구 용봉로 1,062-123-4567,5,40,35,35.1789,126.9123,N,2026-10-31
광주광역시,북구,,민간,정상,61186,광주광역시 북구 어딘가 2,062-000-0000,2,20,10,,,N,2026-10-31
서울특별시,강남구,강남어린이집,민간,정상,06000,서울특별시 강남구 1,02-111-2222,2,20,10,37.5,127.0,N,2026-10-31
광주광역시,남구,남구가정어린이집,가정,폐지,61600,광주광역시 남구 3,062-222-3333,1,10,0,,,N,2026-10-31
광주광역시,서구,좌표어린이집,민간,정상,61900,광주광역시 서구 4,062-444-5555,3,30,20,126.85,35.15,N,2026-10-31
광주광역시,광산구,무지개어린이집,직장,정상,62200,광주광역시 광산구 6,0629876543,3,25,20,,,Y,2026-10-31
`;
const cp949 = (s: string) => {
  const r = spawnSync('iconv', ['-f', 'utf-8', '-t', 'cp949'], { input: s });
  return new Uint8Array(r.stdout);
};

describe('facility CSV import', () => {
  it('keeps good rows, reports bad ones with row number and reason, reads UTF-8 and CP949 alike', () => {
    const utf8 = readFacilitiesCsv(new TextEncoder().encode(CSV), 'daycare.csv', '2026-11-24');
    const korean = readFacilitiesCsv(cp949(CSV), 'daycare-cp949.csv', '2026-11-24');
    expect(korean.encoding).toBe('cp949');
    expect(korean.entries.map((e) => e.title.ko)).toEqual(utf8.entries.map((e) => e.title.ko));
    expect(utf8.entries.map((e) => e.title.ko)).toEqual(['햇살, 어린이집', '무지개어린이집']);
    expect(utf8.problems).toEqual([
      { row: 3, reason: '어린이집명 is empty' },
      { row: 6, reason: '위도 126.85 and 경도 35.15 look swapped' },
    ]);
    expect(utf8.outsideGwangju).toBe(1);
    expect(utf8.closed).toBe(1);
    const [sunny, rainbow] = utf8.entries;
    expect(sunny?.location).toMatchObject({ district: '북구', lat: 35.1789, lon: 126.9123, geo_precision: 'exact' });
    expect(sunny?.phones).toEqual([{ number: '062-123-4567' }]);
    expect(sunny?.sources[0]).toMatchObject({ document: 'daycare.csv', date: '2026-10-31', type: 'official' });
    expect(rainbow?.phones).toEqual([{ number: '062-987-6543' }]);
    expect(rainbow?.location?.geo_precision).toBe('unknown');
  });

  it('the CLI imports into the device catalogue, searchable at once; importing again replaces, not duplicates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imp-'));
    const file = join(dir, 'daycare.csv');
    writeFileSync(file, cp949(CSV));
    const run = () => spawnSync('npm', ['run', '--silent', 'cli', '--', 'import', 'facilities', file, '--data', join(dir, 'data')], { cwd: join(import.meta.dirname, '..', '..'), encoding: 'utf8' });
    const r = run();
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/imported 2 facilities .*cp949; 1 rows outside Gwangju skipped; 1 closed/);
    expect(r.stdout).toMatch(/row 3: 어린이집명 is empty/);
    const count = () => {
      const c = Catalogue.open(join(dir, 'data', 'catalogue.sqlite'), catalogueMigrations());
      try {
        return { total: c.stats().total, hit: c.search('햇살 어린이집', { limit: 1 })[0]?.title };
      } finally {
        c.close();
      }
    };
    const first = count();
    expect(first.hit).toBe('햇살, 어린이집');
    expect(run().status).toBe(0);
    expect(count().total).toBe(first.total);
  });

  it('the CLI refuses a file it cannot read as CSV (an unterminated quote) whole: exit code 2, the row named, nothing imported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imp-'));
    const file = join(dir, 'broken.csv');
    writeFileSync(file, `${CSV}광주광역시,북구,"열린 따옴표,민간\n`);
    const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'import', 'facilities', file, '--data', join(dir, 'data')], { cwd: join(import.meta.dirname, '..', '..'), encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: ${file}: row 8: a quoted field that opens on line 8 is never closed (a " is missing); nothing was imported\n`);
    expect(existsSync(join(dir, 'data', 'catalogue.sqlite'))).toBe(false);
  });
});

// 보조금24 serviceList and supportConditions records, with the published field names
const LIST = {
  page: 1,
  perPage: 10,
  totalCount: 3,
  data: [
    {
      서비스ID: '000000000001', 지원유형: '현금', 서비스명: '임산부 교통비 지원', 서비스목적요약: '임산부의 이동 편의를 위해 교통비를 지원', 지원대상: '관내 거주 임산부',
      선정기준: '임신 12주 이후 임산부', 지원내용: '교통비 바우처', 신청방법: '온라인 신청', 신청기한: '출산 전까지', 상세조회URL: 'https://www.gov.kr/portal/rcvfvrSvc/dtlEx/000000000001',
      소관기관명: '시험기관', 소관기관유형: '지방자치단체', 사용자구분: '개인', 서비스분야: '임신·출산', 접수기관: '행정복지센터', 전화문의: '문의 062-123-4567', 수정일시: '20260110',
    },
    {
      서비스ID: '000000000002', 지원유형: '서비스', 서비스명: '조건 미표시 서비스', 서비스목적요약: '조건 플래그가 모두 비어 있는 경우', 지원대상: '', 선정기준: '', 지원내용: '상담',
      신청방법: '', 신청기한: '상시', 상세조회URL: '', 소관기관명: '시험기관', 소관기관유형: '지방자치단체', 사용자구분: '개인', 서비스분야: '보육·교육', 접수기관: '', 전화문의: '', 수정일시: '2026-02-01 10:00:00',
    },
    { 서비스ID: '000000000003', 서비스명: '', 서비스목적요약: '이름 없음' },
    { 서비스ID: '000000000004', 서비스명: '다문화가족 자녀 학습 지원', 서비스목적요약: '다문화가족 자녀의 학습을 지원', 지원대상: '다문화가족', 소관기관명: '시험기관', 수정일시: '20260301' },
    { 서비스ID: '000000000005', 서비스명: '장애인 가족 여가 지원', 서비스목적요약: '장애인 가족의 여가를 지원', 지원대상: '등록 장애인', 소관기관명: '시험기관', 수정일시: '20260301' },
    { 서비스ID: '000000000006', 서비스명: '다문화·한부모 가족 상담', 서비스목적요약: '다문화가족 또는 한부모가족 상담', 지원대상: '다문화·한부모가족', 소관기관명: '시험기관', 수정일시: '20260301' },
  ],
};
const CONDITIONS = {
  data: [
    { 서비스ID: '000000000001', 서비스명: '임산부 교통비 지원', JA0101: 'Y', JA0102: null, JA0110: null, JA0111: null, JA0201: 'Y', JA0202: 'Y', JA0203: 'Y', JA0204: 'Y', JA0205: 'Y', JA0301: null, JA0302: 'Y', JA0303: null, JA0322: null, JA0410: 'Y' },
    { 서비스ID: '000000000002', 서비스명: '조건 미표시 서비스', JA0201: null, JA0202: null, JA0203: null, JA0204: null, JA0205: null, JA0302: null, JA0322: null, JA0410: null },
    // JA0401 다문화가족 (가구), no condition on who (JA0322 해당사항없음), every income band
    { 서비스ID: '000000000004', JA0201: 'Y', JA0202: 'Y', JA0203: 'Y', JA0204: 'Y', JA0205: 'Y', JA0322: 'Y', JA0328: null, JA0401: 'Y', JA0403: null, JA0410: null },
    // JA0328 장애인 (대상), no household condition (JA0410 해당사항없음), every income band
    { 서비스ID: '000000000005', JA0201: 'Y', JA0202: 'Y', JA0203: 'Y', JA0204: 'Y', JA0205: 'Y', JA0322: null, JA0328: 'Y', JA0401: null, JA0410: 'Y' },
    // JA0401 with JA0403 한부모·조손, which our facts cannot say as 보조금24 means it: the household condition stays to check
    { 서비스ID: '000000000006', JA0201: 'Y', JA0202: 'Y', JA0203: 'Y', JA0204: 'Y', JA0205: 'Y', JA0322: 'Y', JA0401: 'Y', JA0403: 'Y', JA0410: null },
  ],
};

describe('보조금24 import', () => {
  const r = readGov24(JSON.stringify(LIST), JSON.stringify(CONDITIONS), { list: 'serviceList.json', conditions: 'supportConditions.json' }, '2026-11-24');
  it('maps "Y" flags onto our criteria and evaluates them', () => {
    const e = r.entries.find((x) => x.title.ko === '임산부 교통비 지원')!;
    expect(e.phones).toEqual([{ number: '062-123-4567' }]);
    expect(e.last_verified).toBe('2026-01-10');
    expect(e.how_to_apply?.ko).toMatch(/신청기한: 출산 전까지/);
    const rules = e.eligibility_rules as Extract<EligibilityRules, { stated: true }>;
    expect(rules.stated).toBe(true);
    expect(evaluate(rules, { applicant: { role: 'pregnant' } }).result).toBe('eligible');
    expect(evaluate(rules, { applicant: { role: 'grandparent' } }).result).toBe('not_eligible');
    expect(evaluate(rules, {}).result).toBe('unknown');
  });
  it('treats null flags as unknown, never as "no restriction"', () => {
    const e = r.entries.find((x) => x.title.ko === '조건 미표시 서비스')!;
    expect(e.eligibility_rules).toMatchObject({ stated: false });
    expect(JSON.stringify(e.eligibility_rules)).toMatch(/소득 조건이 표시되지 않았어요/);
  });
  // Three families of a 5-year-old in 광산구, as the questionnaire's multi-choice question leaves them
  const family = (circumstances: Answers['circumstances']) => toSituation({ role: 'parent', children: 'one', childAge: { min: 24, max: 71 }, circumstances, district: '광산구' });
  const ticked = family({ hospitalized: false, multicultural: true, koryoin: false, disability: false });
  const none = family({ hospitalized: false, multicultural: false, koryoin: false, disability: false });
  const unsure = family(undefined);
  const ruleOf = (title: string) => r.entries.find((x) => x.title.ko === title)!.eligibility_rules as Extract<EligibilityRules, { stated: true }>;
  it('JA0401 (다문화가족) is our 다문화가족: a yes for a family that ticked it, a no for 해당하는 것이 없어요, to check for 잘 모르겠어요', () => {
    const rules = ruleOf('다문화가족 자녀 학습 지원');
    expect(rules).toMatchObject({ stated: true, for_group: 'multicultural', criteria: [{ fact: 'household.multicultural', equals: true }] });
    expect(rules.also).toBeUndefined();
    expect(evaluate(rules, ticked)).toEqual({ result: 'eligible', reasons: [{ text: '다문화가족이에요', met: true }] });
    expect(evaluate(rules, none)).toEqual({ result: 'not_eligible', reasons: [{ text: '다문화가족이에요', met: false }] });
    expect(evaluate(rules, unsure)).toEqual({ result: 'unknown', reasons: [{ text: '다문화가족이에요', met: null }] });
    expect(evaluate(rules, ticked, 'vi').reasons[0]!.text).toBe('Là gia đình đa văn hóa');
  });
  it('JA0328 (장애인) is our registered disability in the family, evaluated the same way', () => {
    const rules = ruleOf('장애인 가족 여가 지원');
    expect(rules).toMatchObject({ stated: true, for_group: 'disability', criteria: [{ fact: 'household.disability', equals: true }] });
    expect(rules.also).toBeUndefined();
    const disabled = family({ hospitalized: false, multicultural: false, koryoin: false, disability: true });
    expect(evaluate(rules, disabled).result).toBe('eligible');
    expect(evaluate(rules, ticked).result).toBe('not_eligible');
    expect(evaluate(rules, unsure).result).toBe('unknown');
  });
  it('JA0401 with a household flag our facts cannot say (JA0403) stays a condition to check, never a yes', () => {
    const e = r.entries.find((x) => x.title.ko === '다문화·한부모 가족 상담')!;
    expect(JSON.stringify(e.eligibility_rules)).toMatch(/가구 조건 JA0401, JA0403/);
    if (e.eligibility_rules?.stated) expect(evaluate(e.eligibility_rules, ticked).result).not.toBe('eligible');
  });
  it('reports the bad record with its row and keeps the others', () => {
    expect(r.entries).toHaveLength(5);
    expect(r.problems).toEqual([{ row: 3, reason: '서비스명 is empty (서비스ID 000000000003)' }]);
  });
});
