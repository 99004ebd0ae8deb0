/** The UI's own strings (the app's locales resource) for what the core renders in people's languages: print. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGS, type Lang } from '../contract/lists.js';
import type { Translate } from './sheet.js';

/** One i18next instance over the locale files in `localesDir`, loaded on first use; a translate function per language. */
export function createTranslator(localesDir: string): (lang: Lang) => Promise<Translate> {
  let ready: Promise<Map<Lang, Translate>> | undefined;
  const load = async () => {
    const resources = Object.fromEntries(LANGS.map((l) => [l, { translation: JSON.parse(readFileSync(join(localesDir, `${l}.json`), 'utf8')) as Record<string, unknown> }]));
    const { createInstance } = await import('i18next'); // loaded with the first print, not with the core
    const i = createInstance();
    await i.init({ resources, lng: 'ko', fallbackLng: 'ko', interpolation: { escapeValue: false } });
    return new Map(LANGS.map((l): [Lang, Translate] => {
      const t = i.getFixedT(l);
      return [l, (key, options) => t(key, options ?? {})];
    }));
  };
  return async (lang) => {
    const m = await (ready ??= load());
    const t = m.get(lang);
    if (!t) throw new Error(`no strings for language "${lang}"`);
    return t;
  };
}
