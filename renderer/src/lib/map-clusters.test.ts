import { describe, expect, it } from 'vitest';
import { clusterPoints, markerBox, placeLabel, spotsInside, textEms } from './map-clusters';

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

describe('placeLabel', () => {
  const em = 24;
  const map = { width: 800, height: 560 };
  const marker = (x: number, y: number, r = 20, mark = 0) => markerBox({ x, y, r, mark });
  it('stands 1 em above the centre when nothing is there', () => {
    expect(placeLabel({ x: 400, y: 300, width: 48, em }, [marker(400, 300, 10), marker(600, 276)], [], map)).toEqual({ x: 400, y: 276, free: true });
  });
  it('below the centre when a marker is above it; a second name not on the first', () => {
    const placed: ReturnType<typeof markerBox>[] = [];
    const markers = [marker(400, 280)];
    expect(placeLabel({ x: 400, y: 300, width: 48, em }, markers, placed, map)).toEqual({ x: 400, y: 300 + 1.6 * em, free: true });
    // a second district whose centre is the same spot: below is taken, so to the left
    expect(placeLabel({ x: 400, y: 300, width: 48, em }, markers, placed, map)).toEqual({ x: 400 - 24 - em, y: 300 + 0.35 * em, free: true });
  });
  it('the ≈ beside a marker counts as covered', () => {
    expect(placeLabel({ x: 440, y: 300, width: 24, em }, [marker(400, 280, 10, 40)], [], map).y).not.toBe(276);
  });
  it('not free when every place is covered or outside the map: drawn where it would stand, under the markers', () => {
    const markers = [marker(400, 300, 100)];
    expect(placeLabel({ x: 400, y: 300, width: 48, em }, markers, [], map)).toEqual({ x: 400, y: 276, free: false });
    expect(placeLabel({ x: 40, y: 10, width: 48, em }, [], [], map)).toEqual({ x: 40, y: 10 + 1.6 * em, free: true }); // above is outside the map: below
  });
  it('not free, and a name already above the centre: under the markers below it, not over that name', () => {
    const markers = [marker(400, 300, 100)];
    const placed: ReturnType<typeof markerBox>[] = [{ left: 370, right: 430, top: 255, bottom: 285 }]; // "여기", placed first
    expect(placeLabel({ x: 400, y: 300, width: 48, em }, markers, placed, map)).toEqual({ x: 400, y: 300 + 1.6 * em, free: false });
    // and the next name not over either
    const third = placeLabel({ x: 400, y: 300, width: 48, em }, markers, placed, map);
    expect(third).toEqual({ x: 400 - 24 - em, y: 300 + 0.35 * em, free: false });
  });
  it('"여기" beside the kiosk\'s square: just under it, else over it, else to its right or left — never at a place away from it', () => {
    const sq = { left: 390, right: 410, top: 290, bottom: 310 };
    const here = { x: 400, y: 300, width: 48, em, beside: 10 };
    expect(placeLabel(here, [sq], [], map)).toEqual({ x: 400, y: 310 + 1.1 * em, free: true });
    // a marker under the square: over it
    expect(placeLabel(here, [sq, marker(400, 340)], [], map)).toEqual({ x: 400, y: 290 - 0.4 * em, free: true });
    // markers under and over it: to its right, its middle at the square's
    const right = placeLabel(here, [sq, marker(400, 340), marker(400, 260)], [], map);
    expect(right).toEqual({ x: 410 + 0.3 * em + 24, y: 300 + 0.35 * em, free: true });
    expect(right.y - 0.35 * em).toBe(300);
    // a marker just right of the square (a district's count at the same centre) and one to its left: under the square, ending at its right edge
    expect(placeLabel(here, [sq, marker(440, 300), marker(345, 300, 15)], [], map)).toEqual({ x: 410 - 24, y: 310 + 1.1 * em, free: true });
    // nowhere free: under it, drawn under the markers
    expect(placeLabel(here, [marker(400, 300, 200)], [], map)).toEqual({ x: 400, y: 310 + 1.1 * em, free: false });
  });
  it('when every place near the centre is taken: centred on the first spot inside its district that is clear, nearest the centre first', () => {
    const markers = [marker(400, 300, 60)];
    // the six places around the centre all touch the marker; the spots are tried in the order given
    let asked = 0;
    const spots = (): [number, number][] => (asked++, [[400, 330], [400, 420], [520, 300]]);
    const at = placeLabel({ x: 400, y: 300, width: 48, em, spots }, markers, [], map);
    expect(at).toEqual({ x: 400, y: 420 + 0.35 * em, free: true });
    expect(asked).toBe(1);
    // a place near the centre is clear: the spots are not even made
    expect(placeLabel({ x: 400, y: 300, width: 48, em, spots }, [], [], map)).toEqual({ x: 400, y: 276, free: true });
    expect(asked).toBe(1);
    // no spot clear either: under the markers near the centre, as before
    expect(placeLabel({ x: 400, y: 300, width: 48, em, spots: () => [[400, 330]] }, [marker(400, 300, 300)], [], map)).toEqual({ x: 400, y: 276, free: false });
  });
  it('a Hangul or Chinese name is about 1 em a character, Latin narrower', () => {
    expect(textEms('광산구')).toBe(3);
    expect(textEms('光山区')).toBe(3);
    expect(textEms('Buk-gu')).toBeCloseTo(3.6);
  });
});

describe('spotsInside', () => {
  // a 100×100 square with a 40×40 hole in its middle (drawn as the map draws a district: outer ring and hole)
  const square: [number, number][] = [[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]];
  const hole: [number, number][] = [[30, 30], [70, 30], [70, 70], [30, 70], [30, 30]];
  it('the grid points inside the outline and outside its hole, nearest the given point first', () => {
    const spots = spotsInside([square, hole], 25, { x: 0, y: 0 });
    expect(spots).toHaveLength(16 - 4); // a 4×4 grid (12.5, 37.5, 62.5, 87.5), less the four in the hole
    expect(spots[0]).toEqual([12.5, 12.5]);
    expect(spots).not.toContainEqual([37.5, 37.5]);
    for (const [x, y] of spots) expect(x > 30 && x < 70 && y > 30 && y < 70).toBe(false);
    const d = spots.map(([x, y]) => Math.hypot(x, y));
    expect(d).toEqual([...d].sort((a, b) => a - b));
  });
  it('with a half width: only points whose left and right ends are inside too (a name centred there stays in its area)', () => {
    const spots = spotsInside([square], 25, { x: 50, y: 50 }, 20);
    // 12.5 and 87.5 would put an end outside the square (12.5 − 20 < 0, 87.5 + 20 > 100)
    expect(new Set(spots.map(([x]) => x))).toEqual(new Set([37.5, 62.5]));
    expect(spots).toHaveLength(8);
  });
  it('nothing for an empty outline or a step of 0', () => {
    expect(spotsInside([], 10, { x: 0, y: 0 })).toEqual([]);
    expect(spotsInside([square], 0, { x: 0, y: 0 })).toEqual([]);
  });
});
