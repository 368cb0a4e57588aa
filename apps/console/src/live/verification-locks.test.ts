import { describe, expect, it } from 'vitest';
import { activeVerificationLocks, addVerificationLock } from './verification-locks.ts';

const at = (minutes: number): string => new Date(Date.UTC(2026, 2, 1, 10, minutes)).toISOString();
const now = Date.parse(at(0));

describe('verification locks', () => {
  it('keeps one entry per order, newest first, and drops locks that are over', () => {
    let locks = addVerificationLock([], { orderNumber: '1042', attempts: 5, lockedUntil: at(30) }, now);
    locks = addVerificationLock(locks, { orderNumber: '7777', attempts: 5, lockedUntil: at(20) }, now);
    locks = addVerificationLock(locks, { orderNumber: '1042', attempts: 5, lockedUntil: at(40) }, now);
    expect(locks.map((lock) => [lock.orderNumber, lock.lockedUntil])).toEqual([
      ['1042', at(40)],
      ['7777', at(20)],
    ]);
    expect(activeVerificationLocks(locks, Date.parse(at(25))).map((lock) => lock.orderNumber)).toEqual(['1042']);
    expect(activeVerificationLocks(locks, now, new Set(['1042'])).map((lock) => lock.orderNumber)).toEqual(['7777']);
  });
});
