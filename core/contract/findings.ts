/**
 * The finder's results arranged for people — one definition for the screen and the printed
 * summary: what can be got first, then what needs a call, then (folded away) what does not apply.
 * Within a group the most specific matches come first (more conditions checked and met), money
 * before services, and programs only for a group of families (다문화가족, 장애, 저소득) that the
 * household has not said it is in last (a household that said so has them among the others); programs that exclude each other (보육료 or 양육수당) become one choice.
 */
import type { Finding } from './kiosk-api.js';
import { FOR_GROUPS } from './lists.js';

export type Item = { kind: 'one'; finding: Finding } | { kind: 'choice'; group: string; options: Finding[] };
export interface Arranged {
  eligible: Item[];
  unknown: Item[];
  notEligible: Finding[];
}

const MONEY = new Set(['allowance', 'birth-support']);
const met = (f: Finding) => f.reasons.filter((r) => r.met === true).length;
const open = (f: Finding) => f.reasons.filter((r) => r.met === null).length;
/** 0 for a program for anyone; then one block per group of families (FOR_GROUPS' order), so that each group's programs stand together. */
const groupRank = (f: Finding) => (f.forGroup === undefined ? 0 : 1 + FOR_GROUPS.indexOf(f.forGroup));
/** Programs for anyone (or for a group the household said it is in) before those for a group not told, group by group; then more conditions met, fewer left to check, money, and the title (stable across runs). */
const order = (a: Finding, b: Finding) =>
  groupRank(a) - groupRank(b) ||
  met(b) - met(a) || open(a) - open(b) || Number(MONEY.has(b.category)) - Number(MONEY.has(a.category)) || a.title.text.localeCompare(b.title.text, 'ko');
const first = (i: Item) => (i.kind === 'one' ? i.finding : i.options[0]!);

export function arrangeFindings(findings: readonly Finding[]): Arranged {
  const notEligible = findings.filter((f) => f.result === 'not_eligible').sort(order);
  const live = findings.filter((f) => f.result !== 'not_eligible');
  const groups = new Map<string, Finding[]>();
  for (const f of live) if (f.choice) groups.set(f.choice.group, [...(groups.get(f.choice.group) ?? []), f]);
  const out: Arranged = { eligible: [], unknown: [], notEligible };
  const placed = new Set<string>();
  for (const f of live) {
    const members = f.choice ? (groups.get(f.choice.group) ?? []) : [];
    if (f.choice && members.length > 1) {
      if (placed.has(f.choice.group)) continue;
      placed.add(f.choice.group);
      const options = [...members].sort((a, b) => Number(b.result === 'eligible') - Number(a.result === 'eligible') || order(a, b));
      (options.some((o) => o.result === 'eligible') ? out.eligible : out.unknown).push({ kind: 'choice', group: f.choice.group, options });
    } else (f.result === 'eligible' ? out.eligible : out.unknown).push({ kind: 'one', finding: f });
  }
  out.eligible.sort((a, b) => order(first(a), first(b)));
  out.unknown.sort((a, b) => order(first(a), first(b)));
  return out;
}

/** How many programs the arranged results name (a choice counts each of its options). */
export const itemCount = (items: Item[]) => items.reduce((n, i) => n + (i.kind === 'one' ? 1 : i.options.length), 0);
