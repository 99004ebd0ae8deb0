/**
 * The hub's Open API (read-only, public), shaped after Open Referral HSDS 3.0: its OpenAPI 3.1
 * document, written once here. The routes (sync/hub/openapi.node.ts) take their parameter
 * lists and the JSON schemas Fastify validates them with from this same object, and the tests
 * check every response against the schemas below — so the document says what the API does.
 *
 * Environment-free (no Node): a plain object any client or tool can import.
 */
import { LANGS, STAGE_IDS } from '../../core/contract/lists.js';

export const OPENAPI_PREFIX = '/openapi/v1';
/** The UUID namespace every public id is derived in: id = UUIDv5(namespace, "<type>:<our id>"). */
export const ID_NAMESPACE = '2f1dc54f-cc56-445d-b23c-4c11195efe23';
/** Paging limits: per_page 1..MAX_PER_PAGE (default DEFAULT_PER_PAGE); page 1..MAX_PAGE. */
export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
export const MAX_PAGE = 1_000_000;
export const MAX_SEARCH_LENGTH = 200;
/** The name of this API's HSDS profile (no published profile document: its extensions are described here, under `x-aichingu`). */
export const PROFILE = 'aichingu-1279/hsds-3.0-gwangju-childcare';

/** The category ids of db/catalogue/schema.ts CATEGORIES (repeated here: the schema module loads zod). */
export const CATEGORY_IDS = ['birth-support', 'allowance', 'medical', 'care', 'daycare', 'after-school', 'play', 'parenting-info', 'counselling', 'discount', 'work-life', 'youth', 'community'] as const;

type Schema = Record<string, unknown>;

/* ---------- Parameters: one definition each, for the document and for the routes' validation ---------- */

interface ParameterDef {
  name: string;
  in: 'query' | 'path';
  description: string;
  /** what is accepted, in words: repeated in a 400's message */
  accepted: string;
  schema: Schema;
}

const LANG_LIST = LANGS.join(', ');

export const PARAMETERS = {
  search: {
    name: 'search',
    in: 'query',
    description:
      "Words to look for, ranked exactly as the kiosk ranks them (Korean-aware: words inside compounds, 초성 such as ㅇㅇㄷㅂ, one-jamo typos, everyday words through the catalogue's synonyms; English; Vietnamese with or without its marks; Chinese characters). Results come in rank order. Empty means no search.",
    accepted: `text of at most ${MAX_SEARCH_LENGTH} characters`,
    schema: { type: 'string', maxLength: MAX_SEARCH_LENGTH },
  },
  page: {
    name: 'page',
    in: 'query',
    description: 'The page wanted, 1 for the first. A page past the last one is returned empty.',
    accepted: `an integer from 1 to ${MAX_PAGE} (default 1)`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 },
  },
  per_page: {
    name: 'per_page',
    in: 'query',
    description: 'How many items a page holds.',
    accepted: `an integer from 1 to ${MAX_PER_PAGE} (default ${DEFAULT_PER_PAGE})`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, default: DEFAULT_PER_PAGE },
  },
  modified_after: {
    name: 'modified_after',
    in: 'query',
    description:
      "Only services whose facts were last verified on or after this day (Korea time). The catalogue records when each entry's facts were last checked against its sources (`last_verified`, a day), not when its record changed: that date is what is compared, and what `last_modified` reports. A date-time is taken as its day in Korea time (UTC+9); an entry verified in a month whose day is not written counts as verified on the month's last day.",
    accepted: 'an ISO 8601 date (2026-11-30) or an RFC 3339 date-time with its offset (2026-11-30T09:00:00+09:00, 2026-11-30T00:00:00Z)',
    schema: { type: 'string', anyOf: [{ type: 'string', format: 'date' }, { type: 'string', format: 'date-time' }] },
  },
  taxonomy_term_id: {
    name: 'taxonomy_term_id',
    in: 'query',
    description: 'Only services with this taxonomy term: a life stage or a category (their ids are listed at /taxonomy_terms; the code, as `/taxonomy_terms/{id}` takes it, works too).',
    accepted: 'the id (a UUID) of a term listed at /taxonomy_terms, or its code (stage:infant, category:care)',
    schema: { type: 'string', anyOf: [{ type: 'string', format: 'uuid' }, { type: 'string', pattern: '^(stage|category):[a-z0-9_-]+$' }] },
  },
  lang: {
    name: 'lang',
    in: 'query',
    description:
      "The language of the texts returned. A text not written in that language is returned in Korean; each object's `x-aichingu.field_languages` says which language each of its texts is in. Translations into en, vi and zh are the catalogue team's, not official ones.",
    accepted: `one of ${LANG_LIST} (default ko)`,
    schema: { type: 'string', enum: [...LANGS], default: 'ko' },
  },
  id: {
    name: 'id',
    in: 'path',
    description: "The item's id (a UUID, as returned), or the catalogue's own id of it (`x-aichingu.id`).",
    accepted: 'a UUID or a catalogue id of at most 200 characters',
    schema: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const satisfies Record<string, ParameterDef>;
export type ParameterName = keyof typeof PARAMETERS;

/* ---------- Routes ---------- */

export interface RouteDef {
  /** the path under OPENAPI_PREFIX, OpenAPI style ({id}) */
  path: string;
  operationId: string;
  summary: string;
  parameters: ParameterName[];
  /** the 200 response's schema (a component name) */
  response: string;
  /** whether it reads the published catalogue (503 before one is published) */
  needsCatalogue: boolean;
}

const LIST = ['page', 'per_page', 'lang'] as const satisfies ParameterName[];

export const ROUTES: RouteDef[] = [
  { path: '/', operationId: 'getApiMetaInformation', summary: 'This API: its HSDS version, profile and the URL of this document.', parameters: [], response: 'ApiInfo', needsCatalogue: false },
  { path: '/openapi.json', operationId: 'getOpenApiDocument', summary: 'This OpenAPI document.', parameters: [], response: 'OpenApiDocument', needsCatalogue: false },
  {
    path: '/services',
    operationId: 'getPaginatedListOfServices',
    summary: 'Policies and services (not facilities: those are /locations), in id order, or ranked by `search`. Filters combine (AND).',
    parameters: ['search', 'page', 'per_page', 'modified_after', 'taxonomy_term_id', 'lang'],
    response: 'ServicePage',
    needsCatalogue: true,
  },
  { path: '/services/{id}', operationId: 'getServiceById', summary: 'One policy or service.', parameters: ['id', 'lang'], response: 'Service', needsCatalogue: true },
  { path: '/locations', operationId: 'getPaginatedListOfLocations', summary: "Facilities' locations, in id order.", parameters: [...LIST], response: 'LocationPage', needsCatalogue: true },
  { path: '/locations/{id}', operationId: 'getLocationById', summary: "One facility's location.", parameters: ['id', 'lang'], response: 'Location', needsCatalogue: true },
  { path: '/organizations', operationId: 'getPaginatedListOfOrganizations', summary: 'Organizations named by the catalogue, in id order.', parameters: [...LIST], response: 'OrganizationPage', needsCatalogue: true },
  { path: '/organizations/{id}', operationId: 'getOrganizationById', summary: 'One organization.', parameters: ['id', 'lang'], response: 'Organization', needsCatalogue: true },
  { path: '/taxonomies', operationId: 'getPaginatedListOfTaxonomies', summary: "The catalogue's two taxonomies: life stages and categories.", parameters: [...LIST], response: 'TaxonomyPage', needsCatalogue: false },
  { path: '/taxonomies/{id}', operationId: 'getTaxonomyById', summary: 'One taxonomy.', parameters: ['id', 'lang'], response: 'Taxonomy', needsCatalogue: false },
  { path: '/taxonomy_terms', operationId: 'getPaginatedListOfTaxonomyTerms', summary: 'Every life stage and category, stages first.', parameters: [...LIST], response: 'TaxonomyTermPage', needsCatalogue: false },
  { path: '/taxonomy_terms/{id}', operationId: 'getTaxonomyTermById', summary: 'One taxonomy term.', parameters: ['id', 'lang'], response: 'TaxonomyTerm', needsCatalogue: false },
];

/** The JSON schema Fastify validates a route's query string with (unknown parameters are refused before it, by name). */
export function querystringSchema(route: RouteDef): Schema {
  const props = Object.fromEntries(route.parameters.filter((p) => PARAMETERS[p].in === 'query').map((p) => [p, PARAMETERS[p].schema]));
  return { type: 'object', properties: props };
}

/** The JSON schema of a route's path parameters, or null when it has none. */
export function paramsSchema(route: RouteDef): Schema | null {
  const path = route.parameters.filter((p) => PARAMETERS[p].in === 'path');
  if (!path.length) return null;
  return { type: 'object', properties: Object.fromEntries(path.map((p) => [p, PARAMETERS[p].schema])), required: path };
}

/** The query parameters a route accepts. */
export function queryParameterNames(route: RouteDef): string[] {
  return route.parameters.filter((p) => PARAMETERS[p].in === 'query');
}

/* ---------- Response schemas ---------- */

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const nstr: Schema = { type: ['string', 'null'] };
const uuid: Schema = { type: 'string', format: 'uuid' };
const nuuid: Schema = { type: ['string', 'null'], format: 'uuid' };
const bool: Schema = { type: 'boolean' };
const int: Schema = { type: 'integer', minimum: 0 };
const lang: Schema = { type: 'string', enum: [...LANGS] };
const arr = (items: Schema): Schema => ({ type: 'array', items });
const described = (s: Schema, description: string): Schema => ({ ...s, description });
/** An object with exactly these properties: every one is always present (null when there is nothing to say), unless listed in `optional`. */
function obj(properties: Record<string, Schema>, optional: string[] = [], description?: string): Schema {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
  };
}

const fieldLanguages = described(
  { type: 'object', additionalProperties: lang },
  "Which language each text of this object is in (by field name; texts that are null are not listed): the language asked for where it is written, else Korean (ko).",
);
const dayOrMonth: Schema = { type: 'string', pattern: '^\\d{4}-\\d{2}(-\\d{2})?$' };

const source = obj(
  {
    title: str,
    url: described(nstr, 'the source page, when it has one'),
    document: described(nstr, 'a document reference, when there is no URL'),
    date: described({ type: 'string', pattern: '^(\\d{4}-\\d{2}(-\\d{2})?|unknown)$' }, 'when the source was published or updated, or "unknown"'),
    type: { type: 'string', enum: ['official', 'semi-official', 'news', 'blog', 'mirror', 'seed-document'] },
  },
  [],
  'A source the facts were checked against.',
);

function page(item: string, what: string): Schema {
  return obj(
    {
      total_items: described(int, `How many ${what} there are in all (with the filters and search given).`),
      total_pages: described(int, 'How many pages of per_page items that makes (0 when there are none).'),
      page_number: described({ type: 'integer', minimum: 1 }, 'This page (1 = the first).'),
      size: described(int, 'How many items this page holds.'),
      first_page: bool,
      last_page: described(bool, 'True on the last page and past it.'),
      empty: described(bool, 'True when this page holds no items.'),
      contents: arr(ref(item)),
      'x-aichingu': obj(
        {
          catalogue_version: described(nstr, 'The version of the published catalogue read (null for lists that do not come from it).'),
          total_items_at_least: described(
            bool,
            'Search only: the searcher ranks a pool of at most 200 candidates, and this one was full, so more entries may match than total_items says.',
          ),
        },
        ['total_items_at_least'],
        'Extensions of this API (not HSDS).',
      ),
    },
    [],
    `A page of ${what} (HSDS Page).`,
  );
}

const taxonomyTermRef = obj(
  {
    id: uuid,
    code: described(str, "The term's code in its taxonomy: the catalogue's id of the life stage or category."),
    name: str,
    description: described(str, 'What the term covers (life stages); empty for categories, which have no description.'),
    parent_id: described({ type: 'null' }, 'Always null: both taxonomies are flat.'),
    taxonomy: described({ type: 'string', enum: ['aichingu:stage', 'aichingu:category'] }, 'Which of the two taxonomies the term is in.'),
    taxonomy_id: uuid,
    language: described(lang, 'The language of name and description.'),
    term_uri: described({ type: 'null' }, 'Always null: the terms have no published URI.'),
    'x-aichingu': obj(
      { id: described(str, 'The catalogue\'s own id of the term, "stage:<code>" or "category:<code>" (also accepted by /taxonomy_terms/{id}).'), field_languages: fieldLanguages },
      [],
      'Extensions of this API (not HSDS).',
    ),
  },
  [],
  'A life stage or a category of the catalogue (HSDS taxonomy_term).',
);

const phone = obj(
  {
    id: described(uuid, 'UUIDv5 of "phone:<entry id>:<number>".'),
    number: described(str, 'A Korean phone number as written (062-222-1279, 1899-5912, 123).'),
    description: described(nstr, 'What the number is for, when the catalogue says.'),
    'x-aichingu': obj({ field_languages: fieldLanguages }, [], 'Extensions of this API (not HSDS).'),
  },
  [],
  'A phone number (HSDS phone).',
);

const organizationRef = obj(
  {
    id: described(uuid, 'UUIDv5 of "organization:<catalogue organization id>".'),
    name: str,
    description: described(str, 'Always empty: the catalogue holds no descriptions of organizations.'),
    website: described(nstr, "The organization's web site, when the catalogue names one."),
  },
  [],
  'The organization that runs a service (HSDS organization, nested).',
);

const amount = obj(
  {
    year: described(str, 'The year (or span of years) the figures hold for.'),
    valid_from: described(nstr, 'From when the figures hold, where the source says (YYYY-MM-DD).'),
    valid_until: described(nstr, 'Until when the figures hold, where the source says (YYYY-MM-DD).'),
  },
  [],
  'When the amount in fees_description holds.',
);

const service = obj(
  {
    id: described(uuid, `UUIDv5 of "service:<catalogue id>" in the namespace ${ID_NAMESPACE}: stable as long as the catalogue id is.`),
    name: described(str, 'The plain-language title (in the language asked for).'),
    alternate_name: described(nstr, 'The English title (the Korean one when lang=en).'),
    description: described(str, 'The plain-language summary.'),
    url: described(nstr, 'The online page (to read more or apply), when there is one.'),
    email: described({ type: 'null' }, 'Always null: the catalogue gives phone numbers, not e-mail addresses.'),
    status: described({ type: 'string', enum: ['active', 'inactive', 'defunct'] }, 'active; inactive = planned, not started yet; defunct = discontinued.'),
    fees_description: described(nstr, 'The amount given (or paid), then the year it holds for ("— 2026년 기준", "— As of 2026"), in one language.'),
    eligibility_description: described(nstr, 'Who can get it.'),
    application_process: described(nstr, 'How to apply.'),
    last_modified: described(
      { type: 'string', format: 'date-time' },
      'The day the facts were last verified (`x-aichingu.last_verified`), at 00:00 Korea time — not the time the record changed; a month whose day is not written is given as its first day.',
    ),
    organization_id: nuuid,
    organization: { anyOf: [ref('OrganizationRef'), { type: 'null' }] },
    phones: arr(ref('Phone')),
    attributes: described(arr(ref('Attribute')), "The service's life stages and its category."),
    service_at_locations: described(arr(ref('ServiceAtLocation')), 'The facilities (see /locations) where it is offered, when the catalogue says.'),
    'x-aichingu': obj(
      {
        id: described(str, "The catalogue's own id (also accepted by /services/{id})."),
        kind: described({ type: 'string', enum: ['policy', 'service'] }, 'policy: money or a right (allowances, vouchers, leave); service: help given.'),
        scope: { type: 'string', enum: ['national', 'gwangju', 'district'] },
        district: described(nstr, 'The 자치구, for a district-scope service.'),
        stages: arr({ type: 'string', enum: [...STAGE_IDS] }),
        category: { type: 'string', enum: [...CATEGORY_IDS] },
        official_name: described(nstr, 'The official Korean name, when it differs from the plain title.'),
        language: described(lang, 'The language asked for.'),
        field_languages: fieldLanguages,
        languages_available: described(arr(lang), 'The languages its title and summary are written in.'),
        translated_by_team: described(arr({ type: 'string', enum: ['en', 'vi', 'zh'] }), "Languages the catalogue team translated it into from the Korean plain text (not official translations)."),
        amount: { anyOf: [amount, { type: 'null' }] },
        last_verified: described(dayOrMonth, 'The day (or month) the facts were last checked against the sources.'),
        verify_before_use: described(bool, 'True when only news, blogs, mirrors or undated or older official pages support it: check with the office before relying on it.'),
        sources: arr(ref('Source')),
      },
      [],
      'Extensions of this API (not HSDS): what the catalogue knows beyond HSDS.',
    ),
  },
  [],
  'A policy or service of the catalogue (HSDS service).',
);

const attribute = obj(
  {
    id: described(uuid, 'UUIDv5 of "attribute:<service catalogue id>:<taxonomy>:<code>".'),
    link_id: described(uuid, 'The service.'),
    link_type: { type: 'string', enum: ['life_stage', 'category'] },
    link_entity: { type: 'string', enum: ['service'] },
    taxonomy_term_id: uuid,
    taxonomy_term: ref('TaxonomyTerm'),
  },
  [],
  'A taxonomy term of a service (HSDS attribute).',
);

const serviceAtLocation = obj(
  {
    id: described(uuid, 'UUIDv5 of "service_at_location:<service catalogue id>:<facility catalogue id>".'),
    service_id: uuid,
    location_id: uuid,
  },
  [],
  'A service offered at a location (HSDS service_at_location).',
);

const address = obj(
  {
    id: described(uuid, 'UUIDv5 of "address:<facility catalogue id>".'),
    location_id: uuid,
    address_1: described(str, 'The address as the catalogue writes it (in one line).'),
    city: described(nstr, '광주광역시 for an address in Gwangju, else null.'),
    region: described(nstr, 'The 자치구 (district), when known.'),
    state_province: described(nstr, '광주광역시 for an address in Gwangju, else null.'),
    postal_code: described({ type: 'null' }, 'Always null: the catalogue holds no postal codes.'),
    country: { type: 'string', enum: ['KR'] },
    address_type: { type: 'string', enum: ['physical'] },
  },
  [],
  'A street address (HSDS address).',
);

const schedule = obj(
  {
    id: described(uuid, 'UUIDv5 of "schedule:<facility catalogue id>:<position>".'),
    location_id: uuid,
    freq: { type: 'string', enum: ['WEEKLY'] },
    byday: described(str, 'RFC 5545 days: MO,TU,WE,TH,FR,SA,SU.'),
    opens_at: described({ type: 'string', pattern: '^\\d{2}:\\d{2}$' }, 'HH:MM, Korea time.'),
    closes_at: described({ type: 'string', pattern: '^\\d{2}:\\d{2}$' }, 'HH:MM, Korea time (the next day when x-aichingu.overnight).'),
    notes: nstr,
    'x-aichingu': obj(
      {
        overnight: described(bool, 'The span runs past midnight into the next day.'),
        closed_on_holidays: described(bool, 'Closed on public holidays.'),
        field_languages: fieldLanguages,
      },
      [],
      'Extensions of this API (not HSDS).',
    ),
  },
  [],
  'Opening hours (HSDS schedule).',
);

const location = obj(
  {
    id: described(uuid, 'UUIDv5 of "location:<facility catalogue id>".'),
    location_type: { type: 'string', enum: ['physical'] },
    name: described(str, "The facility's name."),
    alternate_name: described(nstr, 'The English name (the Korean one when lang=en).'),
    description: str,
    latitude: described({ type: 'number' }, 'WGS84; present only when the catalogue holds a position. When x-aichingu.approximate is true it is an area centroid, not the building.'),
    longitude: described({ type: 'number' }, 'WGS84; present only with latitude.'),
    addresses: arr(ref('Address')),
    phones: arr(ref('Phone')),
    schedules: arr(ref('Schedule')),
    'x-aichingu': obj(
      {
        id: described(str, "The catalogue's own id of the facility (also accepted by /locations/{id})."),
        status: described({ type: 'string', enum: ['active', 'discontinued', 'planned'] }, 'Whether the facility still runs.'),
        geo_precision: described(
          { type: 'string', enum: ['exact', 'dong', 'district', 'unknown'] },
          'How exactly its position is known: exact (from a source), dong (only its 행정동), district (only its 자치구), unknown.',
        ),
        approximate: described(bool, 'True when only the 행정동 or 자치구 is known: any position shown for it is approximate (an area centroid), never the building.'),
        position_note: str,
        district: nstr,
        dong: nstr,
        service_ids: described(arr(uuid), 'The services (see /services) offered here.'),
        language: lang,
        field_languages: fieldLanguages,
        last_verified: dayOrMonth,
        verify_before_use: bool,
        sources: arr(ref('Source')),
      },
      [],
      'Extensions of this API (not HSDS).',
    ),
  },
  ['latitude', 'longitude'],
  "A facility's location (HSDS location).",
);

const organization = obj(
  {
    id: described(uuid, 'UUIDv5 of "organization:<catalogue organization id>".'),
    name: str,
    alternate_name: described(nstr, 'The English name (the Korean one when lang=en), when written.'),
    description: described(str, 'Always empty: the catalogue holds no descriptions of organizations.'),
    email: described({ type: 'null' }, 'Always null.'),
    website: nstr,
    'x-aichingu': obj(
      { id: described(str, "The catalogue's own id (also accepted by /organizations/{id})."), language: lang, field_languages: fieldLanguages },
      [],
      'Extensions of this API (not HSDS).',
    ),
  },
  [],
  'An organization named by the catalogue (HSDS organization).',
);

const taxonomy = obj(
  {
    id: described(uuid, 'UUIDv5 of "taxonomy:stage" or "taxonomy:category".'),
    name: str,
    description: str,
    uri: described({ type: 'null' }, 'Always null: the taxonomies are this catalogue\'s own.'),
    version: described({ type: 'null' }, 'Always null.'),
    'x-aichingu': obj(
      { id: described({ type: 'string', enum: ['stage', 'category'] }, "The catalogue's own id of the taxonomy (also accepted by /taxonomies/{id})."), field_languages: fieldLanguages },
      [],
      'Extensions of this API (not HSDS).',
    ),
  },
  [],
  "One of the catalogue's taxonomies (HSDS taxonomy).",
);

const apiInfo = obj(
  {
    version: described({ type: 'string', enum: ['3.0'] }, 'The HSDS version.'),
    profile: described(str, "This API's profile: a name (no profile document is published; the extensions are described in openapi.json under x-aichingu)."),
    openapi_url: described({ type: 'string', format: 'uri' }, 'This document.'),
    description: str,
  },
  [],
  'About this API (HSDS /).',
);

const error = obj(
  {
    error: { type: 'string', enum: ['bad_request', 'not_found', 'no_catalogue', 'rate_limited', 'internal'] },
    parameter: described(str, 'bad_request: the parameter at fault.'),
    message: described(str, 'What is wrong and, for a bad parameter, what is accepted.'),
  },
  ['parameter'],
  'An error.',
);

export const SCHEMAS: Record<string, Schema> = {
  ApiInfo: apiInfo,
  OpenApiDocument: { type: 'object', description: 'This document.' },
  Error: error,
  Source: source,
  Phone: phone,
  OrganizationRef: organizationRef,
  Organization: organization,
  Service: service,
  Attribute: attribute,
  ServiceAtLocation: serviceAtLocation,
  Address: address,
  Schedule: schedule,
  Location: location,
  Taxonomy: taxonomy,
  TaxonomyTerm: taxonomyTermRef,
  ServicePage: page('Service', 'services'),
  LocationPage: page('Location', 'locations'),
  OrganizationPage: page('Organization', 'organizations'),
  TaxonomyPage: page('Taxonomy', 'taxonomies'),
  TaxonomyTermPage: page('TaxonomyTerm', 'taxonomy terms'),
};

/* ---------- The document ---------- */

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });

function operation(route: RouteDef): Schema {
  const responses: Record<string, unknown> = {
    200: { description: route.summary, content: { 'application/json': { schema: ref(route.response) } } },
  };
  if (route.parameters.length) responses[400] = errorResponse('A parameter is not accepted (unknown, or a bad value): `parameter` names it.');
  if (route.parameters.includes('id')) responses[404] = errorResponse('No item has this id.');
  responses[429] = {
    description: 'Too many requests from this client: wait the seconds in Retry-After.',
    headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } },
    content: { 'application/json': { schema: ref('Error') } },
  };
  if (route.needsCatalogue) responses[503] = errorResponse('No catalogue has been published yet.');
  return {
    get: {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.path === '/' || route.path === '/services' || route.path === '/services/{id}' ? 'required' : 'optional'],
      parameters: route.parameters.map((p) => ({ $ref: `#/components/parameters/${p}` })),
      responses,
    },
  };
}

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: '아이친구(1279) Open API — Gwangju childcare catalogue',
    version: '1.0.0',
    summary: 'Read-only, public: the published catalogue of policies, services and facilities for families in Gwangju, shaped after Open Referral HSDS 3.0.',
    description: [
      'Every id is a UUIDv5 derived from the catalogue\'s own id ("service:<id>", "location:<id>", "organization:<id>", …) in the namespace ' + ID_NAMESPACE + ', so ids stay the same across catalogue versions; /{type}/{id} also accepts the catalogue\'s own id.',
      'Fields HSDS does not define are under `x-aichingu` on each object: the catalogue id, life stages and category, when the facts were last verified and whether to check them before use, the sources, and which language each text is in.',
      'Texts are Korean by default; `lang` asks for English, Vietnamese or Chinese (the team\'s translations, not official ones) and falls back to Korean per text.',
      'Unknown parameters are refused (400, naming them). Requests are rate limited per client address (429 with Retry-After).',
    ].join('\n\n'),
    license: { name: 'UNLICENSED' },
  },
  jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
  servers: [{ url: OPENAPI_PREFIX }],
  tags: [
    { name: 'required', description: 'An endpoint HSDS 3.0 requires.' },
    { name: 'optional', description: 'An endpoint HSDS 3.0 makes optional.' },
  ],
  paths: Object.fromEntries(ROUTES.map((r) => [r.path, operation(r)])),
  components: {
    schemas: SCHEMAS,
    parameters: Object.fromEntries(
      Object.entries(PARAMETERS).map(([k, p]) => [k, { name: p.name, in: p.in, required: p.in === 'path', description: `${p.description} Accepted: ${p.accepted}.`, schema: p.schema }]),
    ),
  },
} as const;
