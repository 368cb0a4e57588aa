import { describe, expect, it } from 'vitest';
import { csatPositive, npsCounters } from './survey-scores.ts';

describe('survey scores', () => {
  it('counts CSAT 4 and 5 as positive and 1 to 3 as not', () => {
    expect([1, 2, 3, 4, 5].map(csatPositive)).toEqual([0, 0, 0, 1, 1]);
  });

  it('counts NPS 9–10 as promoters, 0–6 as detractors and 7–8 as neither', () => {
    const counters = Array.from({ length: 11 }, (_, nps) => npsCounters(nps));
    expect(counters.map((c) => c.npsPromoters)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(counters.map((c) => c.npsDetractors)).toEqual([1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect(counters.every((c) => c.npsResponses === 1)).toBe(true);
  });
});
