import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { TooManyRequestsError } from '../http/too-many-requests.ts';
import { accountLockoutSeconds, defaultAccountLockout, type AccountLockoutPolicy } from './account-lockout.ts';

export interface LoginLimiterOptions {
  redis: Redis;
  prefix: string;
  /** Attempts per email and IP within `windowSeconds` (default 5 a minute); a success gives them back. */
  failuresPerEmailAndIp?: number;
  /** Attempts per IP, any email (default 30 a minute): slows spraying many accounts. */
  failuresPerIp?: number;
  windowSeconds?: number;
  /** Failed attempts per account (email), from any IP, before it is locked (default 10 in 15 minutes). */
  failuresPerAccount?: number;
  accountWindowSeconds?: number;
  /** How long the lockouts last (default 1 min, doubling per lockout within a day, at most 30 min). */
  accountLockout?: AccountLockoutPolicy;
}

/** Login attempt budgets in Redis (shared by every instance). */
export type LoginLimiter = ReturnType<typeof createLoginLimiter>;

const lockoutMemorySeconds = 24 * 3600;

/**
 * Login rate limiting, taken BEFORE the password is checked: each attempt atomically takes a
 * point from its IP's budget, its email+IP budget and its account's budget (one Redis script
 * each), so concurrent attempts cannot all slip past a check made before any of them failed.
 * Past a budget: 429 with Retry-After. An account past its budget is locked for a time that
 * doubles with each lockout within a day (per account, whatever the IP, so a botnet cannot
 * guess on). A success gives the IP its point back and clears the email's and account's counts.
 * @example const limiter = createLoginLimiter({ redis, prefix: 'loyaldesk:' }); await limiter.attempt(email, ip);
 */
export function createLoginLimiter(options: LoginLimiterOptions) {
  const duration = options.windowSeconds ?? 60;
  const lockout = options.accountLockout ?? defaultAccountLockout;
  const byEmailAndIp = new RateLimiterRedis({
    storeClient: options.redis,
    keyPrefix: `${options.prefix}login:email-ip`,
    points: options.failuresPerEmailAndIp ?? 5,
    duration,
  });
  const byIp = new RateLimiterRedis({
    storeClient: options.redis,
    keyPrefix: `${options.prefix}login:ip`,
    points: options.failuresPerIp ?? 30,
    duration,
  });
  const byAccount = new RateLimiterRedis({
    storeClient: options.redis,
    keyPrefix: `${options.prefix}login:account`,
    points: options.failuresPerAccount ?? 10,
    duration: options.accountWindowSeconds ?? 15 * 60,
  });
  // How many lockouts each account had within a day: the next one lasts longer.
  const lockouts = new RateLimiterRedis({
    storeClient: options.redis,
    keyPrefix: `${options.prefix}login:lockouts`,
    points: Number.MAX_SAFE_INTEGER,
    duration: lockoutMemorySeconds,
  });
  const accountKey = (email: string): string => email.trim().toLowerCase();
  const emailIpKey = (email: string, ip: string): string => `${accountKey(email)}|${ip}`;

  function refuse(message: string, retryAfterMs: number): never {
    throw new TooManyRequestsError(message, retryAfterMs / 1000);
  }

  /** Takes a point; the limiter's answer when the budget is spent, rethrowing anything else (Redis down). */
  async function take(limiter: RateLimiterRedis, key: string): Promise<RateLimiterRes | null> {
    try {
      await limiter.consume(key);
      return null;
    } catch (error) {
      if (error instanceof RateLimiterRes) return error;
      throw error;
    }
  }

  return {
    /** Counts one attempt against every budget; TooManyRequestsError (429) when any is spent or the account is locked. */
    async attempt(email: string, ip: string): Promise<void> {
      const forIp = await take(byIp, ip);
      if (forIp) refuse('Too many failed sign-ins from this address; wait and try again', forIp.msBeforeNext);
      const forEmail = await take(byEmailAndIp, emailIpKey(email, ip));
      if (forEmail) refuse('Too many failed sign-ins; wait a minute and try again', forEmail.msBeforeNext);
      const account = accountKey(email);
      const forAccount = await take(byAccount, account);
      if (!forAccount) return;
      // Exactly one attempt sees the first point past the budget (Redis counts atomically): it locks.
      if (forAccount.consumedPoints === byAccount.points + 1) {
        const { consumedPoints: lockoutNumber } = await lockouts.penalty(account);
        const seconds = accountLockoutSeconds(lockoutNumber, lockout);
        await byAccount.block(account, seconds);
        refuse('This account is locked for a while after too many failed sign-ins', seconds * 1000);
      }
      refuse('This account is locked for a while after too many failed sign-ins', forAccount.msBeforeNext);
    },
    /** Gives back an attempt that was never tried (no hashing slot free). */
    async refund(email: string, ip: string): Promise<void> {
      await Promise.all([byIp.reward(ip), byEmailAndIp.reward(emailIpKey(email, ip)), byAccount.reward(accountKey(email))]);
    },
    /** After a successful login: the IP's point back, the email's and account's counts and lockouts cleared. */
    async succeed(email: string, ip: string): Promise<void> {
      const account = accountKey(email);
      await Promise.all([
        byIp.reward(ip),
        byEmailAndIp.delete(emailIpKey(email, ip)),
        byAccount.delete(account),
        lockouts.delete(account),
      ]);
    },
  };
}
