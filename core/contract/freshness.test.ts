import { describe, expect, it } from 'vitest';
import { freshness, lastYearOf } from './freshness.js';

const DEC_2026 = new Date('2026-12-01T10:00:00Z');
describe('is a figure still this year’s', () => {
  it('this year and last year are current; older years are not', () => {
    expect(freshness({ year: '2026' }, DEC_2026)).toEqual({ current: true });
    expect(freshness({ year: '2025' }, DEC_2026)).toEqual({ current: true });
    expect(freshness({ year: '2024' }, DEC_2026)).toEqual({ current: false, why: 'old' });
    expect(freshness({ year: '2023–2024' }, DEC_2026)).toEqual({ current: false, why: 'old' });
    expect(freshness({ year: '2024–2026' }, DEC_2026)).toEqual({ current: true });
    expect(lastYearOf('2022-2025')).toBe(2025);
  });
  it('a figure set until a day is no longer current the day after', () => {
    expect(freshness({ year: '2026', valid_until: '2026-12-31' }, DEC_2026)).toEqual({ current: true });
    expect(freshness({ year: '2026', valid_until: '2026-11-30' }, DEC_2026)).toEqual({ current: false, why: 'expired', until: '2026-11-30' });
    expect(freshness({ year: '2026', valid_until: '2026-12-31' }, new Date('2027-01-01T00:00:00Z'))).toEqual({ current: false, why: 'expired', until: '2026-12-31' });
  });
});
