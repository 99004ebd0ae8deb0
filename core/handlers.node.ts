/**
 * The one handler registry: every KioskApi method implemented once, over the local catalogue.
 * Both hosts (web host now, Electron IPC later) call `invoke`, which validates the input with
 * the contract's schema, runs the handler and validates the output.
 */
import { z } from 'zod';
import type { Catalogue } from '../db/catalogue/store.js';
import type { Entry, LocalText } from '../db/catalogue/schema.js';
import { findEligible } from './eligibility/finder.js';
import { loadBoundaries } from './geo/boundaries.js';
import { listFacilities, locate, type KioskLocation } from './facilities/directory.js';
import { KioskApi, KioskApiError, isMethod, type Input, type Lang, type Method, type Output, type Text, type EntrySummary } from './contract/kiosk-api.js';

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

export const CENTRE_ENTRY = 'gj-1279-counselling';

type Handlers = { [M in Method]: (input: z.infer<KioskApi[M]['input']>) => Output<M> | Promise<Output<M>> };

/** What the host knows about this device: its data folder (imported map layers), where the kiosk stands, holidays. */
export interface HostContext {
  dataDir?: string;
  location?: KioskLocation;
  holidays?: string[];
  now?: () => Date;
}

export function createHandlers(cat: Catalogue, ctx: HostContext = {}): Handlers {
  const layers = () => ({ dongs: loadBoundaries(ctx.dataDir, 'dong'), gus: loadBoundaries(ctx.dataDir, 'gu') });
  const related = (e: Entry, lang: Lang): EntrySummary[] => {
    const ids =
      e.kind === 'facility'
        ? e.services
        : (cat.db.prepare('SELECT location_id FROM service_at_location WHERE service_id = ? ORDER BY location_id').pluck().all(e.id) as string[]);
    return ids.map((id) => cat.entry(id)).filter((x): x is Entry => x !== null).map((x) => summarize(x, lang));
  };
  return {
    info: () => {
      const s = cat.stats();
      return { version: s.version, builtAt: s.built_at, entries: s.total, stages: Object.entries(s.by_stage).map(([id, count]) => ({ id: id as never, count })) };
    },
    search: ({ query, limit, filters, lang }) => {
      const hits = cat.search(query, { limit, filters });
      const text = cat.headlines(hits.map((h) => h.id), lang);
      return {
        hits: hits.flatMap((h) => {
          const e = text.get(h.id);
          return e ? [{ id: h.id, kind: h.kind, stage: h.stage, score: h.score, title: pick(e.title, lang), summary: pick(e.summary, lang) }] : [];
        }),
      };
    },
    list: ({ stage, category, lang, offset, limit }) => ({
      categories: cat.categoryCounts(stage),
      total: cat.count({ stage, category }),
      entries: cat.entries({ stage, category }, { offset, limit }).map((e) => summarize(e, lang)),
    }),
    entry: ({ id, lang }) => {
      const e = cat.entry(id);
      if (!e) throw new KioskApiError({ code: 'not_found', message: `no entry with id "${id}"`, field: 'id' });
      const docs = e.documents;
      const docLang: Lang = docs && docs[lang] ? lang : 'ko';
      return {
        ...summarize(e, lang),
        officialTitle: pick(e.official_title, lang),
        who: pick(e.who, lang),
        what: pick(e.what, lang),
        amount: e.amount ? { text: pick(e.amount.text, lang), year: e.amount.year } : undefined,
        howToApply: pick(e.how_to_apply, lang),
        where: pick(e.where, lang),
        documents: docs ? { items: docs[docLang] ?? docs.ko, lang: docLang } : undefined,
        onlineUrl: e.online_url,
        phones: e.phones.map((p) => ({ number: p.number, label: pick(p.label, lang) })),
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
        lastVerified: e.last_verified,
        related: related(e, lang),
      };
    },
    eligible: ({ situation, lang }) => {
      const entries = cat.entriesWithRules();
      const byId = new Map(entries.map((e) => [e.id, e]));
      return {
        findings: findEligible(entries, situation, lang).map((f) => {
          const e = byId.get(f.id)!;
          const r = e.eligibility_rules;
          return { id: f.id, title: pick(e.title, lang), result: f.result, reasons: f.reasons, also: r?.stated ? pick(r.also, lang) : undefined };
        }),
      };
    },
    facilities: ({ category, district, openNow, lang }) => {
      const { dongs, gus } = layers();
      const loc = ctx.location;
      const origin = loc ? locate(loc, dongs, gus) : null;
      const all = cat.entries({ kind: 'facility' });
      const listed = listFacilities(all, { origin, dongs, gus, now: (ctx.now ?? (() => new Date()))(), holidays: ctx.holidays ?? [], district, category, openNow });
      const counts = new Map<string, number>();
      for (const e of all) if (e.status === 'active') counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
      return {
        origin: origin && loc ? { label: loc.lon !== undefined ? `${loc.lon},${loc.lat}` : [loc.district, loc.dong].filter(Boolean).join(' '), place: origin } : null,
        categories: [...counts].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count),
        items: listed.map((l) => ({ ...summarize(l.entry, lang), place: l.place, distanceKm: l.distanceKm, open: l.status.open, today: l.status.today, holiday: l.status.holiday })),
      };
    },
    sheet: async ({ id, large, lang }) => {
      if (!cat.entry(id)) throw new KioskApiError({ code: 'not_found', message: `no entry with id "${id}"`, field: 'id' });
      const { sheetHtml } = await import('./print/print.node.js');
      const { PRINT_CSS } = await import('./print/sheet.js');
      return { html: (await sheetHtml(cat, ctx, id, { lang, large })).section, css: PRINT_CSS };
    },
    map: () => {
      const { dongs, gus } = layers();
      const layer = gus ?? dongs;
      return { areas: (layer?.areas ?? []).map((a) => ({ gu: a.gu, dong: a.dong, geometry: a.geometry })) };
    },
    faq: ({ lang }) => {
      const centre = cat.entry(CENTRE_ENTRY);
      return {
        items: cat.faq().map((q) => ({
          id: q.id,
          question: pick(q.question, lang),
          answer: pick(q.answer, lang),
          related: q.related.map((id) => cat.entry(id)).filter((x): x is Entry => x !== null).map((x) => ({ id: x.id, title: pick(x.title, lang) })),
        })),
        centre: centre
          ? { entryId: centre.id, title: pick(centre.title, lang), phones: centre.phones.map((p) => ({ number: p.number, label: pick(p.label, lang) })), where: pick(centre.where, lang), what: pick(centre.what, lang) }
          : null,
      };
    },
  };
}

export type Registry = { invoke: <M extends Method>(method: M, input: Input<M> | unknown) => Promise<Output<M>>; invokeRaw: (method: string, input: unknown) => Promise<unknown> };

/** Validation around every call: bad input is a `bad_request` naming the field; output is checked against the contract too. */
export function createRegistry(cat: Catalogue, ctx: HostContext = {}): Registry {
  const handlers = createHandlers(cat, ctx);
  const invokeRaw = async (method: string, input: unknown): Promise<unknown> => {
    if (!isMethod(method)) throw new KioskApiError({ code: 'not_found', message: `unknown method "${method}"` });
    const spec = KioskApi[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new KioskApiError({ code: 'bad_request', message: `${i.path.join('.') || 'input'}: ${i.message}`, field: i.path.join('.') || undefined });
    }
    const out = await (handlers[method] as (x: unknown) => unknown)(parsed.data);
    return spec.output.parse(out);
  };
  return { invokeRaw, invoke: (m, input) => invokeRaw(m, input) as never };
}
