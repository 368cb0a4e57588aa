import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRedis, type TestRedis } from '../testing/index.ts';
import { openJobQueue } from './job-queue.ts';

/** The names of the connections the Redis server holds for `queueName`'s clients. */
async function connectionsOf(redis: Redis, queueName: string): Promise<string[]> {
  const list = (await redis.client('LIST')) as string;
  return list
    .split('\n')
    .map((line) => /name=(\S*)/.exec(line)?.[1] ?? '')
    .filter((name) => name.startsWith(`bull:${queueName}:`));
}

describe('openJobQueue', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await createTestRedis();
  });
  afterAll(async () => {
    await redis.cleanup();
  });

  it('ends every Redis connection it opened when the queue closes (a producer that never processed too)', async () => {
    const name = `close-test-${Date.now()}`;
    const queue = openJobQueue(name, { redisUrl: redis.url, prefix: redis.prefix.replace(/:$/, '') });
    await queue.add({ n: 1 });
    expect(await connectionsOf(redis.redis, name)).not.toEqual([]);
    await queue.close();
    await expect.poll(() => connectionsOf(redis.redis, name), { timeout: 5_000 }).toEqual([]);
  });
});
