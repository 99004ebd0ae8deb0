/** What can this household get — the finder's answer as the contract shows it, over a leased catalogue. */
import type { Catalogue } from '../../db/catalogue/store.js';
import type { Lang, Output } from '../contract/kiosk-api.js';
import type { Situation } from '../contract/situation.js';
import { amountView, pick, verifyPhone } from '../catalogue/views.js';
import { findEligible } from './finder.js';

export function eligibleView(cat: Catalogue, situation: Situation, lang: Lang, now: Date = new Date()): Output<'eligible'> {
  const entries = cat.entriesWithRules();
  const byId = new Map(entries.map((e) => [e.id, e]));
  return {
    findings: findEligible(entries, situation, lang, now).flatMap((f) => {
      const e = byId.get(f.id);
      const r = e?.eligibility_rules;
      if (!e || !r?.stated) return [];
      return [
        {
          id: f.id,
          title: pick(e.title, lang),
          result: f.result,
          reasons: f.reasons,
          note: pick(r.note, lang),
          amount: amountView(e, lang, now),
          phone: verifyPhone(cat, e, lang),
          category: e.category,
          choice: r.choice ? { group: r.choice.group, label: pick(r.choice.label, lang) } : undefined,
          forGroup: r.for_group,
        },
      ];
    }),
  };
}
