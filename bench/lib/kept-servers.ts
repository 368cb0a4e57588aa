import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startLocalDatabase, startLocalRedis } from '@loyaldesk/platform/local-servers';
import type { BenchEnv } from './env.ts';
import { processCpuSeconds } from './process-stats.ts';

/** Servers for a benchmark whose dataset outlives the run (loaded once, reused by later runs). */
export interface KeptServers {
  mongoUri: string;
  redisUrl: string;
  /** e.g. "FerretDB v1.24.2 on .data/bench/chat (kept between runs)". */
  description: string;
  redisDescription: string;
  /** The database name for a dataset of this benchmark: kept, never dropped by the harness. */
  databaseName(dataset: string): string;
  /**
   * The files a database of the FerretDB started here keeps its data in (SQLite, one file and its
   * write-ahead log per database), to read into the page cache; none for a mongod or MONGODB_URI,
   * whose cache is their own.
   */
  databaseFiles(databaseName: string): string[];
  /** The database server's CPU time so far, in seconds, when it runs here (undefined for MONGODB_URI). */
  databaseCpuSeconds(): number | undefined;
}

/**
 * The database server for kept datasets: MONGODB_URI (databases `bench_<name>_<dataset>`, left in
 * place for the next run), or a FerretDB started for this run on `<BENCH_DATA_DIR>/<name>`, whose
 * SQLite files stay there. Redis holds nothing worth keeping: REDIS_URL or a throwaway server.
 * A lock file stops two runs from opening the same data directory at once.
 */
export async function openKeptServers(
  env: BenchEnv,
  name: string,
  register: (label: string, undo: () => Promise<void>) => void,
): Promise<KeptServers> {
  let mongoUri = env.MONGODB_URI;
  let origin = 'from MONGODB_URI; its bench databases are kept';
  let sqliteDir: string | undefined;
  let databasePid: number | undefined;
  if (!mongoUri) {
    const dataDir = path.join(env.BENCH_DATA_DIR, name);
    mkdirSync(dataDir, { recursive: true });
    takeLock(path.join(dataDir, 'bench.lock'), register);
    const database = await startLocalDatabase({
      dataDir,
      mongodBinary: env.MONGOD_BINARY,
      ferretdbBinary: env.FERRETDB_BINARY,
    });
    register(`stop ${database.name}`, () => database.stop());
    if (database.name === 'FerretDB') sqliteDir = database.dataDir;
    databasePid = database.pid;
    mongoUri = database.url;
    origin = `on ${path.relative(process.cwd(), dataDir) || dataDir}, started for this run (data kept between runs)`;
  }
  let redisUrl = env.REDIS_URL;
  let redisOrigin = 'from REDIS_URL';
  if (!redisUrl) {
    const redisDir = mkdtempSync(path.join(os.tmpdir(), 'loyaldesk-bench-redis-'));
    register(`remove ${redisDir}`, async () => rmSync(redisDir, { recursive: true, force: true }));
    const redis = await startLocalRedis({ dataDir: redisDir, persistent: false });
    register('stop Redis', () => redis.stop());
    redisUrl = redis.url;
    redisOrigin = `Redis ${redis.version}, started for this run`;
  }
  const filesDir = sqliteDir;
  const client = new MongoClient(mongoUri, { serverSelectionTimeoutMS: 5000 });
  try {
    const info = await client.db('admin').command({ buildInfo: 1 });
    const ferretdb: unknown = info['ferretdbVersion'];
    const server =
      typeof ferretdb === 'string' ? `FerretDB ${ferretdb}` : `MongoDB ${String(info['version'] ?? 'unknown')}`;
    return {
      mongoUri,
      redisUrl,
      description: `${server}, ${origin}`,
      redisDescription: redisOrigin,
      databaseName: (dataset) => `bench_${name}_${dataset}`,
      databaseFiles: (databaseName) =>
        filesDir
          ? [`${databaseName}.sqlite`, `${databaseName}.sqlite-wal`].map((file) => path.join(filesDir, file))
          : [],
      databaseCpuSeconds: () => (databasePid === undefined ? undefined : processCpuSeconds(databasePid)),
    };
  } finally {
    await client.close();
  }
}

/** Refuses a data directory another live process holds; frees it on release. */
function takeLock(file: string, register: (label: string, undo: () => Promise<void>) => void): void {
  try {
    const holder = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid) {
      process.kill(holder, 0); // throws when that process is gone: a stale lock
      throw new Error(
        `${path.dirname(file)} is in use by process ${holder} (another bench run); wait for it or stop it`,
      );
    }
  } catch (error) {
    if (error instanceof Error && error.message.includes('is in use by process')) throw error;
  }
  writeFileSync(file, String(process.pid));
  register(`release ${file}`, async () => rmSync(file, { force: true }));
}
