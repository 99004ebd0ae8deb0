/**
 * DATA/kiosk.json read from the device's data folder (core/config/kiosk-config.ts checks it):
 * every problem is logged as a warning naming the field, and the settings come back whatever
 * the file holds — missing, unreadable, not JSON or wrong in places.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.node.js';
import { KIOSK_CONFIG_FILE, parseKioskConfig, type ConfigProblem, type KioskConfig } from './kiosk-config.js';
import { printingOf, type CoreEnv, type KioskUiSettings } from '../env.node.js';
import type { Output } from '../contract/kiosk-api.js';

export function readKioskConfig(dataDir: string, logger: Logger): { config: KioskConfig; problems: ConfigProblem[]; file: string } {
  const file = join(dataDir, KIOSK_CONFIG_FILE);
  let text: string | null = null;
  const problems: ConfigProblem[] = [];
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') problems.push({ field: '(file)', message: `cannot be read (${code ?? (e as Error).message}); every setting takes its default` });
  }
  const parsed = parseKioskConfig(text);
  problems.push(...parsed.problems);
  for (const p of problems) logger.warn({ event: 'config.problem', file, field: p.field }, `${file}: ${p.field} ${p.message}`);
  if (text === null && !problems.length) logger.info({ event: 'config.default', file }, `${file} does not exist: the kiosk runs on its defaults`);
  return { config: parsed.config, problems, file };
}

/** What of a kiosk configuration the UI follows (KioskApi `settings`). */
export function uiSettingsOf(config: KioskConfig): KioskUiSettings {
  return { profile: config.profile, language: config.language, idleSeconds: config.idleSeconds };
}

/**
 * KioskApi `settings`: what of DATA/kiosk.json the UI follows — the host's own reading
 * (`env.settings`: the Electron shell's), or the file read once, its problems logged, and kept
 * there for every later call — and how this host prints.
 */
export function settingsFor(env: CoreEnv, logger: Logger): Output<'settings'> {
  env.settings ??= uiSettingsOf(readKioskConfig(env.dataDir, logger).config);
  return { ...env.settings, printing: printingOf(env) };
}
