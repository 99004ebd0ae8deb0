import { describe, expect, it } from 'vitest';
import { EMPTY, display, searchText, typeKey, type ImeState } from './hangul-ime.js';
import { flush, lettersOf, pick, space, typePinyin, type PinyinCandidate } from './pinyin-ime.js';
import { backspace } from './hangul-ime.js';

const type = (keys: string, s: ImeState = EMPTY) => Array.from(keys).reduce(typePinyin, s);
const c = (text: string, pinyin: string, letters: number): PinyinCandidate => ({ text, pinyin, letters });

describe('on-screen pinyin keyboard', () => {
  it('composes letters, shown in the input but not searched until they become Chinese', () => {
    const s = type('yuer');
    expect(lettersOf(s)).toBe('yuer');
    expect(display(s)).toBe('yuer');
    expect(searchText(s)).toBe('');
    expect(display(type('er', { ...EMPTY, text: '育儿 ' }))).toBe('育儿 er');
    expect(searchText(type('er', { ...EMPTY, text: '育儿 ' }))).toBe('育儿 ');
  });
  it('a candidate picked joins the text and takes its letters', () => {
    const s = pick(type('yuer'), c('育儿', 'yu er', 4));
    expect(display(s)).toBe('育儿');
    expect(searchText(s)).toBe('育儿');
    expect(lettersOf(s)).toBe('');
    // a syllable prefix: "yue" spells 育儿 too
    expect(display(pick(type('yue'), c('育儿', 'yu er', 3)))).toBe('育儿');
  });
  it('a candidate that spells the beginning leaves the rest to spell on', () => {
    let s = pick(type('yuerjintie'), c('育儿', 'yu er', 4));
    expect(display(s)).toBe('育儿jintie');
    expect(searchText(s)).toBe('育儿');
    expect(lettersOf(s)).toBe('jintie');
    s = pick(s, c('津贴', 'jin tie', 6));
    expect(display(s)).toBe('育儿津贴');
    expect(lettersOf(s)).toBe('');
  });
  it('ü is typed with v (a ü key types v too)', () => {
    expect(lettersOf(type('nv'))).toBe('nv');
    expect(lettersOf(['l', 'ü'].reduce(typePinyin, EMPTY))).toBe('lv');
  });
  it('space picks the first candidate; a space with nothing composed; the letters as they are when none matches or none is known yet', () => {
    const cands = [c('育儿', 'yu er', 4), c('育', 'yu', 2)];
    expect(display(space(type('yuer'), cands))).toBe('育儿');
    expect(display(space(pick(type('yuer'), cands[0]!), cands))).toBe('育儿 ');
    expect(display(space(EMPTY, []))).toBe(' ');
    expect(display(space(type('xyz'), []))).toBe('xyz');
    expect(lettersOf(space(type('xyz'), []))).toBe('');
    expect(display(space(type('yuer'), null))).toBe('yuer');
  });
  it('backspace takes back a letter first, then the text', () => {
    let s = type('yue', { ...EMPTY, text: '儿童' });
    s = backspace(s);
    expect(display(s)).toBe('儿童yu');
    s = backspace(backspace(s));
    expect(display(s)).toBe('儿童');
    expect(lettersOf(s)).toBe('');
    s = backspace(s);
    expect(display(s)).toBe('儿');
  });
  it('digits and Hangul keys after letters type the letters as they are; letters after a Hangul syllable finish it', () => {
    expect(display(typePinyin(type('yuer'), '2'))).toBe('yuer2');
    expect(display(typeKey(type('ab'), 'ㄱ'))).toBe('abㄱ');
    const hangul = ['ㅎ', 'ㅏ', 'ㄴ'].reduce(typeKey, EMPTY);
    const s = type('yu', hangul);
    expect(display(s)).toBe('한yu');
    expect(searchText(s)).toBe('한');
    expect(display(flush(s))).toBe('한yu');
    expect(lettersOf(flush(s))).toBe('');
  });
  it('keeps at most 40 letters (the core\'s limit)', () => {
    expect(lettersOf(type('a'.repeat(45)))).toHaveLength(40);
  });
});
