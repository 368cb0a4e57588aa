import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose, { type Connection } from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import { createTestDatabase, type TestDatabase } from '@loyaldesk/platform/testing';
import type { Shipment, TrackingReport } from '../schemas/order.ts';
import { makeOrder } from '../test-support/order-factory.ts';
import { createCustomerProfileService, type CustomerProfileService } from './customer-profile-service.ts';

const shipment = (id: string, trackingNumber: string): Shipment => ({
  id,
  carrier: 'UPS',
  trackingNumber,
  status: 'in_transit',
  shippedAt: new Date('2026-03-02T10:00:00Z'),
  events: [],
});
const report = (hour: number, status: TrackingReport['status'], id: string): TrackingReport => ({
  reportedAt: new Date(Date.UTC(2026, 2, 3, hour)),
  status,
  carrierStatus: status,
  events: [{ id, at: new Date(Date.UTC(2026, 2, 3, hour)), status, description: `${status} scan` }],
});

describe('tracking reports on stored shipments', () => {
  let db: TestDatabase;
  let profiles: CustomerProfileService;
  /** A second connection to the same database that records every command it sends. */
  let watched: Connection;
  const commands: CommandStartedEvent[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    profiles = createCustomerProfileService({ connection: db.connection });
    await profiles.init();
    watched = await mongoose.createConnection(db.uri, { dbName: db.dbName, monitorCommands: true }).asPromise();
    watched.getClient().on('commandStarted', (event) => commands.push(event));
  });
  afterAll(async () => {
    await watched.close();
    await db.drop();
  });

  it('finds the order by the tracking number with one _id read of the lookup; every read is by _id', async () => {
    await profiles.ingestOrder(makeOrder({ number: '8001', status: 'shipped', shipments: [shipment('shp_8001', '1Z-8001-AA')] }));
    const watchedProfiles = createCustomerProfileService({ connection: watched });
    commands.length = 0;
    const changes = await watchedProfiles.recordTrackingReport('1z8001aa', report(9, 'exception', 'e1'));
    expect(changes.map((change) => [change.order.number, change.after.status, change.changed])).toEqual([['8001', 'exception', true]]);
    const reads = commands.filter((command) => command.commandName === 'find' || command.commandName === 'aggregate');
    expect(reads.map((command) => [command.command[command.commandName], command.command['filter']])).toEqual([
      ['shipment_tracking', { _id: '1Z8001AA' }],
      ['orders', { _id: '8001' }],
      // The customer's recent-orders copy of the shipment follows.
      ['customers', { _id: 'cus_test' }],
    ]);
    const writes = commands.filter((command) => command.commandName === 'findAndModify');
    expect(writes.map((command) => command.command['query'])).toEqual([
      { _id: '8001', revision: { $exists: false } },
      { _id: 'cus_test', version: 1 },
    ]);
  });

  it('keeps tracked events and status when the shop re-sends the order, and never loses a concurrent write', async () => {
    const order = makeOrder({ number: '8002', status: 'shipped', shipments: [shipment('shp_8002', 'RR8002TW')] });
    await profiles.ingestOrder(order);
    await profiles.recordTrackingReport('RR8002TW', report(8, 'delayed', 'd1'));
    const resent = await profiles.ingestOrder({ ...order, updatedAt: new Date('2026-03-04T00:00:00Z') });
    expect(resent.orderOutcome).toBe('updated');
    expect(resent.order.shipments[0]).toMatchObject({ status: 'delayed', events: [expect.objectContaining({ id: 'd1' })] });

    await Promise.all([
      profiles.recordTrackingReport('RR8002TW', report(10, 'in_transit', 'd2')),
      profiles.recordTrackingReport('RR8002TW', report(11, 'out_for_delivery', 'd3')),
      profiles.ingestOrder({ ...order, updatedAt: new Date('2026-03-05T00:00:00Z') }),
    ]);
    const stored = await profiles.getOrder('8002');
    expect(stored?.shipments[0]?.events.map((event) => event.id)).toEqual(['d1', 'd2', 'd3']);
    expect(stored?.shipments[0]?.status).toBe('out_for_delivery');
    expect(stored?.sourceUpdatedAt).toEqual(new Date('2026-03-05T00:00:00Z'));
  });

  it("updates the customer's recent-orders copy of the shipment (the desk's customer 360)", async () => {
    await profiles.ingestOrder(
      makeOrder({ number: '8003', customer: { id: 'cus_8003', email: 'c8003@example.com' }, status: 'shipped', shipments: [shipment('shp_8003', '1Z8003')] }),
    );
    await profiles.recordTrackingReport('1Z8003', report(9, 'lost', 'l1'));
    const customer = await profiles.getCustomer('cus_8003');
    expect(customer?.recentOrders[0]?.shipments).toEqual([{ carrier: 'UPS', trackingNumber: '1Z8003', status: 'lost' }]);
  });

  it('finds nothing for a tracking number no order carries', async () => {
    expect(await profiles.recordTrackingReport('UNKNOWN123', report(9, 'lost', 'x'))).toEqual([]);
  });
});
