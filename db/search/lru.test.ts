import { describe, expect, it } from 'vitest';
import { Lru } from './lru.js';

describe('the searcher caches (Lru)', () => {
  it('keeps the most recently used entries within the budget, counting each entry by its cost', () => {
    const c = new Lru<string, number[] | null>(10, (v) => (v ? v.length : 1));
    c.set('a', [1, 2, 3, 4]);
    c.set('b', [1, 2, 3, 4]);
    c.set('none', null); // a remembered miss is kept too, and told apart from "not kept"
    expect(c.get('a')).toEqual([1, 2, 3, 4]); // a is now the most recent: b goes first
    c.set('c', [1, 2]);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('none')).toBeNull();
    expect(c.get('a')).toEqual([1, 2, 3, 4]);
    expect(c.get('c')).toEqual([1, 2]);
  });

  it('replacing an entry counts only its new cost, and an entry over the whole budget is not kept', () => {
    const c = new Lru<string, string>(5, (v) => v.length);
    c.set('x', 'aaaa');
    c.set('x', 'a');
    c.set('y', 'bbbb');
    expect([c.get('x'), c.get('y')]).toEqual(['a', 'bbbb']);
    c.set('z', 'cccccc');
    expect([c.get('x'), c.get('y'), c.get('z')]).toEqual([undefined, undefined, undefined]);
  });
});
