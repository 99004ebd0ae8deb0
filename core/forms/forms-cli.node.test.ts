/** `cli forms --json` on the built CLI (dist/node/cli.mjs: npm run build first, as npm test does): every form's JSON Schema, each with an example its schema takes. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFormCatalogue } from '../../tests/env.node.js';
import { checkForm, formFor, SERVICE_IDS } from './registry.js';

const CLI = join(ROOT, 'dist', 'node', 'cli.mjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

describe('cli forms', () => {
  it('--json: a JSON array of every form’s JSON Schema, each with a valid example', () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is not built: run npm run build (npm test builds before it tests)`);
    const today = new Date().toISOString().slice(0, 10);
    const r = cli('forms', '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    const forms = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(forms.map((f) => f['x-aichingu-service'])).toEqual(SERVICE_IDS);
    for (const f of forms) {
      const service = f['x-aichingu-service'] as string;
      expect(f).toMatchObject({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: `urn:aichingu-1279:form:${service}`,
        type: 'object',
        additionalProperties: false,
        'x-aichingu-submitted': service === 'gj-emergency-childcare' ? 'requested' : 'received',
      });
      expect(Object.keys(f.properties as object)).toEqual(f['x-aichingu-fields']);
      const examples = f.examples as unknown[];
      expect(examples.length).toBeGreaterThan(0);
      for (const ex of examples) expect(checkForm(formFor(service, { catalogue: sourceFormCatalogue(), today })!, ex), `${service}: ${JSON.stringify(ex)}`).toMatchObject({ ok: true });
    }
  });

  it('as text: one line a form; a flag it does not take is refused', () => {
    const r = cli('forms');
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n').map((l) => l.split(' ')[0])).toEqual(SERVICE_IDS);
    const bad = cli('forms', '--stage', 'infant');
    expect(bad.status).toBe(2);
  });
});
