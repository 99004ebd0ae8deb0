/**
 * A map that keeps its most recently used entries within a budget: each entry costs
 * `cost(value)`, and the least recently used go first when the total is over the budget.
 * The searcher keeps decoded posting lists (by bytes) and candidate rows (by count) in these.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  private used = 0;

  constructor(
    private readonly budget: number,
    private readonly cost: (v: V) => number = () => 1,
  ) {}

  /** The value, now the most recently used; undefined when not kept. */
  get(k: K): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined || this.map.has(k)) {
      this.map.delete(k); // most recently used last
      this.map.set(k, v as V);
    }
    return v;
  }

  set(k: K, v: V): void {
    const old = this.map.get(k);
    if (old !== undefined || this.map.has(k)) {
      this.used -= this.cost(old as V);
      this.map.delete(k);
    }
    this.map.set(k, v);
    this.used += this.cost(v);
    for (const [key, value] of this.map) {
      if (this.used <= this.budget) break;
      this.map.delete(key);
      this.used -= this.cost(value);
    }
  }
}
