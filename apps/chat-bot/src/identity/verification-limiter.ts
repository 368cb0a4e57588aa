import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { addressLimitKey } from '../transport/client-address.ts';

export interface VerificationLimits {
  /** Attempts allowed per conversation within `windowSeconds`: the next one is refused. */
  perConversation: number;
  /**
   * Attempts allowed per IP (an IPv6 /64) within `windowSeconds`, across conversations (so opening
   * new chats does not reset the count). Higher than per conversation: shoppers behind one NAT share an IP.
   */
  perIp: number;
  windowSeconds: number;
}

export const defaultVerificationLimits: VerificationLimits = { perConversation: 5, perIp: 20, windowSeconds: 60 };

export type VerificationAllowance = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts identity checks (order + email, identity tokens) per conversation and per IP, in Redis, across instances. */
export type VerificationLimiter = ReturnType<typeof createVerificationLimiter>;

export function createVerificationLimiter(
  redis: Redis,
  keyPrefix: string,
  limits: VerificationLimits = defaultVerificationLimits,
) {
  const byConversation = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${keyPrefix}verify:conversation`,
    points: limits.perConversation,
    duration: limits.windowSeconds,
  });
  const byIp = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${keyPrefix}verify:ip`,
    points: limits.perIp,
    duration: limits.windowSeconds,
  });
  return {
    /** Takes one attempt from both allowances; refused when either is used up. Redis failures throw. */
    async consume(conversationId: string, ip: string): Promise<VerificationAllowance> {
      const results = await Promise.allSettled([
        byConversation.consume(conversationId),
        byIp.consume(addressLimitKey(ip)),
      ]);
      let retryAfterMs = 0;
      for (const result of results) {
        if (result.status === 'fulfilled') continue;
        if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
        retryAfterMs = Math.max(retryAfterMs, result.reason.msBeforeNext);
      }
      return retryAfterMs > 0
        ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) }
        : { allowed: true };
    },
  };
}
