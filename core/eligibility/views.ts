/** What can this household get — the finder's answer as the contract shows it, over a leased catalogue. */
import type { Catalogue } from '../../db/catalogue/store.js';
import type { Finding, Lang, Output } from '../contract/kiosk-api.js';
import type { ForGroup } from '../contract/lists.js';
import { inGroup, type Situation } from '../contract/situation.js';
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
          forGroup: groupLabel(r.for_group, situation, f.result),
        },
      ];
    }),
  };
}

/**
 * A program only for a group of families is labelled ("다문화가족이라면") and shown after the others
 * while the household has not said whether it is in the group. Said yes: it stands with the programs
 * for anyone. Said no: it is "not eligible" — unless its rule leaves another way in (발달재활: a young
 * child not yet registered), and then it stays labelled and last.
 */
function groupLabel(group: ForGroup | undefined, s: Situation, result: Finding['result']): ForGroup | undefined {
  if (group === undefined) return undefined;
  const member = inGroup(group, s);
  return member === undefined || (member === false && result !== 'not_eligible') ? group : undefined;
}
