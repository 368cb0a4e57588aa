import path from 'node:path';
import { ensureConsoleBuilt } from '@loyaldesk/console/build';
import { findFreePort, repoRoot, spawnSupervised } from '@loyaldesk/platform/local-servers';
import { inheritedEnvironment } from './env.ts';

/** A running console server (apps/console/server/main.ts) in front of one ticketing. */
export interface ConsoleProcess {
  /** The console's origin, e.g. `http://127.0.0.1:41234`; `/api` and the agents socket are proxied. */
  url: string;
  recentOutput(): string;
  stop(): Promise<void>;
}

let built: Promise<boolean> | undefined;

/**
 * Builds the console once per test process (and only when dist is stale; one build at a time across
 * processes), then starts its server on a free port proxying to `ticketingUrl`, and waits until it answers.
 * @example const console = await startConsole(stack.ticketingUrl); … await console.stop();
 */
export async function startConsole(ticketingUrl: string, options: { startTimeoutMs?: number } = {}): Promise<ConsoleProcess> {
  built ??= ensureConsoleBuilt({ onLine: (line) => process.stdout.write(`[console] ${line}\n`) });
  await built;
  const port = await findFreePort();
  const child = spawnSupervised(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/console/server/main.ts')], {
    cwd: repoRoot,
    env: { ...inheritedEnvironment(), NODE_ENV: 'test', LOG_LEVEL: 'warn', CONSOLE_PORT: String(port), CONSOLE_HOST: '127.0.0.1', TICKETING_URL: ticketingUrl },
  });
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) throw new Error(`the console server exited before answering. Its last output:\n${child.recentOutput()}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`the console server did not answer within the time allowed. Its last output:\n${child.recentOutput()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, recentOutput: () => child.recentOutput(), stop: () => child.stop(5_000) };
}
