// Test fixture (run as its own process by lifecycle.integration.test.ts): starts both servers,
// prints their pids as one JSON line, then idles until killed.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalDatabase } from './database-server.ts';
import { startLocalRedis } from './redis-server.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'loyaldesk-lifecycle-'));
const [database, redis] = await Promise.all([startLocalDatabase({ dataDir }), startLocalRedis({ dataDir, persistent: false })]);
process.stdout.write(`${JSON.stringify({ pids: [database.pid, redis.pid], dataDir })}\n`);
setInterval(() => undefined, 1000);
