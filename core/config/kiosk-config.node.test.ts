import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryLogger } from '../log.node.js';
import { freshDir, testCore } from '../../tests/env.node.js';
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

describe('KioskApi settings: what of kiosk.json the UI follows', () => {
  it('the language a session starts in, the idle time and the profile, read from the data folder once; a bad setting gives its default', async () => {
    const dir = freshDir('kiosk-settings-');
    writeFileSync(join(dir, 'kiosk.json'), JSON.stringify({ profile: 'counsellor', language: 'vi', idleSeconds: 300 }));
    const { core } = testCore({ dataDir: dir });
    try {
      expect(await core.channel.call('settings', {})).toEqual({ ok: true, value: { profile: 'counsellor', language: 'vi', idleSeconds: 300, printing: 'dialog' } });
      writeFileSync(join(dir, 'kiosk.json'), JSON.stringify({ language: 'zh' }));
      expect(await core.channel.call('settings', {}), 'read once, when first asked: a change needs a restart').toMatchObject({ value: { language: 'vi' } });
    } finally {
      await core.close();
    }
    const bad = freshDir('kiosk-settings-');
    writeFileSync(join(bad, 'kiosk.json'), JSON.stringify({ language: 'fr', idleSeconds: 5 }));
    const t = testCore({ dataDir: bad });
    try {
      expect(await t.core.channel.call('settings', {})).toEqual({ ok: true, value: { profile: 'kiosk', language: 'ko', idleSeconds: 120, printing: 'dialog' } });
      expect(t.logLines().filter((l) => l.event === 'config.problem').map((l) => l.field)).toEqual(['language', 'idleSeconds']);
    } finally {
      await t.core.close();
    }
  });

  it('a host that read the file itself (the Electron shell) passes the settings: the core does not read it again', async () => {
    const dir = freshDir('kiosk-settings-');
    writeFileSync(join(dir, 'kiosk.json'), JSON.stringify({ language: 'vi' }));
    const { core, logLines } = testCore({ dataDir: dir, settings: { profile: 'kiosk', language: 'en', idleSeconds: 90 } });
    try {
      expect(await core.channel.call('settings', {})).toEqual({ ok: true, value: { profile: 'kiosk', language: 'en', idleSeconds: 90, printing: 'dialog' } });
      expect(logLines().some((l) => String(l.event).startsWith('config.'))).toBe(false);
    } finally {
      await core.close();
    }
  });
});
