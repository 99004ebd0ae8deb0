/**
 * The hub's Open API: read-only and public, shaped after Open Referral HSDS 3.0, over the newest
 * published catalogue. Routes, parameters and response shapes are those of the OpenAPI document
 * (openapi-document.ts, served at /openapi/v1/openapi.json); the query strings are validated
 * with Fastify's JSON schemas taken from it. Search is the catalogue's own (Catalogue.searchPage:
 * the kiosk's Korean-aware ranking). No SQL here: every read is a Catalogue method (db/).
 *
 * Registered in an encapsulated plugin under /openapi/v1: its rate limit (per client address),
 * CORS header, error and not-found handlers apply to these routes only, not to the hub's others.
 */
import { createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Catalogue, EntryListFilter, LocationRow, OrganizationRow } from '../../db/catalogue/store.js';
import { CATEGORIES, type Entry, type Kind, type LocalText } from '../../db/catalogue/schema.js';
import type { SearchFilters } from '../../db/search/searcher.js';
import { LANGS, STAGE_IDS, STAGES, type Lang, type StageId } from '../../core/contract/lists.js';
import ko from '../../core/contract/locales/ko.json' with { type: 'json' };
import en from '../../core/contract/locales/en.json' with { type: 'json' };
import vi from '../../core/contract/locales/vi.json' with { type: 'json' };
import zh from '../../core/contract/locales/zh.json' with { type: 'json' };
import {
  CATEGORY_IDS,
  DEFAULT_PER_PAGE,
  ID_NAMESPACE,
  MAX_PER_PAGE,
  OPENAPI_DOCUMENT,
  OPENAPI_PREFIX,
  PARAMETERS,
  PROFILE,
  ROUTES,
  paramsSchema,
  queryParameterNames,
  querystringSchema,
  type ParameterName,
  type RouteDef,
} from './openapi-document.js';

export interface OpenApiOptions {
  /** the newest published catalogue, or null before one is published: called on every request (the hub replaces it) */
  catalogue: () => Catalogue | null;
  /** per client address; default 120 requests a minute */
  rateLimit?: { max: number; timeWindow: string | number };
}

export const DEFAULT_RATE_LIMIT = { max: 120, timeWindow: '1 minute' } as const;

/* ---------- Ids: UUIDv5 (RFC 9562 §5.5) of "<type>:<our id>" in the project's namespace ---------- */

export function uuidv5(name: string, namespace: string = ID_NAMESPACE): string {
  const h = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
export const publicId = (type: 'service' | 'location' | 'organization' | 'taxonomy' | 'taxonomy_term', ourId: string): string => uuidv5(`${type}:${ourId}`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Public ids back to the catalogue's, per open catalogue (built on first use; a replaced catalogue is a new object). */
const reverse = new WeakMap<Catalogue, { version: string | undefined; byUuid: Map<string, { type: 'service' | 'facility' | 'location' | 'organization'; id: string }> }>();
function fromUuid(c: Catalogue, uuid: string) {
  const version = c.meta('version');
  let r = reverse.get(c);
  if (!r || r.version !== version) {
    const ids = c.identifiers();
    const byUuid = new Map<string, { type: 'service' | 'facility' | 'location' | 'organization'; id: string }>();
    for (const e of ids.entries) byUuid.set(publicId('service', e.id), { type: e.kind === 'facility' ? 'facility' : 'service', id: e.id });
    for (const id of ids.locations) byUuid.set(publicId('location', id), { type: 'location', id });
    for (const id of ids.organizations) byUuid.set(publicId('organization', id), { type: 'organization', id });
    reverse.set(c, (r = { version, byUuid }));
  }
  return r.byUuid.get(uuid.toLowerCase()) ?? null;
}

/* ---------- Errors ---------- */

class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: { error: string; parameter?: string; message: string },
  ) {
    super(body.message);
  }
}
const badParameter = (parameter: string, message: string) => new ApiError(400, { error: 'bad_request', parameter, message });
const notFound = (message: string) => new ApiError(404, { error: 'not_found', message });
const accepted = (name: string) => (name in PARAMETERS ? PARAMETERS[name as ParameterName].accepted : '');

/* ---------- Text in the language asked for ---------- */

/** Picks each text in the language asked for where written, else Korean, and records which it gave. */
class Texts {
  readonly langs: Record<string, Lang> = {};
  constructor(readonly lang: Lang) {}
  pick(field: string, t: LocalText | undefined | null): string | null {
    if (!t) return null;
    const v = t[this.lang];
    this.langs[field] = v ? this.lang : 'ko';
    return v ?? t.ko;
  }
  /** the English text (the Korean one when English is asked for) */
  other(field: string, t: LocalText): string | null {
    const l: Lang = this.lang === 'en' ? 'ko' : 'en';
    const v = t[l];
    if (v) this.langs[field] = l;
    return v ?? null;
  }
}

/* ---------- Taxonomy: the life stages and the categories ---------- */

type TaxonomyId = 'stage' | 'category';
const LOCALES: Partial<Record<Lang, { stage: Record<string, string>; stageHint: Record<string, string>; category: Record<string, string> }>> = { en, vi, zh };
/** "2026년 기준", "As of 2026", … — the kiosk's own words for the year an amount holds for. */
const asOf = (lang: Lang, year: string) => ({ ko, en, vi, zh })[lang].entry.amountYear.replace('{{year}}', year);
const TAXONOMIES: Record<TaxonomyId, { name: LocalText; description: LocalText }> = {
  stage: { name: { ko: '생애주기', en: 'Life stages' }, description: { ko: '아이친구 카탈로그의 생애주기', en: 'The life stages the catalogue sorts its entries by, from pregnancy to young adulthood.' } },
  category: { name: { ko: '분야', en: 'Categories' }, description: { ko: '아이친구 카탈로그의 분야', en: 'What kind of help an entry is: allowances and vouchers, childcare services, counselling, …' } },
};
interface Term {
  id: string;
  taxonomy: TaxonomyId;
  code: string;
  name: LocalText;
  description: LocalText;
}
const local = (ko: string, pick: (l: NonNullable<(typeof LOCALES)[Lang]>) => string | undefined): LocalText => {
  const t: LocalText = { ko };
  for (const l of ['en', 'vi', 'zh'] as const) {
    const loc = LOCALES[l];
    const v = loc ? pick(loc) : undefined;
    if (v) t[l] = v;
  }
  return t;
};
export const TERMS: Term[] = [
  ...STAGE_IDS.map((s) => ({
    id: publicId('taxonomy_term', `stage:${s}`),
    taxonomy: 'stage' as const,
    code: s,
    name: local(STAGES[s], (l) => l.stage[s]),
    description: local(ko.stageHint[s], (l) => l.stageHint[s]),
  })),
  ...CATEGORY_IDS.map((c) => ({ id: publicId('taxonomy_term', `category:${c}`), taxonomy: 'category' as const, code: c, name: local(CATEGORIES[c], (l) => l.category[c]), description: { ko: '' } })),
];
const TERM_BY_UUID = new Map(TERMS.map((t) => [t.id, t]));
const TERM_BY_CODE = new Map(TERMS.map((t) => [`${t.taxonomy}:${t.code}`, t]));

function termObject(t: Term, lang: Lang) {
  const x = new Texts(lang);
  const name = x.pick('name', t.name)!;
  const description = x.pick('description', t.description)!;
  return {
    id: t.id,
    code: t.code,
    name,
    description,
    parent_id: null,
    taxonomy: `aichingu:${t.taxonomy}`,
    taxonomy_id: publicId('taxonomy', t.taxonomy),
    language: x.langs.name!,
    term_uri: null,
    'x-aichingu': { id: `${t.taxonomy}:${t.code}`, field_languages: x.langs },
  };
}

function taxonomyObject(id: TaxonomyId, lang: Lang) {
  const x = new Texts(lang);
  return {
    id: publicId('taxonomy', id),
    name: x.pick('name', TAXONOMIES[id].name)!,
    description: x.pick('description', TAXONOMIES[id].description)!,
    uri: null,
    version: null,
    'x-aichingu': { id, field_languages: x.langs },
  };
}

/* ---------- Catalogue entries in HSDS shape ---------- */

const STATUS = { active: 'active', planned: 'inactive', discontinued: 'defunct' } as const;
const SERVICE_KINDS: readonly Kind[] = ['policy', 'service'];

/** `last_verified` (a day, or a month) as the start of that day in Korea time. */
const lastModified = (d: string) => `${d.length === 7 ? `${d}-01` : d}T00:00:00+09:00`;

const sources = (e: Entry) => e.sources.map((s) => ({ title: s.title, url: s.url ?? null, document: s.document ?? null, date: s.date, type: s.type }));

function phones(e: Entry, lang: Lang) {
  const seen = new Set<string>();
  return e.phones.map((p, i) => {
    let key = `${e.id}:${p.number}`;
    if (seen.has(key)) key += `:${i}`;
    seen.add(key);
    const x = new Texts(lang);
    return { id: uuidv5(`phone:${key}`), number: p.number, description: x.pick('description', p.label), 'x-aichingu': { field_languages: x.langs } };
  });
}

function toService(e: Entry, lang: Lang, org: OrganizationRow | undefined, locationIds: string[]) {
  const x = new Texts(lang);
  const id = publicId('service', e.id);
  const name = x.pick('name', e.title)!;
  const alternateName = x.other('alternate_name', e.title);
  const description = x.pick('description', e.summary)!;
  const fees = e.amount ? `${x.pick('fees_description', e.amount.text)} — ${asOf(x.langs.fees_description!, e.amount.year)}` : null;
  // The eligibility description where it is written in the language asked for, else who it is for; else either in Korean.
  const eligibilityText = [e.eligibility?.description, e.who].find((t) => t?.[lang]) ?? e.eligibility?.description ?? e.who;
  const eligibility = x.pick('eligibility_description', eligibilityText);
  const apply = x.pick('application_process', e.how_to_apply);
  const orgName = org ? x.pick('organization.name', org.name)! : null;
  const officialName = x.pick('official_name', e.official_title);
  const attribute = (taxonomy: TaxonomyId, code: string) => {
    const term = TERM_BY_CODE.get(`${taxonomy}:${code}`)!;
    return {
      id: uuidv5(`attribute:${e.id}:${taxonomy}:${code}`),
      link_id: id,
      link_type: taxonomy === 'stage' ? 'life_stage' : 'category',
      link_entity: 'service',
      taxonomy_term_id: term.id,
      taxonomy_term: termObject(term, lang),
    };
  };
  return {
    id,
    name,
    alternate_name: alternateName,
    description,
    url: e.online_url ?? null,
    email: null,
    status: STATUS[e.status],
    fees_description: fees,
    eligibility_description: eligibility,
    application_process: apply,
    last_modified: lastModified(e.last_verified),
    organization_id: org ? publicId('organization', org.id) : null,
    organization: org ? { id: publicId('organization', org.id), name: orgName!, description: '', website: org.url } : null,
    phones: phones(e, lang),
    attributes: [...e.stages.map((s) => attribute('stage', s)), attribute('category', e.category)],
    service_at_locations: locationIds.map((l) => ({ id: uuidv5(`service_at_location:${e.id}:${l}`), service_id: id, location_id: publicId('location', l) })),
    'x-aichingu': {
      id: e.id,
      kind: e.kind,
      scope: e.scope,
      district: e.district ?? null,
      stages: e.stages,
      category: e.category,
      official_name: officialName,
      language: lang,
      field_languages: x.langs,
      languages_available: LANGS.filter((l) => e.title[l] && e.summary[l]),
      translated_by_team: e.translated,
      amount: e.amount ? { year: e.amount.year, valid_from: e.amount.valid_from ?? null, valid_until: e.amount.valid_until ?? null } : null,
      last_verified: e.last_verified,
      verify_before_use: e.verify_before_use,
      sources: sources(e),
    },
  };
}

const POSITION_NOTE = {
  exact: 'The position comes from a source.',
  dong: 'Only its 행정동 is known: any position shown for it is approximate (the area centroid).',
  district: 'Only its 자치구 is known: any position shown for it is approximate (the district centroid).',
  unknown: 'Its position is not known.',
} as const;

function toLocation(row: LocationRow, e: Entry, lang: Lang, serviceIds: string[]) {
  const x = new Texts(lang);
  const id = publicId('location', row.id);
  const name = x.pick('name', e.title)!;
  const alternateName = x.other('alternate_name', e.title);
  const description = x.pick('description', e.summary)!;
  const address = x.pick('address_1', e.location?.address) ?? row.addressKo;
  if (!e.location) x.langs.address_1 = 'ko';
  const inGwangju = row.district !== null || row.addressKo.startsWith('광주');
  return {
    id,
    location_type: 'physical',
    name,
    alternate_name: alternateName,
    description,
    ...(row.lat !== null && row.lon !== null ? { latitude: row.lat, longitude: row.lon } : {}),
    addresses: [
      {
        id: uuidv5(`address:${row.id}`),
        location_id: id,
        address_1: address,
        city: inGwangju ? '광주광역시' : null,
        region: row.district,
        state_province: inGwangju ? '광주광역시' : null,
        postal_code: null,
        country: 'KR',
        address_type: 'physical',
      },
    ],
    phones: phones(e, lang),
    schedules: e.schedules.map((s, i) => {
      const sx = new Texts(lang);
      return {
        id: uuidv5(`schedule:${row.id}:${i}`),
        location_id: id,
        freq: 'WEEKLY',
        byday: s.byday.join(','),
        opens_at: s.opens_at,
        closes_at: s.closes_at,
        notes: sx.pick('notes', s.note),
        'x-aichingu': { overnight: s.overnight, closed_on_holidays: s.closed_on_holidays, field_languages: sx.langs },
      };
    }),
    'x-aichingu': {
      id: row.id,
      status: e.status,
      geo_precision: row.geoPrecision,
      approximate: row.geoPrecision === 'dong' || row.geoPrecision === 'district',
      position_note: POSITION_NOTE[row.geoPrecision],
      district: row.district,
      dong: row.dong,
      service_ids: serviceIds.map((s) => publicId('service', s)),
      language: lang,
      field_languages: x.langs,
      last_verified: e.last_verified,
      verify_before_use: e.verify_before_use,
      sources: sources(e),
    },
  };
}

function toOrganization(o: OrganizationRow, lang: Lang) {
  const x = new Texts(lang);
  return {
    id: publicId('organization', o.id),
    name: x.pick('name', o.name)!,
    alternate_name: x.other('alternate_name', o.name),
    description: '',
    email: null,
    website: o.url,
    'x-aichingu': { id: o.id, language: lang, field_languages: x.langs },
  };
}

/* ---------- Paging ---------- */

interface ListQuery {
  page: number;
  per_page: number;
  lang: Lang;
}

function pageOf<T>(contents: T[], total: number, q: ListQuery, ext: { catalogue_version: string | null; total_items_at_least?: boolean }) {
  const totalPages = Math.ceil(total / q.per_page);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: q.page,
    size: contents.length,
    first_page: q.page === 1,
    last_page: q.page >= totalPages,
    empty: contents.length === 0,
    contents,
    'x-aichingu': ext,
  };
}
const slice = <T>(all: T[], q: ListQuery) => all.slice((q.page - 1) * q.per_page, q.page * q.per_page);
/** The query as validated (Fastify's schema fills in the defaults; repeated here should a host's Ajv not use defaults). */
function listQuery<T extends object = object>(req: FastifyRequest): ListQuery & Partial<T> {
  const q = req.query as Partial<ListQuery> & Partial<T>;
  return { ...q, page: q.page ?? 1, per_page: q.per_page ?? DEFAULT_PER_PAGE, lang: q.lang ?? 'ko' };
}
const langOf = (req: FastifyRequest): Lang => (req.query as { lang?: Lang }).lang ?? 'ko';

/* ---------- The plugin ---------- */

export async function registerOpenApi(app: FastifyInstance, opts: OpenApiOptions): Promise<void> {
  await app.register(
    async (api) => {
      // Before the routes: the limit is attached to each route registered after it, in this context only.
      await api.register(rateLimit, { ...(opts.rateLimit ?? DEFAULT_RATE_LIMIT) });

      api.addHook('onSend', async (_req, reply, payload) => {
        reply.header('access-control-allow-origin', '*');
        reply.header('access-control-expose-headers', 'retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset');
        return payload;
      });

      api.setErrorHandler((err: FastifyError, req, reply) => {
        if (err instanceof ApiError) return reply.code(err.statusCode).send(err.body);
        if (err.validation?.length) {
          const v = err.validation[0]!;
          const path = v.instancePath.replace(/^\//, '').split('/')[0];
          const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
          const parameter = path || missing || (err.validationContext === 'params' ? 'id' : 'query');
          return reply.code(400).send({ error: 'bad_request', parameter, message: `${parameter} ${v.message ?? 'is not accepted'}; accepted: ${accepted(parameter)}` });
        }
        if (err.statusCode === 429) return reply.code(429).send({ error: 'rate_limited', message: err.message });
        if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
          return reply.code(err.statusCode).send({ error: err.statusCode === 404 ? 'not_found' : 'bad_request', message: err.message });
        req.log.error({ err }, 'open api: request failed');
        return reply.code(500).send({ error: 'internal', message: 'the request failed on the hub' });
      });

      api.setNotFoundHandler((req, reply) =>
        reply.code(404).send({ error: 'not_found', message: `no such route: ${req.method} ${req.url.split('?')[0]}; the routes are listed at ${OPENAPI_PREFIX}/openapi.json` }),
      );

      const catalogue = (): Catalogue => {
        const c = opts.catalogue();
        if (!c) throw new ApiError(503, { error: 'no_catalogue', message: 'no catalogue has been published yet' });
        return c;
      };

      const handlers: Record<string, (req: FastifyRequest) => unknown> = {
        '/': (req) => ({
          version: '3.0',
          profile: PROFILE,
          openapi_url: `${req.protocol}://${req.host || 'localhost'}${OPENAPI_PREFIX}/openapi.json`,
          description: OPENAPI_DOCUMENT.info.summary,
        }),

        '/openapi.json': () => OPENAPI_DOCUMENT,

        '/services': (req) => {
          const q = listQuery<{ search: string; modified_after: string; taxonomy_term_id: string }>(req);
          const c = catalogue();
          const filter: EntryListFilter & SearchFilters = { kinds: SERVICE_KINDS as Kind[] };
          if (q.taxonomy_term_id !== undefined) {
            const term = TERM_BY_UUID.get(q.taxonomy_term_id.toLowerCase()) ?? TERM_BY_CODE.get(q.taxonomy_term_id);
            if (!term) throw badParameter('taxonomy_term_id', `taxonomy_term_id: no taxonomy term has the id ${q.taxonomy_term_id}; accepted: ${accepted('taxonomy_term_id')}`);
            if (term.taxonomy === 'stage') filter.stage = term.code as StageId;
            else filter.category = term.code;
          }
          const since = q.modified_after === undefined ? undefined : koreaDay(q.modified_after);
          const offset = (q.page - 1) * q.per_page;
          const search = q.search?.trim() ?? '';
          let ids: string[];
          let total: number;
          let atLeast: boolean | undefined;
          if (search) {
            const searchFilters: SearchFilters = { kinds: filter.kinds as string[], stage: filter.stage, category: filter.category };
            if (since === undefined) {
              const p = c.searchPage(search, { filters: searchFilters, limit: q.per_page, offset });
              ({ total, atLeast } = p);
              ids = p.hits.map((h) => h.id);
            } else {
              // modified_after is not a search filter: rank every match (a pool of at most a few hundred), then keep those verified since.
              const ranked: string[] = [];
              const first = c.searchPage(search, { filters: searchFilters, limit: MAX_PER_PAGE });
              ranked.push(...first.hits.map((h) => h.id));
              for (let o = MAX_PER_PAGE; o < first.total; o += MAX_PER_PAGE) ranked.push(...c.searchPage(search, { filters: searchFilters, limit: MAX_PER_PAGE, offset: o }).hits.map((h) => h.id));
              const kept = c.entryIdsWhere(ranked, { verifiedOnOrAfter: since });
              atLeast = first.atLeast;
              total = kept.length;
              ids = kept.slice(offset, offset + q.per_page);
            }
          } else {
            const l = c.listEntries({ ...filter, verifiedOnOrAfter: since }, { offset, limit: q.per_page });
            total = l.total;
            ids = l.entries.map((e) => e.id);
          }
          const entries = c.entriesById(ids);
          const orgs = c.organizationsOf(ids);
          const locs = c.locationsOfServices(ids);
          const contents = entries.map((e) => toService(e, q.lang, orgs.get(e.id), locs.get(e.id) ?? []));
          return pageOf(contents, total, q, { catalogue_version: c.version, ...(atLeast === undefined ? {} : { total_items_at_least: atLeast }) });
        },

        '/services/{id}': (req) => {
          const { id } = req.params as { id: string };
          const lang = langOf(req);
          const c = catalogue();
          const ourId = UUID.test(id) ? fromUuid(c, id)?.id : id;
          const e = ourId ? c.entry(ourId) : null;
          if (!e) throw notFound(`no service has the id ${id}`);
          if (e.kind === 'facility') throw notFound(`${id} is a facility, not a service: see ${OPENAPI_PREFIX}/locations/${e.id}`);
          return toService(e, lang, c.organizationsOf([e.id]).get(e.id), c.locationsOfServices([e.id]).get(e.id) ?? []);
        },

        '/locations': (req) => {
          const q = listQuery(req);
          const c = catalogue();
          const { locations, total } = c.locations({ offset: (q.page - 1) * q.per_page, limit: q.per_page });
          return pageOf(locationObjects(c, locations, q.lang), total, q, { catalogue_version: c.version });
        },

        '/locations/{id}': (req) => {
          const { id } = req.params as { id: string };
          const lang = langOf(req);
          const c = catalogue();
          const ourId = UUID.test(id) ? fromUuid(c, id)?.id : id;
          const row = ourId ? c.location(ourId) : null;
          const [loc] = row ? locationObjects(c, [row], lang) : [];
          if (!loc) throw notFound(`no location has the id ${id}`);
          return loc;
        },

        '/organizations': (req) => {
          const q = listQuery(req);
          const c = catalogue();
          const { organizations, total } = c.organizations({ offset: (q.page - 1) * q.per_page, limit: q.per_page });
          return pageOf(
            organizations.map((o) => toOrganization(o, q.lang)),
            total,
            q,
            { catalogue_version: c.version },
          );
        },

        '/organizations/{id}': (req) => {
          const { id } = req.params as { id: string };
          const lang = langOf(req);
          const c = catalogue();
          const ourId = UUID.test(id) ? fromUuid(c, id)?.id : id;
          const o = ourId ? c.organization(ourId) : null;
          if (!o) throw notFound(`no organization has the id ${id}`);
          return toOrganization(o, lang);
        },

        '/taxonomies': (req) => {
          const q = listQuery(req);
          const all = (['stage', 'category'] as const).map((t) => taxonomyObject(t, q.lang));
          return pageOf(slice(all, q), all.length, q, { catalogue_version: null });
        },

        '/taxonomies/{id}': (req) => {
          const { id } = req.params as { id: string };
          const lang = langOf(req);
          const t = (['stage', 'category'] as const).find((t) => t === id || publicId('taxonomy', t) === id.toLowerCase());
          if (!t) throw notFound(`no taxonomy has the id ${id}`);
          return taxonomyObject(t, lang);
        },

        '/taxonomy_terms': (req) => {
          const q = listQuery(req);
          return pageOf(
            slice(TERMS, q).map((t) => termObject(t, q.lang)),
            TERMS.length,
            q,
            { catalogue_version: null },
          );
        },

        '/taxonomy_terms/{id}': (req) => {
          const { id } = req.params as { id: string };
          const lang = langOf(req);
          const t = TERM_BY_UUID.get(id.toLowerCase()) ?? TERM_BY_CODE.get(id);
          if (!t) throw notFound(`no taxonomy term has the id ${id}`);
          return termObject(t, lang);
        },
      };

      for (const route of ROUTES) {
        const handler = handlers[route.path];
        if (!handler) throw new Error(`the Open API document lists ${route.path}, which has no handler`);
        const params = paramsSchema(route);
        api.get(
          route.path === '/' ? '/' : route.path.replace(/\{(\w+)\}/g, ':$1'),
          { schema: { querystring: querystringSchema(route), ...(params ? { params } : {}) }, preValidation: refuseUnknownParameters(route) },
          async (req: FastifyRequest, reply: FastifyReply) => reply.send(handler(req)),
        );
      }
    },
    { prefix: OPENAPI_PREFIX },
  );
}

/** Unknown query parameters, and one given more than once, are refused by name (the JSON schema alone would let the first through and call the second "not an integer"). */
function refuseUnknownParameters(route: RouteDef) {
  const known = new Set(queryParameterNames(route));
  return async (req: FastifyRequest) => {
    const query = (req.query as Record<string, unknown> | undefined) ?? {};
    const unknown = Object.keys(query).filter((k) => !known.has(k));
    if (unknown.length)
      throw badParameter(
        unknown[0]!,
        `unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; ${route.path} accepts ${known.size ? [...known].join(', ') : 'no parameters'}`,
      );
    const repeated = Object.entries(query).find(([, v]) => Array.isArray(v));
    if (repeated) throw badParameter(repeated[0], `${repeated[0]} is given ${(repeated[1] as unknown[]).length} times; give it once`);
  };
}

function locationObjects(c: Catalogue, rows: LocationRow[], lang: Lang) {
  const facilities = new Map(c.entriesById(rows.map((r) => r.entryId)).map((e) => [e.id, e]));
  const services = c.servicesAtLocations(rows.map((r) => r.id));
  return rows.flatMap((r) => {
    const e = facilities.get(r.entryId);
    return e ? [toLocation(r, e, lang, services.get(r.id) ?? [])] : [];
  });
}

/** modified_after (a date, or a date-time with its offset: the schema checked which) as a day in Korea time. */
function koreaDay(s: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw badParameter('modified_after', `modified_after is not a date-time; accepted: ${accepted('modified_after')}`);
  return new Date(t + 9 * 3600_000).toISOString().slice(0, 10);
}
