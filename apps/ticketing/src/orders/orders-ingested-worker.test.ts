import { describe, expect, it } from 'vitest';
import { applyOrdersIngested } from './orders-ingested-worker.ts';

describe('applyOrdersIngested', () => {
  it('records the purchases as dates and re-ranks each customer whose standing moved', async () => {
    const recorded: Array<{ customerId: string; placedAt: Date }> = [];
    const reranked: string[] = [];
    const result = await applyOrdersIngested(
      {
        recordPurchases: async (purchases) => void recorded.push(...purchases),
        rerankCustomer: async (customerId) => (reranked.push(customerId), 2),
      },
      { purchases: [{ customerId: 'cus_1', placedAt: '2026-11-20T10:00:00.000Z' }], standingChanged: ['cus_1', 'cus_2'] },
    );
    expect(recorded).toEqual([{ customerId: 'cus_1', placedAt: new Date('2026-11-20T10:00:00.000Z') }]);
    expect(reranked).toEqual(['cus_1', 'cus_2']);
    expect(result).toEqual({ reranked: 4 });
  });

  it('refuses a payload that does not parse, naming the field (the job fails for good)', async () => {
    const deps = { recordPurchases: async () => undefined, rerankCustomer: async () => 0 };
    await expect(applyOrdersIngested(deps, { purchases: 'all of them', standingChanged: [] })).rejects.toMatchObject({ field: 'purchases' });
  });
});
