import { describe, expect, it } from 'vitest';
import { phoneShown, receiptGroups, receiptShown } from './number-format.js';

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
