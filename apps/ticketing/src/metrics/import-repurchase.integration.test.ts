import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOrders } from '@loyaldesk/customer-profile/import';
import { createCustomerProfileService, type CustomerProfileService } from '@loyaldesk/customer-profile/service';
import { createTestDatabase, type TestDatabase } from '@loyaldesk/platform/testing';
import { createMetricsService, type MetricsService } from './metrics-service.ts';
import { createFollowUpRepository } from './storage/follow-up-repository.ts';
import { metricsTicket } from './testing/metrics-test-tickets.ts';

const dayMs = 86_400_000;
const createdAt = new Date('2026-10-01T08:00:00.000Z');
const customerId = 'cus_mkt_0001';

// The first order of the import sample, re-dated and renumbered: only the fields that matter here change.
const sampleOrder = JSON.parse(
  readFileSync(
    new URL('../../../../packages/customer-profile/fixtures/orders-sample.jsonl', import.meta.url),
    'utf8',
  ).split('\n')[0] ?? '',
) as Record<string, unknown>;

function orderLine(number: string, customer: string, placedAt: Date, status: string): string {
  const { updatedAt: _updatedAt, shipments: _shipments, ...rest } = sampleOrder;
  const customerFields = {
    ...(sampleOrder['customer'] as Record<string, unknown>),
    id: customer,
    email: `${customer}@example.com`,
  };
  return JSON.stringify({ ...rest, number, customer: customerFields, placedAt: placedAt.toISOString(), status });
}

describe('an order import counts repurchases after support, as webhook deliveries do', () => {
  let db: TestDatabase;
  let metrics: MetricsService;
  let profiles: CustomerProfileService;
  let scratch: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    metrics = createMetricsService({ connection: db.connection, clock: () => new Date('2026-11-20T12:00:00Z') });
    profiles = createCustomerProfileService({ connection: db.connection });
    await profiles.init();
    scratch = mkdtempSync(path.join(os.tmpdir(), 'loyaldesk-import-repurchase-'));
    // A gold customer's ticket, answered in 5 minutes and resolved in 30 (within its targets).
    const resolved = metricsTicket({
      id: 'tkt_imported',
      createdAt,
      tier: 'gold',
      customerId,
      agentId: 'agt_a',
      firstReplyAfter: 5,
      resolvedAfter: 30,
      firstResponseTarget: 10,
      resolutionTarget: 120,
    });
    const opened = {
      ...resolved,
      status: 'open' as const,
      assigneeId: null,
      assignedAt: null,
      firstRepliedAt: null,
      resolvedAt: null,
      version: 0,
    };
    await metrics.recordTicketChange(null, opened);
    await metrics.recordTicketChange(opened, { ...resolved, version: 1 });
  });
  afterAll(async () => {
    await db.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('marks the ticket once, from the purchase 10 days after it (not a pending order, not another customer)', async () => {
    const file = path.join(scratch, 'orders.jsonl');
    writeFileSync(
      file,
      [
        orderLine('IMP-1', customerId, new Date(createdAt.getTime() + 10 * dayMs), 'delivered'),
        orderLine('IMP-2', customerId, new Date(createdAt.getTime() + 3 * dayMs), 'pending'),
        orderLine('IMP-3', 'cus_mkt_other', new Date(createdAt.getTime() + 5 * dayMs), 'delivered'),
      ].join('\n') + '\n',
    );
    const told: Array<{ customerId: string; placedAt: string }> = [];
    let marked = 0;
    const importFile = () =>
      importOrders(profiles, {
        file,
        onIngested: async ({ purchases }) => {
          told.push(...purchases.map((p) => ({ customerId: p.customerId, placedAt: p.placedAt.toISOString() })));
          marked += (await metrics.recordCustomerOrders(purchases)).marked;
        },
      });

    const result = await importFile();
    expect(result).toMatchObject({ orders: 3, ingested: 3, rejected: [] });
    expect(told.sort((a, b) => a.customerId.localeCompare(b.customerId))).toEqual([
      { customerId, placedAt: '2026-10-11T08:00:00.000Z' },
      { customerId: 'cus_mkt_other', placedAt: '2026-10-06T08:00:00.000Z' },
    ]);
    expect(marked).toBe(1);
    const followUp = await createFollowUpRepository(db.connection).findFollowUp('tkt_imported');
    expect(followUp?.repurchasedAt?.toISOString()).toBe('2026-10-11T08:00:00.000Z');
    const dashboard = await metrics.getDashboard({ from: '2026-10-01', to: '2026-10-01' });
    expect(dashboard.repeatPurchaseAfterTicket.slaMet).toEqual({ tickets: 1, repurchased: 1, rate: 100 });

    // The same file again: the purchases are reported again and mark nothing more.
    marked = 0;
    await importFile();
    expect(marked).toBe(0);
  });
});
