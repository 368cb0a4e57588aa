/** How long an account stays locked after repeated failed logins: doubling per lockout, capped. */
export interface AccountLockoutPolicy {
  /** The first lockout of the day. */
  baseSeconds: number;
  /** No lockout lasts longer. */
  maxSeconds: number;
}

export const defaultAccountLockout: AccountLockoutPolicy = { baseSeconds: 60, maxSeconds: 30 * 60 };

/**
 * Seconds of the `lockoutNumber`-th lockout of an account within a day (1 = the first):
 * base, 2 × base, 4 × base, … up to the cap.
 * @example accountLockoutSeconds(3, { baseSeconds: 60, maxSeconds: 1800 }) // 240
 */
export function accountLockoutSeconds(lockoutNumber: number, policy: AccountLockoutPolicy = defaultAccountLockout): number {
  const doublings = Math.min(Math.max(Math.floor(lockoutNumber), 1) - 1, 30);
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** doublings);
}
