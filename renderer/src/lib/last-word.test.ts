import { describe, expect, it } from 'vitest';
import { lastWord } from './last-word';

describe('lastWord', () => {
  it('splits before the last word, the space staying with the head', () => {
    expect(lastWord('Thông tin nuôi con · Chia sẻ')).toEqual(['Thông tin nuôi con · Chia ', 'sẻ']);
    expect(lastWord('방과후 돌봄')).toEqual(['방과후 ', '돌봄']);
  });
  it('drops spaces at the end (the count would otherwise be alone again)', () => {
    expect(lastWord('Tư vấn  ')).toEqual(['Tư ', 'vấn']);
  });
  it('a label without spaces: before its last character, a character outside the BMP kept whole', () => {
    expect(lastWord('育儿信息·分享')).toEqual(['育儿信息·分', '享']);
    expect(lastWord('돌봄𠀀')).toEqual(['돌봄', '𠀀']);
    expect(lastWord('상담')).toEqual(['상', '담']);
    expect(lastWord('')).toEqual(['', '']);
  });
});
