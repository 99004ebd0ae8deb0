import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_CONFIG, parseKioskConfig } from './kiosk-config.js';

const KEY = `ed25519:${Buffer.alloc(32, 7).toString('base64')}`;
const parse = (o: unknown) => parseKioskConfig(JSON.stringify(o));
const fields = (o: unknown) => parse(o).problems.map((p) => p.field);

describe('the kiosk configuration (DATA/kiosk.json)', () => {
  it('no file: the safe defaults — a locked-down kiosk in Korean, no hub, updates installed at night only', () => {
    expect(parseKioskConfig(null)).toEqual({ config: DEFAULT_KIOSK_CONFIG, problems: [] });
    expect(DEFAULT_KIOSK_CONFIG).toMatchObject({ profile: 'kiosk', language: 'ko', hub: null, idleSeconds: 120, updates: { checkOnly: false, nightHour: 3, channel: 'latest' } });
  });

  it('a complete, valid file is read as written', () => {
    const { config, problems } = parse({
      profile: 'counsellor',
      location: '북구 용봉동',
      language: 'vi',
      idleSeconds: 300,
      printer: { name: 'Kiosk_Printer', copies: 2 },
      display: 1,
      hub: { url: 'http://hub.gwangju.example:8790', key: KEY },
      updates: { channel: 'beta', checkOnly: true, nightHour: null },
      holidays: ['2026-12-25'],
    });
    expect(problems).toEqual([]);
    expect(config).toEqual({
      profile: 'counsellor',
      location: { district: '북구', dong: '용봉동' },
      language: 'vi',
      idleSeconds: 300,
      printer: { name: 'Kiosk_Printer', copies: 2 },
      display: 1,
      hub: { url: 'http://hub.gwangju.example:8790', key: KEY },
      updates: { channel: 'beta', checkOnly: true, nightHour: null },
      holidays: ['2026-12-25'],
    });
    expect(parse({ location: '126.912,35.174' }).config.location).toEqual({ lon: 126.912, lat: 35.174 });
  });

  it('a file that is not JSON, or not an object: one problem for the file, every default', () => {
    for (const text of ['{"profile": "kiosk",', '', '[1,2]', '"kiosk"', 'null']) {
      const r = parseKioskConfig(text);
      expect(r.config, text).toEqual(DEFAULT_KIOSK_CONFIG);
      expect(r.problems.map((p) => p.field), text).toEqual(['(file)']);
    }
  });

  it('each bad setting is named and takes its default; the good ones around it are kept', () => {
    const r = parse({ profile: 'admin', language: 'fr', idleSeconds: 5, display: -1, location: '서울 강남구', holidays: ['25.12.2026'], updates: { nightHour: 25, channel: 'beta' }, printer: { copies: 50, name: 'HP' } });
    expect(r.problems.map((p) => p.field).sort()).toEqual(['display', 'holidays.0', 'idleSeconds', 'language', 'location', 'printer.copies', 'profile', 'updates.nightHour']);
    expect(r.config).toEqual({ ...DEFAULT_KIOSK_CONFIG, updates: { ...DEFAULT_KIOSK_CONFIG.updates, channel: 'beta' }, printer: { name: 'HP', copies: 1 } });
    // the message says what is wanted and that the default is used
    expect(r.problems.find((p) => p.field === 'updates.nightHour')!.message).toMatch(/23.*default is used \(3\)/);
    expect(r.problems.find((p) => p.field === 'location')!.message).toMatch(/district of Gwangju/);
  });

  it('the hub is pinned whole or not at all: a mistyped key or an address without its key is no hub', () => {
    expect(fields({ hub: { url: 'http://hub:8790', key: 'ed25519:abc' } })).toEqual(['hub.key']);
    expect(parse({ hub: { url: 'http://hub:8790', key: 'ed25519:abc' } }).config.hub).toBeNull();
    expect(fields({ hub: { url: 'http://hub:8790' } })).toEqual(['hub.key']);
    expect(fields({ hub: { url: 'ftp://hub', key: KEY } })).toEqual(['hub.url']);
    expect(fields({ hub: { url: 'http://user:pw@hub', key: KEY } })).toEqual(['hub.url']);
    expect(fields({ hub: { url: 'http://hub', key: KEY, token: 'x' } })).toEqual(['hub']);
    expect(parse({ hub: null }).config.hub).toBeNull();
  });

  it('unknown settings (a typo) are named and ignored; wrong types are named', () => {
    const r = parse({ idleSecond: 60, updates: { nighthour: 2 }, printer: 'HP', profile: 1 });
    expect(r.problems.map((p) => p.field)).toEqual(['idleSecond', 'updates.nighthour', 'printer', 'profile']);
    expect(r.problems[0]!.message).toMatch(/not a setting.*idleSeconds/);
    expect(r.config).toEqual(DEFAULT_KIOSK_CONFIG);
  });

  it('the defaults are never changed by a parse (each result is its own copy)', () => {
    parse({ printer: { name: 'X' }, updates: { channel: 'beta' } }).config.printer.copies = 3;
    expect(DEFAULT_KIOSK_CONFIG.printer).toEqual({ copies: 1 });
    expect(DEFAULT_KIOSK_CONFIG.updates.channel).toBe('latest');
  });
});
