import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ServiceUnavailableError } from '../errors.ts';
import { findFreePort } from '../local-servers/free-port.ts';
import { connectRedis, describeRedisServer } from './connect.ts';

describe('connectRedis', () => {
  it('connects and reports the server version', async () => {
    const redis = await connectRedis({ url: inject('redisUrl') });
    expect((await describeRedisServer(redis)).version).toMatch(/^\d+\.\d+/);
    redis.disconnect();
  });

  it('fails with a typed error naming the host when nothing listens', async () => {
    const port = await findFreePort();
    const error: unknown = await connectRedis({ url: `redis://127.0.0.1:${port}` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
  });
});
