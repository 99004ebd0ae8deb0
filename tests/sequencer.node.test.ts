import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './env.node.js';
import { inBrowser, interleave } from './sequencer.node.js';

describe('the order test files start in', () => {
  it('tells the Chromium journeys from the rest by what they do', () => {
    const kind = (f: string) => inBrowser(readFileSync(join(ROOT, f), 'utf8'));
    expect(['tests/journeys/kiosk.test.ts', 'tests/journeys/status.test.ts', 'tests/journeys/print.test.ts'].map(kind)).toEqual([true, true, true]);
    // the sync and outbox fault journeys start processes, not a browser: they keep a core busy
    expect(['tests/journeys/sync-faults.test.ts', 'tests/journeys/outbox-faults.test.ts', 'sync/hub/main.node.test.ts'].map(kind)).toEqual([false, false, false]);
  });

  it('interleaves the two kinds, each largest first, until one runs out', () => {
    const files = [
      { name: 'w-small', browser: false, size: 1 },
      { name: 'b-large', browser: true, size: 90 },
      { name: 'w-large', browser: false, size: 80 },
      { name: 'w-mid', browser: false, size: 40 },
      { name: 'b-small', browser: true, size: 5 },
    ];
    const order = interleave(files, (f) => f.browser, (f) => f.size).map((f) => f.name);
    expect(order).toEqual(['w-large', 'b-large', 'w-mid', 'b-small', 'w-small']);
    expect(interleave([], () => true, () => 0)).toEqual([]);
  });
});
