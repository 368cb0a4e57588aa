// Building the console when its dist/ is missing or older than its sources: used by `npm start`
// and the browser tests, so neither serves a stale build.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The console app's folder (apps/console). */
export const consoleDir = fileURLToPath(new URL('..', import.meta.url));
const distIndex = path.join(consoleDir, 'dist', 'index.html');
const lockDir = path.join(consoleDir, '.build-lock');
const buildInputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/** Why the console needs a build ("dist is missing", "src changed"), or null when dist is current. */
export function consoleBuildStaleness(): string | null {
  if (!existsSync(distIndex)) return 'dist is missing';
  const built = statSync(distIndex).mtimeMs;
  const changed = buildInputs.find((input) => newestMtime(path.join(consoleDir, input)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

function viteBin(): string {
  const require = createRequire(path.join(consoleDir, 'package.json'));
  return path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
}

async function withLock<T>(run: () => Promise<T>, waitMs = 300_000): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      // Another process is building; a lock older than the wait is left over from a crash.
      const age = existsSync(lockDir) ? Date.now() - statSync(lockDir).mtimeMs : 0;
      if (age > waitMs || Date.now() > deadline) rmSync(lockDir, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await run();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Builds the console (vite build → apps/console/dist) unless dist is current; one build at a time
 * across processes. `onLine` gets progress lines. Resolves with whether it built.
 * @example await ensureConsoleBuilt({ onLine: (line) => console.log(line) });
 */
export async function ensureConsoleBuilt(options: { onLine?: (line: string) => void; force?: boolean } = {}): Promise<boolean> {
  const say = options.onLine ?? (() => undefined);
  if (!options.force && consoleBuildStaleness() === null) return false;
  return withLock(async () => {
    const reason = options.force ? 'forced' : consoleBuildStaleness();
    if (reason === null) return false; // built by another process while we waited
    say(`building the console (${reason})…`);
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [viteBin(), 'build', '--logLevel', 'warn'], { cwd: consoleDir, stdio: ['ignore', 'pipe', 'pipe'] });
      const tail: string[] = [];
      const collect = (chunk: Buffer): void => {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line.trim()) continue;
          tail.push(line);
          if (tail.length > 30) tail.shift();
        }
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.once('error', reject);
      child.once('exit', (code) => {
        if (code === 0) resolve();
        else reject(new Error(`console build failed (exit ${String(code)}):\n${tail.join('\n')}`));
      });
    });
    say(`console built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  });
}
