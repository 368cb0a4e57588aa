import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { TooManyRequestsError } from '../http/too-many-requests.ts';

export interface TicketRequestLimits {
  /** Tickets anonymous callers may open per IP within `windowSeconds` (default 30 an hour). */
  perIp?: number;
  /** Tickets anonymous callers may open per email within `windowSeconds` (default 5 an hour). */
  perEmail?: number;
  windowSeconds?: number;
}

/** Budgets of anonymous ticket requests in Redis; see {@link createTicketRequestLimiter}. */
export type TicketRequestLimiter = ReturnType<typeof createTicketRequestLimiter>;

/**
 * Limits anonymous `POST /api/tickets` (the public web form) per IP and per email, in Redis so
 * every instance shares the count: past either, 429 with Retry-After. Signed-in agents (and the
 * email gateway, which signs in as an agent account) are not limited here.
 * @example const limiter = createTicketRequestLimiter({ redis, prefix }); await limiter.take('ann@example.com', req.ip);
 */
export function createTicketRequestLimiter(options: { redis: Redis; prefix: string } & TicketRequestLimits) {
  const duration = options.windowSeconds ?? 3600;
  const byIp = new RateLimiterRedis({
    storeClient: options.redis,
    keyPrefix: `${options.prefix}ticket-requests:ip`,
    points: options.perIp ?? 30,
    duration,
  });
  const byEmail = new RateLimiterRedis({
    storeClient: options.redis,
    keyPrefix: `${options.prefix}ticket-requests:email`,
    points: options.perEmail ?? 5,
    duration,
  });

  async function take(limiter: RateLimiterRedis, key: string, what: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      throw new TooManyRequestsError(`Too many requests ${what}; try again later`, error.msBeforeNext / 1000);
    }
  }

  return {
    /** Counts one request; TooManyRequestsError (429) past the IP's or the email's budget. */
    async take(email: string, ip: string): Promise<void> {
      await take(byIp, ip, 'from this address');
      await take(byEmail, email.trim().toLowerCase(), 'for this email');
    },
  };
}
