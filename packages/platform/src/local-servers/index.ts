import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { PlatformEnv } from '../env.ts';
import { startLocalDatabase, type LocalServer } from './database-server.ts';
import { defaultDataDir } from './paths.ts';
import { startLocalRedis } from './redis-server.ts';

export {
  startLocalDatabase,
  chooseDatabaseServer,
  databaseLaunch,
  waitForDatabase,
  ferretdbArgs,
  ferretdbEnv,
  type LocalServer,
} from './database-server.ts';
export { startLocalRedis } from './redis-server.ts';
export { findFreePort } from './free-port.ts';
export { which } from './which.ts';
export { spawnSupervised, type SupervisedProcess } from './supervise.ts';
export { repoRoot, toolsDir, defaultDataDir } from './paths.ts';

/** Where the database and Redis are, and whether this process started them. */
export interface Services {
  mongoUri: string;
  redisUrl: string;
  /** What was started here, e.g. "FerretDB v1.24.2"; empty when both came from the environment or another process. */
  started: string[];
  /** Stops what this process started. */
  release(): Promise<void>;
}

const serversFileSchema = z.object({ pid: z.number().int().positive(), mongoUri: z.string(), redisUrl: z.string() });
type ServersFile = z.infer<typeof serversFileSchema>;

const serversFileName = 'servers.json';

/**
 * Finds or starts the database and Redis for a local run: `MONGODB_URI` / `REDIS_URL` when set;
 * else the servers a running `npm start` published in `<dataDir>/servers.json`; else starts
 * its own, persistent under `dataDir` (or throwaway when `persistent` is false).
 */
export async function acquireServices(options: {
  env: Pick<PlatformEnv, 'MONGODB_URI' | 'REDIS_URL' | 'MONGOD_BINARY' | 'FERRETDB_BINARY' | 'LOYALDESK_DATA_DIR'>;
  logger?: Logger;
  persistent: boolean;
  /** Publish the servers for other local commands (only `npm start` does). */
  publish?: boolean;
  dataDir?: string;
}): Promise<Services> {
  const { env, logger } = options;
  const dataDir = options.dataDir ?? env.LOYALDESK_DATA_DIR ?? defaultDataDir;
  mkdirSync(dataDir, { recursive: true });
  const serversFile = path.join(dataDir, serversFileName);

  if (!env.MONGODB_URI || !env.REDIS_URL) {
    const shared = readLiveServersFile(serversFile);
    if (shared && options.persistent) {
      logger?.info({ pid: shared.pid }, 'using the database and Redis of the running `npm start`');
      return {
        mongoUri: env.MONGODB_URI ?? shared.mongoUri,
        redisUrl: env.REDIS_URL ?? shared.redisUrl,
        started: [],
        release: async () => undefined,
      };
    }
  }

  const owned: LocalServer[] = [];
  const release = async (): Promise<void> => {
    if (options.publish) rmSync(serversFile, { force: true });
    await Promise.all(owned.map((server) => server.stop()));
  };
  try {
    let mongoUri = env.MONGODB_URI;
    if (!mongoUri) {
      const database = await startLocalDatabase({
        dataDir,
        mongodBinary: env.MONGOD_BINARY,
        ferretdbBinary: env.FERRETDB_BINARY,
      });
      owned.push(database);
      mongoUri = database.url;
      logger?.info(
        { server: database.name, version: database.version, url: database.url },
        `started ${database.name} ${database.version}`,
      );
    }
    let redisUrl = env.REDIS_URL;
    if (!redisUrl) {
      const redis = await startLocalRedis({ dataDir, persistent: options.persistent });
      owned.push(redis);
      redisUrl = redis.url;
      logger?.info({ server: 'Redis', version: redis.version, url: redis.url }, `started Redis ${redis.version}`);
    }
    if (options.publish) {
      const file: ServersFile = { pid: process.pid, mongoUri, redisUrl };
      writeFileSync(serversFile, JSON.stringify(file, null, 2));
    }
    return { mongoUri, redisUrl, started: owned.map((s) => `${s.name} ${s.version}`), release };
  } catch (error) {
    await release();
    throw error;
  }
}

function readLiveServersFile(file: string): ServersFile | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = serversFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    process.kill(parsed.pid, 0); // throws when that process is gone
    return parsed;
  } catch {
    return undefined;
  }
}
