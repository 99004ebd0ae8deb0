import { describe, expect, it } from 'vitest';
import { EMPTY, backspace, display, typeChosung, typeKey, type ImeState } from './hangul-ime.js';

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
