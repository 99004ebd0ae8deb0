/**
 * The env tests build for the core (as each host builds its own): the source checkout's
 * resources, a fresh data folder, a logger whose lines the test can read, and a clock.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { sourceResources, type CoreEnv } from '../core/env.node.js';
import { memoryLogger } from '../core/log.node.js';
import { createCore, type Core } from '../core/core.node.js';
import { readMigrations, type Migration } from '../db/sqlite.js';
import { catalogueSourceDir } from '../db/catalogue/source-dir.js';
import { loadCatalogueSource } from '../db/catalogue/load.js';
import { catalogueOf, type FormCatalogue } from '../core/forms/catalogue.js';

export const ROOT = join(import.meta.dirname, '..');
export const resources = () => sourceResources(ROOT);
export const catalogueMigrations = (): Migration[] => readMigrations(join(resources().migrations, 'catalogue'));
let sourceForms: FormCatalogue | undefined;
/** The catalogue source's entries as the service forms read them (core/forms/catalogue.ts), loaded once. */
export const sourceFormCatalogue = (): FormCatalogue => (sourceForms ??= catalogueOf(loadCatalogueSource(catalogueSourceDir()).entries));
export const freshDir = (prefix = 'kiosk-data-'): string => mkdtempSync(join(tmpdir(), prefix));

export function testEnv(o: Partial<Omit<CoreEnv, 'logger' | 'resources'>> = {}): { env: CoreEnv; logLines: () => Record<string, unknown>[] } {
  const { logger, lines } = memoryLogger();
  return { env: { resources: resources(), dataDir: o.dataDir ?? freshDir(), logger, clock: o.clock ?? (() => new Date()), location: o.location, holidays: o.holidays, settings: o.settings, printer: o.printer }, logLines: lines };
}

export function testCore(o: Partial<Omit<CoreEnv, 'logger' | 'resources'>> & { printBrowser?: () => Promise<Browser> } = {}): { core: Core; logLines: () => Record<string, unknown>[] } {
  const { env, logLines } = testEnv(o);
  return { core: createCore(env, { printBrowser: o.printBrowser }), logLines };
}

/** A copy of the catalogue source whose first summary in entries/infant.yaml starts with `word`: another version to publish. */
export function catalogueSourceWith(word: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'source-')), 'catalogue');
  cpSync(catalogueSourceDir(), dir, { recursive: true });
  const f = join(dir, 'entries', 'infant.yaml');
  const text = readFileSync(f, 'utf8');
  const j = text.indexOf('ko:', text.indexOf('summary:'));
  writeFileSync(f, `${text.slice(0, j + 3)} ${word}${text.slice(j + 3)}`);
  return dir;
}
