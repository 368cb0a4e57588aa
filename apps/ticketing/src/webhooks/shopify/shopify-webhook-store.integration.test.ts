import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@loyaldesk/platform/testing';
import { createShopifyWebhookStore, shopifyOrdersCollection } from './shopify-webhook-store.ts';

describe('Shopify webhook store: records proved new, written together', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('writes concurrent records in shared bulk writes, and when one statement fails the others are still written', async () => {
    const db = database.connection.db;
    if (!db) throw new Error('the test database is not connected');
    const store = createShopifyWebhookStore(db);
    const orders = db.collection(shopifyOrdersCollection);
    // A document its update cannot apply to (events is not an object): that record's write fails.
    await orders.insertOne({ _id: '9005' as never, number: '5005', events: 'not a map' });
    const now = new Date('2026-12-08T00:00:00Z');
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) => store.recordNew(String(9000 + index), { number: String(5000 + index), eventId: `evt-${index}` }, now)),
    );
    expect(results.map((result) => result.status)).toEqual([...Array(5).fill('fulfilled'), 'rejected', ...Array(4).fill('fulfilled')]);
    for (const index of [0, 1, 4, 6, 9]) {
      const record = await store.order(String(9000 + index));
      expect(record?.number).toBe(String(5000 + index));
      expect(record?.hasEvent(`evt-${index}`)).toBe(true);
    }
    // A duplicate of a recorded event is still found by the conditional path.
    expect(await store.recordApplied('9001', { number: '5001', eventId: 'evt-1' }, now)).toBe('already_applied');
  });
});
