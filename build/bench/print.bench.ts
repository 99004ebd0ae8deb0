/**
 * `npm run bench:print` — one policy sheet (cold: a new Chromium, as the CLI does; warm: the
 * printer already running, as in the kiosk) and a 100-entry booklet, as PDF in Chromium.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { writeCatalogueFile } from '../../db/catalogue/compile.js';
import { loadCatalogueSource } from '../../db/catalogue/load.js';
import { launchChromium, pdfPageCount } from '../../core/print/pdf.node.js';
import { createCore } from '../../core/core.node.js';
import { sourceResources } from '../../core/env.node.js';
import { createLogger } from '../../core/log.node.js';
import { BENCH_OUT, ROOT, benchCatalogue, percentile, record, table, worst } from './machine.js';
import { generateEntries } from './generate.js';
import { catalogueSourceDir } from '../../db/catalogue/source-dir.js';

const DATA = join(BENCH_OUT, 'print');
benchCatalogue(DATA, (out, migrations) => {
  const real = loadCatalogueSource(catalogueSourceDir());
  writeCatalogueFile({ ...real, entries: [...real.entries, ...generateEntries(200)], fileOf: new Map() }, { out, hash: 'benchprint', migrations });
});
const ms = (n: number) => n.toFixed(0);

// cold: the CLI end to end (process start, Chromium launch, render, write)
const cold: number[] = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'node', 'cli.mjs'), 'print', 'sheet', 'gj-grandparent-caregiver', '--pdf', join(BENCH_OUT, 'sheet.pdf')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  cold.push(performance.now() - t);
}

const browser = await launchChromium();
const core = createCore(
  { resources: sourceResources(ROOT), dataDir: DATA, logger: createLogger({ name: 'bench-print', level: 'warn' }), clock: () => new Date() },
  { printBrowser: async () => browser },
);
const cat = core.catalogue.current();
const printSheet = (id: string) => core.print.sheetPdf(cat, id);
const printBooklet = (sel: { ids: string[] }) => core.print.booklet(cat, sel);
const warm: number[] = [];
const ids = cat.entries().filter((e) => e.status === 'active').slice(0, 100).map((e) => e.id);
for (let i = 0; i < 6; i++) {
  const t = performance.now();
  const id = ids[i % ids.length];
  if (id === undefined) throw new Error('the benchmark catalogue has no active entry to print');
  await printSheet(id);
  if (i > 0) warm.push(performance.now() - t); // the first one warms fonts up
}
const booklets: number[] = [];
let pages = 0;
for (let i = 0; i < 2; i++) {
  const t = performance.now();
  const { pdf } = await printBooklet({ ids });
  booklets.push(performance.now() - t);
  pages = pdfPageCount(pdf);
  writeFileSync(join(BENCH_OUT, 'booklet-100.pdf'), pdf);
}
await core.close();
await browser.close();

const w = [...warm].sort((a, b) => a - b);
const out = table(
  ['measure', 'result', 'target'],
  [
    ['one sheet, printer running (5 sheets): median / worst (ms)', `${ms(percentile(w, 50))} / ${ms(worst(w))}`, '≤ 1000'],
    ['one sheet from the CLI, cold (new process and Chromium): median (ms)', ms(percentile([...cold].sort((a, b) => a - b), 50)), '(reported)'],
    [`100-entry booklet (${pages} pages): worst of 2 (ms)`, ms(Math.max(...booklets)), '≤ 15000'],
  ],
);
const verdicts = [
  `sheet ${ms(worst(w))} ms at worst with the printer running (target ≤ 1000): ${worst(w) <= 1000 ? 'met' : 'NOT met'}`,
  `booklet ${ms(Math.max(...booklets))} ms (target ≤ 15000): ${Math.max(...booklets) <= 15000 ? 'met' : 'NOT met'}`,
];
console.log(`${out}\n\n${verdicts.map((v) => `- ${v}`).join('\n')}`);
record('bench:print', `${out}\n\n${verdicts.map((v) => `- ${v}`).join('\n')}\n\nChromium headless (playwright-core), A4, Noto Sans KR from npm (@fontsource).`);
