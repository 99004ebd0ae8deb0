/** What can this household get — the finder's answer as the contract shows it, over a leased catalogue. */
import type { Catalogue } from '../../db/catalogue/store.js';
import type { Lang, Output } from '../contract/kiosk-api.js';
import type { Situation } from '../contract/situation.js';
import { pick } from '../catalogue/views.js';
import { findEligible } from './finder.js';

export function eligibleView(cat: Catalogue, situation: Situation, lang: Lang): Output<'eligible'> {
  const entries = cat.entriesWithRules();
  const byId = new Map(entries.map((e) => [e.id, e]));
  return {
    findings: findEligible(entries, situation, lang).flatMap((f) => {
      const e = byId.get(f.id);
      if (!e) return [];
      const r = e.eligibility_rules;
      return [{ id: f.id, title: pick(e.title, lang), result: f.result, reasons: f.reasons, also: r?.stated ? pick(r.also, lang) : undefined }];
    }),
  };
}
