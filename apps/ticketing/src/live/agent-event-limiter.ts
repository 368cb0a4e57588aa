import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** Client events per agent on `/agents`; see {@link createAgentEventLimiter}. */
export type AgentEventLimiter = ReturnType<typeof createAgentEventLimiter>;

export interface AgentEventLimits {
  /** Events an agent may send within `durationSeconds`, over all their sockets (default 40 in 10 s). */
  points?: number;
  durationSeconds?: number;
}

/**
 * Rate limits what agents send on `/agents` (typing, watch, presence…), per agent across all their
 * sockets and instances (Redis). The console sends a few events a minute (typing at most every
 * 2.5 s); a flood is cut off at the limit, and while it lasts the refusals are answered in memory,
 * without a Redis call each.
 * @example const limiter = createAgentEventLimiter({ redis, prefix }); const { allowed } = await limiter.take('agt_1');
 */
export function createAgentEventLimiter(options: { redis: Redis; prefix: string } & AgentEventLimits) {
  const points = options.points ?? 40;
  const duration = options.durationSeconds ?? 10;
  const limiter = new RateLimiterRedis({
    storeClient: options.redis,
    keyPrefix: `${options.prefix}agent-events`,
    points,
    duration,
    inMemoryBlockOnConsumed: points + 1,
    inMemoryBlockDuration: duration,
  });
  return {
    async take(agentId: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
      try {
        await limiter.consume(agentId);
        return { allowed: true };
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
      }
    },
  };
}
