import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { findFreePort, repoRoot, spawnSupervised, type SupervisedProcess } from '@loyaldesk/platform/local-servers';
import { inheritedEnvironment } from '../support/env.ts';
import { chatBotEntry } from '../support/chat-bot-build.ts';
import type { ProcessExit } from './fault-servers.ts';

export type AppName = 'chat-bot' | 'ticketing';

/**
 * `up`: answered its health route since it was last started; `starting`: spawned, not answering
 * yet; `killed`: down (the suite sent SIGKILL, it crashed, or it exited while starting) and not
 * started again; `stopped`: shut down at the end.
 */
export type InstanceState = 'starting' | 'up' | 'killed' | 'stopped';

/** One process of one app on a fixed port (a restart comes back on the same address). */
export interface AppInstance {
  /** e.g. `chat-1`, `ticketing-2`. */
  label: string;
  app: AppName;
  url: string;
  logFile: string;
  state(): InstanceState;
  pid(): number | undefined;
  /** Every pid this instance has had (the first start and each restart). */
  pids(): number[];
  /** Spawns the process and waits until its health route answers (bounded). */
  start(timeoutMs?: number): Promise<void>;
  /** `kill -9`: no shutdown, no flush; in-flight work is lost as in a machine failure. */
  kill9(): void;
  /** SIGTERM (SIGKILL after 10 s). */
  stop(): Promise<void>;
  recentOutput(): string;
}

/** What every instance of both apps shares: one database, one Redis, one set of prefixes and keys. */
export interface SharedAppSettings {
  mongoUri: string;
  dbName: string;
  redisUrl: string;
  redisPrefix: string;
  bullPrefix: string;
  socketIoKey: string;
}

/** Creates (does not start) an app instance on a free port, logging to `<dir>/<label>.log`. */
export async function createAppInstance(options: {
  app: AppName;
  label: string;
  dir: string;
  shared: SharedAppSettings;
  now: () => number;
  onUnexpectedExit: (exit: ProcessExit) => void;
}): Promise<AppInstance> {
  const { app, label, shared } = options;
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(options.dir, `${label}.log`);
  const dataDir = path.join(options.dir, label);
  mkdirSync(dataDir, { recursive: true });
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MONGODB_URI: shared.mongoUri,
    MONGODB_DB: shared.dbName,
    REDIS_URL: shared.redisUrl,
    BULL_PREFIX: shared.bullPrefix,
    SOCKET_IO_KEY: shared.socketIoKey,
    LOYALDESK_DATA_DIR: dataDir,
    ...(app === 'chat-bot'
      ? {
          CHAT_PORT: String(port),
          CHAT_HOST: '127.0.0.1',
          CHAT_REDIS_PREFIX: `${shared.redisPrefix}chat:`,
          // Each simulated shopper comes from its own address (X-Forwarded-For), as real shoppers do.
          CHAT_TRUST_PROXY_HOPS: '1',
          // Thousands of simulated shoppers share this machine's few addresses' /64s: limits off for the load.
          CHAT_CONNECTIONS_PER_IP_PER_MINUTE: '1000000',
          CHAT_CONVERSATIONS_PER_IP_PER_HOUR: '1000000',
        }
      : {
          PORT: String(port),
          HOST: '127.0.0.1',
          REDIS_PREFIX: shared.redisPrefix,
          PASSWORD_HASH_MEMORY_KIB: '1024',
          PASSWORD_HASH_ITERATIONS: '1',
          SEED_DEMO_AGENTS: 'true',
          TRUST_PROXY_HOPS: '1',
        }),
  };
  // The chat bot from its bundle, as `npm start` runs it.
  const nodeArgs =
    app === 'chat-bot'
      ? [await chatBotEntry()]
      : ['--import', 'tsx', path.join(repoRoot, 'apps/ticketing/src/main.ts')];
  const healthPath = app === 'ticketing' ? '/api/health' : '/health';

  let current: SupervisedProcess | undefined;
  let state: InstanceState = 'stopped';
  const pids: number[] = [];

  return {
    label,
    app,
    url,
    logFile,
    state: () => state,
    pid: () => current?.child.pid,
    pids: () => [...pids],
    recentOutput: () => current?.recentOutput() ?? '',
    async start(timeoutMs = 180_000) {
      const child = spawnSupervised(process.execPath, nodeArgs, {
        cwd: repoRoot,
        env: { ...inheritedEnvironment(), ...env },
        logFile,
      });
      current = child;
      state = 'starting';
      if (child.child.pid !== undefined) pids.push(child.child.pid);
      child.child.once('exit', (code, signal) => {
        // Exits the suite caused (kill -9, the final stop) are not crashes; an exit while starting
        // (a dependency still down) fails `start()`, whose caller decides.
        if (current !== child || state === 'killed' || state === 'stopped') return;
        if (state === 'starting') {
          state = 'killed';
          return;
        }
        state = 'killed';
        options.onUnexpectedExit({
          name: label,
          pid: child.child.pid,
          code,
          signal,
          atMs: options.now(),
          lastOutput: child.recentOutput(),
        });
      });
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (child.child.exitCode !== null || child.child.signalCode !== null) {
          throw new Error(`${label} exited before answering ${healthPath}:\n${child.recentOutput()}`);
        }
        try {
          const response = await fetch(`${url}${healthPath}`, { signal: AbortSignal.timeout(2_000) });
          if (response.ok) break;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) {
          throw new Error(`${label} did not answer ${healthPath} within ${timeoutMs} ms:\n${child.recentOutput()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      if (current === child && state === 'starting') state = 'up';
    },
    kill9() {
      state = 'killed';
      current?.child.kill('SIGKILL');
    },
    async stop() {
      state = 'stopped';
      await current?.stop(10_000);
    },
  };
}
