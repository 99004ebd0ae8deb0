/** What can this household get: every catalogue entry with stated rules, evaluated. */
import type { Entry, Lang, Situation } from '../../db/catalogue/schema.js';
import { evaluate, text, type Verdict } from './engine.js';

export interface Finding extends Verdict {
  id: string;
  title: string;
}

// Stryker disable next-line StringLiteral: equivalent, text() gives Korean for a language without a text of its own
export function findEligible(entries: Entry[], s: Situation, lang: Lang = 'ko', now: Date = new Date()): Finding[] {
  const out: Finding[] = [];
  for (const e of entries) {
    const r = e.eligibility_rules;
    if (!r?.stated || e.status !== 'active') continue;
    out.push({ id: e.id, title: text(e.title, lang), ...evaluate(r, s, lang, now) });
  }
  return out;
}
