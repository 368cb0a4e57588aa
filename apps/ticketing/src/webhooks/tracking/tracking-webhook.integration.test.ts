import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, errorOf, startTestApp, testWebhookSecret, type ApiClient, type TestApp } from '../../testing/test-app.ts';
import { signWebhook } from '../webhook-signature.ts';
import { signAfterShipWebhook, signEasyPostWebhook } from './tracking-signature.ts';
import { afterShipWebhook, easyPostTrackerEvent } from './testing/tracking-fixtures.ts';
import { pendingTrackingCollection } from './tracking-webhook-store.ts';

const afterShipSecret = 'aftership-webhook-secret-0123456789';
const easyPostSecret = 'easypost-webhook-secret-0123456789';

function orderWithShipment(number: string, trackingNumber: string, carrier = 'UPS') {
  return {
    number,
    customer: { id: `cus_${number}`, email: `order.${number}@example.com`, locale: 'zh-TW' },
    placedAt: '2026-11-28T10:00:00Z',
    status: 'shipped',
    currency: 'USD',
    lineItems: [{ sku: 'KETTLE-1', name: 'Kettle', quantity: 1, unitPrice: 12_900 }],
    totals: { subtotal: 12_900, total: 12_900 },
    shipments: [
      {
        id: `shp_${number}`,
        carrier,
        trackingNumber,
        status: 'in_transit',
        shippedAt: '2026-11-29T10:00:00Z',
        estimatedDelivery: '2026-12-03T00:00:00Z',
        events: [],
      },
    ],
  };
}

describe('carrier tracking webhooks', () => {
  let app: TestApp;
  let client: ApiClient;

  const ingest = async (order: ReturnType<typeof orderWithShipment>) => {
    const body = JSON.stringify({ id: `evt_order_${order.number}`, type: 'order.created', order });
    const response = await client.request('POST', '/api/webhooks/orders', {
      raw: body,
      csrf: false,
      headers: { 'X-Loyaldesk-Signature': signWebhook(testWebhookSecret, Buffer.from(body), Math.floor(Date.now() / 1000)) },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  };
  const afterShip = (payload: unknown, signature?: string | null) => {
    const body = JSON.stringify(payload);
    const header = signature === undefined ? signAfterShipWebhook(afterShipSecret, Buffer.from(body)) : signature;
    return client.request('POST', '/api/webhooks/aftership', {
      raw: body,
      csrf: false,
      headers: header === null ? {} : { 'aftership-hmac-sha256': header },
    });
  };
  const easyPost = (payload: unknown, signature?: string | null) => {
    const body = JSON.stringify(payload);
    const header = signature === undefined ? signEasyPostWebhook(easyPostSecret, Buffer.from(body)) : signature;
    return client.request('POST', '/api/webhooks/easypost', {
      raw: body,
      csrf: false,
      headers: header === null ? {} : { 'X-Hmac-Signature': header },
    });
  };
  const shipmentOf = async (number: string) => (await app.profiles.getOrder(number))?.shipments[0];

  beforeAll(async () => {
    app = await startTestApp({ config: { afterShipWebhookSecrets: [afterShipSecret], easyPostWebhookSecrets: [easyPostSecret] } });
    client = apiClient(app.baseUrl);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('answers 401 and stores nothing for a missing, wrong or other-bytes signature', async () => {
    await ingest(orderWithShipment('6001', '1Z6001AA10000001'));
    const exception = afterShipWebhook({
      trackingNumber: '1Z6001AA10000001',
      tag: 'Exception',
      subtag: 'Exception_013',
      updatedAt: '2026-12-02T08:00:00Z',
      checkpoints: [{ at: '2026-12-02T08:00:00Z', tag: 'Exception', subtag: 'Exception_013', message: 'Shipment lost' }],
    });
    const body = JSON.stringify(exception);
    for (const signature of [null, 'bm90IGEgc2lnbmF0dXJl', signAfterShipWebhook('another-secret-0123456789', Buffer.from(body))]) {
      const response = await afterShip(exception, signature);
      expect(response.status).toBe(401);
      expect(errorOf(response).code).toBe('loyaldesk:invalid_signature');
    }
    const otherBytes = await client.request('POST', '/api/webhooks/aftership', {
      raw: body.replace('Shipment lost', 'Shipment found'),
      csrf: false,
      headers: { 'aftership-hmac-sha256': signAfterShipWebhook(afterShipSecret, Buffer.from(body)) },
    });
    expect(otherBytes.status).toBe(401);

    const tracker = easyPostTrackerEvent({
      id: 'evt_6001',
      trackingCode: '1Z6001AA10000001',
      status: 'failure',
      statusDetail: 'lost',
      updatedAt: '2026-12-02T08:00:00Z',
      details: [{ at: '2026-12-02T08:00:00Z', status: 'failure', statusDetail: 'lost', message: 'Lost' }],
    });
    for (const signature of [null, `hmac-sha256-hex=${'0'.repeat(64)}`, signEasyPostWebhook('another-secret-0123456789', Buffer.from(JSON.stringify(tracker)))]) {
      expect((await easyPost(tracker, signature)).status).toBe(401);
    }
    expect(await shipmentOf('6001')).toMatchObject({ status: 'in_transit', events: [] });
    expect(await app.db.connection.db?.collection(pendingTrackingCollection).countDocuments()).toBe(0);
  });

  it('applies an AfterShip update once however often it is delivered, keeping the raw status and estimate revisions', async () => {
    await ingest(orderWithShipment('6002', '1Z6002AA10000002'));
    const update = afterShipWebhook({
      trackingNumber: '1z6002aa10000002',
      tag: 'Exception',
      subtag: 'Exception_005',
      updatedAt: '2026-12-02T09:00:00Z',
      estimatedDelivery: '2026-12-08',
      checkpoints: [
        { at: '2026-11-29T12:00:00-05:00', tag: 'InTransit', subtag: 'InTransit_002', message: 'Picked up' },
        { at: '2026-12-02T09:00:00Z', tag: 'Exception', subtag: 'Exception_005', message: 'Severe weather delay', city: 'Anchorage' },
      ],
    });
    const first = await afterShip(update);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ provider: 'aftership', outcome: 'recorded', orderNumbers: ['6002'] });
    expect((await afterShip(update)).body).toMatchObject({ outcome: 'duplicate' });
    // The same checkpoints under a new event id (AfterShip re-sends the history): nothing new.
    expect((await afterShip({ ...update, event_id: 'another-event-id' })).body).toMatchObject({ outcome: 'unchanged' });

    const shipment = await shipmentOf('6002');
    expect(shipment).toMatchObject({
      status: 'delayed',
      carrierStatus: 'Exception_005',
      estimatedDelivery: new Date('2026-12-08T00:00:00Z'),
      trackingUrl: 'https://www.ups.com/track?tracknum=1z6002aa10000002',
    });
    expect(shipment?.events.map((event) => [event.status, event.description, event.location])).toEqual([
      ['in_transit', 'Picked up', 'Louisville, KY, USA'],
      ['delayed', 'Severe weather delay', 'Anchorage, KY, USA'],
    ]);
    expect(shipment?.estimatedDeliveryHistory?.map((entry) => entry.estimatedDelivery.toISOString())).toEqual([
      '2026-12-03T00:00:00.000Z',
      '2026-12-08T00:00:00.000Z',
    ]);
  });

  it('ends with events in time order and the newest status when EasyPost updates arrive out of order', async () => {
    await ingest(orderWithShipment('6003', '9400100000000000006003', 'USPS'));
    const details = [
      { at: '2026-11-29T15:00:00Z', status: 'pre_transit', statusDetail: 'label_created', message: 'Shipping Label Created' },
      { at: '2026-11-30T02:00:00Z', status: 'in_transit', statusDetail: 'arrived_at_facility', message: 'Arrived at USPS Facility' },
      { at: '2026-12-01T08:00:00Z', status: 'out_for_delivery', statusDetail: 'out_for_delivery', message: 'Out for Delivery' },
      { at: '2026-12-01T16:00:00Z', status: 'delivered', statusDetail: 'arrived_at_destination', message: 'Delivered, In/At Mailbox' },
    ];
    const older = easyPostTrackerEvent({
      id: 'evt_6003_a',
      trackingCode: '9400100000000000006003',
      status: 'in_transit',
      statusDetail: 'arrived_at_facility',
      updatedAt: '2026-11-30T02:05:00Z',
      details: details.slice(0, 2),
    });
    const newer = easyPostTrackerEvent({
      id: 'evt_6003_b',
      trackingCode: '9400100000000000006003',
      status: 'delivered',
      statusDetail: 'arrived_at_destination',
      updatedAt: '2026-12-01T16:05:00Z',
      details: details.slice(1),
    });
    expect((await easyPost(newer)).body).toMatchObject({ outcome: 'recorded', orderNumbers: ['6003'] });
    expect((await easyPost(older)).body).toMatchObject({ outcome: 'recorded' });
    const shipment = await shipmentOf('6003');
    expect(shipment?.events.map((event) => event.description)).toEqual(details.map((detail) => detail.message));
    expect(shipment).toMatchObject({ status: 'delivered', carrierStatus: 'delivered/arrived_at_destination', deliveredAt: new Date('2026-12-01T16:00:00Z') });
    const ignored = await easyPost({ ...newer, id: 'evt_batch', description: 'batch.updated', result: { object: 'Batch' } });
    expect(ignored.body).toMatchObject({ outcome: 'ignored' });
  });

  it('keeps an update for an unknown tracking number (202) and applies it when the order arrives', async () => {
    const early = afterShipWebhook({
      trackingNumber: 'RR6004000000TW',
      tag: 'AttemptFail',
      updatedAt: '2026-12-02T10:00:00Z',
      checkpoints: [{ at: '2026-12-02T10:00:00Z', tag: 'AttemptFail', message: 'Nobody home; notice left' }],
    });
    const response = await afterShip(early);
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ provider: 'aftership', outcome: 'pending', orderNumbers: [] });
    await ingest(orderWithShipment('6004', 'RR6004000000TW', 'Chunghwa Post'));
    expect(await shipmentOf('6004')).toMatchObject({ status: 'failed_attempt', carrierStatus: 'AttemptFail_001' });
    expect(await app.db.connection.db?.collection(pendingTrackingCollection).countDocuments()).toBe(0);
  });

  it('answers 400 naming the field for a signed but invalid body', async () => {
    const noNumber = afterShipWebhook({ trackingNumber: '', tag: 'InTransit', updatedAt: '2026-12-02T10:00:00Z', checkpoints: [] });
    const invalid = await afterShip(noNumber);
    expect(invalid.status).toBe(400);
    expect(errorOf(invalid).field).toBe('msg.tracking_number');
    const badTime = easyPostTrackerEvent({ id: 'evt_bad', trackingCode: 'EZ1', status: 'in_transit', updatedAt: 'yesterday', details: [] });
    const invalidTime = await easyPost(badTime);
    expect(invalidTime.status).toBe(400);
    expect(errorOf(invalidTime).field).toBe('created_at');
  });
});

describe('carrier tracking webhooks, not configured', () => {
  it('are not mounted without their secrets (404)', async () => {
    const app = await startTestApp();
    try {
      const client = apiClient(app.baseUrl);
      expect((await client.request('POST', '/api/webhooks/aftership', { raw: '{}', csrf: false })).status).toBe(404);
      expect((await client.request('POST', '/api/webhooks/easypost', { raw: '{}', csrf: false })).status).toBe(404);
    } finally {
      await app.stop();
    }
  });
});
