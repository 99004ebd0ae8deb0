/**
 * Importer for 보조금24 (행정안전부 대한민국 공공서비스(혜택) 정보): `serviceList` and
 * `supportConditions` JSON as the Open API returns them ({"data": [...]}, or a bare array).
 * Text fields become a policy entry; "Y" flags become criteria where our facts can say the
 * same thing. A null flag is NOT "no restriction" — only 해당사항없음 (JA0322, JA0410) is; when
 * a group of conditions has no Y and no 해당사항없음, the entry says the condition is unknown.
 */
import { createHash } from 'node:crypto';
import { Entry, type Criterion } from '../../db/catalogue/schema.js';

export interface Gov24Import {
  entries: Entry[];
  problems: { row: number; reason: string }[];
}
export class Gov24Error extends Error {}

type Row = Record<string, unknown>;
const rowsOf = (data: unknown, file: string): Row[] => {
  const d = data as { data?: unknown };
  const rows = Array.isArray(data) ? data : Array.isArray(d?.data) ? d.data : null;
  if (!rows) throw new Gov24Error(`${file}: expected the Open API's JSON ({"data": [...]}) or an array of records`);
  return rows as Row[];
};
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v).trim());
const Y = (c: Row, k: string) => str(c[k]).toUpperCase() === 'Y';
const L = (ko: string, en: string) => ({ ko, en });

/** Flags → criteria (only where the meaning is the same as our facts'). */
function rulesFrom(c: Row | undefined): Entry['eligibility_rules'] {
  if (!c) return { stated: false, reason: L('보조금24에 지원 조건 정보가 없어요 — 센터에 물어보세요.', 'No support conditions were published in 보조금24 — ask the centre.') };
  const criteria: Criterion[] = [];
  const unknown: string[] = [];
  const unknownEn: string[] = [];

  // Who (JA03xx): 예비부모/난임, 임산부, 출산/입양 … ; JA0322 = 해당사항없음
  const who: Criterion[] = [];
  if (Y(c, 'JA0302')) who.push({ label: L('임신 중이에요', 'Pregnant'), fact: 'applicant.role', in: ['pregnant'] });
  if (Y(c, 'JA0301')) who.push({ label: L('예비 부모(임신 준비·난임)예요', 'Expecting or trying to conceive'), fact: 'applicant.role', in: ['pregnant', 'parent'] });
  const otherWho = ['JA0303', 'JA0317', 'JA0318', 'JA0319', 'JA0320', 'JA0326', 'JA0327', 'JA0328'].filter((k) => Y(c, k));
  if (Y(c, 'JA0322')) {
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

  // Household (JA04xx): 다문화, 한부모·조손, 1인가구, 다자녀, 무주택 … ; JA0410 = 해당사항없음
  const hh = ['JA0401', 'JA0402', 'JA0403', 'JA0404', 'JA0411', 'JA0412'].filter((k) => Y(c, k));
  if (!Y(c, 'JA0410')) {
    if (hh.length === 1 && hh[0] === 'JA0411') criteria.push({ label: L('다자녀 가정이에요 (2명 이상)', 'A family with several children (2 or more)'), fact: 'children.count', min: 2 });
    else if (hh.length) {
      unknown.push(`가구 조건 ${hh.join(', ')}`);
      unknownEn.push(`household conditions ${hh.join(', ')}`);
    } else {
      unknown.push('가구 조건이 표시되지 않았어요');
      unknownEn.push('household conditions not given');
    }
  }

  // Income (JA0201–JA0205, bands of median income): a limit only when the flagged bands end at 100 %.
  const bands = ['JA0201', 'JA0202', 'JA0203', 'JA0204', 'JA0205'].map((k) => Y(c, k));
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

  const from = str(c.JA0110);
  const to = str(c.JA0111);
  if (from || to) {
    unknown.push(`대상 나이 ${from || '?'}~${to || '?'}세 (누구의 나이인지 표시되지 않음)`);
    unknownEn.push(`target age ${from || '?'}–${to || '?'} (whose age is not given)`);
  }
  const also = unknown.length ? { ko: `확인이 필요해요: ${unknown.join('; ')}.`, en: `To check: ${unknownEn.join('; ')}.` } : undefined;
  if (!criteria.length) return { stated: false, reason: also ?? L('조건이 없다고 표시되어 있어요 — 신청 전에 확인하세요.', 'Marked as having no conditions — check before applying.') };
  return { stated: true, criteria, also, cases: [], generated_from: 'gov24 supportConditions' };
}

export function readGov24(listJson: string, conditionsJson: string, files: { list: string; conditions: string }, today = new Date().toISOString().slice(0, 10)): Gov24Import {
  const parse = (t: string, f: string) => {
    try {
      return JSON.parse(t);
    } catch {
      throw new Gov24Error(`${f}: not valid JSON`);
    }
  };
  const list = rowsOf(parse(listJson, files.list), files.list);
  const conds = new Map(rowsOf(parse(conditionsJson, files.conditions), files.conditions).map((c) => [str(c['서비스ID']), c]));
  const out: Gov24Import = { entries: [], problems: [] };
  list.forEach((r, i) => {
    const row = i + 1;
    const id = str(r['서비스ID']);
    const name = str(r['서비스명']);
    if (!id) return void out.problems.push({ row, reason: '서비스ID is empty' });
    if (!name) return void out.problems.push({ row, reason: `서비스명 is empty (서비스ID ${id})` });
    const summary = str(r['서비스목적요약']) || name;
    const url = str(r['상세조회URL']);
    const phones = [...str(r['전화문의']).matchAll(/(0\d{1,2}-\d{3,4}-\d{4}|1\d{3}-\d{4}|1\d{2}(?!\d))/g)].map((m) => ({ number: m[1] }));
    const deadline = str(r['신청기한']);
    const modified = str(r['수정일시']).slice(0, 10).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
    const verified = /^\d{4}-\d{2}-\d{2}$/.test(modified) ? modified : today;
    const org = str(r['소관기관명']);
    const text = (k: string) => (str(r[k]) ? { ko: str(r[k]) } : undefined);
    const candidate = {
      id: `gov24-${createHash('sha1').update(id).digest('hex').slice(0, 10)}`,
      kind: 'policy',
      scope: str(r['소관기관유형']) === '중앙행정기관' ? 'national' : 'gwangju',
      stages: ['infant'],
      category: 'allowance',
      title: { ko: name, en: `${name} (보조금24)`, vi: name, zh: name },
      official_title: { ko: name },
      alt_names: [id],
      keywords: [str(r['서비스분야']), str(r['지원유형'])].filter(Boolean),
      summary: { ko: summary, en: `Imported from 보조금24 (Korean only): ${name}` },
      who: text('지원대상'),
      what: text('지원내용'),
      how_to_apply: str(r['신청방법']) || deadline ? { ko: [str(r['신청방법']), deadline && `신청기한: ${deadline}`].filter(Boolean).join(' ') } : undefined,
      where: text('접수기관'),
      online_url: /^https?:\/\//.test(url) ? url : undefined,
      phones,
      eligibility: str(r['선정기준']) ? { description: { ko: str(r['선정기준']) } } : undefined,
      eligibility_rules: rulesFrom(conds.get(id)),
      organization: org ? { name: { ko: org } } : undefined,
      sources: [{ url: /^https?:\/\//.test(url) ? url : undefined, document: /^https?:\/\//.test(url) ? undefined : files.list, title: `보조금24 서비스 ${id}`, date: verified, type: 'official' }],
      last_verified: verified,
      verify_before_use: false,
    };
    const parsed = Entry.safeParse(candidate);
    if (!parsed.success) {
      const [issue] = parsed.error.issues; // a failed parse has at least one
      return void out.problems.push({ row, reason: `서비스ID ${id}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : parsed.error.message}` });
    }
    out.entries.push(parsed.data);
  });
  return out;
}
