/**
 * `npm run bench:print` — one policy sheet (cold: a new Chromium, as the CLI does; warm: the
 * printer already running, as in the kiosk) and a 100-entry booklet, as PDF in Chromium.
 */
import { join } from 'node:path';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { writeCatalogueFile, CATALOGUE_SOURCE_DIR } from '../../db/catalogue/compile.js';
import { loadCatalogueSource } from '../../db/catalogue/load.js';
import { openCatalogue } from '../../db/catalogue/store.js';
import { launchPrinter, pdfPageCount } from '../../core/print/pdf.node.js';
import { printBooklet, printSheet } from '../../core/print/print.node.js';
import { BENCH_OUT, ROOT, percentile, record, table } from './machine.js';
import { generateEntries } from './generate.js';

const DATA = join(BENCH_OUT, 'print');
mkdirSync(DATA, { recursive: true });
if (!existsSync(join(DATA, 'catalogue.sqlite'))) {
  const real = loadCatalogueSource(CATALOGUE_SOURCE_DIR);
  writeCatalogueFile({ ...real, entries: [...real.entries, ...generateEntries(200)], fileOf: new Map() }, { out: join(DATA, 'catalogue.sqlite'), hash: 'benchprint' });
}
const ms = (n: number) => n.toFixed(0);

// cold: the CLI end to end (process start, Chromium launch, render, write)
const cold: number[] = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'node', 'cli.mjs'), 'print', 'sheet', 'gj-grandparent-caregiver', '--pdf', join(BENCH_OUT, 'sheet.pdf')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  cold.push(performance.now() - t);
}

const cat = openCatalogue({ dataDir: DATA });
const browser = await launchPrinter();
const warm: number[] = [];
const ids = cat.entries().filter((e) => e.status === 'active').slice(0, 100).map((e) => e.id);
for (let i = 0; i < 6; i++) {
  const t = performance.now();
  await printSheet(browser, cat, {}, ids[i % ids.length]);
  if (i > 0) warm.push(performance.now() - t); // the first one warms fonts up
}
const booklets: number[] = [];
let pages = 0;
for (let i = 0; i < 2; i++) {
  const t = performance.now();
  const { pdf } = await printBooklet(browser, cat, {}, { ids });
  booklets.push(performance.now() - t);
  pages = pdfPageCount(pdf);
  writeFileSync(join(BENCH_OUT, 'booklet-100.pdf'), pdf);
}
await browser.close();
cat.close();

const w = [...warm].sort((a, b) => a - b);
const out = table(
  ['measure', 'result', 'target'],
  [
    ['one sheet, printer running (5 sheets): median / worst (ms)', `${ms(percentile(w, 50))} / ${ms(w[w.length - 1])}`, '≤ 1000'],
    ['one sheet from the CLI, cold (new process and Chromium): median (ms)', ms(percentile([...cold].sort((a, b) => a - b), 50)), '(reported)'],
    [`100-entry booklet (${pages} pages): worst of 2 (ms)`, ms(Math.max(...booklets)), '≤ 15000'],
  ],
);
const verdicts = [
  `sheet ${ms(w[w.length - 1])} ms at worst with the printer running (target ≤ 1000): ${w[w.length - 1] <= 1000 ? 'met' : 'NOT met'}`,
  `booklet ${ms(Math.max(...booklets))} ms (target ≤ 15000): ${Math.max(...booklets) <= 15000 ? 'met' : 'NOT met'}`,
];
console.log(`${out}\n\n${verdicts.map((v) => `- ${v}`).join('\n')}`);
record('bench:print', `${out}\n\n${verdicts.map((v) => `- ${v}`).join('\n')}\n\nChromium headless (playwright-core), A4, Noto Sans KR from npm (@fontsource).`);
