/**
 * Property tests (fast-check): random and hostile input at every importer. Whatever comes in,
 * an importer returns or throws its own error type; no row is lost (rows in = imported +
 * counted + skipped-with-a-reason); nothing stored holds a control character.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvError, decodeText, parseCsv } from './csv.js';
import { ImportError, readFacilitiesCsv, type FacilityImport } from './facilities.node.js';
import { Gov24Error, readGov24, type Gov24Import } from './gov24.node.js';
import { cleanText, hasControl, koreanPhone, realDate } from './text.js';
import { Entry, DISTRICTS } from '../../db/catalogue/schema.js';

/** Every string anywhere in a value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, strings(k, out));
  return out;
}
const noControl = (v: unknown) => {
  const bad = strings(v).find(hasControl);
  expect(bad, `stored text with a control character: ${JSON.stringify(bad)}`).toBeUndefined();
};

/** Characters that break naive CSV and text handling. */
const NASTY = ['"', ',', '\n', '\r', '\r\n', '\t', '\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\u009b', '\u200b', '\u202e', '\u2028', '\ufeff', '\ud800', '\udfff', '😀', '가', ' ', '　', 'a', '0', '9', '.', '-', 'e'];
const nastyString = fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 12 });
const anyString = fc.oneof(nastyString, fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ maxLength: 12 }));
const NANISH = ['NaN', 'nan', 'Infinity', '-Infinity', '1e400', '-1e400', '1e3', '0x10', '0b1', '', ' ', '١٢٣', '３５.１', '35,1', '1_000', '9'.repeat(400), '-0', '+35.1', 'null', 'undefined', '{}', '[]'];

/** RFC 4180: quote what needs it (and sometimes what does not). */
const csvCell = (c: string, force: boolean) => (force || /[",\r\n]/.test(c) || c.startsWith('"') ? `"${c.replace(/"/g, '""')}"` : c);

describe('CSV (property)', () => {
  it('what a writer quotes, the parser reads back: cells, row numbers, blank rows left out', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(anyString, { minLength: 1, maxLength: 5 }), { maxLength: 8 }),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        (rows, force, eol, trailing) => {
          const text = rows.map((r) => r.map((c) => csvCell(c, force)).join(',')).join(eol) + (trailing && rows.length ? eol : '');
          const want = rows.map((cells, i) => ({ row: i + 1, cells })).filter((r) => r.cells.some((c) => c !== ''));
          expect(parseCsv(text).map(({ row, cells }) => ({ row, cells }))).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any text: records or a CsvError naming the row; without a quote, never an error', () => {
    fc.assert(
      fc.property(fc.oneof(nastyString, fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('"', ',', '\n', 'a') })), (text) => {
        try {
          const recs = parseCsv(text);
          for (const r of recs) expect(r.cells.some((c) => c !== '')).toBe(true);
          expect(recs.map((r) => r.row)).toEqual([...recs.map((r) => r.row)].sort((a, b) => a - b));
        } catch (e) {
          expect(e).toBeInstanceOf(CsvError);
          expect((e as Error).message).toMatch(/^row \d+: a quoted field that opens on line \d+ is never closed/);
          expect(text).toContain('"');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('an unterminated quote names the row it opens in', () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyString, { minLength: 1, maxLength: 3 }), { maxLength: 5 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }), fc.string({ unit: fc.constantFrom('a', ',', '\n', '\r', '가'), maxLength: 8 }), (rows, before, tail) => {
        const text = [...rows.map((r) => r.map((c) => csvCell(c, false)).join(',')), [...before.map((c) => csvCell(c, true)), `"${tail}`].join(',')].join('\n');
        expect(() => parseCsv(text)).toThrow(new RegExp(`^row ${rows.length + 1}: `));
      }),
      { numRuns: 200 },
    );
  });

  it('decodeText never throws, and reads UTF-8 back as UTF-8', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => void decodeText(b)), { numRuns: 300 });
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
          expect(decodeText(new TextEncoder().encode(s))).toEqual({ text: s.replace(/^\uFEFF/, ''), encoding: 'utf-8' });
        }),
      { numRuns: 200 },
    );
  });
});

describe('text helpers (property)', () => {
  it('cleanText leaves nothing hasControl sees, is idempotent and never grows', () => {
    fc.assert(
      fc.property(fc.oneof(nastyString, fc.string({ unit: 'binary' })), (s) => {
        const c = cleanText(s);
        expect(hasControl(c)).toBe(false);
        expect(cleanText(c)).toBe(c);
        expect(c.length).toBeLessThanOrEqual(s.length);
      }),
      { numRuns: 500 },
    );
  });

  it('realDate returns only dates that exist; koreanPhone only numbers the catalogue schema takes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '9', '-', '.', ' ', ':', 'T'), maxLength: 20 }), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('T', ' ').slice(0, 19))), (s) => {
        const d = realDate(s);
        if (d !== null) {
          expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d);
        }
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '6', '8', '-', ' ', '(', ')', '+'), maxLength: 16 }), fc.string()), (s) => {
        const p = koreanPhone(s);
        if (p !== null) {
          expect(p).toMatch(/^(\d{2,4}-\d{3,4}-\d{4}|1\d{3}-\d{4})$/);
          expect(koreanPhone(p)).toBe(p);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/* ---------- facilities ---------- */

const COLUMN_NAMES = ['시도명', '시군구명', '어린이집명', '어린이집유형구분', '운영현황', '소재지도로명주소', '어린이집전화번호', '정원수', '위도', '경도', '데이터기준일자'] as const;
type Col = (typeof COLUMN_NAMES)[number];
const hostile = fc.oneof(anyString, fc.constantFrom(...NANISH));
const district = fc.constantFrom(...DISTRICTS, '강남구', '광주시', '');
/** Mostly plausible values (so that rows get through and reach the later checks), often hostile ones. */
const mix = (...plausible: fc.Arbitrary<string>[]) => fc.oneof({ weight: 3, arbitrary: fc.oneof(...plausible) }, { weight: 1, arbitrary: hostile });
const degrees = (min: number, max: number) => fc.integer({ min: Math.round(min * 1e6), max: Math.round(max * 1e6) }).map((n) => (n / 1e6).toFixed(6));
const cellFor: Record<Col, fc.Arbitrary<string>> = {
  시도명: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('광주광역시', '광주', '') }, { weight: 1, arbitrary: fc.constantFrom('서울특별시', '경기도') }, { weight: 1, arbitrary: hostile }),
  시군구명: mix(district),
  어린이집명: mix(fc.constantFrom('햇살어린이집', '무지개 어린이집', '"별", 어린이집', '')),
  어린이집유형구분: mix(fc.constantFrom('국공립', '민간', '가정', '')),
  운영현황: mix(fc.constantFrom('정상', '정상', '폐지', '휴지', '')),
  소재지도로명주소: mix(fc.tuple(fc.constantFrom('광주광역시', '광주광역시', '광주', '서울특별시', '경기도'), district, fc.nat(99)).map(([a, b, n]) => `${a} ${b} 용봉로 ${n}`)),
  어린이집전화번호: mix(fc.constantFrom('062-123-4567', '0629876543', '(062) 613-1234', '+82-62-123-4567', '021-234-5678', '062-123-456', '없음', '')),
  정원수: mix(fc.nat(12000).map(String), fc.constantFrom('99999999999999999999', '-1', '1.5')),
  위도: fc.oneof({ weight: 6, arbitrary: degrees(35.0, 35.31) }, { weight: 1, arbitrary: fc.oneof(degrees(34.9, 35.4), fc.double({ min: 34.9, max: 35.4, noNaN: true }).map(String), fc.constantFrom('126.9', '37.5', '')) }, { weight: 2, arbitrary: hostile }),
  경도: fc.oneof({ weight: 6, arbitrary: degrees(126.59, 127.08) }, { weight: 1, arbitrary: fc.oneof(degrees(126.5, 127.2), fc.double({ min: 126.5, max: 127.2, noNaN: true }).map(String), fc.constantFrom('35.17', '127.0', '')) }, { weight: 2, arbitrary: hostile }),
  데이터기준일자: mix(fc.constantFrom('2026-10-31', '2024-02-29', '2026-02-30', '2026-13-01', '20260101', '2026.01.01', '')),
};

/** A header (the published columns in any order, some left out but never 어린이집명 or 소재지도로명주소, plus columns we ignore) and rows for it. */
const facilityFile = fc
  .tuple(fc.shuffledSubarray([...COLUMN_NAMES]), fc.array(fc.constantFrom('우편번호', '보육실수', '비고', ''), { maxLength: 2 }))
  .chain(([cols, extra]) => {
    const header = [...new Set<string>(['어린이집명', '소재지도로명주소', ...cols, ...extra])];
    const row = fc.tuple(...header.map((h) => cellFor[h as Col] ?? hostile));
    const shape = fc.oneof({ weight: 8, arbitrary: row }, { weight: 1, arbitrary: row.map((r) => r.slice(0, -1)) }, { weight: 1, arbitrary: fc.tuple(row, hostile).map(([r, x]) => [...r, x]) }, { weight: 1, arbitrary: fc.constant(header.map(() => '')) });
    return fc.tuple(fc.constant(header), fc.array(shape, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(11), { maxLength: 3 }), fc.boolean());
  })
  .map(([header, rows, dupes, force]) => {
    for (const d of dupes) if (rows[d]) rows.push([...rows[d]!]); // exact repeats of earlier rows
    return { header, rows, text: [header, ...rows].map((r) => r.map((c) => csvCell(c, force)).join(',')).join('\r\n') };
  });

/** What every import must satisfy, whatever the rows. */
function checkFacilities(r: FacilityImport, dataRows: number[]) {
  const skipped = r.problems.filter((p) => !p.kept);
  // no row lost: each data row is imported, counted (elsewhere / closed) or skipped with a reason
  expect(r.rows).toBe(dataRows.length);
  expect(r.entries.length + r.outsideGwangju + r.closed + skipped.length).toBe(dataRows.length);
  expect(new Set(skipped.map((p) => p.row)).size).toBe(skipped.length);
  for (const p of r.problems) {
    expect(dataRows).toContain(p.row);
    expect(p.reason.length).toBeGreaterThan(0);
    const dup = /^duplicate of row (\d+) \(same/.exec(p.reason);
    if (dup) expect(Number(dup[1])).toBeLessThan(p.row);
  }
  // kept notes belong to imported rows, never to skipped ones
  for (const p of r.problems.filter((x) => x.kept)) expect(skipped.some((s) => s.row === p.row)).toBe(false);
  expect(new Set(r.problems.filter((x) => x.kept).map((p) => p.row)).size).toBeLessThanOrEqual(r.entries.length);
  for (const e of r.entries) {
    expect(Entry.safeParse(e).success).toBe(true);
    expect(DISTRICTS).toContain(e.district);
  }
  expect(new Set(r.entries.map((e) => e.id)).size).toBe(r.entries.length);
  noControl(r.entries);
  noControl(r.problems);
}

describe('facility CSV import (property)', () => {
  it('random rows of hostile cells: every row imported, counted or listed with a reason; nothing stored with a control character', () => {
    // what the runs exercised, so that the property cannot pass by never reaching a case
    const seen = { entries: 0, outside: 0, closed: 0, skipped: 0, kept: 0, duplicate: 0, fields: 0, coordinates: 0 };
    fc.assert(
      fc.property(facilityFile, ({ rows, text }) => {
        const bytes = new TextEncoder().encode(text);
        const dataRows = rows.map((cells, i) => ({ row: i + 2, cells })).filter((x) => x.cells.some((c) => c !== '')).map((x) => x.row);
        if (dataRows.length === 0)
          return void expect(() => readFacilitiesCsv(bytes, 'random.csv')).toThrow(new ImportError('random.csv: no data rows (expected a header row and at least one facility)'));
        const r = readFacilitiesCsv(bytes, 'random.csv', '2026-11-24');
        checkFacilities(r, dataRows);
        seen.entries += r.entries.length;
        seen.outside += r.outsideGwangju;
        seen.closed += r.closed;
        seen.kept += r.problems.filter((p) => p.kept).length;
        seen.skipped += r.problems.filter((p) => !p.kept).length;
        seen.duplicate += r.problems.filter((p) => p.reason.startsWith('duplicate of row')).length;
        seen.fields += r.problems.filter((p) => / fields? but the header has /.test(p.reason)).length;
        seen.coordinates += r.entries.filter((e) => e.location?.geo_precision === 'exact').length;
      }),
      { numRuns: 300 },
    );
    for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(0);
  });

  it('random bytes, with or without a real header first: a result that keeps the rules, or an ImportError', () => {
    const header = new TextEncoder().encode(`${COLUMN_NAMES.join(',')}\n`);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (junk, withHeader) => {
        const bytes = withHeader ? new Uint8Array([...header, ...junk]) : junk;
        try {
          const r = readFacilitiesCsv(bytes, 'junk.csv', '2026-11-24');
          const recs = parseCsv(decodeText(bytes).text);
          checkFacilities(r, recs.slice(1).map((x) => x.row));
        } catch (e) {
          if (!(e instanceof ImportError)) throw e;
          expect(e.message).toMatch(/^junk\.csv: /);
          expect(hasControl(e.message.replace(/\n/g, ''))).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/* ---------- 보조금24 ---------- */

const FIELDS = ['서비스ID', '서비스명', '서비스목적요약', '지원대상', '선정기준', '지원내용', '신청방법', '신청기한', '상세조회URL', '소관기관명', '소관기관유형', '서비스분야', '지원유형', '접수기관', '전화문의', '수정일시'];
/** JSON values as they may come, huge and odd numbers included. */
const jsonish = fc.oneof(
  { weight: 4, arbitrary: anyString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.1, 'https://www.gov.kr/x', 'javascript:alert(1)', '062-123-4567 / 129', '20260110', '2026-02-30', '중앙행정기관') },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const record = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), jsonish, { maxKeys: keys.length });
const serviceRecord = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('S1', 'S2', 'S3', ' S1\u0000', ''), anyString, record(FIELDS)).map(([id, name, rest]) => ({ ...rest, 서비스ID: id, 서비스명: name })) },
  { weight: 2, arbitrary: record(FIELDS) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const FLAGS = ['서비스ID', 'JA0101', 'JA0110', 'JA0111', 'JA0201', 'JA0202', 'JA0203', 'JA0204', 'JA0205', 'JA0301', 'JA0302', 'JA0303', 'JA0322', 'JA0401', 'JA0410', 'JA0411', 'JAXXXX'];
const flagValue = fc.oneof(fc.constantFrom('Y', 'N', 'y', '', null, ' Y ', 'maybe', 0, 18, 200, '18', 1.5), jsonish);
const conditionRecord = fc.oneof(
  // conditions our facts can state (pregnant, no household condition, every income band)
  fc.constantFrom('S1', 'S2', 'S3').map((id) => ({ 서비스ID: id, JA0302: 'Y', JA0410: 'Y', JA0201: 'Y', JA0202: 'Y', JA0203: 'Y', JA0204: 'Y', JA0205: 'Y' })),
  fc.tuple(fc.constantFrom('S1', 'S2', 'S3', 'S9'), fc.dictionary(fc.constantFrom(...FLAGS.slice(1)), flagValue)).map(([id, flags]) => ({ ...flags, 서비스ID: id })),
  fc.jsonValue({ maxDepth: 2 }),
);

function checkGov24(r: Gov24Import, rows: number) {
  const skipped = r.problems.filter((p) => !p.kept);
  expect(r.rows).toBe(rows);
  expect(r.entries.length + skipped.length).toBe(rows);
  expect(new Set(skipped.map((p) => p.row)).size).toBe(skipped.length);
  for (const p of r.problems) {
    expect(p.row).toBeGreaterThanOrEqual(1);
    expect(p.row).toBeLessThanOrEqual(rows);
    expect(p.reason.length).toBeGreaterThan(0);
  }
  for (const p of r.problems.filter((x) => x.kept)) expect(skipped.some((s) => s.row === p.row)).toBe(false);
  expect(new Set(r.entries.map((e) => e.id)).size).toBe(r.entries.length);
  for (const e of r.entries) expect(Entry.safeParse(e).success).toBe(true);
  noControl(r.entries);
  noControl(r.problems);
}

describe('보조금24 import (property)', () => {
  const files = { list: 'serviceList.json', conditions: 'supportConditions.json' };

  it('random records with hostile fields: every record imported or listed with a reason; nothing stored with a control character', () => {
    const seen = { entries: 0, skipped: 0, kept: 0, duplicate: 0, stated: 0 };
    fc.assert(
      fc.property(fc.array(serviceRecord, { maxLength: 10 }), fc.array(conditionRecord, { maxLength: 8 }), fc.boolean(), (list, conds, wrapped) => {
        const r = readGov24(JSON.stringify(wrapped ? { data: list } : list), JSON.stringify(wrapped ? { data: conds } : conds), files, '2026-11-24');
        checkGov24(r, list.length);
        seen.entries += r.entries.length;
        seen.skipped += r.problems.filter((p) => !p.kept).length;
        seen.kept += r.problems.filter((p) => p.kept).length;
        seen.duplicate += r.problems.filter((p) => / is a duplicate of row /.test(p.reason)).length;
        seen.stated += r.entries.filter((e) => e.eligibility_rules?.stated).length;
      }),
      { numRuns: 300 },
    );
    for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(0);
  });

  it('numbers JSON cannot hold in a double (1e400, 30-digit integers) are read, typed and reported like any other', () => {
    fc.assert(
      fc.property(fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '-0', '1e-400'), fc.constantFrom(...FIELDS), (num, field) => {
        const text = `{"data":[{"서비스ID":"S1","서비스명":"이름",${JSON.stringify(field)}:${num}}]}`;
        const r = readGov24(text, `[{"서비스ID":"S1","JA0110":${num},"JA0302":${num}}]`, files, '2026-11-24');
        checkGov24(r, 1);
        expect(r.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 50 },
    );
  });

  it('random text and random JSON shapes: a result or a Gov24Error, never anything else', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.anything().map((v) => JSON.stringify(v) ?? 'undefined'));
    fc.assert(
      fc.property(text, text, (a, b) => {
        try {
          const r = readGov24(a, b, files, '2026-11-24');
          const data = JSON.parse(a) as unknown;
          checkGov24(r, (Array.isArray(data) ? data : (data as { data: unknown[] }).data).length);
        } catch (e) {
          if (!(e instanceof Gov24Error)) throw e;
          expect(e.message).toMatch(/^(serviceList|supportConditions)\.json: /);
        }
      }),
      { numRuns: 300 },
    );
  });
});
