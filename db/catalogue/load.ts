/**
 * Reads the catalogue source (YAML files) and validates every entry with the one schema.
 * Problems are collected, not thrown one by one, so an operator sees them all at once,
 * each with file, entry, field and reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { Entry, Faq, HolidayCalendar, SourceFile, Synonyms } from './schema.js';

export interface SourceProblem {
  file: string;
  entry: string;
  field: string;
  reason: string;
}

export function formatProblem(p: SourceProblem): string {
  return `${p.file}: entry "${p.entry}", field "${p.field}": ${p.reason}`;
}

export class CatalogueSourceError extends Error {
  constructor(readonly problems: SourceProblem[]) {
    super(`The catalogue source has ${problems.length} problem(s); nothing was written.\n` + problems.map(formatProblem).join('\n'));
    this.name = 'CatalogueSourceError';
  }
}

export interface CatalogueSource {
  entries: Entry[];
  faq: Faq[];
  synonyms: Synonyms;
  /** the public-holiday calendar (entries/holidays.yaml); absent only in generated catalogues (benchmarks, tests) */
  holidays?: HolidayCalendar;
  /** file each entry came from, for messages */
  fileOf: Map<string, string>;
}

function issuesToProblems(file: string, entry: string, error: z.ZodError): SourceProblem[] {
  return error.issues.map((i) => ({
    file,
    entry,
    field: i.path.length ? i.path.join('.') : '(entry)',
    reason: i.message,
  }));
}

function entryLabel(raw: unknown, index: number): string {
  if (raw && typeof raw === 'object' && 'id' in raw && typeof (raw as { id: unknown }).id === 'string') return (raw as { id: string }).id;
  return `#${index + 1}`;
}

function readYaml(path: string, file: string, problems: SourceProblem[]): unknown {
  const doc = parseDocument(readFileSync(path, 'utf8'), { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    for (const e of doc.errors) problems.push({ file, entry: '(file)', field: '(yaml)', reason: `not valid YAML at line ${e.linePos?.[0]?.line ?? '?'}: ${e.code}` });
    return undefined;
  }
  return doc.toJS();
}

/** Loads and validates `dir/entries/*.yaml` and `dir/synonyms.yaml`. Throws CatalogueSourceError listing every problem. */
export function loadCatalogueSource(dir: string): CatalogueSource {
  const problems: SourceProblem[] = [];
  const entries: Entry[] = [];
  const faq: Faq[] = [];
  const fileOf = new Map<string, string>();
  let holidays: HolidayCalendar | undefined;
  let holidaysFile: string | undefined;
  const entriesDir = join(dir, 'entries');
  const files = readdirSync(entriesDir).filter((f) => f.endsWith('.yaml')).sort();
  if (files.length === 0) problems.push({ file: entriesDir, entry: '(none)', field: '(files)', reason: 'no .yaml files found' });

  for (const f of files) {
    const file = join('entries', f);
    const data = readYaml(join(entriesDir, f), file, problems);
    if (data === undefined) continue;
    const top = SourceFile.safeParse(data ?? {});
    if (!top.success) {
      problems.push(...issuesToProblems(file, '(file)', top.error));
      continue;
    }
    if (top.data.holidays !== undefined) {
      if (holidaysFile) problems.push({ file, entry: 'holidays', field: 'holidays', reason: `the public-holiday calendar is already given in ${holidaysFile}; keep one` });
      else {
        holidaysFile = file;
        const parsed = HolidayCalendar.safeParse(top.data.holidays);
        if (parsed.success) holidays = parsed.data;
        else problems.push(...issuesToProblems(file, 'holidays', parsed.error));
      }
    }
    top.data.entries.forEach((raw, i) => {
      const parsed = Entry.safeParse(raw);
      const label = entryLabel(raw, i);
      if (!parsed.success) return void problems.push(...issuesToProblems(file, label, parsed.error));
      if (fileOf.has(parsed.data.id))
        return void problems.push({ file, entry: label, field: 'id', reason: `duplicate id; already used in ${fileOf.get(parsed.data.id)}` });
      fileOf.set(parsed.data.id, file);
      entries.push(parsed.data);
    });
    top.data.faq.forEach((raw, i) => {
      const parsed = Faq.safeParse(raw);
      const label = entryLabel(raw, i);
      if (!parsed.success) return void problems.push(...issuesToProblems(file, label, parsed.error));
      if (fileOf.has(parsed.data.id))
        return void problems.push({ file, entry: label, field: 'id', reason: `duplicate id; already used in ${fileOf.get(parsed.data.id)}` });
      fileOf.set(parsed.data.id, file);
      faq.push(parsed.data);
    });
  }

  // Cross-references: a facility's services and a FAQ's related entries must exist.
  const ids = new Set(entries.map((e) => e.id));
  for (const e of entries)
    e.services.forEach((s, i) => {
      if (!ids.has(s)) problems.push({ file: fileOf.get(e.id)!, entry: e.id, field: `services.${i}`, reason: `unknown entry id "${s}"` });
    });
  for (const q of faq)
    q.related.forEach((r, i) => {
      if (!ids.has(r)) problems.push({ file: fileOf.get(q.id)!, entry: q.id, field: `related.${i}`, reason: `unknown entry id "${r}"` });
    });

  let synonyms: Synonyms = { groups: [] };
  const synFile = 'synonyms.yaml';
  const synRaw = readYaml(join(dir, synFile), synFile, problems);
  if (synRaw !== undefined) {
    const parsed = Synonyms.safeParse(synRaw);
    if (parsed.success) synonyms = parsed.data;
    else problems.push(...issuesToProblems(synFile, '(synonyms)', parsed.error));
  }

  if (!holidaysFile) problems.push({ file: entriesDir, entry: 'holidays', field: 'holidays', reason: 'no public-holiday calendar: give it as `holidays:` in one file (entries/holidays.yaml)' });
  if (problems.length) throw new CatalogueSourceError(problems);
  return { entries, faq, synonyms, holidays, fileOf };
}
