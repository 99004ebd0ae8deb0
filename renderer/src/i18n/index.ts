import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import ko from '../../../core/contract/locales/ko.json';
import en from '../../../core/contract/locales/en.json';
import vi from '../../../core/contract/locales/vi.json';
import zh from '../../../core/contract/locales/zh.json';
import { LANGS, type Lang } from '../../../core/contract/lists';

/** Each language's name in itself (on the language button) and its speech-synthesis tag. */
const SHOWN_AS: Record<Lang, { name: string; speech: string }> = {
  ko: { name: '한국어', speech: 'ko-KR' },
  en: { name: 'English', speech: 'en-US' },
  vi: { name: 'Tiếng Việt', speech: 'vi-VN' },
  zh: { name: '中文', speech: 'zh-CN' },
};
/** The kiosk's languages (LANGS, Korean first), as the language menu shows them. */
export const LANGUAGES = LANGS.map((id) => ({ id, ...SHOWN_AS[id] }));
export type LangId = Lang;
export const resources = { ko: { translation: ko }, en: { translation: en }, vi: { translation: vi }, zh: { translation: zh } } satisfies Record<Lang, { translation: object }>;

void i18next.use(initReactI18next).init({
  resources,
  lng: 'ko',
  fallbackLng: 'ko',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
