import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { deleteKeysByPrefix } from './delete-keys-by-prefix.ts';

const run = `test_${randomBytes(6).toString('hex')}:`;
const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 3 });

afterAll(async () => {
  await deleteKeysByPrefix(redis, run);
  redis.disconnect();
});

describe('deleteKeysByPrefix', () => {
  it('deletes every key under the prefix, across SCAN pages, and nothing else', async () => {
    const keys = Array.from({ length: 2_500 }, (_, i) => `${run}a:${i}`);
    await redis.mset(Object.fromEntries(keys.map((key) => [key, '1'])));
    await redis.set(`${run}b:kept`, '1');

    expect(await deleteKeysByPrefix(redis, `${run}a:`)).toBe(2_500);
    expect(await redis.exists(...keys.slice(0, 10))).toBe(0);
    expect(await redis.get(`${run}b:kept`)).toBe('1');
  });

  it('takes glob characters in the prefix literally', async () => {
    await redis.mset({ [`${run}g*:1`]: '1', [`${run}gx:1`]: '1', [`${run}g?[1]:1`]: '1', [`${run}gy[1]:1`]: '1' });

    expect(await deleteKeysByPrefix(redis, `${run}g*`)).toBe(1);
    expect(await deleteKeysByPrefix(redis, `${run}g?[1]`)).toBe(1);
    expect(await redis.get(`${run}gx:1`)).toBe('1');
    expect(await redis.get(`${run}gy[1]:1`)).toBe('1');
  });

  it('puts a client keyPrefix before the prefix, as for its other commands', async () => {
    const prefixed = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 3, keyPrefix: `${run}p:` });
    try {
      await prefixed.mset({ 'x:1': '1', 'x:2': '1', 'y:1': '1' });
      expect(await deleteKeysByPrefix(prefixed, 'x:')).toBe(2);
      expect(await redis.exists(`${run}p:x:1`, `${run}p:x:2`)).toBe(0);
      expect(await redis.get(`${run}p:y:1`)).toBe('1');
    } finally {
      prefixed.disconnect();
    }
  });
});
