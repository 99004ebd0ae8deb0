/** Four languages for real (issue 11): every policy and service has each of its texts in en, vi and zh, marked as the team's translation. */
import { describe, expect, it } from 'vitest';
import { loadCatalogueSource } from '../../db/catalogue/load.js';
import type { Entry } from '../../db/catalogue/schema.js';
import { catalogueSourceDir } from '../../db/catalogue/source-dir.js';
import { auditEntry, languageCoverage } from './audit.js';

const src = loadCatalogueSource(catalogueSourceDir());
const services = src.entries.filter((e) => e.kind !== 'facility');

/** Each language an entry's `translated` lists that its source notes lack, as "id source_notes lang". */
const notesMissing = (entries: readonly Entry[]) =>
  entries.flatMap((e) => (e.source_notes ? e.translated.filter((l) => !e.source_notes![l]?.trim()).map((l) => `${e.id} source_notes ${l}`) : []));

describe('four languages', () => {
  it('every policy and service has title, summary, who, what, amount, how to apply, documents, history and source notes in en, vi and zh', () => {
    const missing = services.flatMap((e) => auditEntry(e, new Date('2026-12-01T00:00:00Z')).filter((p) => p.code === 'language_missing').map((p) => `${e.id} ${p.field}`));
    expect(missing).toEqual([]);
    const c = languageCoverage(services);
    for (const fields of Object.values(c)) for (const f of Object.values(fields)) expect(f.have).toBe(f.of);
  });
  it('a text in vi or zh is marked as the team’s translation, with the Korean official name kept where there is one', () => {
    const unmarked = services.filter((e) => (['vi', 'zh'] as const).some((l) => e.summary[l] && !e.translated.includes(l))).map((e) => e.id);
    expect(unmarked).toEqual([]);
  });
  it('every entry (facilities too) has each language its `translated` lists in every history text', () => {
    const missing = src.entries.flatMap((e) => e.history.flatMap((h) => e.translated.filter((l) => !h.text[l]).map((l) => `${e.id} history ${h.year} ${l}`)));
    expect(missing).toEqual([]);
    expect(src.entries.flatMap((e) => e.history).length).toBeGreaterThanOrEqual(40);
  });
  it('every entry (facilities too) has each language its `translated` lists in its source notes', () => {
    // the check itself: an entry that lists vi but whose notes are Korean, English and Chinese only is caught
    const real = src.entries.find((e) => e.kind === 'facility' && e.source_notes && e.translated.includes('vi'))!;
    const { vi: _vi, ...noVi } = real.source_notes!;
    expect(notesMissing([{ ...real, source_notes: noVi }])).toEqual([`${real.id} source_notes vi`]);
    expect(notesMissing(src.entries)).toEqual([]);
    expect(src.entries.filter((e) => e.source_notes).length).toBeGreaterThanOrEqual(130);
  });
  it('at least 100 policies and services, each sourced, dated and with a phone', () => {
    expect(services.filter((e) => e.status === 'active').length).toBeGreaterThanOrEqual(100);
    expect(services.filter((e) => !e.sources.length || !e.last_verified || !e.phones.length).map((e) => e.id)).toEqual([]);
  });
});
