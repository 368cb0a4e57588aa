import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOrders, ordersIngestedJobOf } from '@loyaldesk/customer-profile/import';
import { guestCustomerId } from '@loyaldesk/customer-profile/service';
import { shopifyJson, shopifyOrder } from '@loyaldesk/customer-profile/shopify-fixtures';
import { durableJobOptions } from '@loyaldesk/platform/jobs';
import { startWiredTestApp, type WiredTestApp } from '../testing/test-app.ts';
import { until } from '../testing/until.ts';

describe('an order import, like an order webhook, re-ranks the open tickets of customers whose tier moved', () => {
  let wired: WiredTestApp;
  let scratch: string;

  beforeAll(async () => {
    wired = await startWiredTestApp();
    scratch = mkdtempSync(path.join(os.tmpdir(), 'loyaldesk-import-effects-'));
  });
  afterAll(async () => {
    await wired.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('a guest who asked before their orders were imported moves up the queue once the import is applied', async () => {
    const email = 'kettle.buyer@example.com';
    const { ticket } = await wired.ticketing.tickets.open({ customerId: guestCustomerId(email), language: 'en', issueKind: 'order_missing' });
    expect(ticket.breakdown.tier).toBe('bronze');

    const file = path.join(scratch, 'export.jsonl');
    const orders = [1, 2, 3, 4, 5, 6].map((n) =>
      shopifyJson({ ...shopifyOrder({ id: `82098291194616${n}000`, name: `#70${n}0`, email, price: '1500.00' }), customer: null }),
    );
    writeFileSync(file, `${orders.join('\n')}\n`);
    const queue = wired.service.jobQueues.ordersIngested;
    const result = await importOrders(wired.profiles, {
      file,
      source: 'shopify',
      batchSize: 4,
      onIngested: async (batch) => void (await queue.add(ordersIngestedJobOf(batch), durableJobOptions)),
    });
    expect(result).toMatchObject({ orders: 6, ingested: 6, rejected: [] });

    const reranked = await until(async () => {
      const now = await wired.ticketing.tickets.get(ticket.id);
      return now.breakdown.tier !== 'bronze' ? now : null;
    }, 'the ticket re-ranked by the orders.ingested worker');
    expect(reranked.deadline.getTime()).toBeLessThan(ticket.deadline.getTime());
    expect((await wired.profiles.getCustomer(guestCustomerId(email)))?.stats.orderCount).toBe(6);
  });
});
