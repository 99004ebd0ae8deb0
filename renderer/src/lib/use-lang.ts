import { useTranslation } from 'react-i18next';
import { isLang, type Lang } from '../../../core/contract/lists';

/** A language tag as one of the kiosk's languages; Korean for anything else. */
export const toLang = (tag: string | undefined): Lang => (tag && isLang(tag) ? tag : 'ko');

/** The language the kiosk is showing now, typed for the API (re-renders when it changes). */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return toLang(i18n.language);
}
