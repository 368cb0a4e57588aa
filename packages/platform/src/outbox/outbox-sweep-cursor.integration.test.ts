import type Bull from 'bull';
import { MongoClient, type CommandStartedEvent } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJobQueue } from '../jobs/job-queue.ts';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '../testing/index.ts';
import { createOutbox } from './outbox.ts';

// The fault suite's Redis restart froze both apps until the database was restarted: sweeps of a
// backlog (hundreds of events) came back in batches of 101, and FerretDB holds one of its 100
// SQLite connections per open cursor until the getMore; the getMores waited for a free driver
// connection, those were all writes waiting for FerretDB's writer, and the writer for a SQLite
// connection. A sweep now reads its events in one reply, so no cursor stays open between calls.
describe('the outbox sweep', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let client: MongoClient;
  let queue: Bull.Queue<unknown>;
  const commands: CommandStartedEvent[] = [];

  beforeAll(async () => {
    [database, redis] = await Promise.all([createTestDatabase(), createTestRedis()]);
    client = new MongoClient(database.uri, { monitorCommands: true, retryWrites: false });
    client.on('commandStarted', (event) => commands.push(event));
    await client.connect();
    queue = openJobQueue('outbox-cursor-test', { redisUrl: redis.url, prefix: `${redis.prefix}bull` });
  });
  afterAll(async () => {
    await queue.close().catch(() => undefined);
    await client.close(true);
    await redis.cleanup();
    await database.drop();
  });

  it('reads a backlog larger than a default batch in one reply, and relays all of it', async () => {
    const db = client.db(database.dbName);
    const recordedAt = new Date();
    await db.collection('outbox_cursor').insertMany(
      Array.from({ length: 300 }, (_, n) => ({
        _id: `backlog-${n}` as never,
        queue: 'outbox-cursor-test',
        key: `conversation-${n}`,
        payload: { n },
        recordedAt,
        order: recordedAt.getTime() * 1000 + n,
        failures: 0,
      })),
    );
    const outbox = createOutbox({ db, queues: { 'outbox-cursor-test': queue }, collectionName: 'outbox_cursor' });

    commands.length = 0;
    expect(await outbox.sweep()).toBe(300);
    const reads = commands.filter((event) => event.commandName === 'find' || event.commandName === 'getMore');
    expect(reads.map((event) => event.commandName)).toEqual(['find']);
    expect(await queue.getJobCounts()).toMatchObject({ waiting: 300 });
    expect(await outbox.pending()).toBe(0);
  }, 60_000);

  // Each relayed event was its own `delete` (a write FerretDB serializes with every other): a
  // backlog of 300 cost 300 round trips, and every relayed chat message one more write.
  it('forgets what a sweep relayed in one round trip, and relayed fresh events in batches', async () => {
    const db = client.db(database.dbName);
    const recordedAt = new Date();
    await db.collection('outbox_deletes').insertMany(
      Array.from({ length: 300 }, (_, n) => ({
        _id: `swept-${n}` as never,
        queue: 'outbox-cursor-test',
        key: `conversation-${n}`,
        payload: { n },
        recordedAt,
        order: recordedAt.getTime() * 1000 + n,
        failures: 0,
      })),
    );
    const outbox = createOutbox({
      db,
      queues: { 'outbox-cursor-test': queue },
      collectionName: 'outbox_deletes',
      sweepEveryMs: 60_000,
    });
    const deletes = (): CommandStartedEvent[] => commands.filter((event) => event.commandName === 'delete');

    commands.length = 0;
    expect(await outbox.sweep()).toBe(300);
    expect(deletes()).toHaveLength(1);
    expect(await outbox.pending()).toBe(0);

    commands.length = 0;
    await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        outbox.record({ id: `fresh-${n}`, queue: 'outbox-cursor-test', key: `conversation-${n}`, payload: { n } }),
      ),
    );
    await outbox.stop();
    expect(await outbox.pending()).toBe(0);
    expect(await queue.getJob('fresh-39')).not.toBeNull();
    expect(deletes().length).toBeLessThanOrEqual(20);
  }, 60_000);

  // Each recorded event was its own insert: for the chat bot, one more write per handed-off
  // message, serialized with every other write on FerretDB.
  it('stores events recorded at the same time with one insert, each caller told its own outcome', async () => {
    const db = client.db(database.dbName);
    const outbox = createOutbox({
      db,
      queues: { 'outbox-cursor-test': queue },
      collectionName: 'outbox_inserts',
      sweepEveryMs: 60_000,
    });
    await outbox.record({ id: 'early-0', queue: 'outbox-cursor-test', key: 'conversation-0', payload: { n: 0 } });

    commands.length = 0;
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 40 }, (_, n) =>
        outbox.record({ id: `together-${n}`, queue: 'outbox-cursor-test', key: `conversation-${n}`, payload: { n } }),
      ),
      // Recorded before: a no-op, and the others of its batch are stored all the same.
      outbox.record({ id: 'early-0', queue: 'outbox-cursor-test', key: 'conversation-0', payload: { n: 0 } }),
    ]);
    await outbox.stop();
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(commands.filter((event) => event.commandName === 'insert').length).toBeLessThanOrEqual(20);
    expect(await db.collection('outbox_inserts').countDocuments()).toBe(0);
    expect(await queue.getJob('together-39')).not.toBeNull();
    expect(
      (await Promise.all(Array.from({ length: 40 }, (_, n) => queue.getJob(`together-${n}`)))).filter(
        (job) => job === null,
      ),
    ).toEqual([]);
  }, 60_000);
});
