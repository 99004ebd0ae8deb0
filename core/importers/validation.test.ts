/** Row validation of the open-data importers, reason by reason (the property tests throw hostile input at the same code). */
import { describe, expect, it } from 'vitest';
import { CsvError, decodeText, parseCsv } from './csv.js';
import { ImportError, MAX_CAPACITY, readFacilitiesCsv } from './facilities.node.js';
import { Gov24Error, readGov24 } from './gov24.node.js';
import { cleanText, hasControl, kindOf, koreanPhone, phonesInText, realDate, shown } from './text.js';

describe('text helpers', () => {
  it('cleanText: line breaks and tabs become one space, other control and format characters go, ends are trimmed', () => {
    expect(cleanText('  햇살\r\n  어린이집\t(본원)  ')).toBe('햇살 어린이집 (본원)');
    expect(cleanText('a\u0000b\u0007c\u001bd\u007fe\u0085f\u009bg')).toBe('abcde fg');
    expect(cleanText('\u202e어린이집\u202c\u200b\u200d\ufeff\u00ad')).toBe('어린이집');
    expect(cleanText('a\u2028b\u2029c')).toBe('a b c');
    expect(cleanText('lone \ud800 surrogate \udc00')).toBe('lone  surrogate');
    expect(cleanText('😀 가')).toBe('😀 가'); // a surrogate pair is a character, not a control
    expect(cleanText('\u3000전각\u3000')).toBe('전각');
    for (const s of ['a\u0000', '\u202e', '\ud800', 'x\u2028', '\t']) expect(hasControl(s)).toBe(true);
    expect(hasControl('햇살 어린이집 😀')).toBe(false);
  });

  it('shown: quoted, cleaned, cut by code point', () => {
    expect(shown('abc')).toBe('"abc"');
    expect(shown('a\u0000b')).toBe('"ab"');
    expect(shown('x'.repeat(60))).toBe(`"${'x'.repeat(60)}"`);
    expect(shown('x'.repeat(61))).toBe(`"${'x'.repeat(59)}…"`);
    expect(shown('😀'.repeat(5), 3)).toBe('"😀😀…"');
  });

  it('kindOf names what a JSON value is', () => {
    expect([null, [], {}, 5, Infinity, NaN, true, 'x', undefined].map(kindOf)).toEqual([
      'null', 'a list', 'an object', 'the number 5', 'the number Infinity', 'the number NaN', 'a boolean', 'a string', 'missing',
    ]);
  });

  it('realDate: only dates that exist, in the forms the sources write', () => {
    expect(realDate('2026-10-31')).toBe('2026-10-31');
    expect(realDate(' 2026-10-31 ')).toBe('2026-10-31');
    expect(realDate('20260110')).toBe('2026-01-10');
    expect(realDate('2026.01.10')).toBe('2026-01-10');
    expect(realDate('2026/01/10')).toBe('2026-01-10');
    expect(realDate('2026-02-01 10:00:00')).toBe('2026-02-01');
    expect(realDate('2026-02-01T10:00')).toBe('2026-02-01');
    expect(realDate('2026-02-01 23:59:59.123')).toBe('2026-02-01');
    expect(realDate('20230104155505')).toBe('2023-01-04');
    expect(realDate('2024-02-29')).toBe('2024-02-29');
    expect(realDate('2000-02-29')).toBe('2000-02-29');
    for (const bad of ['2026-02-30', '2023-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32', '1899-12-31', '2101-01-01', '2026-0110', '2026.01-10', '2026-1-5', '26-01-10', '2026-01-10 24:00', '2026-01-10 10:60', '2026-01-10 10:00:60', '20260110246000', '2026-01-10x', '', 'NaN'])
      expect(realDate(bad), bad).toBeNull();
    expect(realDate('1900-01-01')).toBe('1900-01-01');
    expect(realDate('2100-12-31')).toBe('2100-12-31');
    expect(realDate('2026-01-10 23:59:59')).toBe('2026-01-10');
  });

  it('koreanPhone: area codes, mobiles, 대표번호; separators must fall between the parts', () => {
    const cases: [string, string | null][] = [
      ['062-123-4567', '062-123-4567'], ['0629876543', '062-987-6543'], ['062 613 1234', '062-613-1234'], ['(062)613-1234', '062-613-1234'],
      ['062.613.1234', '062-613-1234'], ['062-1234567', '062-123-4567'], ['02-1234-5678', '02-1234-5678'], ['0212345678', '02-1234-5678'],
      ['02-123-4567', '02-123-4567'], ['031-123-4567', '031-123-4567'], ['033-1234-5678', '033-1234-5678'], ['044-123-4567', '044-123-4567'],
      ['055-123-4567', '055-123-4567'], ['064-123-4567', '064-123-4567'], ['010-1234-5678', '010-1234-5678'], ['011-123-4567', '011-123-4567'],
      ['019-123-4567', '019-123-4567'], ['070-1234-5678', '070-1234-5678'], ['080-123-4567', '080-123-4567'], ['060-123-4567', '060-123-4567'],
      ['0505-123-4567', '0505-123-4567'], ['1588-1234', '1588-1234'], ['15881234', '1588-1234'], ['1544-1234', '1544-1234'], ['1644-1234', '1644-1234'],
      ['1899-5912', '1899-5912'], ['+82-62-123-4567', '062-123-4567'], ['+82 10 1234 5678', '010-1234-5678'], ['+8210-1234-5678', '010-1234-5678'],
      ['+82-062-123-4567', '062-123-4567'],
      ['021-234-5678', null], ['0621234-567', null], ['062-12-34567', null], ['034-123-4567', null], ['045-123-4567', null], ['065-123-4567', null],
      ['012-123-4567', null], ['0501-123-4567', null], ['0509-123-4567', null], ['090-123-4567', null], ['062-123-456', null], ['062-12345-6789', null],
      ['1500-1234', null], ['1700-1234', null], ['1588-123', null], ['123', null], ['129', null], ['없음', null], ['062-123-4567 (내선 2)', null],
      ['+1-62-123-4567', null], ['062-123-4567-', '062-123-4567'], ['', null], ['0'.repeat(25), null], ['062--123--4567', '062-123-4567'],
    ];
    for (const [input, want] of cases) expect(koreanPhone(input), input).toBe(want);
  });

  it('phonesInText: numbers in free text, service numbers, and runs that look like a phone but are not one', () => {
    expect(phonesInText('문의 062-123-4567, 보건복지상담센터 129, 1899-5912')).toEqual({ numbers: ['062-123-4567', '129', '1899-5912'], unreadable: [] });
    expect(phonesInText('062-123-4567 또는 062-123-4567')).toEqual({ numbers: ['062-123-4567'], unreadable: [] });
    expect(phonesInText('오류 021-234-5678, (062)123-456')).toEqual({ numbers: [], unreadable: ['021-234-5678', '(062)123-456'] });
    expect(phonesInText('2024-01-01 평일 09:00~18:00, 정원 1200명, 120')).toEqual({ numbers: ['120'], unreadable: [] });
    expect(phonesInText('+82-62-123-4567')).toEqual({ numbers: ['062-123-4567'], unreadable: [] });
    expect(phonesInText('0621234')).toEqual({ numbers: [], unreadable: [] }); // too short to be meant as a phone number
    expect(phonesInText('062-1234-567')).toEqual({ numbers: [], unreadable: ['062-1234-567'] });
    expect(phonesInText('')).toEqual({ numbers: [], unreadable: [] });
  });
});

describe('CSV', () => {
  it('numbers records as a spreadsheet does, with the line each starts on', () => {
    const recs = parseCsv('h1,h2\r\n"a\r\nb",c\n\n,\nd,"e ""q"", f"\rlast,"" ');
    expect(recs).toEqual([
      { row: 1, line: 1, cells: ['h1', 'h2'] },
      { row: 2, line: 2, cells: ['a\r\nb', 'c'] },
      { row: 5, line: 6, cells: ['d', 'e "q", f'] },
      { row: 6, line: 7, cells: ['last', ' '] },
    ]);
  });

  it('a quote inside an unquoted field is an ordinary character; text after a closing quote stays in the field', () => {
    expect(parseCsv('12"인치,"ab"cd,""\n').map((r) => r.cells)).toEqual([['12"인치', 'abcd', '']]);
    expect(parseCsv('"",""\n""\n')).toEqual([]);
    expect(parseCsv('a,""')).toEqual([{ row: 1, line: 1, cells: ['a', ''] }]);
    expect(parseCsv('"a"')).toEqual([{ row: 1, line: 1, cells: ['a'] }]);
    expect(parseCsv('a\n')).toEqual([{ row: 1, line: 1, cells: ['a'] }]);
    expect(parseCsv('a,')).toEqual([{ row: 1, line: 1, cells: ['a', ''] }]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('"""x"""').map((r) => r.cells)).toEqual([['"x"']]);
  });

  it('an unterminated quote is an error naming its row and line, not a merged line', () => {
    expect(() => parseCsv('h\nok\n"broken\nmore,rows\n')).toThrow(CsvError);
    expect(() => parseCsv('h\nok\n"broken\nmore,rows\n')).toThrow('row 3: a quoted field that opens on line 3 is never closed (a " is missing)');
    expect(() => parseCsv('h\n"a\nb",x\r\nc,"d')).toThrow('row 3: a quoted field that opens on line 4 is never closed');
    expect(() => parseCsv('"')).toThrow('row 1: a quoted field that opens on line 1');
    expect(() => parseCsv('a\n\n\n"b""')).toThrow('row 4: a quoted field that opens on line 4');
  });

  it('decodes UTF-8 (BOM dropped) and falls back to CP949', () => {
    expect(decodeText(new TextEncoder().encode('\uFEFF가,나'))).toEqual({ text: '가,나', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xb0, 0xa1]))).toEqual({ text: '가', encoding: 'cp949' });
  });
});

const HEADER = '시도명,시군구명,어린이집명,어린이집유형구분,운영현황,소재지도로명주소,어린이집전화번호,정원수,위도,경도,데이터기준일자';
const OK = { sido: '광주광역시', gu: '북구', name: '햇살어린이집', type: '국공립', status: '정상', address: '광주광역시 북구 용봉로 1', phone: '062-123-4567', cap: '40', lat: '35.1789', lon: '126.9123', date: '2026-10-31' };
type Row = typeof OK;
const line = (r: Partial<Row>) => {
  const v = { ...OK, ...r };
  return [v.sido, v.gu, v.name, v.type, v.status, v.address, v.phone, v.cap, v.lat, v.lon, v.date].map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
};
const facilities = (rows: (Partial<Row> | string)[], header = HEADER) =>
  readFacilitiesCsv(new TextEncoder().encode([header, ...rows.map((r) => (typeof r === 'string' ? r : line(r)))].join('\n')), 'daycare.csv', '2026-11-24');
const only = (r: Partial<Row>) => {
  const out = facilities([r]);
  return { entry: out.entries[0], problems: out.problems };
};

describe('facility rows: one schema, every skipped row a reason naming the column', () => {
  it('a good row becomes an entry, with text cleaned and the phone written the catalogue way', () => {
    const { entry, problems } = only({ name: '  햇살\u0000 어린이집\u202e ', phone: '(062) 123 4567', type: '국공립\t', cap: '0' });
    expect(problems).toEqual([]);
    expect(entry).toMatchObject({ title: { ko: '햇살 어린이집' }, phones: [{ number: '062-123-4567' }], alt_names: ['국공립어린이집'], keywords: ['어린이집', '국공립'], district: '북구' });
    expect(entry?.summary.ko).toBe('북구에 있는 국공립 어린이집이에요. 정원 0명.');
    expect(entry?.last_verified).toBe('2026-10-31');
    expect(entry?.sources[0]?.date).toBe('2026-10-31');
    expect(entry?.location).toEqual({ address: { ko: '광주광역시 북구 용봉로 1' }, district: '북구', lat: 35.1789, lon: 126.9123, geo_precision: 'exact' });
  });

  it('names the empty, too long and badly typed columns, all of them at once', () => {
    expect(only({ name: ' \u0007 ' }).problems).toEqual([{ row: 2, reason: '어린이집명 is empty' }]);
    expect(only({ address: '' }).problems).toEqual([{ row: 2, reason: '소재지도로명주소 is empty' }]);
    expect(only({ name: '가'.repeat(201) }).problems).toEqual([{ row: 2, reason: '어린이집명 is longer than 200 characters' }]);
    expect(only({ name: '가'.repeat(200) }).problems).toEqual([]);
    expect(only({ address: `광주광역시 북구 ${'가'.repeat(300)}` }).problems[0]?.reason).toBe('소재지도로명주소 is longer than 300 characters');
    expect(only({ type: '가'.repeat(51) }).problems[0]?.reason).toBe('어린이집유형구분 is longer than 50 characters');
    expect(only({ gu: '가'.repeat(51) }).problems[0]?.reason).toBe('시군구명 is longer than 50 characters');
    expect(only({ name: '', cap: 'abc', lat: 'NaN' }).problems).toEqual([
      { row: 2, reason: '어린이집명 is empty; 정원수 "abc" is not a whole number from 0 to 9999; 위도 "NaN" is not a decimal number of degrees' },
    ]);
  });

  it('정원수: a whole number up to MAX_CAPACITY', () => {
    expect(only({ cap: String(MAX_CAPACITY) }).entry?.summary.en).toMatch(/Capacity 9999\./);
    for (const cap of ['10000', '99999999999999999999', '-1', '1.5', '1e3', '０', 'NaN'])
      expect(only({ cap }).problems, cap).toEqual([{ row: 2, reason: `정원수 ${shown(cap)} is not a whole number from 0 to 9999` }]);
    expect(only({ cap: '' }).entry?.summary.ko).toBe('북구에 있는 국공립 어린이집이에요.');
  });

  it('위도/경도: decimal numbers, both or neither, inside Gwangju, not swapped', () => {
    for (const v of ['NaN', 'Infinity', '-Infinity', '1e400', '0x10', '35,1', '35.1.2', '1234.5', '35.' , '.5', '35.1234567890123456'])
      expect(only({ lat: v }).problems, v).toEqual([{ row: 2, reason: `위도 ${shown(v)} is not a decimal number of degrees` }]);
    expect(only({ lon: 'Infinity' }).problems[0]?.reason).toBe('경도 "Infinity" is not a decimal number of degrees');
    expect(only({ lat: '' }).problems).toEqual([{ row: 2, reason: '경도 is given but 위도 is empty' }]);
    expect(only({ lon: '' }).problems).toEqual([{ row: 2, reason: '위도 is given but 경도 is empty' }]);
    expect(only({ lat: '126.85', lon: '35.15' }).problems).toEqual([{ row: 2, reason: '위도 126.85 and 경도 35.15 look swapped' }]);
    expect(only({ lat: '37.5', lon: '127.0' }).problems).toEqual([{ row: 2, reason: '위도/경도 37.5, 127.0 are outside Gwangju (lon 126.59–127.08, lat 35.00–35.31)' }]);
    expect(only({ lat: '-35.1', lon: '126.9' }).problems[0]?.reason).toMatch(/outside Gwangju/);
    // the bounds themselves are inside
    expect(only({ lat: '35.00', lon: '126.59' }).problems).toEqual([]);
    expect(only({ lat: '35.31', lon: '127.08' }).problems).toEqual([]);
    expect(only({ lat: '34.999', lon: '126.9' }).problems[0]?.reason).toMatch(/outside Gwangju/);
    expect(only({ lat: '35.311', lon: '126.9' }).problems[0]?.reason).toMatch(/outside Gwangju/);
    expect(only({ lat: '35.1', lon: '126.589' }).problems[0]?.reason).toMatch(/outside Gwangju/);
    expect(only({ lat: '35.1', lon: '127.081' }).problems[0]?.reason).toMatch(/outside Gwangju/);
    const none = only({ lat: '', lon: '' }).entry;
    expect(none?.location).toEqual({ address: { ko: '광주광역시 북구 용봉로 1' }, district: '북구', geo_precision: 'unknown' });
  });

  it('the district: from 시군구명, else from the address; one of the five', () => {
    expect(only({ gu: '강남구' }).problems).toEqual([{ row: 2, reason: '시군구명 "강남구" is not a district of Gwangju (동구, 서구, 남구, 북구, 광산구)' }]);
    expect(only({ gu: '', address: '광주광역시 광산구  하남대로 1' }).entry?.district).toBe('광산구');
    expect(only({ gu: '', address: '광주광역시 수완로 1' }).problems).toEqual([
      { row: 2, reason: '소재지도로명주소 "광주광역시 수완로 1" does not name a district of Gwangju (동구, 서구, 남구, 북구, 광산구) after the city' },
    ]);
    expect(only({ gu: '', address: '광주광역시' }).problems[0]?.reason).toMatch(/^소재지도로명주소 "광주광역시" does not name a district/);
  });

  it('a phone or date that cannot be read is reported and the row kept without it', () => {
    expect(only({ phone: '021-234-5678' })).toMatchObject({ entry: { phones: [] }, problems: [{ row: 2, reason: '어린이집전화번호 "021-234-5678" is not a Korean phone number; the row is kept without it', kept: true }] });
    expect(only({ phone: '' })).toMatchObject({ entry: { phones: [] }, problems: [] });
    const d = only({ date: '2026-02-30' });
    expect(d.problems).toEqual([{ row: 2, reason: '데이터기준일자 "2026-02-30" is not a date (YYYY-MM-DD); the row is kept with the import date', kept: true }]);
    expect(d.entry?.last_verified).toBe('2026-11-24');
    expect(d.entry?.sources[0]?.date).toBe('unknown');
    expect(only({ date: '20261031' }).entry?.last_verified).toBe('2026-10-31');
    expect(only({ date: '' })).toMatchObject({ entry: { last_verified: '2026-11-24', sources: [{ date: 'unknown' }] }, problems: [] });
  });

  it('duplicates (same name and address, spacing aside) name both rows; the first is kept', () => {
    const r = facilities([{}, { name: '다른어린이집' }, { phone: '' }, { address: '광주광역시  북구 용봉로 1 ' }]);
    expect(r.entries.map((e) => e.title.ko)).toEqual(['햇살어린이집', '다른어린이집']);
    expect(r.problems).toEqual([
      { row: 4, reason: 'duplicate of row 2 (same 어린이집명 and 소재지도로명주소)' },
      { row: 5, reason: 'duplicate of row 2 (same 어린이집명 and 소재지도로명주소)' },
    ]);
    // a skipped row is not "the first": the next good one with the same name and address is imported
    expect(facilities([{ cap: 'x' }, {}]).entries).toHaveLength(1);
  });

  it('rows elsewhere and closed ones are counted; broken rows are listed; blank rows are not rows', () => {
    const r = facilities([
      { sido: '서울특별시', address: '서울특별시 강남구 1', name: '' },
      { sido: '', address: '경기도 광주시 오포읍 1', gu: '광주시' },
      { sido: '광주', address: '광주 북구 1' },
      { status: '폐지', name: '' },
      ',,,,,,,,,,',
      '',
      `${line({ name: '추가' })},extra`,
      `${line({ name: '빈칸추가' })},,`,
      '광주광역시,북구,짧은줄',
      `"${'\u0000'}"`,
    ]);
    expect(r.outsideGwangju).toBe(2);
    expect(r.closed).toBe(1);
    expect(r.rows).toBe(8);
    expect(r.entries.map((e) => e.title.ko)).toEqual(['햇살어린이집', '빈칸추가']);
    expect(r.problems).toEqual([
      { row: 8, reason: 'has 12 fields but the header has 11 (a comma or a quote out of place?)' },
      { row: 10, reason: 'has 3 fields but the header has 11 (a comma or a quote out of place?)' },
      { row: 11, reason: 'has 1 field but the header has 11 (a comma or a quote out of place?)' },
    ]);
  });

  it('column variants and names in reasons follow the file', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    const r = readFacilitiesCsv(bytes('시설명,소재지지번주소,도로명주소,전화번호,정원\n가,광주광역시 북구 지번 1,광주광역시 북구 도로 1,021-234-5678,1\n,광주광역시 북구 2,광주광역시 북구 2,,x\n'), 'f.csv', '2026-11-24');
    expect(r.entries[0]?.location?.address.ko).toBe('광주광역시 북구 도로 1');
    expect(r.problems).toEqual([
      { row: 2, reason: '전화번호 "021-234-5678" is not a Korean phone number; the row is kept without it', kept: true },
      { row: 3, reason: '시설명 is empty; 정원 "x" is not a whole number from 0 to 9999' },
    ]);
  });

  it('file-level errors are ImportErrors naming the file', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(() => readFacilitiesCsv(bytes(''), 'e.csv')).toThrow(new ImportError('e.csv: no data rows (expected a header row and at least one facility)'));
    expect(() => readFacilitiesCsv(bytes(HEADER), 'e.csv')).toThrow(/no data rows/);
    expect(() => readFacilitiesCsv(bytes('이름,주소\n가,나'), 'e.csv')).toThrow('e.csv: no 어린이집명 column (the header has: "이름", "주소")');
    expect(() => readFacilitiesCsv(bytes('어린이집명,위치\n가,나'), 'e.csv')).toThrow('e.csv: no 소재지도로명주소 column');
    expect(() => readFacilitiesCsv(bytes('어린\u001b[31m이집,x\n가,나'), 'e.csv')).toThrow('(the header has: "어린[31m이집", "x")');
    expect(() => readFacilitiesCsv(bytes(`${Array.from({ length: 45 }, (_, i) => `c${i}`).join(',')}\n1`), 'e.csv')).toThrow(/"c39", …\)$/);
    expect(() => readFacilitiesCsv(bytes(`${HEADER}\n${line({})}\n"unclosed,1`), 'e.csv')).toThrow(
      new ImportError('e.csv: row 3: a quoted field that opens on line 3 is never closed (a " is missing); nothing was imported'),
    );
  });
});

const g24 = (list: unknown, conditions: unknown = []) => readGov24(JSON.stringify(list), JSON.stringify(conditions), { list: '/x/serviceList.json', conditions: '/x/supportConditions.json' }, '2026-11-24');
const SVC = { 서비스ID: 'S1', 서비스명: '임산부 교통비', 수정일시: '20260110', 상세조회URL: 'https://www.gov.kr/x', 전화문의: '062-123-4567' };

describe('보조금24 records: one schema per file, every skipped record a reason naming the field', () => {
  it('a good record becomes an entry with text cleaned', () => {
    const r = g24([{ ...SVC, 서비스명: '임산부\u0000 교통비\n지원', 지원내용: '○ 교통비\r\n○ 바우처', 신청기한: '상시', 소관기관유형: '중앙행정기관', 서비스분야: '임신·출산', 지원유형: '현금', 접수기관: '행정복지센터', 소관기관명: '보건복지부' }]);
    expect(r.problems).toEqual([]);
    expect(r.rows).toBe(1);
    expect(r.entries[0]).toMatchObject({
      title: { ko: '임산부 교통비 지원' }, what: { ko: '○ 교통비 ○ 바우처' }, how_to_apply: { ko: '신청기한: 상시' }, scope: 'national', keywords: ['임신·출산', '현금'],
      where: { ko: '행정복지센터' }, organization: { name: { ko: '보건복지부' } }, online_url: 'https://www.gov.kr/x', phones: [{ number: '062-123-4567' }], last_verified: '2026-01-10',
      sources: [{ url: 'https://www.gov.kr/x', title: '보조금24 서비스 S1', date: '2026-01-10', type: 'official' }],
    });
    const noLink = g24([{ ...SVC, 상세조회URL: '' }]).entries[0];
    expect(noLink?.sources[0]).toMatchObject({ document: 'serviceList.json' });
    expect(noLink?.scope).toBe('gwangju');
  });

  it('names fields that are not text, empty or too long', () => {
    const r = g24([null, 5, [], 'x', { 서비스ID: 7, 서비스명: '가' }, { 서비스ID: 'S2', 서비스명: '가', 지원내용: { a: 1 } }, { 서비스ID: 'S3', 서비스명: '' }, { 서비스ID: '', 서비스명: '' }, { 서비스ID: 'S'.repeat(41), 서비스명: '가' }, { 서비스ID: 'S4', 서비스명: '가'.repeat(301) }, { 서비스ID: 'S5', 서비스명: '가', 지원대상: '가'.repeat(20_001) }, { 서비스ID: 'S6', 서비스명: '가', 전화문의: true }]);
    expect(r.entries).toHaveLength(0);
    expect(r.problems).toEqual([
      { row: 1, reason: 'is null, not a record (an object with 서비스ID, 서비스명, …)' },
      { row: 2, reason: 'is the number 5, not a record (an object with 서비스ID, 서비스명, …)' },
      { row: 3, reason: 'is a list, not a record (an object with 서비스ID, 서비스명, …)' },
      { row: 4, reason: 'is a string, not a record (an object with 서비스ID, 서비스명, …)' },
      { row: 5, reason: '서비스ID is the number 7, expected text' },
      { row: 6, reason: '지원내용 is an object, expected text (서비스ID S2)' },
      { row: 7, reason: '서비스명 is empty (서비스ID S3)' },
      { row: 8, reason: '서비스ID is empty; 서비스명 is empty' },
      { row: 9, reason: '서비스ID is longer than 40 characters' },
      { row: 10, reason: '서비스명 is longer than 300 characters (서비스ID S4)' },
      { row: 11, reason: '지원대상 is longer than 20000 characters (서비스ID S5)' },
      { row: 12, reason: '전화문의 is a boolean, expected text (서비스ID S6)' },
    ]);
  });

  it('a duplicate 서비스ID names the first row; the first is kept', () => {
    const r = g24([SVC, { ...SVC, 서비스명: '다른 이름' }, { 서비스ID: ' S1\u0000', 서비스명: '또' }]);
    expect(r.entries.map((e) => e.title.ko)).toEqual(['임산부 교통비']);
    expect(r.problems).toEqual([
      { row: 2, reason: '서비스ID S1 is a duplicate of row 1' },
      { row: 3, reason: '서비스ID S1 is a duplicate of row 1' },
    ]);
  });

  it('an unreadable link, date or phone is reported and the record kept without it', () => {
    const r = g24([{ ...SVC, 상세조회URL: 'javascript:alert(1)', 수정일시: '2026-02-30', 전화문의: '021-234-5678, 062-12-3 ' }]);
    expect(r.entries[0]).toMatchObject({ last_verified: '2026-11-24', phones: [], sources: [{ document: 'serviceList.json', date: '2026-11-24' }] });
    expect(r.entries[0]?.online_url).toBeUndefined();
    expect(r.problems).toEqual([
      { row: 1, reason: '상세조회URL "javascript:alert(1)" is not a web address (http/https); kept without a link', kept: true },
      { row: 1, reason: '수정일시 "2026-02-30" is not a date; kept with the import date', kept: true },
      { row: 1, reason: '전화문의 "021-234-5678" is not a Korean phone number; kept without it', kept: true },
    ]);
    expect(g24([{ ...SVC, 전화문의: '021-234-5678 / 0621-23-4567' }]).problems).toEqual([
      { row: 1, reason: '전화문의 "021-234-5678", "0621-23-4567" are not Korean phone numbers; kept without them', kept: true },
    ]);
    expect(g24([{ ...SVC, 상세조회URL: 'https://exa mple' }]).problems[0]?.reason).toMatch(/^상세조회URL "https:\/\/exa mple" is not a web address/);
    expect(g24([{ ...SVC, 상세조회URL: 'HTTP://WWW.GOV.KR/X' }]).entries[0]?.online_url).toBe('HTTP://WWW.GOV.KR/X');
    expect(g24([{ ...SVC, 전화문의: '관할 주민센터' }])).toMatchObject({ problems: [], entries: [{ phones: [] }] });
  });

  it('supportConditions: flags are Y, N or empty, ages are years; a bad, or a conflicting duplicate, record makes the conditions "not readable"', () => {
    const rules = (conditions: unknown[]) => {
      const r = g24([SVC], conditions);
      return { rules: r.entries[0]?.eligibility_rules, problems: r.problems };
    };
    expect(rules([{ 서비스ID: 'S1', JA0302: ' y ', JA0322: null, JA0410: 'Y', JA0201: 'Y', JA0202: 'Y', JA0203: 'Y', JA0204: 'Y', JA0205: 'Y' }]).rules).toMatchObject({ stated: true });
    const notReadable = { stated: false, reason: { ko: '보조금24의 지원 조건 정보를 읽을 수 없었어요 — 센터에 물어보세요.', en: 'The support conditions in 보조금24 could not be read — ask the centre.' } };
    expect(rules([{ 서비스ID: 'S1', JA0302: 'maybe' }])).toEqual({ rules: notReadable, problems: [{ row: 1, reason: 'supportConditions.json row 1: JA0302 is "maybe", expected Y, N or empty; the conditions are treated as not readable', kept: true }] });
    expect(rules([{ 서비스ID: 'S1', JA0302: 1 }]).problems[0]?.reason).toMatch(/JA0302 is the number 1, expected Y, N or empty/);
    expect(rules([{ 서비스ID: 'S1', JA0110: 'abc', JA0111: 200 }]).problems[0]?.reason).toBe(
      'supportConditions.json row 1: JA0110 is "abc", expected an age in years (0–150) or empty; JA0111 is the number 200, expected an age in years (0–150) or empty; the conditions are treated as not readable',
    );
    expect(rules([{ 서비스ID: 'S1', JA0110: 1.5 }]).problems[0]?.reason).toMatch(/JA0110 is the number 1.5, expected an age/);
    expect(JSON.stringify(rules([{ 서비스ID: 'S1', JA0110: 0, JA0111: '18' }]).rules)).toMatch(/대상 나이 0~18세/);
    expect(JSON.stringify(rules([{ 서비스ID: 'S1', JA0110: '', JA0111: '150' }]).rules)).toMatch(/대상 나이 \?~150세/);
    expect(rules([{ 서비스ID: 'S1', JA0302: 'Y' }, { 서비스ID: 'S1', JA0302: 'N' }])).toEqual({
      rules: notReadable,
      problems: [{ row: 1, reason: 'supportConditions.json has 서비스ID "S1" in rows 1 and 2, and they differ or cannot be read; the conditions are treated as not readable', kept: true }],
    });
    const same = rules([{ 서비스ID: 'S1', JA0302: 'Y', JA0410: 'Y' }, { 서비스ID: 'S1', JA0410: 'Y', JA0302: 'y' }, 'junk', { JA0302: 'Y' }, { 서비스ID: 'OTHER', JA0302: 'bad' }]);
    expect(same.problems).toEqual([{ row: 1, reason: 'supportConditions.json has 서비스ID "S1" in rows 1 and 2 with the same conditions; used once', kept: true }]);
    expect(same.rules).toMatchObject({ stated: true });
    expect(rules([]).rules).toMatchObject({ stated: false, reason: { en: 'No support conditions were published in 보조금24 — ask the centre.' } });
    // a record with a bad flag still claims its 서비스ID: a later good one does not quietly win
    expect(rules([{ 서비스ID: 'S1', JA0302: 'bad' }, { 서비스ID: 'S1', JA0302: 'Y' }]).rules).toEqual(notReadable);
  });

  it('file-level errors are Gov24Errors naming the file; a BOM is not an error', () => {
    expect(() => readGov24('{', '[]', { list: 'l.json', conditions: 'c.json' })).toThrow(new Gov24Error('l.json: not valid JSON'));
    expect(() => readGov24('[]', 'nope', { list: 'l.json', conditions: 'c.json' })).toThrow(new Gov24Error('c.json: not valid JSON'));
    for (const bad of ['null', '5', '{"data":{}}', '{"rows":[]}', '"x"'])
      expect(() => readGov24(bad, '[]', { list: 'l.json', conditions: 'c.json' }), bad).toThrow(`l.json: expected the Open API's JSON ({"data": [...]}) or an array of records`);
    expect(readGov24(`\uFEFF${JSON.stringify({ data: [SVC] })}`, '\uFEFF[]', { list: 'l.json', conditions: 'c.json' }).entries).toHaveLength(1);
  });
});
