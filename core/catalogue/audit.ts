/**
 * What an operator must fix in the catalogue, entry by entry (`cli catalogue audit`): figures
 * that have expired or are older than last year, rules set until a day that has passed, no
 * phone, no official or dated source, sources all older than 12 months, and the texts a
 * policy or service lacks in English, Vietnamese or Chinese (the older figures in `history`
 * and the remarks about the sources in `source_notes` too). Also the language coverage that
 * `catalogue stats --json` reports. Pure: entries and a clock in, problems out.
 */
import type { Entry, HolidayCalendar, LocalText } from '../../db/catalogue/schema.js';
import { freshness, isoDay } from '../contract/freshness.js';

export type ProblemCode = 'figure_expired' | 'figure_old' | 'rule_expired' | 'no_phone' | 'no_official_or_dated_source' | 'sources_old' | 'language_missing' | 'holidays_ending';
export interface Problem {
  code: ProblemCode;
  field: string;
  detail: string;
}
export interface EntryAudit {
  id: string;
  problems: Problem[];
}

/**
 * The texts every policy and service has in every language (issue 11); `history` counts when
 * every one of its texts is, `source_notes` (shown in the page's 출처 section) like any other text.
 */
export const TRANSLATED_FIELDS = ['title', 'summary', 'who', 'what', 'amount', 'how_to_apply', 'documents', 'history', 'source_notes'] as const;
export const OTHER_LANGS = ['en', 'vi', 'zh'] as const;
type Field = (typeof TRANSLATED_FIELDS)[number];
type OtherLang = (typeof OTHER_LANGS)[number];

const written = (t: LocalText, lang: OtherLang): boolean => Boolean(t[lang]?.trim());

/** The years of the entry's history texts that lack the language. */
function historyMissing(e: Entry, lang: OtherLang): string[] {
  return e.history.filter((h) => !written(h.text, lang)).map((h) => h.year);
}

/** A field's text in one language, or undefined when the entry has no such field at all (nothing to translate). */
function has(e: Entry, f: Field, lang: OtherLang): boolean | undefined {
  if (f === 'history') return e.history.length ? historyMissing(e, lang).length === 0 : undefined;
  const t: LocalText | { ko: string[]; en?: string[]; vi?: string[]; zh?: string[] } | undefined = f === 'amount' ? e.amount?.text : e[f];
  if (!t) return undefined;
  const v = t[lang];
  return Array.isArray(v) ? v.length > 0 : typeof v === 'string' && v.trim().length > 0;
}

/** Twelve months before today, as YYYY-MM-DD. */
function yearBefore(now: Date): string {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return isoDay(d);
}

export function auditEntry(e: Entry, now: Date): Problem[] {
  const problems: Problem[] = [];
  if (e.status !== 'active') return problems; // an ended programme keeps its last figures as they were
  if (e.amount) {
    const f = freshness(e.amount, now);
    if (!f.current && f.why === 'expired') problems.push({ code: 'figure_expired', field: 'amount', detail: `set until ${f.until}; find the new figure` });
    if (!f.current && f.why === 'old') problems.push({ code: 'figure_old', field: 'amount.year', detail: `the figure holds for ${e.amount.year}; find this year's` });
  }
  const r = e.eligibility_rules;
  if (r?.stated && r.valid_until !== undefined && r.valid_until < isoDay(now)) problems.push({ code: 'rule_expired', field: 'eligibility_rules.valid_until', detail: `set until ${r.valid_until}; find the rule in force` });
  if (!e.phones.length) problems.push({ code: 'no_phone', field: 'phones', detail: 'add the sourced number of the entry or of the office that handles it' });
  const dated = e.sources.filter((s) => s.date !== 'unknown');
  if (!e.sources.some((s) => s.type === 'official') && !dated.length) problems.push({ code: 'no_official_or_dated_source', field: 'sources', detail: 'no official page and no dated source' });
  const newest = dated.map((s) => (s.date.length === 7 ? `${s.date}-01` : s.date)).sort().at(-1);
  if (newest && newest < yearBefore(now)) problems.push({ code: 'sources_old', field: 'sources', detail: `the newest source is from ${newest.slice(0, 7)}; check it again` });
  if (e.kind !== 'facility')
    for (const f of TRANSLATED_FIELDS)
      for (const lang of OTHER_LANGS)
        if (has(e, f, lang) === false)
          problems.push({ code: 'language_missing', field: `${f}.${lang}`, detail: f === 'history' ? `no ${lang} text for ${historyMissing(e, lang).join(', ')}` : `no ${lang} text` });
  return problems;
}

/** How long before the public-holiday calendar ends the audit asks for the next year (the 월력요항 comes out in late June). */
const HOLIDAYS_AHEAD_DAYS = 183;

/**
 * The public-holiday calendar (audited as the item "holidays"): ending within about six months,
 * or none at all — add the next year from its 월력요항 (db/catalogue/entries/holidays.yaml).
 */
export function auditHolidays(calendar: HolidayCalendar | null, now: Date): EntryAudit[] {
  if (!calendar) return [{ id: 'holidays', problems: [{ code: 'holidays_ending', field: 'holidays', detail: 'this catalogue ships no public-holiday calendar' }] }];
  const horizon = isoDay(new Date(now.getTime() + HOLIDAYS_AHEAD_DAYS * 86400_000));
  if (calendar.known_until >= horizon) return [];
  return [{ id: 'holidays', problems: [{ code: 'holidays_ending', field: 'holidays.known_until', detail: `known until ${calendar.known_until}; add the next year from its 월력요항` }] }];
}

/** Entries with something to fix, in id order. */
export function auditCatalogue(entries: readonly Entry[], now: Date): EntryAudit[] {
  return entries
    .map((e) => ({ id: e.id, problems: auditEntry(e, now) }))
    .filter((a) => a.problems.length)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Per language and field: how many policies and services have the field, and how many have it in that language. */
export function languageCoverage(entries: readonly Entry[]): Record<OtherLang, Record<Field, { have: number; of: number }>> {
  const out = Object.fromEntries(OTHER_LANGS.map((l) => [l, Object.fromEntries(TRANSLATED_FIELDS.map((f) => [f, { have: 0, of: 0 }]))])) as ReturnType<typeof languageCoverage>;
  for (const e of entries) {
    if (e.kind === 'facility') continue;
    for (const lang of OTHER_LANGS)
      for (const f of TRANSLATED_FIELDS) {
        const h = has(e, f, lang);
        if (h === undefined) continue;
        out[lang][f].of++;
        if (h) out[lang][f].have++;
      }
  }
  return out;
}
