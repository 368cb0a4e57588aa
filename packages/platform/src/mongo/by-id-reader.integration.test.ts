import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { createByIdReader } from './by-id-reader.ts';

interface Parcel {
  _id: string;
  weightGrams: number;
  shippedAt: Date;
  lines: { sku: string; quantity: number }[];
}

describe('createByIdReader', () => {
  let test: TestDatabase;
  let db: Db;
  const parcel: Parcel = {
    _id: 'P-1042',
    weightGrams: 1250,
    shippedAt: new Date('2026-11-30T09:15:00.000Z'),
    lines: [
      { sku: 'MUG-01', quantity: 2 },
      { sku: 'TEA-07', quantity: 1 },
    ],
  };

  beforeAll(async () => {
    test = await createTestDatabase();
    const open = test.connection.db;
    if (!open) throw new Error('the test database is not open');
    db = open;
    await db.collection<Parcel>('parcels').insertMany([parcel, { ...parcel, _id: 'P-1043', weightGrams: 90 }]);
  });
  afterAll(() => test.drop());

  it('returns the document findOne returns, types and all', async () => {
    const parcelById = createByIdReader<Parcel>(db, 'parcels');
    const read = await parcelById('P-1042');
    expect(read).toEqual(await db.collection<Parcel>('parcels').findOne({ _id: 'P-1042' }));
    expect(read?.shippedAt).toBeInstanceOf(Date);
    expect(read?.lines).toEqual(parcel.lines);
  });

  it('returns null for an _id that is not there, and for a collection that does not exist', async () => {
    expect(await createByIdReader<Parcel>(db, 'parcels')('P-9999')).toBeNull();
    expect(await createByIdReader<Parcel>(db, 'no_such_collection')('P-1042')).toBeNull();
  });

  it('matches the _id exactly (a number is not its string)', async () => {
    await db.collection<{ _id: number; label: string }>('numbered').insertOne({ _id: 1042, label: 'number' });
    const numberedById = createByIdReader<{ _id: number | string; label: string }>(db, 'numbered');
    expect(await numberedById(1042)).toEqual({ _id: 1042, label: 'number' });
    expect(await numberedById('1042')).toBeNull();
  });
});
