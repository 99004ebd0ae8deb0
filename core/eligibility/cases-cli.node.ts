/** Runs every rule's test cases from the catalogue source: `npx tsx core/eligibility/cases-cli.node.ts`. */
import { loadCatalogueSource, CatalogueSourceError } from '../../db/catalogue/load.js';
import { evaluate } from './engine.js';
import { catalogueSourceDir } from '../../db/catalogue/source-dir.js';

try {
  const src = loadCatalogueSource(catalogueSourceDir());
  let n = 0;
  const failures: string[] = [];
  const missing: string[] = [];
  for (const e of src.entries) {
    const r = e.eligibility_rules;
    if (!r) {
      if (e.kind !== 'facility') missing.push(e.id);
      continue;
    }
    if (!r.stated) continue;
    for (const c of r.cases) {
      n++;
      const v = evaluate(r, c.situation);
      if (v.result !== c.expected) failures.push(`${src.fileOf.get(e.id)}: ${e.id}, case "${c.name}": expected ${c.expected}, got ${v.result} (${v.reasons.map((x) => `${x.text}: ${x.met}`).join('; ')})`);
    }
  }
  console.log(`${n} cases, ${failures.length} failing; policies/services without eligibility_rules: ${missing.length ? missing.join(', ') : 'none'}`);
  for (const f of failures) console.log(f);
  process.exitCode = failures.length ? 1 : 0;
} catch (e) {
  if (e instanceof CatalogueSourceError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
