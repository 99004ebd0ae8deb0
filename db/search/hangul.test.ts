import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chosung, compose, decompose, foldLatin, isChosungQuery, jamoKey, normalize, scriptRuns } from './hangul.js';

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

describe('Vietnamese folded for matching', () => {
  it('takes off every tone mark, on every vowel', () => {
    // ngang, huyền, sắc, hỏi, ngã, nặng on a, e, i, o, u, y
    for (const [marked, plain] of [['aàáảãạ', 'aaaaaa'], ['eèéẻẽẹ', 'eeeeee'], ['iìíỉĩị', 'iiiiii'], ['oòóỏõọ', 'oooooo'], ['uùúủũụ', 'uuuuuu'], ['yỳýỷỹỵ', 'yyyyyy']])
      expect(foldLatin(marked!), marked).toBe(plain);
  });
  it('takes off the vowel marks ă â ê ô ơ ư, alone and under a tone', () => {
    expect(foldLatin('ă â ê ô ơ ư')).toBe('a a e o o u');
    expect(foldLatin('ằ ấ ể ỗ ợ ừ ặ ậ ệ ộ ớ ứ')).toBe('a a e o o u a a e o o u');
  });
  it('turns đ and Đ into d, and capitals into small letters', () => {
    expect(foldLatin('đăng ký Đà Nẵng ĐĂNG')).toBe('dang ky da nang dang');
    expect(foldLatin('TÃ EM BÉ')).toBe('ta em be');
  });
  it('makes typed, precomposed and decomposed spellings meet', () => {
    const precomposed = 'Hỗ trợ tiền tã và sữa bột';
    expect(normalize(precomposed)).toBe('ho tro tien ta va sua bot');
    expect(normalize(precomposed.normalize('NFD'))).toBe('ho tro tien ta va sua bot');
    expect(normalize('ta em be')).toBe(normalize('tã em bé'));
  });
  it('leaves Hangul and Chinese characters as they are', () => {
    expect(foldLatin('아이돌봄 儿童津贴 ㅇㅇㄷㅂ')).toBe('아이돌봄 儿童津贴 ㅇㅇㄷㅂ');
    expect(normalize('돌봄 trẻ em')).toBe('돌봄 tre em');
  });
  it('splits text into Hangul, Latin (folded) and Chinese runs', () => {
    expect(scriptRuns('아동수당 Trợ cấp 儿童津贴（每月）')).toEqual({ hangul: ['아동수당'], latin: ['tro', 'cap'], han: ['儿童津贴', '每月'] });
  });
});
