/** How many events one socket may send: a burst of `burst`, refilled at `perSecond`. */
export interface FloodLimits {
  burst: number;
  perSecond: number;
}

export const defaultFloodLimits: FloodLimits = { burst: 20, perSecond: 2 };

/**
 * A token bucket for one socket: each event takes a token; an empty bucket refuses the event and
 * says when the next token comes. In memory, because a socket lives on one instance.
 * @example const guard = createFloodGuard(defaultFloodLimits); guard.take(Date.now()) // { allowed: true }
 */
export function createFloodGuard(limits: FloodLimits) {
  let tokens = limits.burst;
  let refilledAt: number | null = null;
  return {
    take(nowMs: number): { allowed: true } | { allowed: false; retryAfterMs: number } {
      if (refilledAt !== null)
        tokens = Math.min(limits.burst, tokens + ((nowMs - refilledAt) / 1000) * limits.perSecond);
      refilledAt = nowMs;
      if (tokens >= 1) {
        tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterMs: Math.ceil(((1 - tokens) / limits.perSecond) * 1000) };
    },
  };
}
