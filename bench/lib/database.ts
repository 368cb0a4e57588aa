import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireServices } from '@loyaldesk/platform/local-servers';
import { connectMongo, describeDatabaseServer } from '@loyaldesk/platform/mongo';
import { connectRedis, deleteKeysByPrefix, describeRedisServer } from '@loyaldesk/platform/redis';
import type { BenchDatabase } from './benchmark.ts';
import type { BenchEnv } from './env.ts';

/**
 * Opens a database and Redis for one benchmark without touching the developer's `.data/`: on
 * MONGODB_URI a new `bench_<random>` database (dropped on release), on REDIS_URL keys under
 * `bench_<random>:` (deleted on release), otherwise servers started for this run in a temp dir
 * (stopped and deleted on release). `register` receives each undo step as soon as
 * there is something to undo, so an interrupt mid-start still cleans up.
 */
export async function openBenchDatabase(
  env: BenchEnv,
  register: (label: string, undo: () => Promise<void>) => void,
): Promise<BenchDatabase> {
  const dbName = `bench_${randomBytes(6).toString('hex')}`;
  let uri = env.MONGODB_URI;
  let redisUrl = env.REDIS_URL;
  let origin = 'from MONGODB_URI';
  let redisOrigin = 'from REDIS_URL';
  if (!uri || !redisUrl) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'loyaldesk-bench-'));
    register(`remove ${dataDir}`, async () => rmSync(dataDir, { recursive: true, force: true }));
    const services = await acquireServices({ env, persistent: false, dataDir });
    register('stop the servers started for this run', () => services.release());
    if (!uri) origin = 'started for this run';
    if (!redisUrl) redisOrigin = 'started for this run';
    uri = services.mongoUri;
    redisUrl = services.redisUrl;
  }
  const redisPrefix = `${dbName}:`;
  const redis = await connectRedis({ url: redisUrl });
  register('disconnect from Redis', async () => redis.disconnect());
  if (env.REDIS_URL) {
    register(`delete the Redis keys ${redisPrefix}*`, async () => {
      await deleteKeysByPrefix(redis, redisPrefix);
    });
  }
  const redisServer = await describeRedisServer(redis);
  // Bulk loads write documents directly; indexes come from the service's own init().
  const connection = await connectMongo({ uri, dbName, attempts: 3, autoIndex: false });
  register(`close the connection to ${dbName}`, () => connection.close());
  if (env.MONGODB_URI) register(`drop database ${dbName}`, async () => void (await connection.dropDatabase()));
  const server = await describeDatabaseServer(connection);
  const compatibility = server.compatibleWith ? ` (MongoDB ${server.compatibleWith} wire-compatible)` : '';
  return {
    connection,
    dbName,
    description: `${server.name} ${server.version}${compatibility}, ${origin}`,
    redis,
    redisUrl,
    redisPrefix,
    redisDescription: `Redis ${redisServer.version}, ${redisOrigin}`,
  };
}
