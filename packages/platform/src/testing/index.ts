import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { Redis } from 'ioredis';
import { connectMongo, type Connection } from '../mongo/connect.ts';
import { deleteKeysByPrefix } from '../redis/delete-keys-by-prefix.ts';
import './provided-context.ts';

/** A database of its own for one test file: `test_<random>`, dropped by `drop()`. */
export interface TestDatabase {
  connection: Connection;
  dbName: string;
  uri: string;
  drop(): Promise<void>;
}

/** Opens a fresh, uniquely named database on the run's server (see global-setup). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const uri = inject('mongoUri');
  const dbName = `test_${randomBytes(6).toString('hex')}`;
  const connection = await connectMongo({ uri, dbName, attempts: 3 });
  return {
    connection,
    dbName,
    uri,
    async drop() {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    },
  };
}

/** A Redis connection plus a unique key prefix for one test file; `cleanup()` deletes its keys. */
export interface TestRedis {
  redis: Redis;
  url: string;
  prefix: string;
  cleanup(): Promise<void>;
}

export async function createTestRedis(): Promise<TestRedis> {
  const url = inject('redisUrl');
  const prefix = `test_${randomBytes(6).toString('hex')}:`;
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  return {
    redis,
    url,
    prefix,
    async cleanup() {
      await deleteKeysByPrefix(redis, prefix);
      redis.disconnect();
    },
  };
}
export { startOutageProxy, type OutageProxy } from './outage-proxy.ts';
