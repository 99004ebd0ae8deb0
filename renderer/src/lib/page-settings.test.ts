/** The settings the web host puts into the page, read by hand (no zod in the UI): exactly what the `settings` call's own schema would take, else undefined (the UI then asks). */
import { describe, expect, it } from 'vitest';
import { KioskApi } from '../../../core/contract/kiosk-api';
import { settingsFromPage } from './page-settings';

const GOOD = { profile: 'kiosk', language: 'vi', idleSeconds: 60, printing: 'dialog' };

describe('settingsFromPage', () => {
  it('takes what the settings call answers, and turns away what its schema refuses', () => {
    const samples: unknown[] = [
      GOOD,
      { ...GOOD, profile: 'counsellor', language: 'ko', printing: 'direct' },
      { ...GOOD, language: 'zh', idleSeconds: 30 },
      { ...GOOD, language: 'en', idleSeconds: 3600 },
      { ...GOOD, idleSeconds: 29 },
      { ...GOOD, idleSeconds: 3601 },
      { ...GOOD, idleSeconds: 60.5 },
      { ...GOOD, idleSeconds: '60' },
      { ...GOOD, language: 'ja' },
      { ...GOOD, profile: 'admin' },
      { ...GOOD, printing: 'silent' },
      { profile: 'kiosk', language: 'ko', idleSeconds: 120 },
      [GOOD],
      'kiosk',
      null,
      42,
    ];
    for (const v of samples) {
      const schema = KioskApi.settings.output.safeParse(v);
      expect(settingsFromPage(JSON.stringify(v)), JSON.stringify(v)).toEqual(schema.success ? schema.data : undefined);
    }
  });

  it('gives the four settings only, and nothing for a page without them or with text that is not JSON', () => {
    expect(settingsFromPage(JSON.stringify({ ...GOOD, extra: '<b>' }))).toEqual(GOOD);
    for (const text of [undefined, null, '', '{', '<!-- -->']) expect(settingsFromPage(text)).toBeUndefined();
  });
});
