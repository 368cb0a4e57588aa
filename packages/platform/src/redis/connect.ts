import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { ServiceUnavailableError } from '../errors.ts';

export { Redis } from 'ioredis';
export { deleteKeysByPrefix } from './delete-keys-by-prefix.ts';

export interface ConnectRedisOptions {
  url: string;
  logger?: Logger;
  keyPrefix?: string;
  /** Settings Bull requires on its subscriber/blocking clients. */
  forBull?: boolean;
}

/** The host part of a Redis URL, credentials removed. */
export function describeRedisHost(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'the configured Redis';
  }
}

/** Builds the ioredis options for `url` (exported so Bull can create its own clients the same way). */
export function redisOptions(options: ConnectRedisOptions): RedisOptions {
  return {
    ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
    lazyConnect: true,
    ...(options.forBull ? { maxRetriesPerRequest: null, enableReadyCheck: false } : { maxRetriesPerRequest: 3 }),
    retryStrategy: (times) => Math.min(2000, 100 * 2 ** times),
  };
}

/** Connects to Redis and waits until it answers; fails with a {@link ServiceUnavailableError} naming the host. */
export async function connectRedis(options: ConnectRedisOptions): Promise<Redis> {
  const redis = new Redis(options.url, redisOptions(options));
  const host = describeRedisHost(options.url);
  redis.on('error', (error: Error) => options.logger?.warn({ host, err: error.message }, 'redis connection error'));
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (error) {
    redis.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    throw new ServiceUnavailableError(
      `Cannot connect to Redis at ${host} (${reason}). Check REDIS_URL, or unset it to let loyaldesk start its own redis-server.`,
      error,
    );
  }
}

/** The Redis server's version, from `INFO server`. */
export async function describeRedisServer(redis: Redis): Promise<{ name: 'Redis'; version: string }> {
  const info = await redis.info('server');
  const version = /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? 'unknown';
  return { name: 'Redis', version };
}

/**
 * A client for Socket.IO's Redis adapter and emitter to publish with. They call `publish` and drop
 * the promise, so a publish refused while Redis is away would be an unhandled rejection, which ends
 * the process. This client never refuses for that: while disconnected, publishes wait in its
 * offline queue and go out when Redis is back (live events arrive late rather than crash the app).
 * @example const pub = createPublisherClient(redis, logger); io.adapter(createAdapter(pub, sub));
 */
export function createPublisherClient(source: string | Redis, logger?: Logger): Redis {
  const client =
    typeof source === 'string'
      ? new Redis(source, { ...redisOptions({ url: source }), lazyConnect: false, maxRetriesPerRequest: null })
      : source.duplicate({ lazyConnect: false, maxRetriesPerRequest: null });
  client.on('error', (error: Error) => logger?.warn({ err: error.message }, 'redis publisher connection error'));
  return client;
}
