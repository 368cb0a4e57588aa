import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { addressLimitKey } from './client-address.ts';

/** How much one client address (an IPv6 /64) may open: sockets and new conversations, each per window. */
export interface AddressLimits {
  /** Socket connections per minute (a reload or a reconnect is one). */
  connectionsPerMinute: number;
  /** New conversations (stored at the shopper's first message) per hour. */
  conversationsPerHour: number;
}

/** Generous for shoppers behind one NAT; far below a script (400 conversations in 12 s). */
export const defaultAddressLimits: AddressLimits = { connectionsPerMinute: 60, conversationsPerHour: 60 };

/** The limits by name, as the refusal names them (`error.limit`). */
export const addressLimitNames = {
  connections: 'connections_per_ip',
  conversations: 'conversations_per_ip',
} as const;

export type AddressAllowance =
  | { allowed: true }
  | { allowed: false; limit: string; points: number; per: 'minute' | 'hour'; retryAfterSeconds: number };

/** Counts sockets and new conversations per client address in Redis (every instance shares the counts). */
export type AddressLimiter = ReturnType<typeof createAddressLimiter>;

export function createAddressLimiter(redis: Redis, keyPrefix: string, limits: AddressLimits = defaultAddressLimits) {
  const limiter = (name: string, points: number, per: 'minute' | 'hour') => {
    const store = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}ip:${name}`,
      points,
      duration: per === 'minute' ? 60 : 3600,
    });
    return async (address: string): Promise<AddressAllowance> => {
      try {
        await store.consume(addressLimitKey(address));
        return { allowed: true };
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        return { allowed: false, limit: name, points, per, retryAfterSeconds };
      }
    };
  };
  return {
    /** Takes one socket connection from the address's allowance. Redis failures throw. */
    connection: limiter(addressLimitNames.connections, limits.connectionsPerMinute, 'minute'),
    /** Takes one new conversation from the address's allowance. Redis failures throw. */
    conversation: limiter(addressLimitNames.conversations, limits.conversationsPerHour, 'hour'),
  };
}
