import type { VerificationLockedEvent } from '@loyaldesk/contracts/chat-events';

/** Orders whose order + email check the chat bot locked, newest first; one entry per order. */
export type VerificationLocks = readonly VerificationLockedEvent[];

/** Adds a `verification.locked` alert (replacing an older one for the same order) and drops locks over by `now`. */
export function addVerificationLock(
  locks: VerificationLocks,
  event: VerificationLockedEvent,
  now: number,
): VerificationLocks {
  return [event, ...locks.filter((lock) => lock.orderNumber !== event.orderNumber)].filter(
    (lock) => Date.parse(lock.lockedUntil) > now,
  );
}

/** Locks still in force at `now`, without those dismissed (by order number). */
export function activeVerificationLocks(
  locks: VerificationLocks,
  now: number,
  dismissed: ReadonlySet<string> = new Set(),
): VerificationLocks {
  return locks.filter((lock) => Date.parse(lock.lockedUntil) > now && !dismissed.has(lock.orderNumber));
}
