import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { ServiceUnavailableError } from '../errors.ts';
import type { LocalServer } from './database-server.ts';
import { findFreePort } from './free-port.ts';
import { spawnSupervised } from './supervise.ts';
import { which } from './which.ts';

/**
 * Starts redis-server on 127.0.0.1 and a free port. `persistent`: append-only file in
 * `dataDir/redis`; otherwise no persistence at all (tests).
 */
export async function startLocalRedis(options: { dataDir: string; persistent: boolean }): Promise<LocalServer> {
  // Debian installs it in /usr/bin, which a minimal PATH may lack.
  const binary = which('redis-server', `${process.env['PATH'] ?? ''}:/usr/bin:/usr/sbin`);
  if (!binary) {
    throw new ServiceUnavailableError(
      'redis-server is not installed. Run `npm run provision` (installs Debian\'s redis-server) or set REDIS_URL.',
    );
  }
  const dir = path.join(options.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await findFreePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no', '--save', ''];
  args.push('--appendonly', options.persistent ? 'yes' : 'no');
  const server = spawnSupervised(binary, args, { logFile: path.join(options.dataDir, 'redis.log') });
  const url = `redis://127.0.0.1:${port}`;

  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new ServiceUnavailableError(`redis-server exited at start:\n${server.recentOutput()}`);
    }
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      const info = await probe.info('server');
      const version = /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? 'unknown';
      return { name: 'Redis', version, url, pid: server.child.pid, stop: () => server.stop() };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      probe.disconnect();
    }
  }
  await server.stop();
  throw new ServiceUnavailableError(`redis-server did not answer within 15 s. Its last output:\n${server.recentOutput()}`);
}
