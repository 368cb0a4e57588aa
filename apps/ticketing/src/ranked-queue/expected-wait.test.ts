import { describe, expect, it } from 'vitest';
import { placeInLine } from './expected-wait.ts';

const window = 15 * 60_000;

describe('placeInLine', () => {
  it('estimates the wait from the recent claim rate', () => {
    // 30 claims in 15 min = one every 30 s; 4 ahead → claimed 5th → 150 s.
    const place = placeInLine([{ group: 'en:shipping', ahead: 4, recentClaims: 30 }], window);
    expect(place?.position).toBe(5);
    expect(place?.expectedWaitMs).toBe(150_000);
  });

  it('has no estimate while nothing was claimed recently', () => {
    const place = placeInLine([{ group: 'en:shipping', ahead: 0, recentClaims: 0 }], window);
    expect(place?.position).toBe(1);
    expect(place?.expectedWaitMs).toBeNull();
  });

  it('takes the best of the groups a ticket waits in', () => {
    const place = placeInLine(
      [
        { group: 'en:shipping', ahead: 9, recentClaims: 90 },
        { group: 'en:general', ahead: 2, recentClaims: 3 },
      ],
      window,
    );
    expect(place?.position).toBe(3);
    // shipping: 10 × 10 s = 100 s; general: 3 × 300 s = 900 s.
    expect(place?.expectedWaitMs).toBe(100_000);
  });

  it('is null for a ticket in no group', () => {
    expect(placeInLine([], window)).toBeNull();
  });
});
