/** The shipped catalogue itself: complete, sourced, translated, and never mixing up the other 광주. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCatalogueSource } from './load.js';
import { catalogueSourceDir } from './source-dir.js';
import { itWithShared, sharedPath } from '../../tests/shared-data.node.js';

const src = loadCatalogueSource(catalogueSourceDir());
const byId = new Map(src.entries.map((e) => [e.id, e]));
const EXTRACT_FILE = 'data/catalog/facilities_news_sourced.json';
const EXTRACT = sharedPath(...EXTRACT_FILE.split('/'));

describe('the real catalogue', () => {
  it('holds at least 60 policies and services', () => {
    expect(src.entries.filter((e) => e.kind !== 'facility').length).toBeGreaterThanOrEqual(60);
  });

  // The sourced extract lives beside the repository (../shared/data); CI checkouts have it.
  itWithShared([EXTRACT_FILE], 'holds every facility from the sourced extract', () => {
    const extract = JSON.parse(readFileSync(EXTRACT, 'utf8')) as { items: { name: string }[] };
    const facilityText = src.entries.filter((e) => e.kind === 'facility').map((e) => [e.title.ko, ...e.alt_names, e.official_title?.ko ?? ''].join(' ')).join('\n');
    const key = (s: string) => s.replace(/\s|\(.*?\)|'/g, '').slice(0, 6);
    for (const f of extract.items) expect(facilityText.replace(/\s|'/g, ''), f.name).toContain(key(f.name));
  });

  it('holds every service the city named and the national policies a Gwangju family meets', () => {
    const required = [
      'gj-hospitalized-child-care', 'gj-emergency-childcare', 'gj-grandparent-caregiver', 'gj-village-care', 'gj-1279-counselling',
      'gj-visiting-counselling', 'infertility-treatment', 'kepco-electricity-discount', 'low-income-diaper-formula', 'childcare-fee',
      'kindergarten-tuition', 'child-care-service', 'gj-kiumddeul', 'shared-childcare-space', 'neulbom-school', 'community-child-center',
      'dahamkke-care-center', 'youth-after-school-academy', 'youth-activity-facilities', 'first-meeting-voucher', 'parent-benefit',
      'child-allowance', 'pregnancy-medical-voucher', 'postpartum-care-voucher', 'home-care-allowance', 'infant-health-checkup',
      'national-immunization', 'parental-leave-benefit', 'spouse-maternity-leave', 'gj-birth-childcare-allowance',
    ];
    for (const id of required) expect(byId.has(id), id).toBe(true);
    expect(byId.get('gj-birth-childcare-allowance')!.status).toBe('discontinued');
    expect(src.entries.some((e) => e.phones.some((p) => p.number === '062-222-1279'))).toBe(true);
  });

  it('every entry names its sources, when it was verified, and the year of any amount', () => {
    for (const e of src.entries) {
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      expect(e.last_verified, e.id).toMatch(/^20\d\d-\d\d/);
      if (e.amount) expect(e.amount.year, e.id).toMatch(/^20\d\d/);
      // verify-before-use: anything resting only on news, blogs or mirrors says so
      if (e.sources.every((s) => ['news', 'blog', 'mirror'].includes(s.type))) expect(e.verify_before_use, e.id).toBe(true);
    }
  });

  it('every entry has English title and summary, and Vietnamese and Chinese titles', () => {
    for (const e of src.entries) {
      expect(e.title.en && e.title.vi && e.title.zh && e.summary.en, e.id).toBeTruthy();
    }
  });

  it('no coordinate is invented: facilities without a sourced position say so', () => {
    for (const e of src.entries.filter((x) => x.kind === 'facility')) {
      const l = e.location!;
      if (l.lat === undefined) expect(['dong', 'district', 'unknown'], e.id).toContain(l.geo_precision);
      if (l.geo_precision === 'dong') expect(l.dong, e.id).toBeTruthy();
    }
  });

  it('does not mix in 경기도 광주시 (a different city)', () => {
    // notes may say what was excluded and why; everything shown to people must not mention it
    const text = JSON.stringify(src.entries.map(({ notes: _notes, ...shown }) => shown));
    expect(text).not.toMatch(/\b031-\d{3,4}-\d{4}|경기도 광주|오포읍|태전동|방세환/);
  });

  it('keeps a FAQ for the 1279 centre, each answer linked to entries and sourced', () => {
    expect(src.faq.length).toBeGreaterThanOrEqual(10);
    for (const q of src.faq) {
      expect(q.sources.length, q.id).toBeGreaterThan(0);
      for (const r of q.related) expect(byId.has(r), `${q.id} → ${r}`).toBe(true);
    }
  });
});
