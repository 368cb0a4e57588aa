import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import {
  chooseDatabaseServer,
  databaseLaunch,
  ferretdbEnv,
  findFreePort,
  spawnSupervised,
  waitForDatabase,
  type SupervisedProcess,
} from '@loyaldesk/platform/local-servers';
import { inheritedEnvironment } from '../support/env.ts';
import { which } from './which.ts';

/** An unexpected exit of a server or app process (not one the suite stopped or killed). */
export interface ProcessExit {
  name: string;
  pid: number | undefined;
  code: number | null;
  signal: string | null;
  atMs: number;
  lastOutput: string;
}

/**
 * A server the suite owns and can stop and start again on the same port and data folder (the
 * apps keep their connection strings), so a restart is what an outage of a real server looks like.
 */
export interface RestartableServer {
  name: 'Redis' | 'database';
  url: string;
  /** e.g. "FerretDB v1.24.2" or "Redis 7.0.15 (AOF, fsync every second)". */
  description: string;
  pid(): number | undefined;
  /** SIGTERM (the server's clean shutdown: Redis flushes its AOF) and wait for the exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data, and waits until it answers (bounded). */
  start(): Promise<void>;
}

export interface ServerOptions {
  dir: string;
  now: () => number;
  onUnexpectedExit: (exit: ProcessExit) => void;
}

/** Starts redis-server with an append-only file (`appendfsync everysec`) in `<dir>/redis`. */
export async function startFaultRedis(options: ServerOptions): Promise<RestartableServer> {
  const binary = which('redis-server');
  if (!binary) throw new Error('redis-server is not installed (npm run provision installs it)');
  const dataDir = path.join(options.dir, 'redis');
  mkdirSync(dataDir, { recursive: true });
  const port = await findFreePort();
  const url = `redis://127.0.0.1:${port}`;
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--daemonize', 'no', '--save', '',
    '--appendonly', 'yes', '--appendfsync', 'everysec',
  ];
  let version = 'unknown';
  const server = restartable({
    name: 'Redis',
    logFile: path.join(options.dir, 'redis.log'),
    spawn: (logFile) => spawnSupervised(binary, args, { logFile }),
    waitReady: async (process) => {
      version = await waitForRedis(url, process);
    },
    options,
  });
  await server.start();
  return { ...server, url, description: `Redis ${version} (AOF, fsync every second)` };
}

/** Starts the database server the project uses (mongod if present, else FerretDB) with its data in `<dir>/database`. */
export async function startFaultDatabase(options: ServerOptions): Promise<RestartableServer> {
  const choice = chooseDatabaseServer({});
  const dataDir = path.join(options.dir, 'database');
  mkdirSync(dataDir, { recursive: true });
  const port = await findFreePort();
  const isMongod = choice.kind === 'mongod';
  const { args, url } = databaseLaunch(choice.kind, { port, dir: dataDir });
  let version = 'unknown';
  const server = restartable({
    name: 'database',
    logFile: path.join(options.dir, 'database.log'),
    spawn: (logFile) =>
      spawnSupervised(choice.binary, args, isMongod ? { logFile } : { logFile, env: ferretdbEnv(inheritedEnvironment()) }),
    waitReady: async (process) => {
      version = await waitForDatabase(url, process, isMongod ? port : undefined, 60_000);
    },
    options,
  });
  await server.start();
  return { ...server, url, description: `${isMongod ? 'MongoDB' : 'FerretDB'} ${version}` };
}

function restartable(spec: {
  name: RestartableServer['name'];
  logFile: string;
  spawn: (logFile: string) => SupervisedProcess;
  waitReady: (process: SupervisedProcess) => Promise<void>;
  options: ServerOptions;
}): Omit<RestartableServer, 'url' | 'description'> {
  let current: SupervisedProcess | undefined;
  let stopping = false;
  return {
    name: spec.name,
    pid: () => current?.child.pid,
    async stop() {
      const process = current;
      if (!process) return;
      stopping = true;
      await process.stop(10_000);
      current = undefined;
      stopping = false;
    },
    async start() {
      const process = spec.spawn(spec.logFile);
      current = process;
      process.child.once('exit', (code, signal) => {
        if (stopping || current !== process) return;
        spec.options.onUnexpectedExit({
          name: spec.name,
          pid: process.child.pid,
          code,
          signal,
          atMs: spec.options.now(),
          lastOutput: process.recentOutput(),
        });
      });
      try {
        await spec.waitReady(process);
      } catch (error) {
        current = undefined;
        await process.stop();
        throw error;
      }
    },
  };
}

async function waitForRedis(url: string, server: SupervisedProcess): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`redis-server exited at start:\n${server.recentOutput()}`);
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      // A restart replays the AOF before it answers commands: `loading:0` means the data is back.
      const info = await probe.info('persistence');
      if (/loading:0/.test(info)) {
        const serverInfo = await probe.info('server');
        return /redis_version:([^\r\n]+)/.exec(serverInfo)?.[1] ?? 'unknown';
      }
    } catch {
      // not up yet
    } finally {
      probe.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`redis-server did not answer within 20 s:\n${server.recentOutput()}`);
}

