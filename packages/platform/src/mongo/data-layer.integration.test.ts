import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Schema, type Model } from 'mongoose';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { DuplicateKeyError, isDuplicateKeyError, toDuplicateKeyError } from '../errors.ts';
import { describeDatabaseServer } from './connect.ts';

// Runs against whichever server the test run uses (FerretDB or MongoDB) and relies only on
// what both serve: CRUD, unique indexes, findOneAndUpdate, $inc, sorted paging.
interface Item {
  _id: string;
  email: string;
  status: 'open' | 'claimed';
  claimedBy?: string;
  count: number;
}

const itemSchema = new Schema<Item>({
  _id: { type: String, required: true },
  email: { type: String, required: true, unique: true },
  status: { type: String, required: true },
  claimedBy: String,
  count: { type: Number, default: 0 },
});

describe('data layer', () => {
  let db: TestDatabase;
  let Items: Model<Item>;

  beforeAll(async () => {
    db = await createTestDatabase();
    Items = db.connection.model<Item>('Item', itemSchema, 'items');
    await Items.init();
  });
  afterAll(() => db.drop());

  it('names the server it runs on', async () => {
    const server = await describeDatabaseServer(db.connection);
    expect(['MongoDB', 'FerretDB']).toContain(server.name);
    expect(server.version).toMatch(/\d+\.\d+/);
  });

  it('creates, reads, updates and deletes a document by _id', async () => {
    await Items.create({ _id: 'crud-1', email: 'crud@example.com', status: 'open' });
    expect((await Items.findById('crud-1').lean())?.email).toBe('crud@example.com');
    await Items.updateOne({ _id: 'crud-1' }, { $set: { status: 'claimed' } });
    expect((await Items.findById('crud-1').lean())?.status).toBe('claimed');
    await Items.deleteOne({ _id: 'crud-1' });
    expect(await Items.findById('crud-1').lean()).toBeNull();
  });

  it('turns a unique-index violation into a typed DuplicateKeyError', async () => {
    await Items.create({ _id: 'dup-1', email: 'same@example.com', status: 'open' });
    const error: unknown = await Items.create({ _id: 'dup-2', email: 'same@example.com', status: 'open' }).catch(
      (e: unknown) => e,
    );
    expect(isDuplicateKeyError(error)).toBe(true);
    const typed = toDuplicateKeyError(error, 'item');
    expect(typed).toBeInstanceOf(DuplicateKeyError);
    expect(typed.status).toBe(409);
    expect(typed.code).toBe('loyaldesk:duplicate_key');
    // The first document is untouched.
    expect((await Items.findById('dup-1').lean())?.email).toBe('same@example.com');
    expect(await Items.findById('dup-2').lean()).toBeNull();
  });

  it('lets exactly one of 20 racing conditional findOneAndUpdate calls win', async () => {
    await Items.create({ _id: 'race-1', email: 'race@example.com', status: 'open' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, agent) =>
        Items.findOneAndUpdate(
          { _id: 'race-1', status: 'open' },
          { $set: { status: 'claimed', claimedBy: `agent-${agent}` } },
          { new: true },
        ).lean(),
      ),
    );
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    const stored = await Items.findById('race-1').lean();
    expect(stored?.claimedBy).toBe(winners[0]?.claimedBy);
  });

  it('counts exactly under 200 concurrent $inc', async () => {
    await Items.create({ _id: 'inc-1', email: 'inc@example.com', status: 'open' });
    await Promise.all(Array.from({ length: 200 }, () => Items.updateOne({ _id: 'inc-1' }, { $inc: { count: 1 } })));
    expect((await Items.findById('inc-1').lean())?.count).toBe(200);
  });

  it('pages through a collection with a cursor on _id without skipping or repeating', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `page-${String(i).padStart(4, '0')}`);
    await Items.insertMany(ids.map((id) => ({ _id: id, email: `${id}@example.com`, status: 'open' })));
    const seen: string[] = [];
    let after = 'page-';
    for (;;) {
      const page = await Items.find({ _id: { $gt: after, $lt: 'page-~' } }).sort({ _id: 1 }).limit(40).lean();
      if (page.length === 0) break;
      seen.push(...page.map((doc) => doc._id));
      after = page[page.length - 1]?._id ?? after;
    }
    expect(seen).toEqual(ids);
  });
});
