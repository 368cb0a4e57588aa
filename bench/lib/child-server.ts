import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { findFreePort, repoRoot } from '@loyaldesk/platform/local-servers';
import { processCpuSeconds } from './process-stats.ts';

/** A server under test running as its own Node process, so its CPU and memory are its own. */
export interface ChildServer {
  pid: number;
  url: string;
  logFile: string;
  /** Resident set size now, in bytes (`VmRSS` of /proc/<pid>/status). */
  rssBytes(): number;
  /** Peak resident set size so far, in bytes (`VmHWM`). */
  peakRssBytes(): number;
  /** CPU time used so far (user + system, all threads), in seconds (/proc/<pid>/stat). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/**
 * Starts `node <entry>` (a built bundle) or `node --import tsx <entry>` (TypeScript straight from
 * the repository) on a free loopback port passed as `portVariable`, and waits until GET /health
 * answers 200. `nodeArgs` go before the entry (e.g. `--cpu-prof`). Output goes to `logFile`.
 */
export async function startChildServer(options: {
  entry: string;
  env: Record<string, string>;
  portVariable: string;
  logFile: string;
  nodeArgs?: readonly string[];
  /** Where it runs (its `tsx` and packages resolve from there); default this repository's root. */
  cwd?: string;
  readyTimeoutMs?: number;
}): Promise<ChildServer> {
  const port = await findFreePort();
  const log = openSync(options.logFile, 'a');
  let child: ChildProcess;
  try {
    const loader = options.entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
    child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...loader, options.entry], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env, [options.portVariable]: String(port) },
      stdio: ['ignore', log, log],
    });
  } finally {
    closeSync(log);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${options.entry}`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killed = await Promise.race([
      exited.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 10_000)),
    ]);
    if (killed) {
      child.kill('SIGKILL');
      await exited;
    }
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${options.entry} exited with ${child.exitCode} at start; see ${options.logFile}`);
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${options.entry} did not answer ${url}/health in time; see ${options.logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const status = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (!match?.[1]) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]) * 1024;
  };
  return {
    pid,
    url,
    logFile: options.logFile,
    rssBytes: () => status('VmRSS'),
    peakRssBytes: () => status('VmHWM'),
    cpuSeconds: () => processCpuSeconds(pid),
    stop,
  };
}
