// Mutation testing, on demand (`npm run test:mutation [-- target …]`; `npm test` never runs it).
// Runs StrykerJS once per target of stryker.config.mjs, one after another (host, eligibility,
// search, importers; or the targets named), then prints per file: mutants, killed, survived,
// timeout, no coverage and the score. Fails when a target kills fewer than 80 % of its mutants
// (Stryker's thresholds.break). Reports: reports/mutation/<target>.html and .json.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const ALL = ['host', 'eligibility', 'search', 'importers'];
const targets = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
const unknown = targets.filter((t) => !ALL.includes(t));
if (unknown.length) {
  console.error(`unknown target(s) ${unknown.join(', ')}; the targets are ${ALL.join(', ')}`);
  process.exit(2);
}
const stryker = join(dirname(createRequire(import.meta.url).resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');

/** Per file: the counts of a Stryker JSON report (mutation-testing-report-schema). */
function summarize(target) {
  const report = JSON.parse(readFileSync(join(ROOT, 'reports', 'mutation', `${target}.json`), 'utf8'));
  return Object.entries(report.files).map(([file, { mutants }]) => {
    const n = (status) => mutants.filter((m) => m.status === status).length;
    const row = { target, file, mutants: mutants.length, killed: n('Killed'), survived: n('Survived'), timeout: n('Timeout'), noCoverage: n('NoCoverage'), ignored: n('Ignored'), errors: n('RuntimeError') + n('CompileError') };
    const detected = row.killed + row.timeout;
    const valid = detected + row.survived + row.noCoverage;
    return { ...row, score: valid ? (100 * detected) / valid : 100 };
  });
}

const rows = [];
const failed = [];
const started = Date.now();
for (const target of targets) {
  const t0 = Date.now();
  console.log(`\n=== mutation testing: ${target} ===`);
  const r = spawnSync(process.execPath, [stryker, 'run', 'stryker.config.mjs'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, STRYKER_TARGET: target } });
  const seconds = Math.round((Date.now() - t0) / 1000);
  if (r.status !== 0) failed.push(target);
  try {
    rows.push(...summarize(target).map((x) => ({ ...x, seconds })));
  } catch (e) {
    console.error(`${target}: no report (${e.message})`);
  }
}

console.log('\n| target | file | mutants | killed | survived | timeout | no coverage | ignored | score | run (s) |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const x of rows) console.log(`| ${x.target} | ${x.file} | ${x.mutants} | ${x.killed} | ${x.survived} | ${x.timeout} | ${x.noCoverage} | ${x.ignored} | ${x.score.toFixed(1)} % | ${x.seconds} |`);
console.log(`\ntotal ${Math.round((Date.now() - started) / 1000)} s`);
if (failed.length) {
  console.error(`below the 80 % threshold or failed: ${failed.join(', ')}`);
  process.exit(1);
}
