import { describe, expect, it } from 'vitest';
import { QUESTIONS, applicable, toSituation } from './questionnaire.js';

describe('questionnaire', () => {
  it('asks at most 8 questions', () => expect(QUESTIONS.length).toBeLessThanOrEqual(8));
  it('turns a grandmother with twin grandchildren into a situation', () => {
    expect(toSituation({ role: 'grandparent', applicantAge: { min: 60, max: 70 }, children: 'twins', childAge: { min: 24, max: 71 }, work: 'dual', income: 'under_median_100', district: '북구' })).toEqual({
      applicant: { role: 'grandparent', age: { min: 60, max: 70 } },
      children: [{ age_months: { min: 24, max: 71 }, twin: true }, { age_months: { min: 24, max: 71 }, twin: true }],
      household: { dual_earner: true, single_parent: false, income_band: 'under_median_100', district: '북구' },
    });
  });
  it('leaves skipped answers unknown and passes over child questions when there are no children', () => {
    expect(toSituation({})).toEqual({});
    expect(applicable(QUESTIONS.find((q) => q.id === 'childAge')!, { children: 'none' })).toBe(false);
    expect(toSituation({ children: 'none', role: 'pregnant' })).toEqual({ applicant: { role: 'pregnant', age: undefined }, children: [] });
  });
});
