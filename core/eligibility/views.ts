/** What can this household get — the finder's answer as the contract shows it, over a leased catalogue. */
import type { Catalogue } from '../../db/catalogue/store.js';
import type { Finding, Lang, Output } from '../contract/kiosk-api.js';
import { criterionFacts, type EligibilityRules } from '../../db/catalogue/schema.js';
import { FOR_GROUP_FACT, type ForGroup } from '../contract/lists.js';
import { inGroup, type Situation } from '../contract/situation.js';
import { amountView, pick, verifyPhone } from '../catalogue/views.js';
import { evaluate } from './engine.js';
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
          forGroup: groupLabel(r, situation, f.result, now),
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
function groupLabel(r: Extract<EligibilityRules, { stated: true }>, s: Situation, result: Finding['result'], now: Date): ForGroup | undefined {
  const group = r.for_group;
  if (group === undefined) return undefined;
  const member = groupMet(r, group, s, now);
  return member === undefined || (member === false && result !== 'not_eligible') ? group : undefined;
}


/**
 * Whether the household is in the rule's group: told by the group's fact; when that is not told,
 * as the rule's own criterion for the group reads the household's answers — 다문화가정 산모 돌보미
 * takes a 고려인 family too ("다문화가족이거나 고려인 가족이에요"), so a 고려인 family is in its group.
 * A criterion that lets a child in instead (발달재활: under 6, not yet registered) does not count.
 */
function groupMet(r: Extract<EligibilityRules, { stated: true }>, group: ForGroup, s: Situation, now: Date): boolean | undefined {
  const told = inGroup(group, s);
  if (told !== undefined) return told;
  const c = r.criteria.find((x) => criterionFacts(x).includes(FOR_GROUP_FACT[group]));
  if (!c || criterionFacts(c).some((f) => !f.startsWith('household.'))) return undefined;
  return evaluate({ stated: true, criteria: [c], cases: [] }, s, 'ko', now).result === 'eligible' ? true : undefined;
}
