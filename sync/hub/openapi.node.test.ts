/**
 * The hub's Open API over real HTTP: a Fastify instance listening on 127.0.0.1 with the
 * compiled source catalogue, asked with fetch. Every response is checked against the schemas
 * of the OpenAPI document it serves (by a second Fastify instance's Ajv, which keeps unknown
 * properties and coerces nothing: an undocumented field fails).
 */
import { request as httpRequest } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSourceCatalogue } from '../../db/catalogue/source-catalogue.js';
import { CATEGORIES, STAGE_IDS } from '../../db/catalogue/schema.js';
import type { Catalogue } from '../../db/catalogue/store.js';
import { publicId, registerOpenApi, TERMS, uuidv5 } from './openapi.node.js';
import { CATEGORY_IDS, ID_NAMESPACE, OPENAPI_DOCUMENT, OPENAPI_PREFIX, ROUTES, SCHEMAS } from './openapi-document.js';

const SERVICE_KINDS = ['policy', 'service'];
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies read in tests */
type Json = any;

let cat: Catalogue;
let app: FastifyInstance;
let base: string;
let checker: FastifyInstance;
const registered: string[] = [];

async function get(path: string): Promise<{ status: number; body: Json; headers: Headers }> {
  const r = await fetch(base + OPENAPI_PREFIX + path);
  return { status: r.status, body: await r.json(), headers: r.headers };
}

/** Fails with Ajv's messages unless `body` matches the document's schema `name`. */
async function expectShape(name: string, body: unknown): Promise<void> {
  const r = await checker.inject({ method: 'POST', url: `/check/${name}`, payload: body as object });
  expect(r.statusCode, `${name}: ${r.body}`).toBe(200);
}

const q = (params: Record<string, string | number>) => '?' + new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
const ourIds = (page: Json): string[] => page.contents.map((s: Json) => s['x-aichingu'].id);

beforeAll(async () => {
  cat = openSourceCatalogue('openapi-');
  app = Fastify();
  app.addHook('onRoute', (r) => {
    if (r.url.startsWith(OPENAPI_PREFIX) && r.method === 'GET') registered.push(r.url);
  });
  await registerOpenApi(app, { catalogue: () => cat, rateLimit: { max: 100_000, timeWindow: '1 minute' } });
  base = await app.listen({ host: '127.0.0.1', port: 0 });

  checker = Fastify({ ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: true, strict: false } } });
  checker.addSchema({ $id: 'openapi', components: { schemas: SCHEMAS } });
  for (const name of Object.keys(SCHEMAS)) checker.post(`/check/${name}`, { schema: { body: { $ref: `openapi#/components/schemas/${name}` } } }, async () => ({ ok: true }));
  await checker.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await checker?.close();
  cat?.close();
});

describe('GET /openapi/v1/', () => {
  it('says HSDS 3.0, names the profile and links the document, which parses and lists every route', async () => {
    const { status, body, headers } = await get('/');
    expect(status).toBe(200);
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(body.version).toBe('3.0');
    expect(body.profile).toMatch(/aichingu/);
    expect(body.openapi_url).toBe(`${base}${OPENAPI_PREFIX}/openapi.json`);
    await expectShape('ApiInfo', body);

    const doc = (await (await fetch(body.openapi_url)).json()) as Json;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0].url).toBe(OPENAPI_PREFIX);
    // Every route served is in the document, and every path of the document is served.
    const served = new Set(registered.map((u) => u.slice(OPENAPI_PREFIX.length).replace(/:(\w+)/g, '{$1}') || '/'));
    expect([...served].sort()).toEqual(Object.keys(doc.paths).sort());
    expect(Object.keys(doc.paths).sort()).toEqual(ROUTES.map((r) => r.path).sort());
    for (const p of ['/', '/services', '/services/{id}', '/locations', '/locations/{id}', '/organizations', '/organizations/{id}', '/taxonomy_terms', '/taxonomy_terms/{id}', '/openapi.json'])
      expect(doc.paths[p]?.get, p).toBeDefined();
    // Parameters are described once and referenced; each is in components.parameters.
    for (const op of Object.values(doc.paths) as Json[]) for (const p of op.get.parameters) expect(doc.components.parameters[p.$ref.split('/').pop()]).toBeDefined();
    expect(doc.components.parameters.per_page.schema).toMatchObject({ minimum: 1, maximum: 100, default: 20 });
    expect(doc).toEqual(JSON.parse(JSON.stringify(OPENAPI_DOCUMENT)));
  });

  it('answers every path of the document with the shape it describes (ids filled in)', async () => {
    const svc = (await get('/services?per_page=1')).body.contents[0];
    const loc = (await get('/locations?per_page=1')).body.contents[0];
    const org = (await get('/organizations?per_page=1')).body.contents[0];
    const ids: Record<string, string> = {
      '/services/{id}': svc.id,
      '/locations/{id}': loc.id,
      '/organizations/{id}': org.id,
      '/taxonomies/{id}': publicId('taxonomy', 'stage'),
      '/taxonomy_terms/{id}': TERMS[0]!.id,
    };
    for (const route of ROUTES) {
      const path = route.path.replace('{id}', ids[route.path] ?? '');
      const r = await get(path);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      if (route.response !== 'OpenApiDocument') await expectShape(route.response, r.body);
    }
  });

  it('the shape check itself refuses an undocumented field, a missing one and a wrong type', async () => {
    const svc = (await get('/services/gj-grandparent-caregiver')).body;
    for (const bad of [{ ...svc, extra: 1 }, { ...svc, name: undefined }, { ...svc, status: 'closed' }, { ...svc, 'x-aichingu': { ...svc['x-aichingu'], more: true } }]) {
      const r = await checker.inject({ method: 'POST', url: '/check/Service', payload: bad });
      expect(r.statusCode).toBe(400);
    }
  });

  it('the document\'s categories are the catalogue schema\'s', () => {
    expect([...CATEGORY_IDS].sort()).toEqual(Object.keys(CATEGORIES).sort());
  });
});

describe('GET /openapi/v1/services', () => {
  it.each(['손자녀 돌보미', '아이돌봄', 'ㅇㅇㄷㅂ', 'ㅅㅈㄴ'])('search %s returns what Catalogue.search ranks first, in its order', async (query) => {
    const { status, body } = await get('/services' + q({ search: query, per_page: 10 }));
    expect(status).toBe(200);
    const direct = cat.search(query, { filters: { kinds: SERVICE_KINDS }, limit: 10 }).map((h) => h.id);
    expect(direct.length).toBeGreaterThan(0);
    expect(ourIds(body)).toEqual(direct);
    expect(body.total_items).toBe(cat.searchPage(query, { filters: { kinds: SERVICE_KINDS } }).total);
    await expectShape('ServicePage', body);
  });

  it('finds the grandparent caregiver allowance first for 손자녀 돌보미, and child care for ㅇㅇㄷㅂ', async () => {
    expect(ourIds((await get('/services' + q({ search: '손자녀 돌보미' }))).body)[0]).toBe('gj-grandparent-caregiver');
    expect(ourIds((await get('/services' + q({ search: 'ㅇㅇㄷㅂ' }))).body)[0]).toBe('child-care-service');
  });

  it('lists policies and services (no facilities) in id order, page by page', async () => {
    const all = (await get('/services?per_page=100')).body;
    const total = cat.listEntries({ kinds: ['policy', 'service'] }).total;
    expect(all.total_items).toBe(total);
    expect(total).toBeGreaterThan(100);
    const ids = ourIds(all);
    expect(ids).toEqual([...ids].sort());
    expect(all.contents.every((s: Json) => SERVICE_KINDS.includes(s['x-aichingu'].kind))).toBe(true);

    const p1 = (await get('/services?per_page=7&page=1')).body;
    const p2 = (await get('/services?per_page=7&page=2')).body;
    expect([...ourIds(p1), ...ourIds(p2)]).toEqual(ids.slice(0, 14));
    for (const p of [p1, p2]) expect(p).toMatchObject({ total_items: total, total_pages: Math.ceil(total / 7), size: 7, empty: false, last_page: false });
    expect(p1.first_page).toBe(true);
    expect(p2.first_page).toBe(false);
    expect(p2.page_number).toBe(2);

    const lastNumber = Math.ceil(total / 7);
    const last = (await get(`/services?per_page=7&page=${lastNumber}`)).body;
    expect(last).toMatchObject({ last_page: true, size: total - 7 * (lastNumber - 1) });
    const past = (await get(`/services?per_page=7&page=${lastNumber + 1}`)).body;
    expect(past).toMatchObject({ empty: true, size: 0, contents: [], last_page: true, total_items: total });
    // Every page together: every service once.
    const second = (await get('/services?per_page=100&page=2')).body;
    expect(new Set([...ids, ...ourIds(second)]).size).toBe(total);
  });

  it('pages a search: page 2 continues page 1', async () => {
    const whole = (await get('/services' + q({ search: '아이돌봄', per_page: 6 }))).body;
    const p1 = (await get('/services' + q({ search: '아이돌봄', per_page: 3 }))).body;
    const p2 = (await get('/services' + q({ search: '아이돌봄', per_page: 3, page: 2 }))).body;
    expect([...ourIds(p1), ...ourIds(p2)]).toEqual(ourIds(whole));
    expect(p1.total_items).toBe(whole.total_items);
    expect(p2.total_items).toBe(whole.total_items);
    expect(p1['x-aichingu']).toEqual({ catalogue_version: cat.version, total_items_at_least: false });
  });

  it.each([
    ['per_page', { per_page: 101 }],
    ['per_page', { per_page: 0 }],
    ['per_page', { per_page: 'ten' }],
    ['page', { page: 0 }],
    ['page', { page: 1.5 }],
    ['modified_after', { modified_after: 'garbage' }],
    ['modified_after', { modified_after: '2026-02-30' }],
    ['modified_after', { modified_after: '2026-11-30T10:00:00' }],
    ['taxonomy_term_id', { taxonomy_term_id: 'infant' }],
    ['taxonomy_term_id', { taxonomy_term_id: uuidv5('nothing') }],
    ['taxonomy_term_id', { taxonomy_term_id: 'stage:nothing' }],
    ['lang', { lang: 'fr' }],
    ['search', { search: 'x'.repeat(201) }],
    ['sort', { sort: 'name' }],
    ['format', { per_page: 5, format: 'ndjson' }],
  ] as const)('400 naming %s for %j', async (parameter, params) => {
    const { status, body, headers } = await get('/services' + q(params));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'bad_request', parameter });
    expect(body.message).toContain(parameter);
    expect(headers.get('access-control-allow-origin')).toBe('*');
    await expectShape('Error', body);
  });

  it('refuses a repeated parameter and names every unknown one', async () => {
    expect((await get('/services?page=1&page=2')).body).toMatchObject({ error: 'bad_request', parameter: 'page', message: 'page is given 2 times; give it once' });
    expect((await get('/services?search=a&search=b')).body).toMatchObject({ error: 'bad_request', parameter: 'search', message: 'search is given 2 times; give it once' });
    const { body } = await get('/services?foo=1&bar=2');
    expect(body.parameter).toBe('foo');
    expect(body.message).toMatch(/foo, bar/);
    expect(body.message).toMatch(/accepts search, page, per_page, modified_after, taxonomy_term_id, lang/);
    expect((await get('/locations?search=x')).body).toMatchObject({ error: 'bad_request', parameter: 'search' });
  });

  it('modified_after compares the day the facts were last verified (Korea time), on or after', async () => {
    const services = cat.listEntries({ kinds: ['policy', 'service'] }).entries;
    const days = services.map((e) => (e.last_verified.length === 7 ? `${e.last_verified}-31` : e.last_verified));
    const newest = days.reduce((a, b) => (a > b ? a : b));
    const onOrAfter = days.filter((d) => d >= newest).length;
    const next = new Date(Date.parse(newest) + 86_400_000).toISOString().slice(0, 10);
    const before = new Date(Date.parse(newest) - 86_400_000).toISOString().slice(0, 10);
    expect((await get('/services' + q({ modified_after: newest }))).body.total_items).toBe(onOrAfter);
    expect((await get('/services' + q({ modified_after: next }))).body.total_items).toBe(0);
    // 15:00 UTC the day before is 00:00 of `newest` in Korea; 14:59 UTC is still the day before there.
    expect((await get('/services' + q({ modified_after: `${before}T15:00:00Z` }))).body.total_items).toBe(onOrAfter);
    expect((await get('/services' + q({ modified_after: `${newest}T00:00:00+09:00` }))).body.total_items).toBe(onOrAfter);
    expect((await get('/services' + q({ modified_after: `${next}T08:59:59+09:00` }))).body.total_items).toBe(0);
    expect((await get('/services' + q({ modified_after: '2000-01-01' }))).body.total_items).toBe(services.length);
    // With a search: the ranked matches verified since then, in rank order.
    const searched = (await get('/services' + q({ search: '아이돌봄', modified_after: '2000-01-01', per_page: 100 }))).body;
    expect(ourIds(searched)).toEqual(cat.search('아이돌봄', { filters: { kinds: SERVICE_KINDS }, limit: 100 }).map((h) => h.id));
    expect((await get('/services' + q({ search: '아이돌봄', modified_after: next }))).body).toMatchObject({ total_items: 0, empty: true });
    // last_modified says the same day.
    const first = (await get('/services?per_page=1')).body.contents[0];
    expect(first.last_modified).toBe(`${first['x-aichingu'].last_verified}T00:00:00+09:00`);
  });

  it('filters by a taxonomy term: a life stage or a category, alone or with a search', async () => {
    const terms = (await get('/taxonomy_terms?per_page=100')).body.contents as Json[];
    const infant = terms.find((t) => t['x-aichingu'].id === 'stage:infant');
    const care = terms.find((t) => t['x-aichingu'].id === 'category:care');
    const stage = (await get('/services' + q({ taxonomy_term_id: infant.id, per_page: 100 }))).body;
    expect(stage.total_items).toBe(cat.listEntries({ kinds: ['policy', 'service'], stage: 'infant' }).total);
    expect(stage.total_items).toBeGreaterThan(0);
    for (const s of stage.contents) expect(s.attributes.map((a: Json) => a.taxonomy_term_id)).toContain(infant.id);
    const category = (await get('/services' + q({ taxonomy_term_id: care.id, per_page: 100 }))).body;
    expect(category.total_items).toBe(cat.listEntries({ kinds: ['policy', 'service'], category: 'care' }).total);
    for (const s of category.contents) expect(s['x-aichingu'].category).toBe('care');
    const searched = (await get('/services' + q({ search: '돌봄', taxonomy_term_id: care.id }))).body;
    expect(ourIds(searched)).toEqual(cat.search('돌봄', { filters: { kinds: SERVICE_KINDS, category: 'care' }, limit: 20 }).map((h) => h.id));
    // Upper-case UUIDs are the same ids.
    expect((await get('/services' + q({ taxonomy_term_id: care.id.toUpperCase() }))).body.total_items).toBe(category.total_items);
    // the code, as /taxonomy_terms/{id} takes it, is the same filter
    expect((await get('/services' + q({ taxonomy_term_id: 'category:care', per_page: 100 }))).body).toMatchObject({ total_items: category.total_items, contents: category.contents });
    expect((await get('/services' + q({ taxonomy_term_id: 'stage:infant', per_page: 100 }))).body.total_items).toBe(stage.total_items);
  });

  it('gives texts in Vietnamese (or Chinese, English) where written, Korean otherwise, and says which', async () => {
    const vi = (await get('/services?per_page=100&lang=vi')).body;
    await expectShape('ServicePage', vi);
    const entries = new Map(cat.listEntries({ kinds: ['policy', 'service'] }).entries.map((e) => [e.id, e]));
    let translated = 0;
    for (const s of vi.contents) {
      const e = entries.get(s['x-aichingu'].id)!;
      expect(s['x-aichingu'].language).toBe('vi');
      if (e.title.vi) {
        translated++;
        expect(s.name).toBe(e.title.vi);
        expect(s['x-aichingu'].field_languages.name).toBe('vi');
      } else {
        expect(s.name).toBe(e.title.ko);
        expect(s['x-aichingu'].field_languages.name).toBe('ko');
      }
      expect(s.alternate_name).toBe(e.title.en);
      expect(s.description).toBe(e.summary.vi ?? e.summary.ko);
      expect(s['x-aichingu'].field_languages.description).toBe(e.summary.vi ? 'vi' : 'ko');
    }
    expect(translated).toBeGreaterThan(0);
    const zh = (await get('/services/gj-grandparent-caregiver?lang=zh')).body;
    expect(zh.name).toBe(cat.entry('gj-grandparent-caregiver')!.title.zh);
    expect(zh.attributes[0].taxonomy_term.language).toBe('zh');
    const en = (await get('/services/gj-grandparent-caregiver?lang=en')).body;
    expect(en.name).toBe('Grandparent caregiver allowance');
    expect(en.alternate_name).toBe('손자녀 돌보미 지원');
    expect(en['x-aichingu'].field_languages.alternate_name).toBe('ko');
    expect(en.fees_description).toMatch(/As of 2026$/);
  });
});

describe('GET /openapi/v1/services/{id}', () => {
  it('takes the UUID or the catalogue id, with the same answer; ids are stable UUIDv5', async () => {
    const byOurs = await get('/services/gj-grandparent-caregiver');
    expect(byOurs.status).toBe(200);
    await expectShape('Service', byOurs.body);
    const byUuid = await get(`/services/${byOurs.body.id}`);
    expect(byUuid.status).toBe(200);
    expect(byUuid.body).toEqual(byOurs.body);
    expect((await get(`/services/${byOurs.body.id.toUpperCase()}`)).body).toEqual(byOurs.body);
    // Stable: UUIDv5 of "service:<id>" in the project namespace, the same in every catalogue version.
    expect(byOurs.body.id).toBe('def1399b-a568-52a6-ba41-0863e2e49793');
    expect(byOurs.body.id).toBe(uuidv5('service:gj-grandparent-caregiver', ID_NAMESPACE));
    expect(byOurs.body).toMatchObject({ name: '손자녀 돌보미 지원', status: 'active', alternate_name: 'Grandparent caregiver allowance', email: null });
    expect(byOurs.body.organization).toMatchObject({ name: '광주광역시 여성가족과', description: '' });
    expect(byOurs.body.organization_id).toBe(byOurs.body.organization.id);
    expect(byOurs.body.fees_description).toMatch(/2026년 기준$/);
    expect(byOurs.body['x-aichingu'].sources.length).toBeGreaterThan(0);
  });

  it('every id of every object is a valid UUIDv5 (version 5, variant 10), unique, and the same on every call', async () => {
    const pages = [(await get('/services?per_page=100')).body, (await get('/services?per_page=100&page=2')).body];
    const again = [(await get('/services?per_page=100')).body, (await get('/services?per_page=100&page=2')).body];
    expect(again).toEqual(pages);
    const locations = (await get('/locations?per_page=100')).body;
    const orgs = (await get('/organizations?per_page=100')).body;
    const ids: string[] = [];
    const collect = (o: Json) => {
      if (Array.isArray(o)) o.forEach(collect);
      else if (o && typeof o === 'object')
        for (const [k, v] of Object.entries(o)) {
          if ((k === 'id' || k.endsWith('_id')) && typeof v === 'string' && k !== 'x-aichingu') ids.push(v);
          if (k !== 'x-aichingu') collect(v);
        }
    };
    const services = [...pages[0].contents, ...pages[1].contents];
    collect(services);
    collect(locations.contents);
    collect(orgs.contents);
    expect(ids.length).toBeGreaterThan(500);
    for (const id of ids) expect(id).toMatch(UUID_V5);
    expect(new Set(services.map((s: Json) => s.id)).size).toBe(services.length);
    expect(new Set(locations.contents.map((l: Json) => l.id)).size).toBe(locations.total_items);
    // The RFC 9562 example (DNS namespace, www.example.com): the generator is standard UUIDv5.
    expect(uuidv5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('404 as JSON for an unknown id, and says where a facility is', async () => {
    for (const id of ['no-such-service', uuidv5('service:no-such-service')]) {
      const r = await get(`/services/${id}`);
      expect(r.status).toBe(404);
      expect(r.body.error).toBe('not_found');
      await expectShape('Error', r.body);
    }
    const facility = cat.listEntries({ kinds: ['facility'] }, { limit: 1 }).entries[0]!;
    const r = await get(`/services/${facility.id}`);
    expect(r.status).toBe(404);
    expect(r.body.message).toContain(`/locations/${facility.id}`);
    expect((await get('/nothing-here')).body).toMatchObject({ error: 'not_found' });
  });
});

describe('GET /openapi/v1/locations, /organizations, /taxonomies, /taxonomy_terms', () => {
  it("lists facilities' locations; an approximate one says so; coordinates only when known", async () => {
    const page = (await get('/locations?per_page=100')).body;
    await expectShape('LocationPage', page);
    expect(page.total_items).toBe(cat.locations().total);
    expect(page.size).toBe(page.total_items);
    const precisions = new Set<string>();
    for (const l of page.contents) {
      const x = l['x-aichingu'];
      const row = cat.location(x.id)!;
      precisions.add(x.geo_precision);
      expect(x.geo_precision).toBe(row.geoPrecision);
      expect(x.approximate).toBe(row.geoPrecision === 'dong' || row.geoPrecision === 'district');
      if (x.approximate) expect(x.position_note).toMatch(/approximate/);
      expect('latitude' in l).toBe(row.lat !== null);
      expect('longitude' in l).toBe(row.lon !== null);
      if (row.district) expect(l.addresses[0]).toMatchObject({ region: row.district, city: '광주광역시', country: 'KR', postal_code: null });
    }
    expect(precisions.has('dong')).toBe(true);
    // One location by UUID and by the facility id; its services resolve.
    const withServices = page.contents.find((l: Json) => l['x-aichingu'].service_ids.length > 0);
    expect(withServices).toBeDefined();
    expect((await get(`/locations/${withServices.id}`)).body).toEqual(withServices);
    expect((await get(`/locations/${withServices['x-aichingu'].id}`)).body).toEqual(withServices);
    const svc = await get(`/services/${withServices['x-aichingu'].service_ids[0]}`);
    expect(svc.status).toBe(200);
    expect(svc.body.service_at_locations.map((s: Json) => s.location_id)).toContain(withServices.id);
    expect((await get('/locations/no-such-place')).status).toBe(404);
  });

  it('lists organizations, one by either id', async () => {
    const page = (await get('/organizations?per_page=2')).body;
    await expectShape('OrganizationPage', page);
    expect(page.total_items).toBe(cat.organizations().total);
    const o = page.contents[0];
    expect((await get(`/organizations/${o.id}`)).body).toEqual(o);
    expect((await get(`/organizations/${o['x-aichingu'].id}`)).body).toEqual(o);
    expect((await get('/organizations/nope')).status).toBe(404);
  });

  it('lists every life stage and category as a taxonomy term with a stable UUIDv5 and its code', async () => {
    const page = (await get('/taxonomy_terms?per_page=100')).body;
    await expectShape('TaxonomyTermPage', page);
    expect(page.total_items).toBe(STAGE_IDS.length + Object.keys(CATEGORIES).length);
    expect(page.contents.map((t: Json) => t['x-aichingu'].id)).toEqual([...STAGE_IDS.map((s) => `stage:${s}`), ...CATEGORY_IDS.map((c) => `category:${c}`)]);
    for (const t of page.contents) {
      expect(t.id).toMatch(UUID_V5);
      expect(t.id).toBe(uuidv5(`taxonomy_term:${t['x-aichingu'].id}`));
    }
    const youthStage = page.contents.find((t: Json) => t['x-aichingu'].id === 'stage:youth');
    expect(youthStage).toMatchObject({ code: 'youth', name: '청년·일생활', taxonomy: 'aichingu:stage', language: 'ko' });
    expect((await get(`/taxonomy_terms/${youthStage.id}`)).body).toEqual(youthStage);
    expect((await get('/taxonomy_terms/stage:youth')).body).toEqual(youthStage);
    expect((await get('/taxonomy_terms/category:youth?lang=en')).body).toMatchObject({ name: 'Help for young adults', language: 'en' });
    const taxonomies = (await get('/taxonomies')).body;
    await expectShape('TaxonomyPage', taxonomies);
    expect(taxonomies.contents.map((t: Json) => t.id)).toEqual([youthStage.taxonomy_id, page.contents.at(-1).taxonomy_id]);
    const p2 = (await get('/taxonomy_terms?per_page=5&page=4')).body;
    expect(p2).toMatchObject({ size: 2, last_page: true, total_pages: 4 });
  });
});

describe('limits and availability', () => {
  it('rate limits per client: 429 with Retry-After after max requests, on these routes only', async () => {
    const limited = Fastify();
    limited.get('/health', async () => ({ ok: true }));
    await registerOpenApi(limited, { catalogue: () => cat, rateLimit: { max: 3, timeWindow: '1 minute' } });
    const url = await limited.listen({ host: '127.0.0.1', port: 0 });
    try {
      for (let i = 0; i < 3; i++) expect((await fetch(`${url}${OPENAPI_PREFIX}/services?per_page=1`)).status).toBe(200);
      const r = await fetch(`${url}${OPENAPI_PREFIX}/taxonomy_terms`);
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      const body = await r.json();
      expect(body.error).toBe('rate_limited');
      await expectShape('Error', body);
      for (let i = 0; i < 6; i++) expect((await fetch(`${url}/health`)).status).toBe(200);
      // another client (another address: 127.0.0.3 is this machine too) has its own count, untouched by the first's
      const from = (localAddress: string) =>
        new Promise<number>((resolve, reject) => {
          const req = httpRequest(`${url}${OPENAPI_PREFIX}/services?per_page=1`, { localAddress }, (res) => (res.resume(), resolve(res.statusCode ?? 0)));
          req.on('error', reject);
          req.end();
        });
      expect([await from('127.0.0.3'), await from('127.0.0.3'), await from('127.0.0.3'), await from('127.0.0.3')]).toEqual([200, 200, 200, 429]);
      expect(await from('127.0.0.1')).toBe(429); // the first is still limited
    } finally {
      await limited.close();
    }
  });

  it('503 before a catalogue is published; reads whatever catalogue is current on each request', async () => {
    let current: Catalogue | null = null;
    const hub = Fastify();
    await registerOpenApi(hub, { catalogue: () => current });
    const url = await hub.listen({ host: '127.0.0.1', port: 0 });
    try {
      for (const path of ['/services', '/services/gj-grandparent-caregiver', '/locations', '/organizations']) {
        const r = await fetch(`${url}${OPENAPI_PREFIX}${path}`);
        expect(r.status, path).toBe(503);
        const body = await r.json();
        expect(body).toEqual({ error: 'no_catalogue', message: 'no catalogue has been published yet' });
        await expectShape('Error', body);
      }
      expect((await fetch(`${url}${OPENAPI_PREFIX}/`)).status).toBe(200);
      expect((await fetch(`${url}${OPENAPI_PREFIX}/taxonomy_terms`)).status).toBe(200);
      current = cat;
      expect((await fetch(`${url}${OPENAPI_PREFIX}/services`)).status).toBe(200);
    } finally {
      await hub.close();
    }
  });
});
