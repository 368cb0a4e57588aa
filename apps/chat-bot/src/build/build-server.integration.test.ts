import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findFreePort, spawnSupervised, type SupervisedProcess } from '@loyaldesk/platform/local-servers';
import { createTestDatabase, type TestDatabase } from '@loyaldesk/platform/testing';
import { appDir } from '../app-paths.ts';
import { connectChatClient, eventually } from '../testing/chat-test-app.ts';
import { buildChatServer } from './build-server.ts';

// `npm start` runs the chat bot from this bundle: it must start with plain Node (no TypeScript
// loader), find its config, model cache and widget source, and answer a shopper.
describe('the chat bot bundle', () => {
  const dirName = `.bundle-test-${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let app: SupervisedProcess;
  let url: string;
  let entry: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ entry } = await buildChatServer({ dirName }));
    const port = await findFreePort();
    url = `http://127.0.0.1:${port}`;
    app = spawnSupervised(process.execPath, [entry], {
      cwd: appDir,
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        MONGODB_URI: database.uri,
        MONGODB_DB: database.dbName,
        REDIS_URL: inject('redisUrl'),
        BULL_PREFIX: `bundle-${dirName}`,
        CHAT_REDIS_PREFIX: `bundle-${dirName}:`,
        CHAT_HOST: '127.0.0.1',
        CHAT_PORT: String(port),
      },
    });
    await eventually(async () => {
      const response = await fetch(`${url}/health`);
      if (!response.ok) throw new Error(`health ${response.status}`);
    }, 120_000);
  }, 180_000);

  afterAll(async () => {
    await app?.stop(10_000);
    await database?.drop();
    rmSync(path.join(appDir, dirName), { recursive: true, force: true });
  });

  it('is plain JavaScript with the third-party packages left in node_modules', () => {
    const source = readFileSync(entry, 'utf8');
    expect(source).toMatch(/from "socket\.io"/);
    expect(source).not.toMatch(/\bfunction Server\(srv, opts\)|class Namespace extends/); // socket.io's own code
    expect(source).toContain('// src/main.ts');
  });

  it('serves the widget built from its source and answers a shopper', async () => {
    const widget = await fetch(`${url}/widget.js`);
    expect(widget.status).toBe(200);
    expect((await widget.text()).length).toBeGreaterThan(10_000);
    const client = await connectChatClient(url);
    try {
      await client.start();
      const answer = await client.ask('how much is shipping to Canada?');
      expect(answer.author.kind).toBe('bot');
      expect(answer.body).toMatch(/Canada/);
    } finally {
      client.socket.disconnect();
    }
  });
});
