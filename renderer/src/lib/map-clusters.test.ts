import { describe, expect, it } from 'vitest';
import { clusterPoints } from './map-clusters';

describe('clusterPoints', () => {
  it('puts the facilities at one centre in one marker, in the order given, and leaves a point apart alone', () => {
    const at = (x: number, y: number, item: string) => ({ x, y, item });
    const c = clusterPoints([at(100, 100, 'a'), at(300, 100, 'b'), at(100, 100, 'c'), at(110, 105, 'd'), at(100, 140, 'e')], 24);
    expect(c).toEqual([
      { x: 100, y: 100, items: ['a', 'c', 'd'] },
      { x: 300, y: 100, items: ['b'] },
      { x: 100, y: 140, items: ['e'] },
    ]);
  });
  it('measures from the marker’s first point, so a chain of near points does not swallow the map', () => {
    const c = clusterPoints([0, 20, 40, 60].map((x) => ({ x, y: 0, item: x })), 24);
    expect(c.map((m) => m.items)).toEqual([[0, 20], [40, 60]]);
  });
});
