/** How the finder's results are arranged for people (core/contract/findings.ts), on made-up findings. */
import { describe, expect, it } from 'vitest';
import { arrangeFindings } from './findings.js';
import type { Finding } from './kiosk-api.js';

const finding = (id: string, met: number, open: number, extra: Partial<Finding> = {}): Finding => ({
  id,
  title: { text: id, lang: 'ko' },
  result: open ? 'unknown' : 'eligible',
  reasons: [...Array.from({ length: met }, () => ({ text: 'met', met: true })), ...Array.from({ length: open }, () => ({ text: 'ask', met: null }))],
  category: 'care',
  ...extra,
});
const ids = (items: ReturnType<typeof arrangeFindings>['unknown']) => items.map((i) => (i.kind === 'one' ? i.finding.id : i.group));

describe('arrangeFindings', () => {
  it('puts programs only for a group the finder does not ask about after those for anyone, however many conditions they met, each group together', () => {
    const a = arrangeFindings([
      finding('mc-two-met', 2, 1, { forGroup: 'multicultural' }),
      finding('anyone-one-met', 1, 1),
      finding('disability-three-met', 3, 1, { forGroup: 'disability' }),
      finding('anyone-two-met', 2, 1),
      finding('mc-three-met', 3, 1, { forGroup: 'multicultural' }),
    ]);
    expect(ids(a.unknown)).toEqual(['anyone-two-met', 'anyone-one-met', 'mc-three-met', 'mc-two-met', 'disability-three-met']);
  });

  it('a program for a group the household said it is in comes without the group (the view leaves it out) and stands with the programs for anyone, by conditions met', () => {
    const a = arrangeFindings([finding('anyone-one-met', 1, 1), finding('mc-told-in-three-met', 3, 1), finding('disability-not-told', 3, 1, { forGroup: 'disability' }), finding('mc-yes', 3, 0)]);
    expect(ids(a.eligible)).toEqual(['mc-yes']);
    expect(ids(a.unknown)).toEqual(['mc-told-in-three-met', 'anyone-one-met', 'disability-not-told']);
  });

  it('within each part: more conditions met first, then fewer left to check, then money', () => {
    const a = arrangeFindings([finding('b', 1, 2), finding('a', 1, 1), finding('c', 2, 3), finding('money', 1, 1, { category: 'allowance' })]);
    expect(ids(a.unknown)).toEqual(['c', 'money', 'a', 'b']);
  });
});
