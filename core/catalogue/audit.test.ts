import { describe, expect, it } from 'vitest';
import { Entry } from '../../db/catalogue/schema.js';
import { auditCatalogue, auditEntry, languageCoverage } from './audit.js';

const NOW = new Date('2026-12-01T10:00:00Z');
const base = {
  id: 'test-benefit',
  kind: 'policy',
  scope: 'gwangju',
  stages: ['infant'],
  category: 'allowance',
  title: { ko: '시험 수당', en: 'Test allowance', vi: 'Trợ cấp thử', zh: '测试津贴' },
  summary: { ko: '매달 받아요', en: 'Paid monthly', vi: 'Nhận hằng tháng', zh: '每月领取' },
  amount: { text: { ko: '월 10만원', en: 'KRW 100,000 a month', vi: '100.000 won mỗi tháng', zh: '每月10万韩元' }, year: '2026' },
  phones: [{ number: '062-222-1279' }],
  eligibility_rules: { stated: false, reason: { ko: '누구나' } },
  sources: [{ url: 'https://www.gwangju.go.kr/', title: '광주광역시', date: '2026-03-02', type: 'official' }],
  last_verified: '2026-12-01',
  verify_before_use: false,
};
const entry = (over: Record<string, unknown> = {}) => Entry.parse({ ...base, ...over });
const codes = (e: Entry) => auditEntry(e, NOW).map((p) => `${p.code} ${p.field}`);

describe('catalogue audit', () => {
  it('a current, sourced, phoned entry in four languages has nothing to fix', () => {
    expect(codes(entry())).toEqual([]);
    expect(auditCatalogue([entry()], NOW)).toEqual([]);
  });
  it('finds an expired figure, an old one, and an expired rule', () => {
    expect(codes(entry({ amount: { ...base.amount, valid_until: '2026-06-30' } }))).toEqual(['figure_expired amount']);
    expect(codes(entry({ amount: { ...base.amount, year: '2024' } }))).toEqual(['figure_old amount.year']);
    expect(codes(entry({ amount: { ...base.amount, year: '2025' } }))).toEqual([]); // last year's figure is still current
    const rules = { stated: true, valid_until: '2026-01-31', criteria: [{ label: { ko: '아이', en: 'Child' }, fact: 'children.count', min: 1 }], cases: [{ name: 'a', situation: {}, expected: 'unknown' }, { name: 'b', situation: {}, expected: 'unknown' }] };
    expect(codes(entry({ eligibility_rules: rules }))).toEqual(['rule_expired eligibility_rules.valid_until']);
  });
  it('finds no phone, no official or dated source, and sources all older than a year', () => {
    expect(codes(entry({ phones: [] }))).toEqual(['no_phone phones']);
    expect(codes(entry({ sources: [{ url: 'https://news.example/a', title: '뉴스', date: 'unknown', type: 'news' }] }))).toEqual(['no_official_or_dated_source sources']);
    expect(codes(entry({ sources: [{ url: 'https://news.example/a', title: '뉴스', date: '2025-10', type: 'news' }] }))).toEqual(['sources_old sources']);
    expect(codes(entry({ sources: [{ url: 'https://news.example/a', title: '뉴스', date: '2025-12', type: 'news' }] }))).toEqual([]);
  });
  it('names every text a policy lacks in a language, and leaves an ended programme alone', () => {
    expect(codes(entry({ summary: { ko: '매달 받아요', en: 'Paid monthly' }, who: { ko: '아이가 있는 집' } }))).toEqual([
      'language_missing summary.vi',
      'language_missing summary.zh',
      'language_missing who.en',
      'language_missing who.vi',
      'language_missing who.zh',
    ]);
    expect(codes(entry({ status: 'discontinued', phones: [], amount: { ...base.amount, year: '2020' } }))).toEqual([]);
  });
  it('names a history text a policy lacks in a language, with its year', () => {
    const full = { ko: '2025년에는 월 5만원이었어요.', en: 'In 2025 it was 50,000 won a month.', vi: 'Năm 2025 là 50.000 won mỗi tháng.', zh: '2025年每月5万韩元。' };
    const { vi: _vi, ...noVi } = full;
    expect(codes(entry({ history: [{ year: '2025', text: full }] }))).toEqual([]);
    const lacking = entry({ history: [{ year: '2024', text: full }, { year: '2025', text: noVi }] });
    expect(auditEntry(lacking, NOW).filter((p) => p.code === 'language_missing')).toEqual([{ code: 'language_missing', field: 'history.vi', detail: 'no vi text for 2025' }]);
    expect(codes(entry({ history: [{ year: '2025', text: { ko: full.ko, en: full.en } }] }))).toEqual(['language_missing history.vi', 'language_missing history.zh']);
    // a facility's texts are not held to four languages, its history neither
    expect(codes(entry({ kind: 'facility', location: { address: { ko: '광주' }, geo_precision: 'unknown' }, history: [{ year: '2025', text: noVi }] }))).toEqual([]);
  });
  it('names the source notes a policy lacks in a language', () => {
    const notes = { ko: '2025년 보도로 확인했어요.', en: 'From 2025 reports.', vi: 'Đã xác nhận qua báo chí năm 2025.', zh: '根据2025年的报道确认。' };
    const { vi: _vi, ...noVi } = notes;
    expect(codes(entry({ source_notes: notes }))).toEqual([]);
    expect(auditEntry(entry({ source_notes: noVi }), NOW).filter((p) => p.code === 'language_missing')).toEqual([{ code: 'language_missing', field: 'source_notes.vi', detail: 'no vi text' }]);
    expect(codes(entry({ source_notes: { ko: notes.ko, en: notes.en } }))).toEqual(['language_missing source_notes.vi', 'language_missing source_notes.zh']);
    // a facility's texts are not held to four languages by the audit (languages.test.ts holds them to its `translated`)
    expect(codes(entry({ kind: 'facility', location: { address: { ko: '광주' }, geo_precision: 'unknown' }, source_notes: noVi }))).toEqual([]);
  });
  it('reports coverage per language and field, counting only entries that have the field', () => {
    const c = languageCoverage([entry(), entry({ id: 'other', summary: { ko: '요약', en: 'Summary' } })]);
    expect(c.vi.summary).toEqual({ have: 1, of: 2 });
    expect(c.en.summary).toEqual({ have: 2, of: 2 });
    expect(c.zh.who).toEqual({ have: 0, of: 0 });
    expect(c.vi.history).toEqual({ have: 0, of: 0 });
    const h = languageCoverage([entry({ history: [{ year: '2025', text: { ko: '예전', en: 'Before', vi: 'Trước đây', zh: '以前' } }] }), entry({ id: 'other', history: [{ year: '2025', text: { ko: '예전', en: 'Before' } }] })]);
    expect(h.vi.history).toEqual({ have: 1, of: 2 });
    expect(h.en.history).toEqual({ have: 2, of: 2 });
    expect(h.vi.source_notes).toEqual({ have: 0, of: 0 });
    const n = languageCoverage([entry({ source_notes: { ko: '보도', en: 'Reports', vi: 'Báo chí', zh: '报道' } }), entry({ id: 'other', source_notes: { ko: '보도', en: 'Reports' } })]);
    expect(n.zh.source_notes).toEqual({ have: 1, of: 2 });
  });
});
