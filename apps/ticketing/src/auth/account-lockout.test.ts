import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountLockoutSeconds, defaultAccountLockout } from './account-lockout.ts';

describe('accountLockoutSeconds', () => {
  it('doubles with each lockout of the day, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => accountLockoutSeconds(n))).toEqual([60, 120, 240, 480, 960, 1800, 1800]);
  });

  it('never shrinks from one lockout to the next and stays within base and cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => {
        const now = accountLockoutSeconds(n);
        expect(accountLockoutSeconds(n + 1)).toBeGreaterThanOrEqual(now);
        expect(now).toBeGreaterThanOrEqual(defaultAccountLockout.baseSeconds);
        expect(now).toBeLessThanOrEqual(defaultAccountLockout.maxSeconds);
      }),
    );
  });
});
