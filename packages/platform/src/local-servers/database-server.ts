import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { ServiceUnavailableError } from '../errors.ts';
import { findFreePort } from './free-port.ts';
import { toolsDir } from './paths.ts';
import { spawnSupervised, type SupervisedProcess } from './supervise.ts';
import { which } from './which.ts';

/** A server started by this process. */
export interface LocalServer {
  name: string;
  version: string;
  url: string;
  pid: number | undefined;
  /** The folder the server keeps its data in (a database's files, e.g. FerretDB's `<db>.sqlite`). */
  dataDir?: string;
  stop(): Promise<void>;
}

export interface DatabaseBinaries {
  mongodBinary?: string | undefined;
  ferretdbBinary?: string | undefined;
}

/** Which database server would be started: a real mongod when one is named or on PATH, else FerretDB. */
export function chooseDatabaseServer(binaries: DatabaseBinaries): { kind: 'mongod' | 'ferretdb'; binary: string } {
  const mongod = binaries.mongodBinary ?? which('mongod');
  if (mongod) return { kind: 'mongod', binary: mongod };
  const ferretdb =
    binaries.ferretdbBinary ?? [path.join(toolsDir, 'bin', 'ferretdb')].find((p) => existsSync(p)) ?? which('ferretdb');
  if (ferretdb) return { kind: 'ferretdb', binary: ferretdb };
  throw new ServiceUnavailableError(
    'No database server found: neither mongod (PATH or MONGOD_BINARY) nor FerretDB (.tools/bin/ferretdb). ' +
      'Run `npm run provision` to build FerretDB, or set MONGODB_URI to a running MongoDB.',
  );
}

/**
 * FerretDB's environment: Go's collector at GOGC=400 unless GOGC is set. FerretDB's live heap is
 * small, so at the default 100 it collects every few MB of garbage, and a read allocates plenty
 * (JSON to BSON). Measured on 500 findOne/s of orders by _id: 1.19 → 0.77 ms of CPU per read,
 * RSS ~63 MB; 1000 saved little more (0.70 ms) for 88 MB.
 */
export function ferretdbEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, GOGC: env['GOGC'] ?? '400' };
}

/** FerretDB's command line as the project runs it: SQLite backend in `dir`, loopback only, no telemetry. */
export function ferretdbArgs(options: { port: number; dir: string; logLevel?: 'warn' | 'error' }): string[] {
  return [
    `--listen-addr=127.0.0.1:${options.port}`,
    '--handler=sqlite',
    // WAL + synchronous=NORMAL: safe across process crashes (power loss may drop the last
    // commits), and 1.5–5× faster writes than FerretDB's default FULL on this workload.
    `--sqlite-url=file:${options.dir}/?_pragma=synchronous(normal)`,
    `--state-dir=${options.dir}`,
    '--telemetry=disable',
    '--debug-addr=-',
    `--log-level=${options.logLevel ?? 'warn'}`,
  ];
}

/**
 * Connections one client may open to the local FerretDB (its URL's `maxPoolSize`). FerretDB's
 * SQLite backend has 100 connections per database, and an update holds one (its query's rows)
 * while it waits for the one writer, whose write then needs another: with 100 updates waiting, no
 * write can start and every client of the database freezes (seen in the fault suite after the
 * Redis restart, with four app processes of 100 connections each). 20 per process keeps the four
 * (80) below that, with room for a script or a test.
 */
export const ferretdbClientPoolSize = 20;

/**
 * The command-line arguments and connection URL of a database server on 127.0.0.1:`port` with its
 * data in `dir`: mongod as a single-node replica set (`rs0`), or FerretDB on SQLite (its URL
 * bounds each client's pool, see {@link ferretdbClientPoolSize}).
 */
export function databaseLaunch(kind: 'mongod' | 'ferretdb', options: { port: number; dir: string }): { args: string[]; url: string } {
  const { port, dir } = options;
  return kind === 'mongod'
    ? {
        args: ['--port', String(port), '--bind_ip', '127.0.0.1', '--dbpath', dir, '--replSet', 'rs0', '--quiet'],
        url: `mongodb://127.0.0.1:${port}/?directConnection=true`,
      }
    : { args: ferretdbArgs({ port, dir }), url: `mongodb://127.0.0.1:${port}/?maxPoolSize=${ferretdbClientPoolSize}` };
}

/**
 * Starts a MongoDB-compatible server on 127.0.0.1 and a free port with its data in `dataDir`:
 * mongod as a single-node replica set, or FerretDB on its SQLite backend.
 */
export async function startLocalDatabase(options: { dataDir: string } & DatabaseBinaries): Promise<LocalServer> {
  const choice = chooseDatabaseServer(options);
  const dir = path.join(options.dataDir, choice.kind);
  mkdirSync(dir, { recursive: true });
  const port = await findFreePort();
  const logFile = path.join(options.dataDir, `${choice.kind}.log`);

  const launch = databaseLaunch(choice.kind, { port, dir });
  const server = spawnSupervised(
    choice.binary,
    launch.args,
    choice.kind === 'mongod' ? { logFile } : { logFile, env: ferretdbEnv() },
  );
  const url = launch.url;

  try {
    const version = await waitForDatabase(url, server, choice.kind === 'mongod' ? port : undefined);
    return {
      name: choice.kind === 'mongod' ? 'MongoDB' : 'FerretDB',
      version,
      url,
      pid: server.child.pid,
      dataDir: dir,
      stop: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * Waits until the server at `url` answers (initiating its replica set when `replicaSetPort` is
 * given, a restart on existing data included); resolves with its version.
 */
export async function waitForDatabase(
  url: string,
  server: SupervisedProcess,
  replicaSetPort: number | undefined,
  timeoutMs = 30_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new ServiceUnavailableError(`The database server exited at start:\n${server.recentOutput()}`);
    }
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await client.connect();
      const admin = client.db('admin');
      if (replicaSetPort !== undefined) await initiateReplicaSet(client, replicaSetPort);
      const info = await admin.command({ buildInfo: 1 });
      const ferretdbVersion: unknown = info['ferretdbVersion'];
      return typeof ferretdbVersion === 'string' ? ferretdbVersion : String(info['version']);
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  throw new ServiceUnavailableError(
    `The database server did not answer within ${timeoutMs / 1000} s (${String(lastError)}). Its last output:\n${server.recentOutput()}`,
  );
}

async function initiateReplicaSet(client: MongoClient, port: number): Promise<void> {
  const admin = client.db('admin');
  try {
    await admin.command({ replSetInitiate: { _id: 'rs0', members: [{ _id: 0, host: `127.0.0.1:${port}` }] } });
  } catch (error) {
    // Code 23: already initialized (a restart on existing data).
    if ((error as { code?: number }).code !== 23) throw error;
  }
  for (let i = 0; i < 100; i++) {
    const hello = await admin.command({ hello: 1 });
    if (hello['isWritablePrimary'] === true) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new ServiceUnavailableError('mongod did not become primary of its replica set within 10 s');
}
