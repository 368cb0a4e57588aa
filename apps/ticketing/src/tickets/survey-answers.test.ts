import { describe, expect, it } from 'vitest';
import { mergeAnswers, sameAnswers } from './survey-answers.ts';

describe('mergeAnswers', () => {
  it('keeps earlier answers and takes each delivery’s own', () => {
    expect(mergeAnswers({ csat: 2 }, { ces: 5 })).toEqual({ csat: 2, ces: 5 });
    expect(mergeAnswers({ csat: 2, ces: 5 }, { csat: 3 })).toEqual({ csat: 3, ces: 5 });
    expect(mergeAnswers(null, { nps: 10 })).toEqual({ nps: 10 });
  });
});

describe('sameAnswers', () => {
  it('compares every question, a missing set holding none', () => {
    expect(sameAnswers({ csat: 2, ces: 5 }, { csat: 2, ces: 5 })).toBe(true);
    expect(sameAnswers({ csat: 2 }, { csat: 2, ces: 5 })).toBe(false);
    expect(sameAnswers(null, {})).toBe(true);
    expect(sameAnswers(null, { nps: 0 })).toBe(false);
  });
});
