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

/**
 * The fast paths (normalize's test for text already normal, chosung and jamoKey by code unit)
 * give exactly what the plain definitions give: those, written out here as they were, are the
 * oracle, on any text and on text made of what catalogues hold (Hangul, jamo, Latin with and
 * without marks, digits, punctuation, spaces, Chinese beyond the BMP).
 */
describe('fast paths agree with the plain definitions', () => {
  const MEDIALS = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
  const SPLIT: Record<string, string> = {
    ㅘ: 'ㅗㅏ', ㅙ: 'ㅗㅐ', ㅚ: 'ㅗㅣ', ㅝ: 'ㅜㅓ', ㅞ: 'ㅜㅔ', ㅟ: 'ㅜㅣ', ㅢ: 'ㅡㅣ',
    ㄳ: 'ㄱㅅ', ㄵ: 'ㄴㅈ', ㄶ: 'ㄴㅎ', ㄺ: 'ㄹㄱ', ㄻ: 'ㄹㅁ', ㄼ: 'ㄹㅂ', ㄽ: 'ㄹㅅ', ㄾ: 'ㄹㅌ', ㄿ: 'ㄹㅍ', ㅀ: 'ㄹㅎ', ㅄ: 'ㅂㅅ',
  };
  const isJamo = (c: number) => c >= 0x3131 && c <= 0x318e;
  const plainChosung = (text: string) => {
    let out = '';
    for (const ch of text) {
      const d = decompose(ch);
      if (d) out += d[0];
      else if (ch.charCodeAt(0) >= 0x3131 && ch.charCodeAt(0) <= 0x314e) out += ch;
    }
    return out;
  };
  const plainJamoKey = (text: string) => {
    let out = '';
    for (const ch of text) {
      const d = decompose(ch);
      if (!d) {
        if (isJamo(ch.charCodeAt(0))) out += SPLIT[ch] ?? ch;
        continue;
      }
      const [i, m, f] = d;
      if (i !== 'ㅇ') out += i;
      out += SPLIT[m] ?? m;
      if (f) out += SPLIT[f] ?? f;
    }
    return out;
  };
  const plainNormalize = (text: string) =>
    foldLatin(text.normalize('NFC').replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
      .replace(/[·•ㆍ‧・]/g, ' ')
      .replace(/[^\p{L}\p{N}\s]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();

  const catalogueChar = fc.oneof(
    fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0x3131, max: 0x318e }).map((c) => String.fromCharCode(c)),
    fc.constantFrom(...'abcxyzABCZ0189 ', '  ', '\t', '·', '(', ')', ',', '.', 'ㆍ', 'Ａ', 'ế', 'đ', 'Đ', 'e\u0301', '儿', '𠀋', '\u3000', MEDIALS[9]!),
  );
  const texts = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: catalogueChar, maxLength: 30 }));

  it('normalize, chosung and jamoKey', () => {
    fc.assert(
      fc.property(texts, (t) => {
        expect(normalize(t)).toBe(plainNormalize(t));
        expect(chosung(t)).toBe(plainChosung(t));
        expect(jamoKey(t)).toBe(plainJamoKey(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('on every syllable and jamo', () => {
    let all = '';
    for (let c = 0xac00; c <= 0xd7a3; c++) all += String.fromCharCode(c);
    for (let c = 0x3131; c <= 0x318e; c++) all += String.fromCharCode(c);
    expect(chosung(all)).toBe(plainChosung(all));
    expect(jamoKey(all)).toBe(plainJamoKey(all));
    expect(normalize(all)).toBe(plainNormalize(all));
  });
});
