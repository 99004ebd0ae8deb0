/**
 * For the hub's tests: a fresh hub data folder whose embedded store starts from a copy of an
 * empty PGlite cluster made once per test run (PGlite's initdb, in WebAssembly, takes seconds —
 * tens of seconds on a busy machine; a copy takes a fraction of one). The template lives in the
 * run's temporary folder (tests/global-setup.node.ts removes it) and is renamed into place
 * whole, so test files running at once share it safely. The copy is what PGlite itself would
 * have made; the hub's migrations still run on it when the store opens.
 */
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { hubLayout, type HubLayout } from './layout.node.js';

let template: Promise<string> | undefined;

async function makeTemplate(): Promise<string> {
  const target = join(tmpdir(), 'hub-pglite-template');
  if (existsSync(join(target, 'PG_VERSION'))) return target;
  const work = mkdtempSync(join(tmpdir(), 'hub-pglite-template-'));
  const db = await PGlite.create(join(work, 'pglite'));
  await db.close();
  try {
    renameSync(join(work, 'pglite'), target);
  } catch (e) {
    if (!existsSync(join(target, 'PG_VERSION'))) throw e; // another test file made it first
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return target;
}

export async function freshHubLayout(prefix = 'hub-data-'): Promise<HubLayout> {
  const layout = hubLayout(mkdtempSync(join(tmpdir(), prefix)));
  cpSync(await (template ??= makeTemplate()), layout.pglite, { recursive: true });
  return layout;
}
