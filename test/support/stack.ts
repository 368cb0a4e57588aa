import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { inject } from 'vitest';
// The global setup's inject('mongoUri' | 'redisUrl') types come with the platform's testing entry.
import type {} from '@loyaldesk/platform/testing';
import { findFreePort, repoRoot, spawnSupervised, type SupervisedProcess } from '@loyaldesk/platform/local-servers';
import { deleteKeysByPrefix } from '@loyaldesk/platform/redis';
import { inheritedEnvironment } from './env.ts';
import { chatBotEntry } from './chat-bot-build.ts';

/** The apps a stack runs, each as its own Node process. */
export type StackAppName = 'chat-bot' | 'ticketing';

export interface StackOptions {
  /** Extra environment variables per app (e.g. `{ ticketing: { LOG_LEVEL: 'debug' } }`); '' means unset. */
  env?: Partial<Record<StackAppName, Record<string, string>>>;
  /** How long each app may take to answer HTTP; default 150 s (tsx compiles on a loaded machine). */
  startTimeoutMs?: number;
}

/**
 * A running chat bot and ticketing, as two child processes, against this test run's database
 * server and Redis (the Vitest global setup's), sharing a fresh database and fresh Redis prefixes.
 */
export interface Stack {
  /** The chat bot: `/chat` socket namespace, `/health`, widget and demo page. */
  chatUrl: string;
  /** Ticketing: REST under `/api`, `/agents` socket namespace. */
  ticketingUrl: string;
  mongoUri: string;
  /** The database both apps use, `stack_<random>`, dropped by `stop()`. */
  dbName: string;
  redisUrl: string;
  /** Bull's key prefix both apps use (`BULL_PREFIX`), e.g. to add a job to a queue directly. */
  bullPrefix: string;
  /** Prefix of every other Redis key the stack writes (app keys, socket.io channels). */
  redisPrefix: string;
  /** The apps' process ids (e.g. to check that `stop()` left none behind). */
  pids: Record<StackAppName, number>;
  /** Log files of the apps (kept until `stop()`), for when a journey fails. */
  logFiles: Record<StackAppName, string>;
  /** The last lines an app printed. */
  recentOutput(app: StackAppName): string;
  /** Stops both processes (SIGTERM, SIGKILL after 10 s), drops the database, deletes the Redis keys. */
  stop(): Promise<void>;
}

interface RunningApp {
  name: StackAppName;
  process: SupervisedProcess;
  url: string;
  healthPath: string;
}

/** Each app's command line after `node`: the chat bot from its bundle (as `npm start` runs it), ticketing from source. */
async function commandOf(name: StackAppName): Promise<string[]> {
  return name === 'chat-bot'
    ? [await chatBotEntry()]
    : ['--import', 'tsx', path.join(repoRoot, 'apps/ticketing/src/main.ts')];
}

/**
 * Starts chat-bot and ticketing as separate processes on free ports and waits until both answer
 * HTTP. Each stack has its own database (`stack_<id>`), Redis key prefix (`stack_<id>:`), Bull
 * prefix and Socket.IO Redis key, so stacks (and test files) never see each other's data or events.
 * Both run with NODE_ENV=test (the repository's dev secrets); ticketing seeds its demo accounts
 * (SEED_DEMO_AGENTS=true, see `agent-session.ts`); `seedDemoShop` adds the demo orders. An empty
 * value in `options.env` unsets a variable (e.g. `{ NODE_ENV: '' }` runs an app as production).
 * @example const stack = await startStack(); … await stack.stop();
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const mongoUri = inject('mongoUri');
  const redisUrl = inject('redisUrl');
  const id = randomBytes(5).toString('hex');
  const dbName = `stack_${id}`;
  const redisPrefix = `stack_${id}:`;
  const bullPrefix = `${redisPrefix}bull`;
  const socketIoKey = `${redisPrefix}socket.io`;
  const logDir = mkdtempSync(path.join(os.tmpdir(), `loyaldesk-stack-${id}-`));
  const [chatPort, ticketingPort] = await Promise.all([findFreePort(), findFreePort()]);

  const shared: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    MONGODB_URI: mongoUri,
    MONGODB_DB: dbName,
    REDIS_URL: redisUrl,
    BULL_PREFIX: bullPrefix,
    SOCKET_IO_KEY: socketIoKey,
    LOYALDESK_DATA_DIR: logDir,
  };
  const appEnv: Record<StackAppName, Record<string, string>> = {
    'chat-bot': { CHAT_PORT: String(chatPort), CHAT_HOST: '127.0.0.1', CHAT_REDIS_PREFIX: `${redisPrefix}chat:` },
    // The demo accounts (signInAgent) are asked for; cheap argon2id: they are hashed at every start.
    ticketing: {
      PORT: String(ticketingPort),
      HOST: '127.0.0.1',
      REDIS_PREFIX: redisPrefix,
      SEED_DEMO_AGENTS: 'true',
      PASSWORD_HASH_MEMORY_KIB: '1024',
      PASSWORD_HASH_ITERATIONS: '1',
    },
  };
  const urls: Record<StackAppName, string> = {
    'chat-bot': `http://127.0.0.1:${chatPort}`,
    ticketing: `http://127.0.0.1:${ticketingPort}`,
  };
  const logFiles: Record<StackAppName, string> = {
    'chat-bot': path.join(logDir, 'chat-bot.log'),
    ticketing: path.join(logDir, 'ticketing.log'),
  };

  const running: RunningApp[] = [];
  const stopApps = async (): Promise<void> => {
    await Promise.all(running.map((app) => app.process.stop(10_000)));
  };
  const cleanUp = async (): Promise<void> => {
    await stopApps();
    await Promise.all([dropDatabase(mongoUri, dbName), deleteKeys(redisUrl, redisPrefix)]);
  };

  try {
    for (const name of ['ticketing', 'chat-bot'] as const) {
      const child = spawnSupervised(process.execPath, await commandOf(name), {
        cwd: repoRoot,
        env: { ...inheritedEnvironment(), ...shared, ...appEnv[name], ...options.env?.[name] },
        logFile: logFiles[name],
      });
      running.push({
        name,
        process: child,
        url: urls[name],
        healthPath: name === 'ticketing' ? '/api/health' : '/health',
      });
    }
    await Promise.all(running.map((app) => waitUntilAnswering(app, options.startTimeoutMs ?? 150_000)));
  } catch (error) {
    await cleanUp().catch(() => undefined);
    rmSync(logDir, { recursive: true, force: true });
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    chatUrl: urls['chat-bot'],
    ticketingUrl: urls.ticketing,
    mongoUri,
    dbName,
    redisUrl,
    bullPrefix,
    redisPrefix,
    pids: Object.fromEntries(running.map((app) => [app.name, app.process.child.pid ?? 0])) as Record<
      StackAppName,
      number
    >,
    logFiles,
    recentOutput: (name) => running.find((app) => app.name === name)?.process.recentOutput() ?? '',
    stop() {
      stopped ??= cleanUp().finally(() => rmSync(logDir, { recursive: true, force: true }));
      return stopped;
    },
  };
}

/** Polls the app's health route until it answers 200; fails at once if the process exits. */
async function waitUntilAnswering(app: RunningApp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  // 'close', not 'exit': only then has all its output (e.g. a ConfigError) been read.
  app.process.child.once('close', () => {
    exited = true;
  });
  for (;;) {
    if (exited)
      throw new Error(`${app.name} exited before answering HTTP. Its last output:\n${app.process.recentOutput()}`);
    try {
      const response = await fetch(`${app.url}${app.healthPath}`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${app.name} did not answer ${app.healthPath} within ${timeoutMs} ms. Its last output:\n${app.process.recentOutput()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function dropDatabase(uri: string, dbName: string): Promise<void> {
  const client = await MongoClient.connect(uri);
  try {
    await client.db(dbName).dropDatabase();
  } finally {
    await client.close();
  }
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  try {
    await deleteKeysByPrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}
