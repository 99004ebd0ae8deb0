/**
 * The device's own settings: one file, DATA/kiosk.json, written by whoever sets the device up
 * (an operator, a provisioning script). Every setting is checked on its own (zod), so a mistake
 * in one never costs the others: a bad setting is a problem naming its field — logged by the
 * host — and that setting takes its safe default; a file that is not JSON at all gives every
 * default. Nothing here throws on a bad file: a kiosk starts locked down and offline rather
 * than not at all. Environment-free (parsed the same by the Electron shell, a host or a test).
 *
 *   {
 *     "profile": "kiosk",                       kiosk (locked down, unattended) | counsellor (a laptop)
 *     "location": "북구 용봉동",                  where the kiosk stands, for distances: a district
 *                                               [+ 행정동] or "lon,lat" (as the web host's --location)
 *     "language": "ko",                         ko | en | vi | zh: the language the kiosk returns to
 *     "idleSeconds": 120,                       seconds without a touch before the kiosk starts over
 *     "printer": { "name": "Kiosk_Printer", "copies": 1 },   the system's printer name (unset: its default)
 *     "display": "primary",                     "primary" or a display's index (0, 1, …) as the OS lists them
 *     "hub": { "url": "http://hub.example:8790", "key": "ed25519:…" },   the hub and the key pinned for it
 *     "updates": { "channel": "latest", "checkOnly": false, "nightHour": 3 },
 *     "holidays": ["2026-12-24"]                extra closure days (YYYY-MM-DD), added to the public holidays
 *                                               the catalogue ships (facilities marked so are closed)
 *   }
 */
import * as z from 'zod';
import { IDLE_SECONDS, LANGS, PROFILES, type Lang, type Profile } from '../contract/lists.js';
import { parseLocation, type KioskLocation } from '../facilities/directory.js';

export const KIOSK_CONFIG_FILE = 'kiosk.json';

export type { Profile };

export interface KioskConfig {
  profile: Profile;
  location: KioskLocation | null;
  language: Lang;
  idleSeconds: number;
  printer: { name?: string; copies: number };
  display: 'primary' | number;
  /** null: no hub — the device works offline on what it has */
  hub: { url: string; key: string } | null;
  updates: {
    /** electron-updater's channel: `latest` reads latest.yml / latest-linux.yml */
    channel: string;
    /** look for a new version and log it, never download or install it (a .deb kiosk always is: its package manager installs) */
    checkOnly: boolean;
    /** install a downloaded update only during this hour (Korea time), once nobody uses the kiosk; null: at the first idle reset */
    nightHour: number | null;
  };
  holidays: string[];
}

/** The safe defaults: locked down, Korean, no hub (nothing leaves the device), updates checked and installed only at night. */
export const DEFAULT_KIOSK_CONFIG: KioskConfig = {
  profile: 'kiosk',
  location: null,
  language: 'ko',
  idleSeconds: 120,
  printer: { copies: 1 },
  display: 'primary',
  hub: null,
  updates: { channel: 'latest', checkOnly: false, nightHour: 3 },
  holidays: [],
};

export interface ConfigProblem {
  /** the setting at fault, as written in the file (a dotted path: `updates.nightHour`), or `(file)` */
  field: string;
  message: string;
}

const HUB_KEY = /^ed25519:[A-Za-z0-9+/]{43}=$/;
const location = z.string().transform((s, ctx): KioskLocation => {
  try {
    return parseLocation(s);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message.replace(/^--location /, '') });
    return z.NEVER;
  }
});
const hubUrl = z.string().refine((s) => {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && !u.search && !u.hash;
  } catch {
    return false;
  }
}, 'must be the hub\'s address, http://HOST:PORT or https://HOST (no user, query or #)');

/** Each setting's schema; a nested object's settings are checked one by one too (see `parseKioskConfig`), except the hub, which is whole or not at all. */
const SETTINGS = {
  profile: z.enum(PROFILES),
  location: location.nullable(),
  language: z.enum(LANGS),
  idleSeconds: z.number().int().min(IDLE_SECONDS.min).max(IDLE_SECONDS.max),
  display: z.union([z.literal('primary'), z.number().int().min(0).max(15)]),
  // the key is pinned with the address: an address without its key (or a mistyped key) is no hub at all, never a hub trusted blindly
  hub: z.object({ url: hubUrl, key: z.string().regex(HUB_KEY, 'must be the hub key as `cli hub key` prints it: ed25519:<44 characters>') }).strict().nullable(),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')).max(366),
} as const;
const PRINTER = {
  name: z.string().min(1).max(200).refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), 'must not hold control characters'),
  copies: z.number().int().min(1).max(5),
};
const UPDATES = {
  channel: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a channel name such as latest or beta (lower-case letters, digits, -)'),
  checkOnly: z.boolean(),
  nightHour: z.number().int().min(0).max(23).nullable(),
};

const names = (o: object) => Object.keys(o).join(', ');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function issueText(e: z.ZodError): { path: string; message: string } {
  const i = e.issues[0];
  return { path: i?.path.length ? `.${i.path.join('.')}` : '', message: i?.message ?? 'not valid' };
}

/**
 * Reads the file's text (null: there is no file) into the settings and the problems found.
 * Never throws: a bad setting keeps its default and is named in `problems`.
 */
export function parseKioskConfig(text: string | null): { config: KioskConfig; problems: ConfigProblem[] } {
  const config: KioskConfig = structuredClone(DEFAULT_KIOSK_CONFIG);
  const problems: ConfigProblem[] = [];
  if (text === null) return { config, problems };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    problems.push({ field: '(file)', message: `not JSON (${(e as Error).message}); every setting takes its default` });
    return { config, problems };
  }
  if (!isObject(raw)) {
    problems.push({ field: '(file)', message: 'must be one JSON object of settings; every setting takes its default' });
    return { config, problems };
  }
  /** one setting: its value when valid, else a problem naming it (and undefined) */
  const check = <T>(field: string, schema: z.ZodType<T>, value: unknown): T | undefined => {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    const { path, message } = issueText(r.error);
    problems.push({ field: `${field}${path}`, message: `${message}; the default is used (${JSON.stringify(defaultAt(field))})` });
    return undefined;
  };
  const nested = <S extends Record<string, z.ZodType>>(field: string, schemas: S, value: unknown, apply: (key: keyof S & string, v: unknown) => void) => {
    if (!isObject(value)) {
      problems.push({ field, message: `must be an object with ${names(schemas)}; the defaults are used` });
      return;
    }
    for (const [k, v] of Object.entries(value)) {
      if (!(k in schemas)) {
        problems.push({ field: `${field}.${k}`, message: `is not a setting (${field} takes ${names(schemas)}); ignored` });
        continue;
      }
      const ok = check(`${field}.${k}`, schemas[k]!, v);
      if (ok !== undefined) apply(k, ok);
    }
  };
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'printer') nested('printer', PRINTER, value, (k, v) => Object.assign(config.printer, { [k]: v }));
    else if (key === 'updates') nested('updates', UPDATES, value, (k, v) => Object.assign(config.updates, { [k]: v }));
    else if (key in SETTINGS) {
      const v = check(key, SETTINGS[key as keyof typeof SETTINGS] as z.ZodType, value);
      if (v !== undefined) Object.assign(config, { [key]: v });
    } else problems.push({ field: key, message: `is not a setting (the settings are ${names(DEFAULT_KIOSK_CONFIG)}); ignored` });
  }
  return { config, problems };
}

function defaultAt(field: string): unknown {
  let v: unknown = DEFAULT_KIOSK_CONFIG;
  for (const k of field.split('.')) v = isObject(v) ? v[k] : undefined;
  return v ?? null;
}
