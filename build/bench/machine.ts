/** Benchmark bookkeeping shared by every `npm run bench:*`: the machine line and appending to docs/BENCHMARKS.md. */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync, statSync } from 'node:fs';
import { readMigrations, type Migration } from '../../db/sqlite.js';
import { sourceResources } from '../../core/env.node.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_OUT = join(ROOT, 'bench-out');

export function machineLine(): string {
  const c = cpus();
  return `${c[0]?.model ?? 'unknown CPU'} × ${c.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Linux ${release()}, Node ${process.version}`;
}

/** The p-th percentile of an ascending list (nearest rank; p = 100 is the worst); NaN for an empty list. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** The last (largest) of an ascending list; NaN for an empty list. */
export const worst = (sorted: number[]): number => sorted.at(-1) ?? NaN;

export function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Appends a dated section to docs/BENCHMARKS.md. */
export function record(title: string, body: string): void {
  if (process.env.BENCH_SAVE === '0') return; // a trial run: the table is printed, not recorded
  const file = join(ROOT, 'docs', 'BENCHMARKS.md');
  if (!existsSync(file)) writeFileSync(file, '# Benchmarks\n\nEach `npm run bench:*` run appends a section here: what was measured, on which machine, when.\n');
  appendFileSync(file, `\n## ${title} — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n\nMachine: ${machineLine()}\n\n${body}\n`);
}

/**
 * A generated benchmark catalogue in `dataDir`, made again when missing or older than the
 * embedded catalogue (a device copy older than the embedded one is replaced by it when the
 * host starts: the catalogue service's upgrade rule).
 */
export function benchCatalogue(dataDir: string, make: (out: string, migrations: Migration[]) => void): void {
  const file = join(dataDir, 'catalogue.sqlite');
  const embedded = sourceResources(ROOT).embeddedCatalogue;
  if (existsSync(file) && existsSync(embedded) && statSync(file).mtimeMs > statSync(embedded).mtimeMs) return;
  mkdirSync(dataDir, { recursive: true });
  make(file, readMigrations(join(sourceResources(ROOT).migrations, 'catalogue')));
}
