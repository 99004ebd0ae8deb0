/**
 * Importer for 전국어린이집표준데이터-style facility lists (CSV: 어린이집명, 어린이집유형구분,
 * 소재지도로명주소, 어린이집전화번호, 정원수, 위도, 경도, …; UTF-8 or CP949). Rows in Gwangju
 * become facility entries; rows elsewhere in the country and closed (폐지) ones are counted, not
 * imported. Every other row either becomes an entry or is listed in `problems` with its row
 * number and a reason naming the column (as the file's header names it) and what is wrong:
 * no row is dropped silently. Each row passes one schema (facilityRow); text is stored without
 * control characters.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import * as z from 'zod';
import { Entry, DISTRICTS } from '../../db/catalogue/schema.js';
import { isDistrict, type District } from '../contract/lists.js';
import { GWANGJU_BOUNDS_TEXT, inGwangju } from '../geo/bounds.js';
import { CsvError, decodeText, parseCsv, type CsvRecord } from './csv.js';
import { cleanText, koreanPhone, realDate, shown } from './text.js';

/** Column names as published, with the variants seen in district and portal exports (the first found, in this order, is used). */
const COLUMNS = {
  name: ['어린이집명', '시설명', '기관명'],
  type: ['어린이집유형구분', '어린이집유형', '시설유형', '설립유형'],
  sido: ['시도명', '시도'],
  sigungu: ['시군구명', '시군구'],
  address: ['소재지도로명주소', '도로명주소', '주소', '소재지지번주소'],
  phone: ['어린이집전화번호', '전화번호'],
  capacity: ['정원수', '정원'],
  lat: ['위도'],
  lon: ['경도'],
  status: ['운영현황'],
  date: ['데이터기준일자'],
} as const;
type Column = keyof typeof COLUMNS;
const COLUMN_KEYS = Object.keys(COLUMNS) as Column[];

export interface RowProblem {
  row: number;
  reason: string;
  /** Set when the row was imported all the same; the reason says what was left out or replaced. */
  kept?: true;
}
export interface FacilityImport {
  entries: Entry[];
  problems: RowProblem[];
  outsideGwangju: number;
  closed: number;
  encoding: string;
  /** Data rows read (records after the header that hold any text). */
  rows: number;
}

export class ImportError extends Error {}

/** Longest text kept per column (longer is a reason, not a cut). */
export const MAX_LENGTH = { name: 200, address: 300, type: 50, sigungu: 50 } as const;
/** Largest 정원수 taken as real: larger is a reason. */
export const MAX_CAPACITY = 9999;

/**
 * The one schema a facility row passes (built per file, because reasons use the file's own
 * column names). Its input is the row's cells by column ('' where the file has no such column);
 * its output the cleaned, typed row. A phone or date that cannot be read does not fail the
 * row: it comes back as `unreadable`, and the row is kept without it (and reported).
 */
export function facilityRow(label: (c: Column) => string) {
  const text = (c: Column, max: number, required = false) =>
    z.string().transform((raw, ctx) => {
      const s = cleanText(raw);
      if (required && s === '') ctx.addIssue({ code: 'custom', message: `${label(c)} is empty` });
      else if (s.length > max) ctx.addIssue({ code: 'custom', message: `${label(c)} is longer than ${max} characters` });
      return s;
    });
  const decimal = (c: 'lat' | 'lon') =>
    z.string().transform((raw, ctx) => {
      const s = cleanText(raw);
      if (s === '') return undefined;
      if (!/^-?\d{1,3}(\.\d{1,15})?$/.test(s)) {
        ctx.addIssue({ code: 'custom', message: `${label(c)} ${shown(s)} is not a decimal number of degrees` });
        return z.NEVER;
      }
      return { value: Number(s), text: s };
    });
  return z
    .object({
      name: text('name', MAX_LENGTH.name, true),
      address: text('address', MAX_LENGTH.address, true),
      sigungu: text('sigungu', MAX_LENGTH.sigungu),
      type: text('type', MAX_LENGTH.type),
      phone: z.string().transform((raw) => {
        const s = cleanText(raw);
        if (s === '') return {};
        const number = koreanPhone(s);
        return number ? { number } : { unreadable: s };
      }),
      capacity: z.string().transform((raw, ctx) => {
        const s = cleanText(raw);
        if (s === '') return undefined;
        if (!/^\d{1,4}$/.test(s) || Number(s) > MAX_CAPACITY) {
          ctx.addIssue({ code: 'custom', message: `${label('capacity')} ${shown(s)} is not a whole number from 0 to ${MAX_CAPACITY}` });
          return z.NEVER;
        }
        return Number(s);
      }),
      lat: decimal('lat'),
      lon: decimal('lon'),
      date: z.string().transform((raw) => {
        const s = cleanText(raw);
        if (s === '') return {};
        const date = realDate(s);
        return date ? { date } : { unreadable: s };
      }),
    })
    .transform((r, ctx) => {
      const [lat, lon] = [r.lat?.value, r.lon?.value];
      if ((lat === undefined) !== (lon === undefined)) {
        const [given, missing] = lat === undefined ? (['lon', 'lat'] as const) : (['lat', 'lon'] as const);
        ctx.addIssue({ code: 'custom', message: `${label(given)} is given but ${label(missing)} is empty` });
      } else if (lat !== undefined && lon !== undefined && !inGwangju(lon, lat)) {
        ctx.addIssue({
          code: 'custom',
          message: inGwangju(lat, lon)
            ? `${label('lat')} ${r.lat?.text} and ${label('lon')} ${r.lon?.text} look swapped`
            : `${label('lat')}/${label('lon')} ${r.lat?.text}, ${r.lon?.text} are outside Gwangju (${GWANGJU_BOUNDS_TEXT})`,
        });
      }
      const district = r.sigungu || r.address.split(/\s+/)[1] || '';
      if (!isDistrict(district))
        ctx.addIssue({
          code: 'custom',
          message: r.sigungu
            ? `${label('sigungu')} ${shown(r.sigungu)} is not a district of Gwangju (${DISTRICTS.join(', ')})`
            : `${label('address')} ${shown(r.address)} does not name a district of Gwangju (${DISTRICTS.join(', ')}) after the city`,
        });
      return { ...r, lat, lon, district: district as District };
    });
}

const GWANGJU = /^광주(광역시)?$/;

export function readFacilitiesCsv(bytes: Uint8Array, file: string, today = new Date().toISOString().slice(0, 10)): FacilityImport {
  const name = cleanText(file) || 'the file';
  const { text, encoding } = decodeText(bytes);
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) throw new ImportError(`${name}: ${e.message}; nothing was imported`);
    throw e;
  }
  const [head, ...rows] = records;
  if (head === undefined || rows.length === 0) throw new ImportError(`${name}: no data rows (expected a header row and at least one facility)`);
  const header = head.cells.map(cleanText);
  const col = {} as Record<Column, number>;
  for (const k of COLUMN_KEYS) col[k] = COLUMNS[k].map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1;
  for (const need of ['name', 'address'] as const)
    if (col[need] < 0) {
      const shownHeader = header.slice(0, 40).map((h) => shown(h, 30)).join(', ');
      throw new ImportError(`${name}: no ${COLUMNS[need][0]} column (the header has: ${shownHeader}${header.length > 40 ? ', …' : ''})`);
    }
  const label = (c: Column) => header[col[c]] ?? COLUMNS[c][0];
  const schema = facilityRow(label);

  const out: FacilityImport = { entries: [], problems: [], outsideGwangju: 0, closed: 0, encoding, rows: rows.length };
  const firstRow = new Map<string, number>();
  /** One data row: imported, counted, or skipped with a reason (never nothing). */
  const readRow = ({ row, cells }: CsvRecord): void => {
    const skip = (reason: string) => void out.problems.push({ row, reason });
    if (cells.length < header.length || cells.slice(header.length).some((c) => c !== ''))
      return skip(`has ${cells.length} field${cells.length === 1 ? '' : 's'} but the header has ${header.length} (a comma or a quote out of place?)`);
    const cell = (k: Column) => (col[k] >= 0 ? (cells[col[k]] ?? '') : '');
    const sido = cleanText(cell('sido')) || cleanText(cell('address')).split(/\s+/)[0];
    if (sido && !GWANGJU.test(sido)) return void out.outsideGwangju++;
    if (cleanText(cell('status')) === '폐지') return void out.closed++;
    const parsed = schema.safeParse(Object.fromEntries(COLUMN_KEYS.map((k) => [k, cell(k)])));
    if (!parsed.success) return skip(parsed.error.issues.map((i) => i.message).join('; '));
    const r = parsed.data;
    const key = `${r.name}|${r.address}`.replace(/\s+/g, ' ');
    const earlier = firstRow.get(key);
    if (earlier !== undefined) return skip(`duplicate of row ${earlier} (same ${label('name')} and ${label('address')})`);
    firstRow.set(key, row);
    const e = toEntry(r, name, today);
    if (!e.success) {
      const [issue] = e.error.issues; // a failed parse has at least one
      return skip(issue ? `${issue.path.join('.')}: ${issue.message}` : e.error.message);
    }
    out.entries.push(e.data);
    if (r.phone.unreadable !== undefined) out.problems.push({ row, reason: `${label('phone')} ${shown(r.phone.unreadable)} is not a Korean phone number; the row is kept without it`, kept: true });
    if (r.date.unreadable !== undefined) out.problems.push({ row, reason: `${label('date')} ${shown(r.date.unreadable)} is not a date (YYYY-MM-DD); the row is kept with the import date`, kept: true });
  };
  rows.forEach(readRow);
  return out;
}

function toEntry(r: z.output<ReturnType<typeof facilityRow>>, file: string, today: string) {
  const { name, address, district, type, capacity, lat, lon } = r;
  return Entry.safeParse({
    id: `imp-fac-${createHash('sha1').update(`${name}|${address}`).digest('hex').slice(0, 10)}`,
    kind: 'facility',
    scope: 'district',
    district,
    stages: ['infant'],
    category: 'daycare',
    title: { ko: name, en: `${name} (daycare centre)`, vi: name, zh: name },
    alt_names: type ? [`${type}어린이집`] : [],
    keywords: ['어린이집', ...(type ? [type] : [])],
    summary: {
      ko: `${district}에 있는 ${type ? `${type} ` : ''}어린이집이에요.${capacity !== undefined ? ` 정원 ${capacity}명.` : ''}`,
      en: `A ${type ? `${type} ` : ''}daycare centre in ${district}.${capacity !== undefined ? ` Capacity ${capacity}.` : ''}`,
    },
    phones: r.phone.number ? [{ number: r.phone.number }] : [],
    location: { address: { ko: address }, district, ...(lat !== undefined ? { lat, lon, geo_precision: 'exact' } : { geo_precision: 'unknown' }) },
    services: ['childcare-fee'],
    sources: [{ document: basename(file) || 'facilities.csv', title: '전국어린이집표준데이터 (operator import)', date: r.date.date ?? 'unknown', type: 'official' }],
    last_verified: r.date.date ?? today,
    verify_before_use: false,
  });
}
