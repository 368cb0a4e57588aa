import { MongoClient } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';
import type { Logger } from 'pino';
import { ServiceUnavailableError } from '../errors.ts';
import { watchServerMonitor } from './monitor-watchdog.ts';

export type { Connection } from 'mongoose';

export interface ConnectMongoOptions {
  uri: string;
  dbName: string;
  logger?: Logger;
  /** Attempts before giving up; waits 250 ms, 500 ms, 1 s … between them (capped at 4 s). */
  attempts?: number;
  /** Build indexes declared on the models when they are registered (off for bulk loads). */
  autoIndex?: boolean;
  /**
   * Bound on connecting and on the server monitor's `hello` (default 5 s; the driver's is 30 s). A
   * monitor check that outlives twice this plus 5 s is taken as stuck (see monitor-watchdog.ts).
   */
  connectTimeoutMS?: number;
}

/** The host part of a MongoDB URI with any credentials removed, for messages and logs. */
export function describeMongoHost(uri: string): string {
  const afterScheme = uri.replace(/^mongodb(\+srv)?:\/\//, '');
  const hosts = afterScheme.split('/')[0] ?? afterScheme;
  return hosts.includes('@') ? hosts.slice(hosts.lastIndexOf('@') + 1) : hosts;
}

/**
 * Opens a Mongoose connection (not the global one, so tests can hold several), retrying with
 * backoff; fails with a {@link ServiceUnavailableError} naming the host.
 */
export async function connectMongo(options: ConnectMongoOptions): Promise<Connection> {
  const attempts = options.attempts ?? 6;
  const connectTimeoutMS = options.connectTimeoutMS ?? 5_000;
  const host = describeMongoHost(options.uri);
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const connection = mongoose.createConnection(options.uri, {
      dbName: options.dbName,
      serverSelectionTimeoutMS: 3000,
      connectTimeoutMS,
      autoIndex: options.autoIndex ?? true,
      // FerretDB and MongoDB both accept retryable writes only on replica sets; stay explicit.
      retryWrites: false,
      // A write is acknowledged (and so is anything the apps acknowledge on it) only once a majority
      // of the replica set has it in its journal: a failover cannot take it back. A URI that sets
      // its own write concern (`w=…`) keeps it. FerretDB accepts and ignores it (one SQLite file).
      ...(/[?&]w=/.test(options.uri) ? {} : { writeConcern: { w: 'majority' as const, journal: true } }),
    });
    try {
      await connection.asPromise();
      // A driver bug can leave the server monitor stuck after the server went away (see the watchdog).
      const watchdog = watchServerMonitor(connection.getClient(), {
        stallAfterMs: 2 * connectTimeoutMS + 5_000,
        // A check on an open connection fails by itself after connectTimeoutMS; longer, and a fresh connection is asked.
        probeAfterMs: connectTimeoutMS + 1_000,
        probe: () => serverAnswers(options.uri, connectTimeoutMS),
        ...(options.logger ? { logger: options.logger } : {}),
      });
      connection.once('close', () => watchdog.stop());
      return connection;
    } catch (error) {
      lastError = error;
      await connection.close().catch(() => undefined);
      if (attempt < attempts) {
        const delayMs = Math.min(4000, 250 * 2 ** (attempt - 1));
        options.logger?.warn({ host, attempt, delayMs }, 'database not reachable yet, retrying');
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new ServiceUnavailableError(
    `Cannot connect to the database at ${host} after ${attempts} attempts (${reason}). ` +
      'Check that the server is running and MONGODB_URI is right, or unset MONGODB_URI to let loyaldesk start its own.',
    lastError,
  );
}

/** Whether the server at `uri` answers a ping on a connection of its own (for the monitor watchdog). */
async function serverAnswers(uri: string, timeoutMs: number): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs, maxPoolSize: 1 });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

export interface DatabaseServerInfo {
  /** "MongoDB" or "FerretDB". */
  name: string;
  version: string;
  /** The MongoDB version a FerretDB server claims to be compatible with. */
  compatibleWith?: string;
}

/** Asks the server who it is (`buildInfo`). */
export async function describeDatabaseServer(connection: Connection): Promise<DatabaseServerInfo> {
  const db = connection.db;
  if (!db) throw new ServiceUnavailableError('The database connection is not open');
  const info = await db.admin().command({ buildInfo: 1 });
  const ferretdbVersion: unknown = info['ferretdbVersion'];
  const version = typeof info['version'] === 'string' ? info['version'] : 'unknown';
  if (typeof ferretdbVersion === 'string') {
    return { name: 'FerretDB', version: ferretdbVersion, compatibleWith: version };
  }
  return { name: 'MongoDB', version };
}
