/**
 * The environment a core runs in — what each host builds and hands to `createCore` (the
 * environment service of VS Code, in small): where the app's read-only resources are, where
 * this device keeps its data, the logger and the clock. Nothing here computes a path when it
 * is imported: every host asks for its paths when it starts.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KioskLocation } from './facilities/directory.js';
import type { Logger } from './log.node.js';
import type { PrintingMode, Profile } from './contract/lists.js';
import type { PageJson } from './print/pages.js';

/** The app's read-only resources (packed with the app; never written). */
export interface Resources {
  /** folder of migrations, one sub-folder per store (catalogue/, later outbox/) */
  migrations: string;
  /** the UI's strings (ko, en, vi, zh), shared with print */
  locales: string;
  /** the fonts embedded in PDFs, one folder per @fontsource package (noto-sans-kr/, noto-sans-sc/: 400.css, 700.css, files/) */
  fonts: string;
  /** the catalogue compiled into the app: the default until a newer one is imported or synced */
  embeddedCatalogue: string;
  /** the built kiosk UI (index.html, assets/) */
  renderer: string;
}

export interface CoreEnv {
  resources: Resources;
  /** this device's own data folder (its catalogue copy, imported map layers; later the outbox) */
  dataDir: string;
  logger: Logger;
  clock: () => Date;
  /** where the kiosk stands (for distances) */
  location?: KioskLocation;
  /** days (YYYY-MM-DD) the operator configured, added to the public holidays the catalogue ships: facilities marked closed on holidays are closed on both */
  holidays?: string[];
  /** the kiosk's settings the UI follows (the Electron shell reads DATA/kiosk.json itself and passes them; otherwise the core reads the file when first asked) */
  settings?: KioskUiSettings;
  /** a printer the host prints to without a dialog (the Electron shell: the kiosk's configured printer); without one the UI prints through the browser's print dialog */
  printer?: DirectPrinter;
  /** what makes PDFs (sheets, booklets) on this host: the Electron shell's own Chromium; without one, Chromium (/usr/bin/chromium or CHROMIUM_PATH) is launched on the first PDF */
  pdfMaker?: PdfMaker;
}

/**
 * Makes a PDF of a whole print document (PRINT_ORIGIN's page and its fonts under /fonts/), A4,
 * one job at a time. `prepare` runs in the laid-out page before it is printed (a booklet measures
 * its sections and fills in its contents' page numbers) through `evaluate`: the function is sent
 * as its source (core/print/pages.ts pageScript), so it uses nothing from outside but its one JSON
 * argument. A maker the host gives the core is the host's: the core does not close it.
 */
export interface PdfMaker {
  render(job: PdfJob): Promise<Buffer>;
  close(): Promise<void>;
}
export type PageEvaluate = <A extends PageJson, R>(fn: (arg: A) => R | Promise<R>, arg: A) => Promise<R>;
export interface PdfJob {
  html: string;
  prepare?: (evaluate: PageEvaluate) => Promise<void>;
  signal?: AbortSignal;
}

/**
 * Printing straight to a printer: a whole print document (PRINT_ORIGIN's page, its fonts under
 * /fonts/ — see core/print/print-origin.node.ts) onto paper. Resolves once the printer has taken the
 * job (with its name; null for the system's default), rejects with the reason it did not.
 */
export interface DirectPrinter {
  print(document: string, title: string): Promise<{ printer: string | null }>;
}

/** How the UI prints on this host (KioskApi `settings`): straight to the printer, or through the print dialog. */
export const printingOf = (env: Pick<CoreEnv, 'printer'>): PrintingMode => (env.printer ? 'direct' : 'dialog');

/** What of DATA/kiosk.json the UI follows (KioskApi `settings`). */
export interface KioskUiSettings {
  profile: Profile;
  language: 'ko' | 'en' | 'vi' | 'zh';
  idleSeconds: number;
}

/** The resources as they lie in a source checkout (tsx, tests). */
export function sourceResources(root: string): Resources {
  return {
    migrations: join(root, 'db', 'migrations'),
    locales: join(root, 'core', 'contract', 'locales'),
    fonts: join(root, 'node_modules', '@fontsource'),
    embeddedCatalogue: join(root, 'build', 'embedded', 'catalogue.sqlite'),
    renderer: join(root, 'dist', 'renderer'),
  };
}

/** The resources as `npm run build` lays them out in dist/ (what electron-builder packs). */
export function builtResources(dist: string): Resources {
  const r = join(dist, 'resources');
  return { migrations: join(r, 'migrations'), locales: join(r, 'locales'), fonts: join(r, 'fonts'), embeddedCatalogue: join(r, 'catalogue.sqlite'), renderer: join(dist, 'renderer') };
}

/**
 * The resources for a program started from `moduleUrl` (its import.meta.url): the built
 * layout when it runs from dist/ (dist/resources beside it), else the source checkout's
 * (the folder holding package.json). AICHINGU_RESOURCES=DIST forces a built layout.
 */
export function resourcesFor(moduleUrl: string, env: NodeJS.ProcessEnv = process.env): Resources {
  if (env.AICHINGU_RESOURCES) return builtResources(env.AICHINGU_RESOURCES);
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (basename(dir) === 'dist' && existsSync(join(dir, 'resources'))) return builtResources(dir);
    if (existsSync(join(dir, 'package.json'))) return sourceResources(dir);
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the app's resources above ${fileURLToPath(moduleUrl)}; set AICHINGU_RESOURCES to the built dist/ folder`);
    dir = up;
  }
}

/**
 * This device's data folder when none is given: AICHINGU_DATA, else the platform's place for
 * a user's application data — never inside the app's own folder (which an update replaces
 * and which may be read-only).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.AICHINGU_DATA) return env.AICHINGU_DATA;
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'aichingu-1279');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'aichingu-1279');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'aichingu-1279');
}

/** The clock: AICHINGU_NOW (an ISO time, for demonstrations and tests) pins it; otherwise the real time. */
export function clockFrom(env: NodeJS.ProcessEnv = process.env): () => Date {
  const fixed = env.AICHINGU_NOW;
  if (!fixed) return () => new Date();
  const t = new Date(fixed);
  if (Number.isNaN(t.getTime())) throw new Error(`AICHINGU_NOW="${fixed}" is not a time; write e.g. 2026-11-28T10:30:00+09:00`);
  return () => new Date(t);
}

/** The env a Node host (web host, CLI) builds for itself, from where its program file lies. */
export function nodeHostEnv(o: { moduleUrl: string; name: string; dataDir?: string; location?: KioskLocation; holidays?: string[]; logger?: Logger; createLogger: (name: string) => Logger }): CoreEnv {
  return {
    resources: resourcesFor(o.moduleUrl),
    dataDir: o.dataDir ?? defaultDataDir(),
    logger: o.logger ?? o.createLogger(o.name),
    clock: clockFrom(),
    location: o.location,
    holidays: o.holidays,
  };
}
