import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { acquireServices } from '../local-servers/index.ts';
import { parseEnv, platformEnvSchema } from '../env.ts';

import './provided-context.ts';

/**
 * Vitest global setup: starts a fresh database server and redis-server for this test run (in a
 * temp dir, no persistence), unless MONGODB_URI / REDIS_URL name running ones, and hands their
 * addresses to the tests through `inject('mongoUri')` / `inject('redisUrl')`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = parseEnv(platformEnvSchema);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'loyaldesk-test-'));
  const services = await acquireServices({ env, persistent: false, dataDir });
  const { MongoClient } = await import('mongodb');
  const { Redis } = await import('ioredis');
  const client = await MongoClient.connect(services.mongoUri);
  const info = await client.db('admin').command({ buildInfo: 1 });
  await client.close();
  const redis = new Redis(services.redisUrl);
  const redisVersion = /redis_version:([^\r\n]+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';
  redis.disconnect();
  const database =
    typeof info['ferretdbVersion'] === 'string'
      ? `FerretDB ${String(info['ferretdbVersion'])} (MongoDB ${String(info['version'])} wire-compatible)`
      : `MongoDB ${String(info['version'])}`;
  const origin = services.started.length > 0 ? 'started for this run' : 'from MONGODB_URI/REDIS_URL';
  console.log(`[test servers] database: ${database}; Redis ${redisVersion}; ${origin}`);

  project.provide('mongoUri', services.mongoUri);
  project.provide('redisUrl', services.redisUrl);
  return async () => {
    await services.release();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
