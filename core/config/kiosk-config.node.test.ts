import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryLogger } from '../log.node.js';
import { freshDir } from '../../tests/env.node.js';
import { readKioskConfig } from './kiosk-config.node.js';
import { DEFAULT_KIOSK_CONFIG } from './kiosk-config.js';

describe('DATA/kiosk.json on disk', () => {
  it('a bad setting is logged as a warning naming the file and the field; the app gets its settings anyway', () => {
    const dir = freshDir('kiosk-config-');
    writeFileSync(join(dir, 'kiosk.json'), JSON.stringify({ profile: 'counsellor', updates: { nightHour: 24 }, printer: { name: 'HP\u0007' } }));
    const { logger, lines } = memoryLogger();
    const r = readKioskConfig(dir, logger);
    expect(r.config).toEqual({ ...DEFAULT_KIOSK_CONFIG, profile: 'counsellor' });
    expect(r.file).toBe(join(dir, 'kiosk.json'));
    const warned = lines().filter((l) => l.event === 'config.problem');
    expect(warned.map((l) => l.field)).toEqual(['updates.nightHour', 'printer.name']); // in the file's order
    expect(warned.every((l) => l.level === 40 && l.file === join(dir, 'kiosk.json'))).toBe(true);
    expect(String(warned[0]!.msg)).toMatch(/updates\.nightHour .*23/);
  });

  it('no file: the defaults, said once at info level; an unreadable one: the defaults, and why', () => {
    const none = memoryLogger();
    expect(readKioskConfig(freshDir('kiosk-config-'), none.logger)).toMatchObject({ config: DEFAULT_KIOSK_CONFIG, problems: [] });
    expect(none.lines().map((l) => l.event)).toEqual(['config.default']);
    const dir = freshDir('kiosk-config-');
    mkdirSync(join(dir, 'kiosk.json')); // a folder where the file should be
    const bad = memoryLogger();
    const r = readKioskConfig(dir, bad.logger);
    expect(r.config).toEqual(DEFAULT_KIOSK_CONFIG);
    expect(r.problems).toEqual([{ field: '(file)', message: expect.stringMatching(/cannot be read \(EISDIR\)/) }]);
  });
});
