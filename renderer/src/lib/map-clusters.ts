/**
 * Facilities drawn at one spot on the map (most sit at their 행정동 or 구 centre, no source
 * giving exact coordinates) become one marker with their count: each marker then opens what a
 * person sees under it, not the topmost of a stack. Greedy, in the order given (nearest first):
 * a point joins the first marker whose first point is within `within` map units.
 */
export interface Cluster<T> {
  x: number;
  y: number;
  items: T[];
}

export function clusterPoints<T>(points: { x: number; y: number; item: T }[], within: number): Cluster<T>[] {
  const out: Cluster<T>[] = [];
  for (const p of points) {
    const near = out.find((c) => Math.hypot(c.x - p.x, c.y - p.y) <= within);
    if (near) near.items.push(p.item);
    else out.push({ x: p.x, y: p.y, items: [p.item] });
  }
  return out;
}

/** A word's width in ems as drawn: a Hangul or Chinese character about 1 em, anything else about 0.6. */
export const textEms = (text: string): number => Array.from(text).reduce((w, c) => w + (/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3400-\u9fff\uff00-\uffef]/.test(c) ? 1 : 0.6), 0);

type Box = { left: number; right: number; top: number; bottom: number };
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** What a marker covers (map units): its circle, and the ≈ beside it when its place is approximate (`mark`: its width). */
export const markerBox = (m: { x: number; y: number; r: number; mark: number }): Box => ({ left: m.x - m.r, right: m.x + m.r + m.mark, top: m.y - m.r, bottom: m.y + m.r });

/**
 * The points of a grid, every `step` map units, that lie inside an area drawn as `rings` (its
 * outlines projected onto the map: outer rings and holes, even-odd) — with the points `half` to
 * their left and right (a name's ends, centred there) inside too — nearest to `from` first.
 */
export function spotsInside(rings: [number, number][][], step: number, from: { x: number; y: number }, half = 0): [number, number][] {
  const all = rings.flat();
  if (!all.length || !(step > 0)) return [];
  const [left, right, top, bottom] = all.reduce((b, [px, py]) => [Math.min(b[0], px), Math.max(b[1], px), Math.min(b[2], py), Math.max(b[3], py)], [Infinity, -Infinity, Infinity, -Infinity]);
  const inside = (px: number, py: number) => {
    let odd = false;
    for (const ring of rings)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) odd = !odd;
      }
    return odd;
  };
  const out: [number, number][] = [];
  for (let gx = left + step / 2; gx < right; gx += step) for (let gy = top + step / 2; gy < bottom; gy += step) if (inside(gx, gy) && inside(gx - half, gy) && inside(gx + half, gy)) out.push([gx, gy]);
  return out.sort((a, b) => Math.hypot(a[0] - from.x, a[1] - from.y) - Math.hypot(b[0] - from.x, b[1] - from.y));
}

/**
 * Where a district's name stands (the middle of its baseline, map units): 1 em above the district's
 * centre if nothing is there, else below, left or right of it, or further up or down, else centred
 * on one of `spots` (points inside the district, nearest its centre first) — the first
 * place that covers no marker (a count under a name cannot be read) and no name already placed
 * (`placed`, which this adds to), inside the map. `free: false` when there is none: the caller
 * draws that name under the markers, where they hide it rather than it hiding them — at the first
 * of those places that covers no other name.
 *
 * `beside`: the half-size of a mark the label names (the kiosk's own square, "여기"): the label
 * stands just clear of it — under it first, then over it, to its right or left, under or over it
 * shifted to one side, then further down or up — never at a place away from it.
 */
export function placeLabel(label: { x: number; y: number; width: number; em: number; beside?: number; spots?: () => [number, number][] }, markers: Box[], placed: Box[], map: { width: number; height: number }): { x: number; y: number; free: boolean } {
  const { x, y, width: w, em } = label;
  const half = label.beside;
  const candidates: [number, number][] =
    half === undefined
      ? [
          [x, y - em],
          [x, y + 1.6 * em],
          [x - w / 2 - em, y + 0.35 * em],
          [x + w / 2 + em, y + 0.35 * em],
          [x, y - 2 * em],
          [x, y + 2.6 * em],
        ]
      : [
          [x, y + half + 1.1 * em],
          [x, y - half - 0.4 * em],
          [x + half + w / 2 + 0.3 * em, y + 0.35 * em],
          [x - half - w / 2 - 0.3 * em, y + 0.35 * em],
          // under or over it, ending at its right edge or starting at its left (off a marker beside it)
          [x + half - w / 2, y + half + 1.1 * em],
          [x - half + w / 2, y + half + 1.1 * em],
          [x + half - w / 2, y - half - 0.4 * em],
          [x - half + w / 2, y - half - 0.4 * em],
          [x, y + half + 2.1 * em],
          [x, y - half - 1.4 * em],
        ];
  const box = ([cx, cy]: [number, number]): Box => ({ left: cx - w / 2, right: cx + w / 2, top: cy - 0.85 * em, bottom: cy + 0.15 * em });
  const inside = (b: Box) => b.left >= 0 && b.right <= map.width && b.top >= 0 && b.bottom <= map.height;
  const clear = (c: [number, number]) => {
    const b = box(c);
    return inside(b) && !markers.some((m) => overlaps(b, m)) && !placed.some((p) => overlaps(b, p));
  };
  // near the centre, else (asked for only then) anywhere in its own district, nearest its centre first: the name's middle on the spot
  const found = candidates.find(clear) ?? label.spots?.().map(([sx, sy]): [number, number] => [sx, sy + 0.35 * em]).find(clear);
  if (found) {
    placed.push(box(found));
    return { x: found[0], y: found[1], free: true };
  }
  // none clear of the markers: under them near its centre, but where it covers no other name (two
  // names drawn over each other are both unreadable), else where it would first stand
  const apart = candidates.find((c) => inside(box(c)) && !placed.some((p) => overlaps(box(c), p))) ?? candidates[0]!;
  placed.push(box(apart));
  return { x: apart[0], y: apart[1], free: false };
}
