/**
 * Importer for 전국어린이집표준데이터-style facility lists (CSV: 어린이집명, 어린이집유형구분,
 * 소재지도로명주소, 어린이집전화번호, 정원수, 위도, 경도, …; UTF-8 or CP949). Rows in Gwangju
 * become facility entries; bad rows are reported with their row number and reason and the
 * good ones are kept. Rows elsewhere in the country are counted, not imported.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { Entry, DISTRICTS } from '../../db/catalogue/schema.js';
import { isDistrict } from '../contract/lists.js';
import { decodeText, parseCsv } from './csv.js';

/** Column names as published, with the variants seen in district and portal exports. */
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

export interface RowProblem {
  row: number;
  reason: string;
}
export interface FacilityImport {
  entries: Entry[];
  problems: RowProblem[];
  outsideGwangju: number;
  closed: number;
  encoding: string;
}

export class ImportError extends Error {}

const PHONE = /^(0\d{1,2})-?(\d{3,4})-?(\d{4})$/;

export function readFacilitiesCsv(bytes: Uint8Array, file: string, today = new Date().toISOString().slice(0, 10)): FacilityImport {
  const { text, encoding } = decodeText(bytes);
  const [head, ...rows] = parseCsv(text);
  if (head === undefined || rows.length === 0) throw new ImportError(`${file}: no data rows (expected a header row and at least one facility)`);
  const header = head.map((h) => h.trim());
  const col = {} as Record<Column, number>;
  for (const [k, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) col[k] = header.findIndex((h) => names.includes(h));
  for (const need of ['name', 'address'] as const)
    if (col[need] < 0) throw new ImportError(`${file}: no ${COLUMNS[need][0]} column (the header has: ${header.join(', ')})`);

  const out: FacilityImport = { entries: [], problems: [], outsideGwangju: 0, closed: 0, encoding };
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const row = i + 2; // the header is row 1
    const get = (k: Column) => (col[k] >= 0 ? (r[col[k]] ?? '').trim() : '');
    const name = get('name');
    const address = get('address');
    const sido = get('sido') || address.split(' ')[0];
    if (sido && !/^광주(광역시)?$/.test(sido)) return void out.outsideGwangju++;
    if (get('status') === '폐지') return void out.closed++;
    if (!name) return void out.problems.push({ row, reason: `${COLUMNS.name[0]} is empty` });
    if (!address) return void out.problems.push({ row, reason: `${COLUMNS.address[0]} is empty` });
    const district = get('sigungu') || address.split(' ')[1];
    if (district === undefined || !isDistrict(district)) return void out.problems.push({ row, reason: `district "${district}" is not one of ${DISTRICTS.join(', ')}` });
    const latText = get('lat');
    const lonText = get('lon');
    let lat: number | undefined;
    let lon: number | undefined;
    if (latText || lonText) {
      lat = Number(latText);
      lon = Number(lonText);
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) return void out.problems.push({ row, reason: `위도/경도 "${latText}", "${lonText}" are not numbers` });
      if (lat > 124 && lon < 40) return void out.problems.push({ row, reason: `위도 ${latText} and 경도 ${lonText} look swapped` });
      if (lat < 34.9 || lat > 35.4 || lon < 126.5 || lon > 127.2) return void out.problems.push({ row, reason: `위도/경도 ${latText}, ${lonText} are outside Gwangju` });
    }
    const capText = get('capacity');
    if (capText && !/^\d+$/.test(capText)) return void out.problems.push({ row, reason: `정원수 "${capText}" is not a whole number` });
    const phoneText = get('phone');
    const pm = phoneText.match(PHONE);
    if (phoneText && !pm) out.problems.push({ row, reason: `전화번호 "${phoneText}" is not a phone number; the row is kept without it` });
    const id = `imp-fac-${createHash('sha1').update(`${name}|${address}`).digest('hex').slice(0, 10)}`;
    if (seen.has(id)) return void out.problems.push({ row, reason: `duplicate of an earlier row (same name and address)` });
    seen.add(id);
    const type = get('type');
    const capacity = capText ? Number(capText) : undefined;
    const date = /^\d{4}-\d{2}-\d{2}$/.test(get('date')) ? get('date') : today;
    const e = Entry.parse({
      id,
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
      phones: pm ? [{ number: `${pm[1]}-${pm[2]}-${pm[3]}` }] : [],
      location: { address: { ko: address }, district, ...(lat !== undefined ? { lat, lon, geo_precision: 'exact' } : { geo_precision: 'unknown' }) },
      services: ['childcare-fee'],
      sources: [{ document: basename(file), title: '전국어린이집표준데이터 (operator import)', date, type: 'official' }],
      last_verified: date,
      verify_before_use: false,
    });
    out.entries.push(e);
  });
  return out;
}
