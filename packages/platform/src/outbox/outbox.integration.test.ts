import { randomBytes } from 'node:crypto';
import type Bull from 'bull';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { openJobQueue, startJobWorker } from '../jobs/job-queue.ts';
import {
  createTestDatabase,
  createTestRedis,
  startOutageProxy,
  type OutageProxy,
  type TestDatabase,
  type TestRedis,
} from '../testing/index.ts';
import { createOutbox, type Outbox } from './outbox.ts';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('createOutbox', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let redisProxy: OutageProxy;
  let databaseProxy: OutageProxy;
  let client: MongoClient;
  let queue: Bull.Queue<unknown>;
  let outbox: Outbox;
  const received: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await createTestRedis();
    redisProxy = await startOutageProxy(redis.url);
    databaseProxy = await startOutageProxy(database.uri);
    // The outbox reaches both servers through proxies the test can cut; the worker reads Redis directly.
    client = new MongoClient(databaseProxy.url, { serverSelectionTimeoutMS: 2000, retryWrites: false });
    await client.connect();
    const prefix = `${redis.prefix}bull`;
    queue = openJobQueue('outbox-test', { redisUrl: redisProxy.url, prefix });
    const consumer = openJobQueue('outbox-test', { redisUrl: redis.url, prefix });
    startJobWorker(consumer, { name: 'outbox test', concurrency: 1 }, async (data) => {
      received.push(String((data as { n: number }).n));
    });
    outbox = createOutbox({
      db: client.db(database.dbName),
      queues: { 'outbox-test': queue },
      sweepEveryMs: 200,
      relayTimeoutMs: 1000,
    });
    outbox.start();
  });

  afterAll(async () => {
    await outbox.stop();
    await queue.close().catch(() => undefined);
    await client.close(true);
    await redisProxy.close();
    await databaseProxy.close();
    await redis.cleanup();
    await database.drop();
  });

  it('relays recorded events to their queue in order and forgets them', async () => {
    for (let n = 1; n <= 3; n++)
      await outbox.record({ id: `up-${n}`, queue: 'outbox-test', key: 'c1', payload: { n } });
    await eventually(
      () => Promise.resolve([...received]),
      (list) => list.length >= 3,
    );
    expect(received).toEqual(['1', '2', '3']);
    expect(
      await eventually(
        () => outbox.pending(),
        (count) => count === 0,
      ),
    ).toBe(0);
  });

  it('keeps events recorded while Redis is away and relays them, in order, once it is back', async () => {
    received.length = 0;
    redisProxy.cut();
    for (let n = 4; n <= 8; n++)
      await outbox.record({ id: `down-${n}`, queue: 'outbox-test', key: 'c2', payload: { n } });
    // Nothing reached Bull; all five are stored in MongoDB.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await outbox.pending()).toBe(5);
    expect(received).toEqual([]);
    redisProxy.restore();
    await eventually(
      () => Promise.resolve([...received]),
      (list) => list.length >= 5,
    );
    expect(received).toEqual(['4', '5', '6', '7', '8']);
    expect(
      await eventually(
        () => outbox.pending(),
        (count) => count === 0,
      ),
    ).toBe(0);
  });

  it('adds one job however often the same event is recorded or relayed', async () => {
    received.length = 0;
    const id = `twice-${randomBytes(3).toString('hex')}`;
    await outbox.record({ id, queue: 'outbox-test', key: 'c3', payload: { n: 9 } });
    await outbox.record({ id, queue: 'outbox-test', key: 'c3', payload: { n: 9 } });
    await outbox.sweep();
    await eventually(
      () => Promise.resolve([...received]),
      (list) => list.length >= 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received).toEqual(['9']);
    expect(await queue.getJob(id)).not.toBeNull();
  });

  it('refuses to record when the database does not take the event, so nothing is acknowledged on it', async () => {
    databaseProxy.cut();
    await expect(outbox.record({ id: 'no-db', queue: 'outbox-test', key: 'c4', payload: { n: 10 } })).rejects.toThrow();
    // Recorded at the same time (one insert for all): each is refused.
    const together = await Promise.allSettled(
      [1, 2, 3].map((n) => outbox.record({ id: `no-db-${n}`, queue: 'outbox-test', key: `c4-${n}`, payload: { n: 10 + n / 10 } })),
    );
    expect(together.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    databaseProxy.restore();
    await outbox.record({ id: 'db-back', queue: 'outbox-test', key: 'c4', payload: { n: 11 } });
    await eventually(
      () => Promise.resolve([...received]),
      (list) => list.includes('11'),
    );
  });

  it("leaves another app's events to that app: a sweep relays only its own queues", async () => {
    // Ticketing and the chat bot share the collection; each opens only the queues it produces for.
    const other = createOutbox({ db: client.db(database.dbName), queues: { 'other-app-queue': queue }, sweepEveryMs: 60_000 });
    redisProxy.cut();
    await outbox.record({ id: 'mine-1', queue: 'outbox-test', key: 'c5', payload: { n: 12 } });
    expect(await other.sweep()).toBe(0);
    expect(await other.pending()).toBe(0);
    const stored = await client.db(database.dbName).collection('outbox').findOne({ _id: 'mine-1' as never });
    expect(stored).toMatchObject({ queue: 'outbox-test' });
    redisProxy.restore();
    await eventually(() => Promise.resolve([...received]), (list) => list.includes('12'));
    await other.stop();
  });
});
