// Starts one FerretDB binary for the scripts that compare builds (bench-locks.ts, bench-ops.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { ferretdbArgs, ferretdbEnv, findFreePort } from '@loyaldesk/platform/local-servers';

/** The builds to compare, from `name=path/to/ferretdb` arguments; `usage` is shown when there are none. */
export function buildsFromArgs(positionals: readonly string[], usage: string): Array<{ name: string; binary: string }> {
  const builds = positionals.map((arg) => {
    const [name, binary] = arg.split('=');
    if (!name || !binary) throw new Error(`expected name=path/to/ferretdb, got ${arg}`);
    return { name, binary };
  });
  if (builds.length === 0) throw new Error(`usage: ${usage}`);
  return builds;
}

export interface StartedBuild {
  url: string;
  pid: number;
  /** Stops the server and removes its data. */
  stop(): Promise<void>;
}

/**
 * Runs `binary` on a fresh temp dir (named after `name`) and a free port, with the flags and
 * environment of packages/platform's local server, and resolves once it answers.
 */
export async function startFerretdbBuild(binary: string, name: string): Promise<StartedBuild> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const port = await findFreePort();
  const child = spawn(binary, ferretdbArgs({ port, dir, logLevel: 'error' }), { stdio: 'ignore', env: ferretdbEnv() });
  const url = `mongodb://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    try {
      const probe = await MongoClient.connect(url, { serverSelectionTimeoutMS: 500 });
      await probe.close();
      break;
    } catch (error) {
      if (i > 40) throw new Error(`${binary} did not answer on ${url} within ~30 s`, { cause: error });
      await sleep(250);
    }
  }
  return {
    url,
    pid: child.pid ?? 0,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
