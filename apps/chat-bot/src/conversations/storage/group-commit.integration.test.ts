import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MongoClient } from 'mongodb';
import { createTestDatabase, startOutageProxy, type TestDatabase } from '@loyaldesk/platform/testing';
import { createGroupCommit } from './group-commit.ts';

interface Note {
  _id: string;
  body: string;
}

describe('group commit (real database)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  function notes(name: string) {
    const database = db.connection.db;
    if (!database) throw new Error('no database');
    return database.collection<Note>(name);
  }

  it('stores a lone document and answers its caller', async () => {
    const collection = notes('gc_single');
    const writer = createGroupCommit(collection);
    expect(await writer.insert({ _id: 'n1', body: 'one' })).toBe('inserted');
    expect(await collection.findOne({ _id: 'n1' })).toEqual({ _id: 'n1', body: 'one' });
    expect(writer.pending).toBe(0);
  });

  it('batches what arrives together or while a batch is in flight; each caller answered once stored', async () => {
    const collection = notes('gc_batches');
    const insertMany = vi.spyOn(collection, 'insertMany');
    const writer = createGroupCommit(collection, { maxInFlight: 1 });
    const first = writer.insert({ _id: 'b0', body: 'first' });
    // Arrive while the first is being written: they wait for the slot and go out together.
    const rest = Array.from({ length: 60 }, (_, index) => writer.insert({ _id: `b${index + 1}`, body: 'more' }));
    const outcomes = await Promise.all([first, ...rest]);
    expect(outcomes.every((outcome) => outcome === 'inserted')).toBe(true);
    expect(await collection.countDocuments({})).toBe(61);
    expect(insertMany.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(insertMany.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('reports a stored-before `_id` as a duplicate and still stores the rest of its batch', async () => {
    const collection = notes('gc_duplicates');
    const writer = createGroupCommit(collection);
    await writer.insert({ _id: 'd1', body: 'original' });
    const outcomes = await Promise.all([
      writer.insert({ _id: 'd1', body: 'retry' }),
      writer.insert({ _id: 'd2', body: 'new' }),
    ]);
    expect(outcomes).toEqual(['duplicate', 'inserted']);
    expect(await collection.findOne({ _id: 'd1' })).toMatchObject({ body: 'original' });
    expect(await collection.findOne({ _id: 'd2' })).toMatchObject({ body: 'new' });
  });

  it('with a wait configured, still stores everything', async () => {
    const collection = notes('gc_delay');
    const writer = createGroupCommit(collection, { maxDelayMs: 5, maxDocuments: 7 });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) => writer.insert({ _id: `w${index}`, body: 'x' })),
    );
    expect(outcomes.filter((outcome) => outcome === 'inserted')).toHaveLength(20);
    expect(await collection.countDocuments({})).toBe(20);
  });

  it('does not report a document stored when the database went away mid-write; the retry stores it once', async () => {
    const proxy = await startOutageProxy(db.uri);
    const client = new MongoClient(proxy.url, { serverSelectionTimeoutMS: 1500, retryWrites: false });
    try {
      await client.connect();
      const collection = client.db(db.dbName).collection<Note>('gc_outage');
      const writer = createGroupCommit(collection);
      expect(await writer.insert({ _id: 'o0', body: 'before' })).toBe('inserted');
      proxy.cut();
      // Both go out in one batch while the link is down: the driver throws a MongoBulkWriteError with no write errors.
      const during = await Promise.allSettled([
        writer.insert({ _id: 'o1', body: 'during' }),
        writer.insert({ _id: 'o2', body: 'during' }),
      ]);
      expect(during.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      proxy.restore();
      const retried = await Promise.all([
        writer.insert({ _id: 'o1', body: 'during' }),
        writer.insert({ _id: 'o2', body: 'during' }),
      ]);
      expect(retried.every((outcome) => outcome === 'inserted' || outcome === 'duplicate')).toBe(true);
      const stored = await db.connection.db?.collection<Note>('gc_outage').find({}).toArray();
      expect(stored?.map((note) => note._id).sort()).toEqual(['o0', 'o1', 'o2']);
    } finally {
      await client.close(true);
      await proxy.close();
    }
  });
});
