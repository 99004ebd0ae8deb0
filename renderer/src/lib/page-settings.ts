/**
 * The kiosk's settings as the web host and the Electron shell's app:// put them into the page they serve (a JSON data block, id
 * SETTINGS_IN_PAGE_ID: the `settings` call's answer), so that the first screen is drawn without a
 * call. Checked by hand for the shape that call answers (the UI carries no zod): no block, text
 * that is not JSON, or a field missing or out of range gives undefined, and the UI asks over the
 * channel instead.
 */
import { IDLE_SECONDS, LANGS, PRINTING_MODES, PROFILES } from '../../../core/contract/lists';
import type { Output } from '../../../core/contract/kiosk-api';

type KioskSettings = Output<'settings'>;

const oneOf = <T extends string>(v: unknown, allowed: readonly T[]): v is T => typeof v === 'string' && (allowed as readonly string[]).includes(v);

export function settingsFromPage(text: string | null | undefined): KioskSettings | undefined {
  if (!text) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const { profile, language, idleSeconds, printing } = v as Record<string, unknown>;
  if (!oneOf(profile, PROFILES) || !oneOf(language, LANGS) || !oneOf(printing, PRINTING_MODES)) return undefined;
  if (typeof idleSeconds !== 'number' || !Number.isInteger(idleSeconds) || idleSeconds < IDLE_SECONDS.min || idleSeconds > IDLE_SECONDS.max) return undefined;
  return { profile, language, idleSeconds, printing };
}
