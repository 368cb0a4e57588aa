import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** A server process this process started and must stop. */
export interface SupervisedProcess {
  readonly child: ChildProcess;
  /** The last lines it printed, for error messages when it fails to start. */
  recentOutput(): string;
  /** SIGTERM, then SIGKILL after `graceMs` if it has not exited. */
  stop(graceMs?: number): Promise<void>;
}

const setprivPath = ['/usr/bin/setpriv', '/bin/setpriv'].find((candidate) => existsSync(candidate));

/**
 * Starts a server binary that dies with this process: through util-linux `setpriv --pdeathsig`
 * when available, so even a `kill -9` of the parent leaves no server behind; plus an exit hook.
 */
export function spawnSupervised(
  binary: string,
  args: string[],
  options: {
    logFile?: string;
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    /** Also print each output line to this process's stdout, prefixed with `[forward]`. */
    forward?: string;
  } = {},
): SupervisedProcess {
  const [command, commandArgs] = setprivPath
    ? [setprivPath, ['--pdeathsig', 'SIGTERM', '--', binary, ...args]]
    : [binary, args];
  // Its own process group: a terminal's Ctrl-C reaches only the owner, which then stops its
  // children in order (apps before the database and Redis they use), not all at once.
  const child = spawn(command, commandArgs, {
    cwd: options.cwd,
    ...(options.env ? { env: options.env } : {}),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  installExitHook();

  const tail: string[] = [];
  let log: WriteStream | undefined;
  if (options.logFile) log = createWriteStream(options.logFile, { flags: 'a' });
  const collect = (chunk: Buffer): void => {
    // Output can still arrive after 'exit' (stdio drains later); a write after end would throw.
    if (log && !log.writableEnded) log.write(chunk);
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      if (options.forward) process.stdout.write(`[${options.forward}] ${line}\n`);
      tail.push(line);
      if (tail.length > 20) tail.shift();
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = once(child, 'exit').then(() => {
    running.delete(child);
  });
  // 'close' comes after the child's stdout and stderr have ended: only then is the log complete.
  child.once('close', () => log?.end());

  return {
    child,
    recentOutput: () => tail.join('\n'),
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when the owner forgot to stop its servers; 'exit' handlers must be synchronous.
  process.once('exit', () => {
    for (const child of running) child.kill('SIGTERM');
  });
}
