import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const fixture = fileURLToPath(new URL('./start-servers-fixture.ts', import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (predicate()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return predicate();
}

async function startFixture(): Promise<{ parentPid: number; serverPids: number[]; dataDir: string }> {
  // `node --import tsx` runs the fixture in this one process (the tsx CLI would add a wrapper parent).
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (output += chunk));
  const started = await waitUntil(() => output.includes('\n'), 30_000);
  if (!started || child.pid === undefined) throw new Error(`fixture did not start: ${output}`);
  const { pids, dataDir } = z.object({ pids: z.array(z.number().int()), dataDir: z.string() }).parse(JSON.parse(output.trim()));
  return { parentPid: child.pid, serverPids: pids, dataDir };
}

describe('local servers lifecycle', () => {
  it('leaves no database or redis-server behind when the parent is killed with SIGKILL', async () => {
    const { parentPid, serverPids, dataDir } = await startFixture();
    expect(serverPids).toHaveLength(2);
    expect(serverPids.every(alive)).toBe(true);
    process.kill(parentPid, 'SIGKILL');
    expect(await waitUntil(() => serverPids.every((pid) => !alive(pid)), 10_000)).toBe(true);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops the servers when the parent exits on SIGTERM', async () => {
    const { parentPid, serverPids, dataDir } = await startFixture();
    process.kill(parentPid, 'SIGTERM');
    expect(await waitUntil(() => !alive(parentPid), 10_000)).toBe(true);
    expect(await waitUntil(() => serverPids.every((pid) => !alive(pid)), 10_000)).toBe(true);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
