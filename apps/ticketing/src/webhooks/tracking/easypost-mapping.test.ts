import { describe, expect, it } from 'vitest';
import { trackingUpdateFromEasyPost } from './easypost-mapping.ts';
import { easyPostEventSchema, easyPostTrackerSchema } from './easypost-payloads.ts';
import { easyPostTrackerEvent } from './testing/tracking-fixtures.ts';

describe('trackingUpdateFromEasyPost', () => {
  it('maps the Tracker status, its tracking details and est_delivery_date', () => {
    const event = easyPostEventSchema.parse(
      easyPostTrackerEvent({
        id: 'evt_3f1b2c0e9a4d11efb0a1',
        trackingCode: '9400100000000000000001',
        status: 'in_transit',
        statusDetail: 'weather_delay',
        updatedAt: '2026-12-02T12:00:00Z',
        estDeliveryDate: '2026-12-06T00:00:00Z',
        details: [
          { at: '2026-11-30T15:00:00Z', status: 'pre_transit', statusDetail: 'label_created', message: 'Shipping Label Created' },
          { at: '2026-12-02T11:00:00Z', status: 'in_transit', statusDetail: 'weather_delay', message: 'Delayed by weather', city: 'DENVER' },
        ],
      }),
    );
    const update = trackingUpdateFromEasyPost(event, easyPostTrackerSchema.parse(event.result), new Date('2026-12-02T12:00:05Z'));
    expect(update).toMatchObject({
      provider: 'easypost',
      deliveryId: 'evt_3f1b2c0e9a4d11efb0a1',
      trackingNumber: '9400100000000000000001',
      report: {
        reportedAt: new Date('2026-12-02T12:00:00Z'),
        status: 'delayed',
        carrierStatus: 'in_transit/weather_delay',
        estimatedDelivery: new Date('2026-12-06T00:00:00Z'),
        trackingUrl: expect.stringMatching(/^https:\/\/track\.easypost\.com\//),
      },
    });
    expect(update.report.events.map((event) => [event.status, event.location, event.description])).toEqual([
      ['label_created', 'CHICAGO, IL, US', 'Shipping Label Created'],
      ['delayed', 'DENVER, IL, US', 'Delayed by weather'],
    ]);
  });
});
