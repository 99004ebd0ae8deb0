import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY, KEYS, backspace, display, layoutFor, typeChosung, typeKey, type ImeState } from './hangul-ime.js';

const type = (keys: string, s: ImeState = EMPTY) => Array.from(keys).reduce(typeKey, s);

describe('on-screen Hangul keyboard', () => {
  it('composes syllables', () => {
    expect(display(type('ㅎㅏㄴ'))).toBe('한');
    expect(display(type('ㅎㅏㄴㄱㅡㄹ'))).toBe('한글');
    expect(display(type('ㅇㅏㅇㅣㄷㅗㄹㅂㅗㅁ'))).toBe('아이돌봄');
  });
  it('moves a final consonant to the next syllable when a vowel follows', () => {
    expect(display(type('ㅎㅏㄴㅏ'))).toBe('하나');
    expect(display(type('ㄷㅗㄹㅂㅗㅁㅣ'))).toBe('돌보미');
  });
  it('makes double finals and splits them again', () => {
    expect(display(type('ㄷㅏㄹㄱ'))).toBe('닭');
    expect(display(type('ㄷㅏㄹㄱㅏ'))).toBe('달가');
    expect(display(type('ㅇㅓㅂㅅ'))).toBe('없');
    expect(display(type('ㅇㅏㄴㅈㅇㅏ'))).toBe('앉아');
  });
  it('makes compound vowels', () => {
    expect(display(type('ㄱㅗㅏ'))).toBe('과');
    expect(display(type('ㅇㅡㅣㅅㅏ'))).toBe('의사');
    expect(display(type('ㅇㅜㅓㄴ'))).toBe('원');
  });
  it('does not use ㄸ, ㅃ, ㅉ as finals', () => {
    expect(display(type('ㅇㅏㄸㅏ'))).toBe('아따');
  });
  it('backspace removes one jamo at a time', () => {
    let s = type('ㄷㅏㄹㄱ');
    s = backspace(s);
    expect(display(s)).toBe('달');
    s = backspace(s);
    expect(display(s)).toBe('다');
    s = backspace(s);
    expect(display(s)).toBe('ㄷ');
    s = backspace(s);
    expect(display(s)).toBe('');
    expect(display(backspace(type('ㄱㅗㅏ')))).toBe('고');
    expect(display(backspace(backspace(type('한글 '))))).toBe('한');
  });
  it('keeps spaces and 초성 as typed', () => {
    expect(display(type('ㅇㅏㄱㅣ ㅂㅕㅇㅇㅜㅓㄴ'))).toBe('아기 병원');
    expect(display(Array.from('ㅇㅇㄷㅂ').reduce(typeChosung, EMPTY))).toBe('ㅇㅇㄷㅂ');
  });
});

/** The keys a person taps for a text, reading each syllable as it looks: its initial, its vowel whole (ㅝ, not ㅜ then ㅓ), its final (ㄺ as ㄹ then ㄱ: there is no ㄺ key). */
const CHO = Array.from('ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ');
const JUNG = Array.from('ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ');
const JONG = ['', 'ㄱ', 'ㄲ', 'ㄱㅅ', 'ㄴ', 'ㄴㅈ', 'ㄴㅎ', 'ㄷ', 'ㄹ', 'ㄹㄱ', 'ㄹㅁ', 'ㄹㅂ', 'ㄹㅅ', 'ㄹㅌ', 'ㄹㅍ', 'ㄹㅎ', 'ㅁ', 'ㅂ', 'ㅂㅅ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];
function keysFor(text: string): string[] {
  return Array.from(text).flatMap((c) => {
    const i = c.charCodeAt(0) - 0xac00;
    if (i < 0 || i > 11171) return [c];
    return [CHO[Math.floor(i / 588)]!, JUNG[Math.floor((i % 588) / 28)]!, ...Array.from(JONG[i % 28]!)];
  });
}
const HANGUL_KEYS = new Set<string>([...KEYS.consonants, ...KEYS.doubleConsonants, ...KEYS.vowels, ...KEYS.compoundVowels, ...KEYS.digits, ' ']);
const LATIN_KEYS = new Set<string>([...KEYS.latin, ...KEYS.digits, ' ']);
const tap = (keys: string[], s: ImeState = EMPTY) => keys.reduce(typeKey, s);

describe('a keyboard for everyone', () => {
  it('has every vowel as a key of its own, the compound ones too', () => {
    expect([...KEYS.vowels, ...KEYS.compoundVowels].sort()).toEqual([...JUNG].sort());
    expect(KEYS.compoundVowels).toEqual(['ㅘ', 'ㅙ', 'ㅚ', 'ㅝ', 'ㅞ', 'ㅟ', 'ㅢ']);
  });
  it('types 지원 and 병원 with the compound vowel tapped as one key', () => {
    expect(keysFor('지원')).toEqual(['ㅈ', 'ㅣ', 'ㅇ', 'ㅝ', 'ㄴ']);
    expect(display(tap(['ㅈ', 'ㅣ', 'ㅇ', 'ㅝ', 'ㄴ']))).toBe('지원');
    expect(display(tap(['ㅂ', 'ㅕ', 'ㅇ', 'ㅇ', 'ㅝ', 'ㄴ']))).toBe('병원');
    expect(display(tap(['ㅇ', 'ㅢ', 'ㅅ', 'ㅏ']))).toBe('의사');
    expect(display(tap(['ㄱ', 'ㅘ', 'ㅇ', 'ㅈ', 'ㅜ']))).toBe('광주');
    expect(display(tap(['ㅎ', 'ㅚ', 'ㅅ', 'ㅏ']))).toBe('회사');
    expect(display(tap(['ㅎ', 'ㅏ', 'ㄴ', 'ㅙ']))).toBe('하놰'); // the final moves on before a compound vowel too
  });
  it('still composes ㅜ then ㅓ into ㅝ, for those who know', () => {
    expect(display(tap(['ㅈ', 'ㅣ', 'ㅇ', 'ㅜ', 'ㅓ', 'ㄴ']))).toBe('지원');
  });
  it('backspace takes back one key: a compound vowel tapped whole goes whole, one composed goes back to its first vowel', () => {
    expect(display(backspace(tap(['ㄱ', 'ㅘ'])))).toBe('ㄱ');
    expect(display(backspace(tap(['ㄱ', 'ㅗ', 'ㅏ'])))).toBe('고');
    expect(display(backspace(backspace(tap(['ㄱ', 'ㅗ', 'ㅏ']))))).toBe('ㄱ');
    expect(display(backspace(tap(['ㅇ', 'ㅝ', 'ㄴ'])))).toBe('워');
    expect(display(backspace(backspace(tap(['ㅇ', 'ㅝ', 'ㄴ']))))).toBe('ㅇ');
    // a whole vowel after a final that moved on
    expect(display(backspace(tap(['ㅈ', 'ㅣ', 'ㅇ', 'ㅝ'])))).toBe('지ㅇ');
  });
  it('types digits: 24시간, and a digit finishes the syllable', () => {
    expect(display(tap(['2', '4']))).toBe('24');
    expect(display(tap(['2', '4', 'ㅅ', 'ㅣ', 'ㄱ', 'ㅏ', 'ㄴ']))).toBe('24시간');
    expect(display(tap(['ㄷ', 'ㅗ', 'ㄹ', 'ㅂ', 'ㅗ', 'ㅁ', '2', '4']))).toBe('돌봄24');
    expect(display(tap(['ㄱ', 'ㅏ', '1', 'ㅏ']))).toBe('가1ㅏ'); // a vowel after a digit starts afresh
    expect(display(backspace(tap(['2', '4'])))).toBe('2');
    expect(display(Array.from('1279').reduce(typeChosung, EMPTY))).toBe('1279');
  });
  it('types Latin letters as they are', () => {
    expect(display(tap(Array.from('care')))).toBe('care');
    expect(display(tap(Array.from('cham soc tre')))).toBe('cham soc tre');
    expect(display(backspace(tap(Array.from('care'))))).toBe('car');
    expect(display(tap(Array.from('ktx'), tap(['ㄱ', 'ㅏ'])))).toBe('가ktx');
  });
  it('shows Latin letters for English and Vietnamese readers, pinyin for Chinese, Hangul for Korean', () => {
    expect(layoutFor('en')).toBe('latin');
    expect(layoutFor('vi')).toBe('latin');
    expect(layoutFor('ko')).toBe('hangul');
    expect(layoutFor('zh')).toBe('pinyin');
    expect(KEYS.latin.join('')).toBe('abcdefghijklmnopqrstuvwxyz');
    expect(KEYS.digits.slice().sort().join('')).toBe('0123456789');
  });
  it('every Korean text can be typed with the keys shown, each syllable as it looks (property)', () => {
    const syllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((n) => String.fromCharCode(n));
    const part = fc.oneof({ weight: 8, arbitrary: syllable }, fc.constantFrom(' ', ...KEYS.digits));
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const keys = keysFor(text);
        expect(keys.every((k) => HANGUL_KEYS.has(k))).toBe(true);
        expect(display(tap(keys))).toBe(text);
        // and backspace, once per key, takes it all back
        expect(display(keys.reduce((s) => backspace(s), tap(keys)))).toBe('');
      }),
      { numRuns: 2000 },
    );
  });
  it('every Latin text of letters, digits and spaces can be typed with the Latin keys (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LATIN_KEYS), { minLength: 1, maxLength: 20 }), (keys) => {
        expect(display(tap(keys))).toBe(keys.join(''));
      }),
    );
  });
});
