import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGS } from '../core/contract/lists.js';
import { createTranslator } from '../core/print/i18n.node.js';
import { resources } from '../tests/env.node.js';
import { OPERATOR_KEYS, operatorDialog } from './operator.js';

const translator = createTranslator(resources().locales);
const state = { version: '0.2.0', profile: 'kiosk' as const, configFile: '/srv/kiosk/kiosk.json', problems: [], updateWaiting: null };

describe('the operator’s dialog', () => {
  it('every string it shows exists in ko, en, vi and zh', () => {
    for (const lang of LANGS) {
      const strings = JSON.parse(readFileSync(join(resources().locales, `${lang}.json`), 'utf8')) as Record<string, unknown>;
      for (const key of OPERATOR_KEYS) {
        const v = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], strings);
        expect(typeof v === 'string' && v.trim().length > 0, `${lang}: ${key}`).toBe(true);
      }
    }
  });

  it('in the kiosk’s language: reload, quit, cancel (the default); the settings file and its version', async () => {
    const ko = operatorDialog(await translator('ko'), state);
    expect(ko.title).toBe('운영자 메뉴');
    expect(ko.buttons).toEqual(['화면 다시 불러오기', '앱 끝내기', '취소']);
    expect(ko.actions).toEqual(['reload', 'quit', 'cancel']);
    expect(ko.cancelId).toBe(2);
    expect(ko.defaultId).toBe(2);
    expect(ko.detail).toContain('0.2.0');
    expect(ko.detail).toContain('/srv/kiosk/kiosk.json');
    expect(ko.detail).toContain('설정에 문제가 없어요');
    const vi = operatorDialog(await translator('vi'), state);
    expect(vi.buttons.at(-1)).toBe('Hủy');
    expect((operatorDialog(await translator('zh'), state)).title).toBe('管理员菜单');
  });

  it('each problem of the settings file by its field; an update waiting adds “install now”', async () => {
    const d = operatorDialog(await translator('en'), { ...state, problems: [{ field: 'updates.nightHour', message: 'must be at most 23' }, { field: 'hub.key', message: 'must be the hub key' }], updateWaiting: '0.3.0' });
    expect(d.detail).toContain('Problems in the settings: 2');
    expect(d.detail).toContain('updates.nightHour: must be at most 23');
    expect(d.detail).toContain('hub.key: must be the hub key');
    expect(d.detail).toContain('Version 0.3.0 is downloaded');
    expect(d.actions).toEqual(['reload', 'install', 'quit', 'cancel']);
    expect(d.buttons[1]).toBe('Install the update now');
    expect(d.cancelId).toBe(3);
  });
});
