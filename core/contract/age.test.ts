import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ageText } from './age.js';
import ko from './locales/ko.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import vi from './locales/vi.json' with { type: 'json' };
import zh from './locales/zh.json' with { type: 'json' };

const LOCALES = { ko, en, vi, zh };
const locale = (l: keyof typeof LOCALES) => ({ translation: LOCALES[l] });

async function tOf(lng: string) {
  const i = createInstance();
  await i.init({ resources: { ko: locale('ko'), en: locale('en'), vi: locale('vi'), zh: locale('zh') }, lng, fallbackLng: 'ko', interpolation: { escapeValue: false } });
  return i.t.bind(i) as (k: string, o?: Record<string, unknown>) => string;
}

describe('a child\'s age limits in words', () => {
  it('0 to 23 months: "만 1세" in Korean, and "before turning 2" where "1 year" would read as the first birthday', async () => {
    const limits = { minAgeMonths: 0, maxAgeMonths: 23 };
    expect(ageText(limits, await tOf('ko'))).toBe('아이 나이 0개월 ~ 만 1세(만 2세 생일 전)');
    expect(ageText(limits, await tOf('en'))).toBe("Child's age: 0 months to 1 year (before turning 2)");
    expect(ageText(limits, await tOf('vi'))).toContain('1 tuổi (trước khi tròn 2 tuổi)');
    expect(ageText(limits, await tOf('zh'))).toContain('1周岁（满2周岁前）');
  });
  it('singular and plural in English; whole years from two; months below', async () => {
    const en = await tOf('en');
    expect(ageText({ minAgeMonths: 1 }, en)).toBe("Child's age: from 1 month");
    expect(ageText({ minAgeMonths: 24, maxAgeMonths: 83 }, en)).toBe("Child's age: 2 years to 6 years (before turning 7)");
    expect(ageText({ maxAgeMonths: 11 }, en)).toBe("Child's age: up to 11 months");
    expect(ageText({ minAgeMonths: 36 }, await tOf('ko'))).toBe('아이 나이 만 3세부터');
    expect(ageText(undefined, en)).toBe('');
  });
});
