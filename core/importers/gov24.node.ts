/**
 * Importer for 보조금24 (행정안전부 대한민국 공공서비스(혜택) 정보): `serviceList` and
 * `supportConditions` JSON as the Open API returns them ({"data": [...]}, or a bare array).
 * Text fields become a policy entry; "Y" flags become criteria where our facts can say the
 * same thing. A null flag is NOT "no restriction" — only 해당사항없음 (JA0322, JA0410) is; when
 * a group of conditions has no Y and no 해당사항없음, the entry says the condition is unknown.
 *
 * Each serviceList record passes one schema (ServiceRecord), each supportConditions record
 * another (ConditionRecord). Every serviceList record becomes an entry or is listed in
 * `problems` with its row (its place in `data`, from 1) and a reason naming the field; a field
 * left out of a kept entry (an unreadable link, date or phone, conditions that cannot be used)
 * is listed too, marked `kept`. Text is stored without control characters.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import * as z from 'zod';
import { Entry, type Criterion } from '../../db/catalogue/schema.js';
import { cleanText, kindOf, phonesInText, realDate, shown } from './text.js';

export interface Gov24Problem {
  row: number;
  reason: string;
  /** Set when the record was imported all the same; the reason says what was left out. */
  kept?: true;
}
export interface Gov24Import {
  entries: Entry[];
  problems: Gov24Problem[];
  /** Records in serviceList's data. */
  rows: number;
}
export class Gov24Error extends Error {}

/** Longest 서비스ID, 서비스명 and other text field kept (longer is a reason, not a cut). */
export const MAX_LENGTH = { id: 40, name: 300, text: 20_000 } as const;

/** A JSON text field: a string, or null / absent for empty; anything else is a reason naming the field. */
const text = (field: string, max: number, required = false) =>
  z.unknown().optional().transform((v, ctx) => {
    if (v !== null && v !== undefined && typeof v !== 'string') {
      ctx.addIssue({ code: 'custom', message: `${field} is ${kindOf(v)}, expected text` });
      return z.NEVER;
    }
    const s = cleanText(v ?? '');
    if (required && s === '') ctx.addIssue({ code: 'custom', message: `${field} is empty` });
    else if (s.length > max) ctx.addIssue({ code: 'custom', message: `${field} is longer than ${max} characters` });
    return s;
  });

const isWebAddress = (s: string) => /^https?:\/\//i.test(s) && z.string().url().safeParse(s).success;

/** The one schema a serviceList record passes; `notes` are what a kept entry leaves out. */
export const ServiceRecord = z
  .object(
    {
      서비스ID: text('서비스ID', MAX_LENGTH.id, true),
      서비스명: text('서비스명', MAX_LENGTH.name, true),
      서비스목적요약: text('서비스목적요약', MAX_LENGTH.text),
      지원대상: text('지원대상', MAX_LENGTH.text),
      선정기준: text('선정기준', MAX_LENGTH.text),
      지원내용: text('지원내용', MAX_LENGTH.text),
      신청방법: text('신청방법', MAX_LENGTH.text),
      신청기한: text('신청기한', MAX_LENGTH.text),
      상세조회URL: text('상세조회URL', MAX_LENGTH.text),
      소관기관명: text('소관기관명', MAX_LENGTH.text),
      소관기관유형: text('소관기관유형', MAX_LENGTH.text),
      서비스분야: text('서비스분야', MAX_LENGTH.text),
      지원유형: text('지원유형', MAX_LENGTH.text),
      접수기관: text('접수기관', MAX_LENGTH.text),
      전화문의: text('전화문의', MAX_LENGTH.text),
      수정일시: text('수정일시', MAX_LENGTH.text),
    },
    { error: (iss) => (iss.code === 'invalid_type' ? `is ${kindOf(iss.input)}, not a record (an object with 서비스ID, 서비스명, …)` : undefined) },
  )
  .transform((r) => {
    const notes: string[] = [];
    const url = r.상세조회URL && isWebAddress(r.상세조회URL) ? r.상세조회URL : undefined;
    if (r.상세조회URL && !url) notes.push(`상세조회URL ${shown(r.상세조회URL)} is not a web address (http/https); kept without a link`);
    const modified = r.수정일시 ? realDate(r.수정일시) : null;
    if (r.수정일시 && !modified) notes.push(`수정일시 ${shown(r.수정일시)} is not a date; kept with the import date`);
    const { numbers, unreadable } = phonesInText(r.전화문의);
    if (unreadable.length) notes.push(`전화문의 ${unreadable.map((u) => shown(u, 24)).join(', ')} ${unreadable.length === 1 ? 'is not a Korean phone number' : 'are not Korean phone numbers'}; kept without ${unreadable.length === 1 ? 'it' : 'them'}`);
    return { ...r, url, modified, phones: numbers, notes };
  });

const FLAG_KEY = /^JA\d{4}$/;
/** JA0110 / JA0111: the target age range, in years. */
const AGE_KEYS = ['JA0110', 'JA0111'];

/** The one schema a supportConditions record passes: 서비스ID, "Y"/"N"/empty flags, ages in years. */
export const ConditionRecord = z
  .object(
    { 서비스ID: text('서비스ID', MAX_LENGTH.id, true) },
    { error: (iss) => (iss.code === 'invalid_type' ? `is ${kindOf(iss.input)}, not a record` : undefined) },
  )
  .catchall(z.unknown())
  .transform((r, ctx) => {
    const flags = new Map<string, string>();
    for (const [k, v] of Object.entries(r)) {
      if (!FLAG_KEY.test(k)) continue;
      if (AGE_KEYS.includes(k)) {
        const s = typeof v === 'number' && Number.isInteger(v) ? String(v) : typeof v === 'string' ? cleanText(v) : v === null || v === undefined ? '' : null;
        if (s === null || (s !== '' && !(/^\d{1,3}$/.test(s) && Number(s) <= 150)))
          ctx.addIssue({ code: 'custom', message: `${k} is ${typeof v === 'string' ? shown(v) : kindOf(v)}, expected an age in years (0–150) or empty` });
        else flags.set(k, s === '' ? '' : String(Number(s)));
      } else {
        const s = typeof v === 'string' ? cleanText(v).toUpperCase() : v === null || v === undefined ? '' : null;
        if (s !== 'Y' && s !== 'N' && s !== '') ctx.addIssue({ code: 'custom', message: `${k} is ${typeof v === 'string' ? shown(v) : kindOf(v)}, expected Y, N or empty` });
        else flags.set(k, s);
      }
    }
    return { id: r.서비스ID, flags };
  });
type Flags = Map<string, string>;

const L = (ko: string, en: string) => ({ ko, en });

/**
 * JA0401 다문화가족 and JA0328 장애인, as our facts: the questionnaire's 다문화가족 and "장애가 있는 가족이
 * 있어요 (장애인 등록)". JA0328 is 보조금24's 장애인 flag (BRIEF's field list: "JA0328 disability"; the
 * Open API's JA0328–JA0330 are 장애인, 국가보훈대상자, 질병/질환자); it marks who the service is for, and
 * a household with a registered disability is one where that person lives — whose disability it must
 * be, and how severe, 보조금24 does not say in its flags (선정기준, shown on the page, may).
 */
const MULTICULTURAL: Criterion = {
  label: { ko: '다문화가족이에요', en: 'A multicultural family', vi: 'Là gia đình đa văn hóa', zh: '是多元文化家庭' },
  fact: 'household.multicultural',
  equals: true,
};
const DISABILITY: Criterion = {
  label: { ko: '장애가 있는 가족이 있어요 (장애인 등록)', en: 'Someone in the family has a registered disability', vi: 'Trong gia đình có người khuyết tật đã đăng ký', zh: '家里有登记的残疾人' },
  fact: 'household.disability',
  equals: true,
};
/** The household flags our facts can say: 다문화 and 다자녀 (2 or more children); the rest stay "to check". */
const HOUSEHOLD_FLAGS: Record<string, Criterion | undefined> = {
  JA0401: MULTICULTURAL,
  JA0411: { label: L('다자녀 가정이에요 (2명 이상)', 'A family with several children (2 or more)'), fact: 'children.count', min: 2 },
};

/** Flags → criteria (only where the meaning is the same as our facts'). */
function rulesFrom(c: Flags | undefined): Entry['eligibility_rules'] {
  if (!c) return { stated: false, reason: L('보조금24에 지원 조건 정보가 없어요 — 센터에 물어보세요.', 'No support conditions were published in 보조금24 — ask the centre.') };
  const Y = (k: string) => c.get(k) === 'Y';
  const criteria: Criterion[] = [];
  const unknown: string[] = [];
  const unknownEn: string[] = [];

  // Who (JA03xx): 예비부모/난임, 임산부, 출산/입양, 장애인 … ; JA0322 = 해당사항없음
  const who: Criterion[] = [];
  if (Y('JA0302')) who.push({ label: L('임신 중이에요', 'Pregnant'), fact: 'applicant.role', in: ['pregnant'] });
  if (Y('JA0301')) who.push({ label: L('예비 부모(임신 준비·난임)예요', 'Expecting or trying to conceive'), fact: 'applicant.role', in: ['pregnant', 'parent'] });
  if (Y('JA0328')) who.push(DISABILITY);
  const otherWho = ['JA0303', 'JA0317', 'JA0318', 'JA0319', 'JA0320', 'JA0326', 'JA0327'].filter(Y);
  if (Y('JA0322')) {
    /* 해당사항없음: no condition on who */
  } else if (who.length || otherWho.length) {
    if (otherWho.length) {
      unknown.push(`대상 조건 ${otherWho.join(', ')}`);
      unknownEn.push(`target conditions ${otherWho.join(', ')}`);
    } else criteria.push(who.length === 1 ? who[0]! : { label: L('대상에 해당해요', 'In the target group'), any_of: who });
  } else {
    unknown.push('대상 조건이 표시되지 않았어요');
    unknownEn.push('target conditions not given');
  }

  // Household (JA04xx): 다문화, 북한이탈주민, 한부모·조손, 1인가구, 다자녀, 무주택 … ; JA0410 = 해당사항없음
  // Flags of one group are alternatives ("or"): a criterion only when every flag given has one.
  const hh = ['JA0401', 'JA0402', 'JA0403', 'JA0404', 'JA0411', 'JA0412'].filter(Y);
  if (!Y('JA0410')) {
    const mapped = hh.map((k) => HOUSEHOLD_FLAGS[k]).filter((c) => c !== undefined);
    if (hh.length && mapped.length === hh.length) criteria.push(mapped.length === 1 ? mapped[0]! : { label: L('가구 조건에 해당해요', 'Meets a household condition'), any_of: mapped });
    else if (hh.length) {
      unknown.push(`가구 조건 ${hh.join(', ')}`);
      unknownEn.push(`household conditions ${hh.join(', ')}`);
    } else {
      unknown.push('가구 조건이 표시되지 않았어요');
      unknownEn.push('household conditions not given');
    }
  }

  // Income (JA0201–JA0205, bands of median income): a limit only when the flagged bands end at 100 %.
  const bands = ['JA0201', 'JA0202', 'JA0203', 'JA0204', 'JA0205'].map(Y);
  if (bands.every(Boolean)) {
    /* every band: no income condition */
  } else if (bands.some(Boolean)) {
    const top = bands.lastIndexOf(true);
    if (top === 2 && bands.slice(0, 3).every(Boolean)) criteria.push({ label: L('소득이 기준중위소득 100% 이하예요', 'Income at or below 100% of the median'), fact: 'household.income_band', income_at_most: 'under_median_100' });
    else {
      unknown.push(`소득 구간 ${['JA0201', 'JA0202', 'JA0203', 'JA0204', 'JA0205'].filter((_, i) => bands[i]).join(', ')}`);
      unknownEn.push('income bands as flagged');
    }
  } else {
    unknown.push('소득 조건이 표시되지 않았어요');
    unknownEn.push('income conditions not given');
  }

  const from = c.get('JA0110') ?? '';
  const to = c.get('JA0111') ?? '';
  if (from || to) {
    unknown.push(`대상 나이 ${from || '?'}~${to || '?'}세 (누구의 나이인지 표시되지 않음)`);
    unknownEn.push(`target age ${from || '?'}–${to || '?'} (whose age is not given)`);
  }
  const also = unknown.length ? { ko: `확인이 필요해요: ${unknown.join('; ')}.`, en: `To check: ${unknownEn.join('; ')}.` } : undefined;
  if (!criteria.length) return { stated: false, reason: also ?? L('조건이 없다고 표시되어 있어요 — 신청 전에 확인하세요.', 'Marked as having no conditions — check before applying.') };
  // Only for one group (다문화 or 장애 alone, not one of several alternatives): tagged like the catalogue's own, so the
  // finder labels it "다문화가족이라면" / "장애가 있는 가족이라면" while the household has not said.
  const groups = ([['multicultural', MULTICULTURAL], ['disability', DISABILITY]] as const).filter(([, c]) => criteria.includes(c)).map(([g]) => g);
  const for_group = groups.length === 1 ? groups[0] : undefined;
  return { stated: true, ...(for_group ? { for_group } : {}), criteria, also, cases: [], generated_from: 'gov24 supportConditions' };
}

const UNREADABLE_CONDITIONS = L('보조금24의 지원 조건 정보를 읽을 수 없었어요 — 센터에 물어보세요.', 'The support conditions in 보조금24 could not be read — ask the centre.');

const rowsOf = (data: unknown, file: string): unknown[] => {
  if (Array.isArray(data)) return data;
  const d = typeof data === 'object' && data !== null ? (data as { data?: unknown }).data : undefined;
  if (Array.isArray(d)) return d;
  throw new Gov24Error(`${file}: expected the Open API's JSON ({"data": [...]}) or an array of records`);
};

/** The 서비스ID of a record that failed its schema, when it has a readable one (for the reason). */
const idOf = (rec: unknown): string => {
  const v = (rec as { 서비스ID?: unknown } | null)?.서비스ID;
  return typeof v === 'string' ? cleanText(v) : '';
};
const listed = (rows: number[]) => `${rows.slice(0, -1).join(', ')} and ${rows.at(-1)}`;

/** What supportConditions says for one 서비스ID: the flags, or why they cannot be used. */
type Conditions = { rows: number[]; flags?: Flags; problem?: string };

function conditionsById(records: unknown[], file: string): Map<string, Conditions> {
  const byId = new Map<string, Conditions>();
  records.forEach((rec, i) => {
    const row = i + 1;
    const parsed = ConditionRecord.safeParse(rec);
    // A record without a readable 서비스ID belongs to no service: there is nothing to attach it to.
    const id = parsed.success ? parsed.data.id : idOf(rec);
    if (!id) return;
    const prev = byId.get(id);
    if (prev) {
      prev.rows.push(row);
      const same = parsed.success && prev.flags !== undefined && JSON.stringify([...prev.flags].sort()) === JSON.stringify([...parsed.data.flags].sort());
      if (!same) prev.flags = undefined;
      prev.problem = same
        ? `${file} has 서비스ID ${shown(id)} in rows ${listed(prev.rows)} with the same conditions; used once`
        : `${file} has 서비스ID ${shown(id)} in rows ${listed(prev.rows)}, and they differ or cannot be read; the conditions are treated as not readable`;
    } else if (parsed.success) byId.set(id, { rows: [row], flags: parsed.data.flags });
    else byId.set(id, { rows: [row], problem: `${file} row ${row}: ${parsed.error.issues.map((x) => x.message).join('; ')}; the conditions are treated as not readable` });
  });
  return byId;
}

export function readGov24(listJson: string, conditionsJson: string, files: { list: string; conditions: string }, today = new Date().toISOString().slice(0, 10)): Gov24Import {
  const parse = (t: string, f: string): unknown => {
    try {
      return JSON.parse(t.replace(/^\uFEFF/, ''));
    } catch {
      throw new Gov24Error(`${f}: not valid JSON`);
    }
  };
  const [listFile, conditionsFile] = [cleanText(files.list) || 'serviceList', cleanText(files.conditions) || 'supportConditions'];
  const list = rowsOf(parse(listJson, listFile), listFile);
  const conds = conditionsById(rowsOf(parse(conditionsJson, conditionsFile), conditionsFile), basename(conditionsFile) || 'supportConditions');
  const document = basename(listFile) || 'serviceList';
  const out: Gov24Import = { entries: [], problems: [], rows: list.length };
  const firstRow = new Map<string, number>();
  list.forEach((rec, i) => {
    const row = i + 1;
    const parsed = ServiceRecord.safeParse(rec);
    if (!parsed.success) {
      const id = idOf(rec);
      const reasons = parsed.error.issues.map((x) => x.message).join('; ');
      return void out.problems.push({ row, reason: id && id.length <= MAX_LENGTH.id ? `${reasons} (서비스ID ${id})` : reasons });
    }
    const r = parsed.data;
    const id = r.서비스ID;
    const earlier = firstRow.get(id);
    if (earlier !== undefined) return void out.problems.push({ row, reason: `서비스ID ${id} is a duplicate of row ${earlier}` });
    firstRow.set(id, row);
    const c = conds.get(id);
    const notes = [...r.notes, ...(c?.problem ? [c.problem] : [])];
    const verified = r.modified ?? today;
    const candidate = {
      id: `gov24-${createHash('sha1').update(id).digest('hex').slice(0, 10)}`,
      kind: 'policy',
      scope: r.소관기관유형 === '중앙행정기관' ? 'national' : 'gwangju',
      stages: ['infant'],
      category: 'allowance',
      title: { ko: r.서비스명, en: `${r.서비스명} (보조금24)`, vi: r.서비스명, zh: r.서비스명 },
      official_title: { ko: r.서비스명 },
      alt_names: [id],
      keywords: [r.서비스분야, r.지원유형].filter(Boolean),
      summary: { ko: r.서비스목적요약 || r.서비스명, en: `Imported from 보조금24 (Korean only): ${r.서비스명}` },
      who: r.지원대상 ? { ko: r.지원대상 } : undefined,
      what: r.지원내용 ? { ko: r.지원내용 } : undefined,
      how_to_apply: r.신청방법 || r.신청기한 ? { ko: [r.신청방법, r.신청기한 && `신청기한: ${r.신청기한}`].filter(Boolean).join(' ') } : undefined,
      where: r.접수기관 ? { ko: r.접수기관 } : undefined,
      online_url: r.url,
      phones: r.phones.map((number) => ({ number })),
      eligibility: r.선정기준 ? { description: { ko: r.선정기준 } } : undefined,
      eligibility_rules: c && !c.flags ? { stated: false, reason: UNREADABLE_CONDITIONS } : rulesFrom(c?.flags),
      organization: r.소관기관명 ? { name: { ko: r.소관기관명 } } : undefined,
      sources: [{ url: r.url, document: r.url ? undefined : document, title: `보조금24 서비스 ${id}`, date: verified, type: 'official' }],
      last_verified: verified,
      verify_before_use: false,
    };
    const entry = Entry.safeParse(candidate);
    if (!entry.success) {
      const [issue] = entry.error.issues; // a failed parse has at least one
      return void out.problems.push({ row, reason: `서비스ID ${id}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : entry.error.message}` });
    }
    out.entries.push(entry.data);
    for (const reason of notes) out.problems.push({ row, reason, kept: true });
  });
  return out;
}
