import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chosung, compose, decompose, isChosungQuery, jamoKey, normalize } from './hangul.js';

describe('hangul', () => {
  it('spells 초성', () => {
    expect(chosung('아이돌봄서비스')).toBe('ㅇㅇㄷㅂㅅㅂㅅ');
    expect(chosung('손자녀 돌보미')).toBe('ㅅㅈㄴㄷㅂㅁ');
  });
  it('recognises a 초성 query and keeps its jamo through normalisation', () => {
    expect(isChosungQuery(normalize('ㅇㅇㄷㅂ'))).toBe(true);
    expect(isChosungQuery('아이')).toBe(false);
    expect(isChosungQuery('ㅇ')).toBe(false);
  });
  it('makes sound-alike spellings meet in the jamo key', () => {
    expect(jamoKey('돌봄이')).toBe(jamoKey('돌보미'));
    expect(jamoKey('서비스')).not.toBe(jamoKey('써비스'));
  });
  it('composes what it decomposes, for every syllable', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0xac00, max: 0xd7a3 }), (c) => {
        const ch = String.fromCharCode(c);
        const [i, m, f] = decompose(ch)!;
        return compose(i, m, f) === ch;
      }),
    );
  });
  it('normalises full-width letters and punctuation', () => {
    expect(normalize('Ｃhild·Care!')).toBe('child care');
  });
});
