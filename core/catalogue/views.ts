/**
 * The entry-view service: catalogue entries as the contract shows them (text in the chosen
 * language, or Korean marked as such). The UI's calls, printing and the map all read entries
 * through these functions, over the catalogue a call has leased.
 */
import { freshness } from '../contract/freshness.js';
import type { Catalogue } from '../../db/catalogue/store.js';
import type { Entry, LocalText } from '../../db/catalogue/schema.js';
import type { EntrySummary, EntryView, FaqItem, Input, Lang, Output, Text } from '../contract/kiosk-api.js';
import { KioskApiError } from '../contract/result.js';
import { kst } from '../facilities/schedule.js';

/** The 1279 centre's own entry: its phones go on every sheet and the centre screen. */
export const CENTRE_ENTRY = 'gj-1279-counselling';

/** Catalogue text in the chosen language, or Korean (marked as such) when not written in it. */
export function pick(t: LocalText, lang: Lang): Text;
export function pick(t: LocalText | undefined, lang: Lang): Text | undefined;
export function pick(t: LocalText | undefined, lang: Lang): Text | undefined {
  if (!t) return undefined;
  const v = t[lang];
  return v ? { text: v, lang } : { text: t.ko, lang: 'ko' };
}

export function summarize(e: Entry, lang: Lang): EntrySummary {
  return {
    id: e.id,
    kind: e.kind,
    status: e.status,
    scope: e.scope,
    title: pick(e.title, lang),
    summary: pick(e.summary, lang),
    category: e.category,
    stages: e.stages,
    district: e.district ?? e.location?.district ?? null,
    verifyBeforeUse: e.verify_before_use,
  };
}

/** An entry that must exist, or the contract's not_found naming the field. */
export function requireEntry(cat: Catalogue, id: string, field = 'id'): Entry {
  const e = cat.entry(id);
  if (!e) throw new KioskApiError({ code: 'not_found', message: `no entry with id "${id}"; find ids with: cli search "<words>" --json`, field });
  return e;
}

function related(cat: Catalogue, e: Entry, lang: Lang): EntrySummary[] {
  const ids = e.kind === 'facility' ? e.services : cat.locationsOf(e.id);
  return ids.flatMap((id) => {
    const x = cat.entry(id);
    return x ? [summarize(x, lang)] : [];
  });
}

/** An entry's figure with the year it holds for, and whether it is still current (core/contract/freshness.ts). */
export function amountView(e: Entry, lang: Lang, now: Date): EntryView['amount'] {
  if (!e.amount) return undefined;
  const f = freshness(e.amount, now);
  return { text: pick(e.amount.text, lang), year: e.amount.year, current: f.current, until: e.amount.valid_until };
}

/** Whom to call before applying: the entry's first phone, else the 1279 centre (every page has a number). */
export function verifyPhone(cat: Catalogue, e: Entry, lang: Lang): EntryView['verifyPhone'] {
  const own = e.phones[0];
  if (own) return { number: own.number, label: pick(own.label, lang) };
  const centre = cat.entry(CENTRE_ENTRY);
  const c = centre?.phones[0];
  return c ? { number: c.number, label: pick(centre.title, lang) } : undefined;
}

export function entryView(cat: Catalogue, id: string, lang: Lang, now: Date = new Date()): EntryView {
  const e = requireEntry(cat, id);
  const docs = e.documents;
  const docLang: Lang = docs && docs[lang] ? lang : 'ko';
  return {
    ...summarize(e, lang),
    // the Korean official name stays beside a translation
    officialTitle: e.official_title ? (lang !== 'ko' && e.translated.includes(lang) ? { text: e.official_title.ko, lang: 'ko' } : pick(e.official_title, lang)) : undefined,
    translatedByTeam: lang !== 'ko' && e.translated.includes(lang) ? true : undefined,
    who: pick(e.who, lang),
    what: pick(e.what, lang),
    amount: amountView(e, lang, now),
    howToApply: pick(e.how_to_apply, lang),
    where: pick(e.where, lang),
    documents: docs ? { items: docs[docLang] ?? docs.ko, lang: docLang } : undefined,
    onlineUrl: e.online_url,
    phones: e.phones.map((p) => ({ number: p.number, label: pick(p.label, lang) })),
    verifyPhone: verifyPhone(cat, e, lang),
    eligibility: e.eligibility
      ? {
          description: pick(e.eligibility.description, lang),
          minAgeMonths: e.eligibility.min_age_months,
          maxAgeMonths: e.eligibility.max_age_months,
          applicantMinAge: e.eligibility.applicant_min_age,
          applicantMaxAge: e.eligibility.applicant_max_age,
        }
      : undefined,
    location: e.location ? { address: pick(e.location.address, lang), district: e.location.district, dong: e.location.dong, geoPrecision: e.location.geo_precision } : undefined,
    schedules: e.schedules.map((s) => ({ byday: s.byday, opensAt: s.opens_at, closesAt: s.closes_at, overnight: s.overnight, closedOnHolidays: s.closed_on_holidays, note: pick(s.note, lang) })),
    history: e.history.map((h) => ({ year: h.year, text: pick(h.text, lang) })),
    sources: e.sources.map((s) => ({ title: s.title, url: s.url, document: s.document, date: s.date, type: s.type })),
    sourceNotes: pick(e.source_notes, lang),
    lastVerified: e.last_verified,
    related: related(cat, e, lang),
  };
}

export function infoView(cat: Catalogue, now: Date = new Date()): Output<'info'> {
  const s = cat.stats();
  const h = cat.holidays();
  const today = kst(now).date;
  return {
    version: s.version,
    builtAt: s.built_at,
    entries: s.total,
    stages: cat.stageCounts(),
    holidays: { knownUntil: h?.known_until ?? null, days: h?.days.length ?? 0, ended: h ? h.known_until < today : false },
  };
}

export function searchView(cat: Catalogue, { query, limit, offset = 0, filters, lang }: Required<Pick<Input<'search'>, 'query'>> & { limit: number; offset?: number; filters: NonNullable<Input<'search'>['filters']>; lang: Lang }): Output<'search'> {
  const { hits, total, atLeast } = cat.searchPage(query, { limit, offset, filters });
  const text = cat.headlines(hits.map((h) => h.id), lang);
  return {
    total,
    atLeast,
    hits: hits.flatMap((h) => {
      const e = text.get(h.id);
      return e ? [{ id: h.id, kind: h.kind, stage: h.stage, score: h.score, title: pick(e.title, lang), summary: pick(e.summary, lang) }] : [];
    }),
  };
}

export function listView(cat: Catalogue, { stage, category, lang, offset, limit }: { stage?: Entry['stages'][number]; category?: string; lang: Lang; offset: number; limit: number }): Output<'list'> {
  return {
    categories: cat.categoryCounts(stage),
    total: cat.count({ stage, category }),
    entries: cat.entries({ stage, category }, { offset, limit, byCategory: true }).map((e) => summarize(e, lang)),
  };
}

export function centreView(cat: Catalogue, lang: Lang): Output<'faq'>['centre'] {
  const centre = cat.entry(CENTRE_ENTRY);
  return centre
    ? { entryId: centre.id, title: pick(centre.title, lang), phones: centre.phones.map((p) => ({ number: p.number, label: pick(p.label, lang) })), where: pick(centre.where, lang), what: pick(centre.what, lang) }
    : null;
}

export function faqView(cat: Catalogue, lang: Lang): Output<'faq'> {
  const items: FaqItem[] = cat.faq().map((q) => ({
    id: q.id,
    question: pick(q.question, lang),
    answer: pick(q.answer, lang),
    related: q.related.flatMap((id) => {
      const x = cat.entry(id);
      return x ? [{ id: x.id, title: pick(x.title, lang) }] : [];
    }),
  }));
  return { items, centre: centreView(cat, lang) };
}
