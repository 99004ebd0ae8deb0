import { describe, expect, it } from 'vitest';
import { openStatus } from './schedule.js';

// 긴급아이돌봄센터: 월~금 18:00 → 다음날 09:00, 토 09:00 ~ 20:00, closed on holidays
const centre = [
  { byday: ['MO', 'TU', 'WE', 'TH', 'FR'], opensAt: '18:00', closesAt: '09:00', overnight: true, closedOnHolidays: true },
  { byday: ['SA'], opensAt: '09:00', closesAt: '20:00', overnight: false, closedOnHolidays: true },
];
const at = (kstIso: string) => new Date(`${kstIso}+09:00`);

describe('open now', () => {
  it('follows the emergency centre through its week', () => {
    expect(openStatus(centre, at('2026-11-23T17:59')).open).toBe(false); // Monday before opening
    expect(openStatus(centre, at('2026-11-23T18:00')).open).toBe(true);
    expect(openStatus(centre, at('2026-11-24T03:00')).open).toBe(true); // Tuesday night, from Monday's span
    expect(openStatus(centre, at('2026-11-24T09:00')).open).toBe(false);
    expect(openStatus(centre, at('2026-11-28T08:59')).open).toBe(true); // Saturday morning: Friday night's span
    expect(openStatus(centre, at('2026-11-28T19:59')).open).toBe(true);
    expect(openStatus(centre, at('2026-11-28T20:00')).open).toBe(false);
    expect(openStatus(centre, at('2026-11-29T12:00')).open).toBe(false); // Sunday
    expect(openStatus(centre, at('2026-11-30T02:00')).open).toBe(false); // Monday 2am: Sunday had no span
  });
  it('is closed on the configured holidays', () => {
    expect(openStatus(centre, at('2026-12-25T19:00'), ['2026-12-25'])).toMatchObject({ open: false, holiday: true, today: [] });
    expect(openStatus(centre, at('2026-12-26T03:00'), ['2026-12-25']).open).toBe(false); // the holiday's night span never started
  });
  it('gives today’s hours, and null when no schedule is known', () => {
    expect(openStatus(centre, at('2026-11-28T10:00')).today).toEqual([{ opensAt: '09:00', closesAt: '20:00', overnight: false }]);
    expect(openStatus([], at('2026-11-28T10:00')).open).toBeNull();
  });
});
