import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import ko from '../../../core/contract/locales/ko.json';
import en from '../../../core/contract/locales/en.json';
import vi from '../../../core/contract/locales/vi.json';
import zh from '../../../core/contract/locales/zh.json';

export const LANGUAGES = [
  { id: 'ko', name: '한국어', speech: 'ko-KR' },
  { id: 'en', name: 'English', speech: 'en-US' },
  { id: 'vi', name: 'Tiếng Việt', speech: 'vi-VN' },
  { id: 'zh', name: '中文', speech: 'zh-CN' },
] as const;
export type LangId = (typeof LANGUAGES)[number]['id'];
export const resources = { ko: { translation: ko }, en: { translation: en }, vi: { translation: vi }, zh: { translation: zh } };

void i18next.use(initReactI18next).init({
  resources,
  lng: 'ko',
  fallbackLng: 'ko',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
