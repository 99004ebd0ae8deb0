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
