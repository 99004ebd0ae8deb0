import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import ko from '../../../core/contract/locales/ko.json';
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

/**
 * Korean is in the UI's first script; the other languages' strings (~50 KB each) load when a
 * reader first picks one (a few milliseconds from the kiosk's own host), so the first screen
 * does not wait to parse them.
 */
const LOADERS: Record<Exclude<Lang, 'ko'>, () => Promise<{ default: object }>> = {
  en: () => import('../../../core/contract/locales/en.json'),
  vi: () => import('../../../core/contract/locales/vi.json'),
  zh: () => import('../../../core/contract/locales/zh.json'),
};

/** Loads a language's strings (once), so that switching to it changes the text once, whole. */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (lang !== 'ko' && !i18next.hasResourceBundle(lang, 'translation')) i18next.addResourceBundle(lang, 'translation', (await LOADERS[lang]()).default);
}

/** Whether the page is in `lang` already (its strings in, i18next on it): Korean, as the UI starts. */
export const isPageLanguage = (lang: Lang): boolean => i18next.isInitialized && i18next.language === lang && document.documentElement.lang === lang;

/**
 * Makes `lang` the page's language: its strings loaded, i18next switched, `<html lang>` set.
 * `still()` is asked once the strings are in: false (another language was asked for meanwhile)
 * leaves everything as it is. A page in `lang` already is left as it is (i18next would tell
 * every translated component to draw again, for nothing: the first screen, just drawn).
 */
export async function switchLanguage(lang: Lang, still: () => boolean = () => true): Promise<void> {
  if (isPageLanguage(lang)) return;
  await loadLanguage(lang);
  if (!still()) return;
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

void i18next.use(initReactI18next).init({
  resources: { ko: { translation: ko } },
  lng: 'ko',
  fallbackLng: 'ko',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
