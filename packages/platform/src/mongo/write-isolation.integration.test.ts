import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Schema, type Model } from 'mongoose';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';

// Single-document atomicity under a mixed concurrent load, on whichever server the run uses.
// On FerretDB this exercises patch 3 of scripts/provision.sh (scripts/ferretdb/loyaldesk_locks.go):
// writes by _id lock only their document and run in parallel, any other write runs alone, so
// keyed and unkeyed writes to the same documents must still add up exactly.
interface Doc {
  _id: string;
  group: string;
  status: 'open' | 'claimed';
  claimedBy?: string;
  count: number;
  bulk: number;
}

const docSchema = new Schema<Doc>(
  {
    _id: { type: String, required: true },
    group: { type: String, required: true },
    status: { type: String, required: true },
    claimedBy: String,
    count: { type: Number, default: 0 },
    bulk: { type: Number, default: 0 },
  },
  { versionKey: false },
);

/** Deterministic shuffle (mulberry32), so a failure replays in the same order. */
function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('write isolation under a mixed concurrent load', () => {
  let db: TestDatabase;
  let Docs: Model<Doc>;

  beforeAll(async () => {
    db = await createTestDatabase();
    Docs = db.connection.model<Doc>('Doc', docSchema, 'isolation');
    await Docs.init();
  });
  afterAll(() => db.drop());

  it('keeps exact counters, single claim winners and one document per upserted _id', async () => {
    const counters = Array.from({ length: 20 }, (_, i) => `counter-${String(i).padStart(2, '0')}`);
    const claims = Array.from({ length: 10 }, (_, i) => `claim-${i}`);
    const upserts = Array.from({ length: 5 }, (_, i) => `upsert-${i}`);
    await Docs.insertMany([
      ...counters.map((_id) => ({ _id, group: 'counter', status: 'open' })),
      ...claims.map((_id) => ({ _id, group: 'claim', status: 'open' })),
    ]);

    const incs = 50;
    const bulkRounds = 5;
    const racers = 10;
    const upsertsPerId = 10;
    type Op = () => Promise<unknown>;
    const claimResults = new Map<string, (Doc | null)[]>(claims.map((id) => [id, []]));
    const ops: Op[] = [
      // 20 documents × 50 $inc by _id (updateOne, and findOneAndUpdate for every fifth).
      ...counters.flatMap((_id) =>
        Array.from({ length: incs }, (_, n): Op =>
          n % 5 === 0
            ? () => Docs.findOneAndUpdate({ _id }, { $inc: { count: 1 } }, { new: true }).lean()
            : () => Docs.updateOne({ _id }, { $inc: { count: 1 } }),
        ),
      ),
      // 10 racers per claim document, conditional on status: exactly one may win.
      ...claims.flatMap((_id) =>
        Array.from({ length: racers }, (_, agent): Op => async () => {
          const won = await Docs.findOneAndUpdate(
            { _id, status: 'open' },
            { $set: { status: 'claimed', claimedBy: `agent-${agent}` } },
            { new: true },
          ).lean();
          claimResults.get(_id)?.push(won);
        }),
      ),
      // Upserts of new _ids, 10 at once each: one document per _id, every $inc counted.
      ...upserts.flatMap((_id) =>
        Array.from(
          { length: upsertsPerId },
          (): Op => () =>
            Docs.updateOne(
              { _id },
              { $inc: { count: 1 }, $setOnInsert: { group: 'upsert', status: 'open', bulk: 0 } },
              { upsert: true },
            ),
        ),
      ),
    ];
    // Multi-document writes interleaved with the rest: by group (no _id) and by _id $in, both
    // over the same documents and fields the keyed writes change.
    const shuffled = shuffle(ops, 42);
    for (let round = 0; round < bulkRounds; round++) {
      const at = Math.floor(((round + 1) * shuffled.length) / (bulkRounds + 1));
      shuffled.splice(
        at,
        0,
        () => Docs.updateMany({ group: 'counter' }, { $inc: { bulk: 1 } }),
        () => Docs.updateMany({ _id: { $in: counters } }, { $inc: { count: 1 } }),
      );
    }

    await Promise.all(shuffled.map((op) => op()));

    const stored = await Docs.find({}).sort({ _id: 1 }).lean();
    const byId = new Map(stored.map((doc) => [doc._id, doc]));
    for (const _id of counters) {
      expect({ _id, count: byId.get(_id)?.count, bulk: byId.get(_id)?.bulk }).toEqual({
        _id,
        count: incs + bulkRounds,
        bulk: bulkRounds,
      });
    }
    for (const _id of claims) {
      const winners = (claimResults.get(_id) ?? []).filter((r) => r !== null);
      expect(winners, _id).toHaveLength(1);
      expect(byId.get(_id)?.claimedBy).toBe(winners[0]?.claimedBy);
    }
    for (const _id of upserts) {
      expect({ _id, count: byId.get(_id)?.count }).toEqual({ _id, count: upsertsPerId });
    }
    expect(stored).toHaveLength(counters.length + claims.length + upserts.length);
  });

  it('deletes by _id exactly once while updates to the same documents race', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `del-${String(i).padStart(2, '0')}`);
    await Docs.insertMany(ids.map((_id) => ({ _id, group: 'delete', status: 'open' })));
    const results = await Promise.all(
      shuffle(
        ids.flatMap((_id) => [
          ...Array.from(
            { length: 5 },
            () => () => Docs.deleteOne({ _id }).then((r) => ({ _id, deleted: r.deletedCount })),
          ),
          ...Array.from({ length: 5 }, () => () => Docs.updateOne({ _id }, { $inc: { count: 1 } }).then(() => null)),
        ]),
        7,
      ).map((op) => op()),
    );
    for (const _id of ids) {
      const deleted = results.filter((r) => r?._id === _id).reduce((sum, r) => sum + (r?.deleted ?? 0), 0);
      expect({ _id, deleted }).toEqual({ _id, deleted: 1 });
    }
    expect(await Docs.countDocuments({ group: 'delete' })).toBe(0);
  });
});
