import { describe, expect, it } from 'vitest';
import { trackingUpdateFromAfterShip } from './aftership-mapping.ts';
import { afterShipWebhookSchema } from './aftership-payloads.ts';
import { afterShipWebhook } from './testing/tracking-fixtures.ts';

describe('trackingUpdateFromAfterShip', () => {
  it('maps tag/subtag, checkpoints (local times with offsets) and the courier estimate', () => {
    const webhook = afterShipWebhookSchema.parse(
      afterShipWebhook({
        trackingNumber: '1Z999AA10123456784',
        tag: 'Exception',
        subtag: 'Exception_011',
        updatedAt: '2026-12-04T02:00:00+00:00',
        eventId: 'ae5b3f6c-9d1e-4c55-8b1a-2f5d3c9e7a10',
        estimatedDelivery: '2026-12-09',
        checkpoints: [
          { at: '2026-12-01T09:30:00+08:00', tag: 'InTransit', subtag: 'InTransit_007', message: 'Departure Scan' },
          { at: '2026-12-04T10:00:00', tag: 'Exception', subtag: 'Exception_011', message: 'Returned to shipper' },
        ],
      }),
    );
    const update = trackingUpdateFromAfterShip(webhook);
    expect(update).toMatchObject({
      provider: 'aftership',
      deliveryId: 'ae5b3f6c-9d1e-4c55-8b1a-2f5d3c9e7a10',
      trackingNumber: '1Z999AA10123456784',
      report: {
        reportedAt: new Date('2026-12-04T02:00:00Z'),
        status: 'returned',
        carrierStatus: 'Exception_011',
        estimatedDelivery: new Date('2026-12-09T00:00:00Z'),
        trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
      },
    });
    expect(update.report.events.map((event) => [event.at.toISOString(), event.status, event.carrierStatus])).toEqual([
      ['2026-12-01T01:30:00.000Z', 'in_transit', 'InTransit_007'],
      ['2026-12-04T10:00:00.000Z', 'returned', 'Exception_011'],
    ]);
    // The same checkpoint always gets the same identity, another checkpoint another.
    const again = trackingUpdateFromAfterShip(webhook);
    expect(again.report.events.map((event) => event.id)).toEqual(update.report.events.map((event) => event.id));
    expect(new Set(update.report.events.map((event) => event.id)).size).toBe(2);
  });
});
