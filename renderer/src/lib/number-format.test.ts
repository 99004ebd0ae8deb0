import { describe, expect, it } from 'vitest';
import { koreaDay, momentShown, phoneShown, receiptGroups, receiptShown, timeShown } from './number-format.js';

describe('digits as they are typed', () => {
  it('a mobile number takes its dashes as it grows: 010-1234-5678', () => {
    const typed = '01012345678';
    expect(Array.from(typed, (_, i) => phoneShown(typed.slice(0, i + 1)))).toEqual([
      '0', '01', '010', '010-1', '010-12', '010-123', '010-1234', '010-1234-5', '010-1234-56', '010-1234-567', '010-1234-5678',
    ]);
  });
  it('Seoul, Gwangju and nationwide numbers', () => {
    expect(phoneShown('021234567')).toBe('02-123-4567');
    expect(phoneShown('0212345678')).toBe('02-1234-5678');
    expect(phoneShown('0621234567')).toBe('062-123-4567');
    expect(phoneShown('06212345678')).toBe('062-1234-5678');
    expect(phoneShown('15881234')).toBe('1588-1234');
  });
  it('a receipt number in its groups, the check digit last', () => {
    expect(receiptShown('12345')).toBe('1234-5');
    expect(receiptShown('123456789')).toBe('1234-5678-9');
    expect(receiptShown('1234-5678-9')).toBe('1234-5678-9');
    expect(receiptGroups('123456789')).toEqual(['1234', '5678', '9']);
  });
});

describe("days and times are Korea's, whatever the device's time zone", () => {
  it('the day in Korea: 20:00 UTC is already the next morning there', () => {
    expect(koreaDay(new Date('2026-12-02T20:00:00Z'))).toBe('2026-12-03');
    expect(koreaDay(new Date('2026-12-02T14:59:00Z'))).toBe('2026-12-02');
  });
  it('an instant as Korea reads it: 00:14 UTC is 오전 9:14', () => {
    // (the word for the morning is the ICU's: 오전 in Chromium, AM in a Node built with less of it)
    expect(timeShown('2026-12-03T00:14:00Z', 'ko')).toMatch(/^(오전|AM) 9:14$/);
    expect(momentShown('2026-12-03T00:14:00Z', 'ko')).toMatch(/^2026년 12월 3일 (오전|AM) 9:14$/);
    expect(momentShown('2026-12-02T23:30:00Z', 'en')).toMatch(/^3 December 2026.* 08:30$/);
    expect(momentShown('not a time', 'ko')).toBe('not a time');
  });
});
