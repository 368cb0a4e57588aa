import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** Failed email guesses one order number takes before its order + email check is locked. */
export interface OrderLockoutLimits {
  /** This many failures within `windowSeconds` lock the order (across conversations and addresses). */
  failures: number;
  windowSeconds: number;
  /** How long the lock lasts. */
  lockSeconds: number;
}

export const defaultOrderLockoutLimits: OrderLockoutLimits = {
  failures: 5,
  windowSeconds: 15 * 60,
  lockSeconds: 30 * 60,
};

/** An order number's check just got locked: what the agents are told. */
export interface OrderLocked {
  orderNumber: string;
  attempts: number;
  lockedUntil: Date;
}

export type OrderLockState = { locked: false } | { locked: true; retryAfterSeconds: number };

/**
 * Counts failed order + email checks per order number in Redis and locks the order's check once
 * they reach the limit, whoever guesses from wherever: per-conversation and per-address limits do
 * not stop a guesser with many addresses. Every order number counts, stored or not, so a lock says
 * nothing about whether the order exists.
 */
export type OrderLockout = ReturnType<typeof createOrderLockout>;

export function createOrderLockout(
  redis: Redis,
  keyPrefix: string,
  limits: OrderLockoutLimits,
  /** Called once per lock (by the instance whose failure reached the limit). */
  onLocked: (locked: OrderLocked) => void,
  clock: () => Date = () => new Date(),
) {
  const failures = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${keyPrefix}verify:order`,
    points: limits.failures,
    duration: limits.windowSeconds,
  });
  // Order numbers come from shoppers: one spelling per order, and bounded in a key.
  const keyOf = (orderNumber: string): string => orderNumber.trim().toLowerCase().slice(0, 64);
  return {
    /** Whether the order's check is locked now, and for how long. Redis failures throw. */
    async state(orderNumber: string): Promise<OrderLockState> {
      const counted = await failures.get(keyOf(orderNumber));
      if (!counted || counted.consumedPoints < limits.failures) return { locked: false };
      return { locked: true, retryAfterSeconds: Math.max(1, Math.ceil(counted.msBeforeNext / 1000)) };
    },

    /** Counts a failed check; the one that reaches the limit locks the order and reports it. */
    async recordFailure(orderNumber: string): Promise<void> {
      const key = keyOf(orderNumber);
      let counted: RateLimiterRes;
      try {
        counted = await failures.consume(key);
      } catch (error) {
        if (error instanceof RateLimiterRes) return; // locked already
        throw error;
      }
      if (counted.consumedPoints !== limits.failures) return;
      await failures.block(key, limits.lockSeconds);
      onLocked({
        orderNumber: orderNumber.trim().slice(0, 64),
        attempts: limits.failures,
        lockedUntil: new Date(clock().getTime() + limits.lockSeconds * 1000),
      });
    },
  };
}
