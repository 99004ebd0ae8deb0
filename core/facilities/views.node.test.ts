/**
 * "Open now" on Korea's public holidays with the calendar the catalogue ships (no configured
 * days needed), the operator's configured days added on top, and the holiday's name as the
 * facility list and a facility's page show it — on the real catalogue, compiled into SQLite.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openSourceCatalogue } from '../../db/catalogue/source-catalogue.js';
import { facilitiesView, holidayTodayView, type Whereabouts } from './views.js';
import { holidayDays, holidayName } from './holidays.js';
import { openStatus } from './schedule.js';

const cat = openSourceCatalogue('facilities-holidays-');
afterAll(() => cat.close());
const noLayers = { dongs: null, gus: null };
const at = (kstIso: string, holidays: string[] = []): Whereabouts => ({ now: new Date(`${kstIso}+09:00`), holidays });
// 남구 아이사랑 장난감도서관: 월~토 10:00–18:00, closed on public holidays
const TOY = 'fac-namgu-toy-library-aisarang';
const item = (w: Whereabouts, lang: 'ko' | 'en' = 'ko') => facilitiesView(cat, noLayers, { openNow: false, lang, limit: 100 }, w).items.find((i) => i.id === TOY)!;

describe('facilities on public holidays', () => {
  it('are open on an ordinary Friday morning', () => {
    expect(item(at('2026-09-18T10:30'))).toMatchObject({ open: true, holiday: false, holidayName: null, holidayClosed: false });
  });

  it('are closed on 추석 (a Friday) from the shipped calendar alone, with the holiday named', () => {
    const i = item(at('2026-09-25T10:30'));
    expect(i).toMatchObject({ open: false, holiday: true, holidayClosed: true, today: [], holidayName: { text: '추석', lang: 'ko' } });
    // in English: the team's translation, the Korean name kept beside it
    expect(item(at('2026-09-25T10:30'), 'en').holidayName).toEqual({ text: 'Chuseok harvest festival (추석)', lang: 'en' });
    // and 2027's, from the 2027 월력요항: the 설날 substitute day
    expect(item(at('2027-02-09T10:30'))).toMatchObject({ open: false, holidayName: { text: '대체공휴일(설날)' } });
  });

  it('"open now only" leaves them out on a holiday', () => {
    const ids = facilitiesView(cat, noLayers, { openNow: true, lang: 'ko', limit: 100 }, at('2026-09-25T10:30')).items.map((i) => i.id);
    expect(ids).not.toContain(TOY);
  });

  it('are closed on a day the operator configured too, which has no name', () => {
    expect(item(at('2026-11-27T10:30', ['2026-11-27']))).toMatchObject({ open: false, holiday: true, holidayClosed: true, holidayName: null });
    // a configured day the calendar lists keeps its name (counted once)
    expect(item(at('2026-09-25T10:30', ['2026-09-25']))).toMatchObject({ open: false, holidayName: { text: '추석' } });
    expect([...holidayDays(cat.holidays(), ['2026-09-25', '2026-11-27']).keys()].filter((d) => d === '2026-09-25')).toHaveLength(1);
  });

  it('say so on the facility’s own page', () => {
    expect(holidayTodayView(cat, TOY, 'ko', at('2026-09-25T10:30'))).toEqual({ name: { text: '추석', lang: 'ko' }, closed: true });
    expect(holidayTodayView(cat, TOY, 'vi', at('2026-09-25T10:30'))).toEqual({ name: { text: 'Tết Trung thu (추석)', lang: 'vi' }, closed: true });
    expect(holidayTodayView(cat, TOY, 'ko', at('2026-09-18T10:30'))).toBeNull();
  });

  it('openStatus closes a schedule marked closed on holidays, and only that one', () => {
    const days = new Set(holidayDays(cat.holidays()).keys());
    const closes = { byday: ['FR'], opensAt: '10:00', closesAt: '18:00', overnight: false, closedOnHolidays: true };
    const staysOpen = { ...closes, closedOnHolidays: false };
    expect(openStatus([closes], new Date('2026-09-25T10:30+09:00'), days)).toMatchObject({ open: false, holiday: true, holidayClosed: true });
    expect(openStatus([staysOpen], new Date('2026-09-25T10:30+09:00'), days)).toMatchObject({ open: true, holiday: true, holidayClosed: false });
    expect(holidayName({ ko: '추석' }, 'zh')).toEqual({ text: '추석', lang: 'ko' });
  });
});
