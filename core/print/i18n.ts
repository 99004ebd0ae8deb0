/** The UI's own strings (core/contract/locales) for what core renders in people's languages: print. */
import { createInstance, type TFunction } from 'i18next';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ROOT } from '../../db/paths.js';
import type { Lang } from '../contract/kiosk-api.js';

const LANGS: Lang[] = ['ko', 'en', 'vi', 'zh'];
let ready: Promise<void> | undefined;
const fixed = new Map<Lang, TFunction>();

async function instance(): Promise<void> {
  const resources = Object.fromEntries(LANGS.map((l) => [l, { translation: JSON.parse(readFileSync(join(APP_ROOT, 'core', 'contract', 'locales', `${l}.json`), 'utf8')) }]));
  const i = createInstance();
  await i.init({ resources, lng: 'ko', fallbackLng: 'ko', interpolation: { escapeValue: false } });
  for (const l of LANGS) fixed.set(l, i.getFixedT(l));
}

export async function translator(lang: Lang): Promise<TFunction> {
  await (ready ??= instance());
  return fixed.get(lang)!;
}
