import { describe, expect, it } from 'vitest';
import { ordersIngestedJobSchema } from './orders-ingested.ts';

describe('ordersIngestedJobSchema', () => {
  it('takes purchases with ISO times and the customers to re-rank, and names a bad field', () => {
    const job = { purchases: [{ customerId: 'cus_1', placedAt: '2026-11-20T10:00:00.000Z' }], standingChanged: ['cus_1'] };
    expect(ordersIngestedJobSchema.parse(job)).toEqual(job);
    const bad = ordersIngestedJobSchema.safeParse({ purchases: [{ customerId: 'cus_1', placedAt: 'yesterday' }], standingChanged: [] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['purchases', 0, 'placedAt']);
  });
});
