import { describe, expect, it } from 'vitest';
import { koreanRuns } from './korean-runs';

describe('the Korean runs of a translated string', () => {
  it('finds the example consonants inside Chinese, English and Vietnamese, and keeps every character', () => {
    expect(koreanRuns('用文字或韩文首辅音（ㅇㅇㄷㅂ）搜索')).toEqual([
      { text: '用文字或韩文首辅音（', korean: false },
      { text: 'ㅇㅇㄷㅂ', korean: true },
      { text: '）搜索', korean: false },
    ]);
    expect(koreanRuns('Double consonants ㄲ ㄸ')).toEqual([
      { text: 'Double consonants ', korean: false },
      { text: 'ㄲ', korean: true },
      { text: ' ', korean: false },
      { text: 'ㄸ', korean: true },
    ]);
    const vi = 'Tên chính thức: 광주 손자녀가족돌보미 지원사업';
    expect(koreanRuns(vi).map((r) => r.text).join('')).toBe(vi);
    expect(koreanRuns(vi).filter((r) => r.korean).map((r) => r.text)).toEqual(['광주', '손자녀가족돌보미', '지원사업']);
  });
  it('Han characters are not Korean letters; a text without Hangul is one run, an empty one none', () => {
    expect(koreanRuns('祖父母照看孙辈补贴')).toEqual([{ text: '祖父母照看孙辈补贴', korean: false }]);
    expect(koreanRuns('')).toEqual([]);
    expect(koreanRuns('ㅇㅇㄷㅂ')).toEqual([{ text: 'ㅇㅇㄷㅂ', korean: true }]);
  });
});
