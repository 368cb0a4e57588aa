import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '@loyaldesk/platform/errors';

/** Too many attempts; `retryAfterSeconds` goes out as the Retry-After header. */
export class TooManyRequestsError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super('too_many_requests', message, { status: 429 });
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

export interface LoginLimiterOptions {
  redis: Redis;
  prefix: string;
  /** Failed logins per email and IP within `windowSeconds` before refusing (default 5 a minute). */
  failuresPerEmailAndIp?: number;
  /** Failed logins per IP, any email (default 30 a minute): slows spraying many accounts. */
  failuresPerIp?: number;
  windowSeconds?: number;
}

/** Counts failed logins in Redis (shared by every instance). */
export type LoginLimiter = ReturnType<typeof createLoginLimiter>;

/**
 * Login rate limiting: after 5 failures a minute for one email from one IP (or 30 from one IP),
 * further attempts get 429 until the window passes; a success clears that email's count.
 * @example const limiter = createLoginLimiter({ redis, prefix: 'loyaldesk:' }); await limiter.check(email, ip);
 */
export function createLoginLimiter(options: LoginLimiterOptions) {
  const duration = options.windowSeconds ?? 60;
  const byEmailAndIp = new RateLimiterRedis({
    storeClient: options.redis,
    keyPrefix: `${options.prefix}login-fail:email-ip`,
    points: options.failuresPerEmailAndIp ?? 5,
    duration,
  });
  const byIp = new RateLimiterRedis({
    storeClient: options.redis,
    keyPrefix: `${options.prefix}login-fail:ip`,
    points: options.failuresPerIp ?? 30,
    duration,
  });
  const emailKey = (email: string, ip: string): string => `${email.trim().toLowerCase()}|${ip}`;

  function refuse(result: RateLimiterRes): never {
    throw new TooManyRequestsError('Too many failed logins; wait a minute and try again', result.msBeforeNext / 1000);
  }

  return {
    /** Throws TooManyRequestsError (429) while the email+IP or the IP is over its limit. */
    async check(email: string, ip: string): Promise<void> {
      const [forEmail, forIp] = await Promise.all([byEmailAndIp.get(emailKey(email, ip)), byIp.get(ip)]);
      if (forEmail && forEmail.consumedPoints >= byEmailAndIp.points) refuse(forEmail);
      if (forIp && forIp.consumedPoints >= byIp.points) refuse(forIp);
    },
    /** Counts a failure. */
    async fail(email: string, ip: string): Promise<void> {
      const swallowLimit = (error: unknown): void => {
        if (!(error instanceof RateLimiterRes)) throw error;
      };
      await Promise.all([
        byEmailAndIp.consume(emailKey(email, ip)).then(() => undefined, swallowLimit),
        byIp.consume(ip).then(() => undefined, swallowLimit),
      ]);
    },
    /** Clears the email's failures after a successful login. */
    async succeed(email: string, ip: string): Promise<void> {
      await byEmailAndIp.delete(emailKey(email, ip));
    },
  };
}
