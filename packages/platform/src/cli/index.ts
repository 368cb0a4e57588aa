import cliProgress from 'cli-progress';
import type { Connection } from 'mongoose';
import type { Redis } from 'ioredis';
import { AppError } from '../errors.ts';
import { parseEnv, platformEnvSchema, type PlatformEnv } from '../env.ts';
import { createLogger, type Logger } from '../logger.ts';
import { acquireServices, type Services } from '../local-servers/index.ts';
import { connectMongo, describeDatabaseServer } from '../mongo/connect.ts';
import { connectRedis, describeRedisServer } from '../redis/connect.ts';

/** What a command-line tool gets: the database and Redis (found or started), connected. */
export interface CommandContext {
  env: PlatformEnv;
  logger: Logger;
  services: Services;
  connection: Connection;
  redis: Redis;
  /** e.g. "FerretDB v1.24.2, Redis 7.0.15" */
  serversDescription: string;
}

/**
 * Runs a command-line tool: parses the environment, finds or starts the local servers (data
 * under `.data/`), connects, runs `main`, and always cleans up. Errors print their message
 * (which says what to do next) and exit 1; stack traces only with LOG_LEVEL=debug.
 */
export async function runCommand(name: string, main: (context: CommandContext) => Promise<void>): Promise<void> {
  let cleanup: () => Promise<void> = async () => undefined;
  const onSignal = (): void => {
    process.stderr.write(`\n${name}: interrupted, stopping…\n`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let env: PlatformEnv | undefined;
  try {
    env = parseEnv(platformEnvSchema);
    const logger = createLogger(name, env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
    const services = await acquireServices({ env, logger, persistent: true });
    const opened: { connection?: Connection; redis?: Redis } = {};
    cleanup = async () => {
      await opened.connection?.close().catch(() => undefined);
      opened.redis?.disconnect();
      await services.release();
    };
    const connection = await connectMongo({ uri: services.mongoUri, dbName: env.MONGODB_DB, logger });
    opened.connection = connection;
    const redis = await connectRedis({ url: services.redisUrl, logger });
    opened.redis = redis;
    const database = await describeDatabaseServer(connection);
    const redisInfo = await describeRedisServer(redis);
    const serversDescription = `${database.name} ${database.version}, Redis ${redisInfo.version}`;
    await main({ env, logger, services, connection, redis, serversDescription });
  } catch (error) {
    process.exitCode = 1;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: ${message}\n`);
    if (env?.LOG_LEVEL === 'debug' && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    if (!(error instanceof AppError) && env?.LOG_LEVEL !== 'debug') {
      process.stderr.write('Run again with LOG_LEVEL=debug for the stack trace.\n');
    }
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** A progress bar on stderr (so stdout stays clean for data); silent when stderr is not a terminal in CI. */
export function createProgressBar(label: string, total: number): { update(done: number): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted} elapsed, ETA {eta_formatted}`,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}
