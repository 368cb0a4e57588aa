import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, errorOf, signedInClient, startTestApp, testWebhookSecret, type ApiClient, type TestApp } from '../testing/test-app.ts';
import { signWebhook } from '../webhooks/webhook-signature.ts';
import { signAfterShipWebhook } from '../webhooks/tracking/tracking-signature.ts';
import { afterShipWebhook, type CheckpointFixture } from '../webhooks/tracking/testing/tracking-fixtures.ts';
import { noticeId, proactiveNoticesCollection } from './proactive-notice-store.ts';
import { defaultProactiveNoticePolicy } from './proactive-policy-store.ts';
import { proactiveTicketId } from './proactive-notices.ts';
import { startTestSmtpServer, type TestSmtpServer } from './testing/test-smtp-server.ts';

const afterShipSecret = 'aftership-webhook-secret-0123456789';
const hour = 3_600_000;
/** Times relative to now: notices are only for parcels with recent news (noticeWindowDays). */
const hoursFromNow = (hours: number): string => new Date(Date.now() + hours * hour).toISOString();
const day = (days: number): string => hoursFromNow(days * 24).slice(0, 10);
const pickedUp: CheckpointFixture = { at: hoursFromNow(-72), tag: 'InTransit', subtag: 'InTransit_002', message: 'Picked up' };

describe('proactive delivery-problem notices', () => {
  let app: TestApp;
  let smtp: TestSmtpServer;
  let client: ApiClient;

  const ingest = async (number: string, trackingNumber: string, locale: string, shipment: { status?: string; placedAt?: string } = {}) => {
    const order = {
      number,
      customer: { id: `cus_${number}`, email: `shopper.${number}@example.com`, name: '林美玲', locale },
      placedAt: shipment.placedAt ?? hoursFromNow(-96),
      status: 'shipped',
      currency: 'USD',
      lineItems: [{ sku: 'KETTLE-1', name: 'Kettle', quantity: 1, unitPrice: 12_900 }],
      totals: { subtotal: 12_900, total: 12_900 },
      shipments: [
        {
          id: `shp_${number}`,
          carrier: 'UPS',
          trackingNumber,
          status: shipment.status ?? 'in_transit',
          shippedAt: shipment.placedAt ?? hoursFromNow(-80),
          estimatedDelivery: `${day(1)}T00:00:00Z`,
          events: [],
        },
      ],
    };
    const body = JSON.stringify({ id: `evt_order_${number}`, type: 'order.created', order });
    const response = await client.request('POST', '/api/webhooks/orders', {
      raw: body,
      csrf: false,
      headers: { 'X-Loyaldesk-Signature': signWebhook(testWebhookSecret, Buffer.from(body), Math.floor(Date.now() / 1000)) },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  };
  const track = async (payload: Record<string, unknown>) => {
    const body = JSON.stringify(payload);
    const response = await client.request('POST', '/api/webhooks/aftership', {
      raw: body,
      csrf: false,
      headers: { 'aftership-hmac-sha256': signAfterShipWebhook(afterShipSecret, Buffer.from(body)) },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  };
  const notices = () => app.db.connection.db?.collection(proactiveNoticesCollection);

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    app = await startTestApp({
      config: { afterShipWebhookSecrets: [afterShipSecret], smtp: { url: smtp.url, from: 'Kettle House <support@kettle.example>' } },
    });
    client = apiClient(app.baseUrl);
  });
  afterAll(async () => {
    await app.stop();
    await smtp.stop();
  });

  it('opens one ranked proactive ticket and emails the shopper once in Traditional Chinese, however often the carrier reports', async () => {
    await ingest('7001', '1Z7001AA10000001', 'zh-TW');
    const lost = (eventId: string, updatedAt: string, checkpoints: CheckpointFixture[]) =>
      afterShipWebhook({ trackingNumber: '1Z7001AA10000001', tag: 'Exception', subtag: 'Exception_013', updatedAt, eventId, checkpoints });
    const lostScan: CheckpointFixture = { at: hoursFromNow(-3), tag: 'Exception', subtag: 'Exception_013', message: 'Shipment lost in transit' };
    const reportedAt = hoursFromNow(-3);
    await track(lost('evt-a', reportedAt, [pickedUp, lostScan]));
    await track(lost('evt-a', reportedAt, [pickedUp, lostScan]));
    await track(lost('evt-b', hoursFromNow(-2), [pickedUp, lostScan, { ...lostScan, at: hoursFromNow(-2), message: 'Trace closed' }]));

    const ticketId = proactiveTicketId({ id: noticeId('7001', 'shp_7001', 'lost') });
    const agent = await signedInClient(app, 'agent');
    const detail = await agent.request('GET', `/api/tickets/${ticketId}`);
    expect(detail.status, JSON.stringify(detail.body)).toBe(200);
    const ticket = (detail.body as { ticket: Record<string, unknown> }).ticket;
    expect(ticket).toMatchObject({
      status: 'open',
      customerId: 'cus_7001',
      language: 'zh-Hant',
      issueKind: 'order_missing',
      channel: 'email',
      orderNumber: '7001',
      requester: { email: 'shopper.7001@example.com', name: '林美玲' },
      proactive: { kind: 'lost', orderNumber: '7001', shipmentId: 'shp_7001', trackingNumber: '1Z7001AA10000001', carrierStatus: 'Exception_013' },
    });
    expect(ticket['explanation']).toMatch(/missing parcel: target/);

    const list = await agent.request('GET', '/api/tickets?status=open');
    const summaries = (list.body as { items: Array<{ id: string; proactive: string | null; customerId: string | null }> }).items;
    expect(summaries.filter((summary) => summary.customerId === 'cus_7001')).toEqual([expect.objectContaining({ id: ticketId, proactive: 'lost' })]);

    const [mail] = await smtp.waitFor(1);
    expect(mail?.subject).toBe('訂單 #7001：物流業者回報您的包裹已遺失');
    expect(mail?.text).toContain('林美玲，您好：');
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toBe('shopper.7001@example.com');
    expect(await notices()?.findOne({ _id: noticeId('7001', 'shp_7001', 'lost') as never })).toMatchObject({ email: { status: 'sent' } });
    expect(smtp.received).toHaveLength(1);
  });

  it('treats an estimate moved later than the threshold as a delay, and follows the per-tier policy managers set', async () => {
    const agent = await signedInClient(app, 'agent');
    const manager = await signedInClient(app, 'manager');
    const narrowed = {
      ...defaultProactiveNoticePolicy,
      tiers: { ...defaultProactiveNoticePolicy.tiers, bronze: { notify: ['lost'], openTicket: ['estimate_slipped'] } },
    };
    expect((await agent.request('PUT', '/api/policy/proactive-notices', { json: narrowed })).status).toBe(403);
    const invalid = await manager.request('PUT', '/api/policy/proactive-notices', { json: { ...narrowed, estimateSlipHours: 0 } });
    expect(invalid.status).toBe(400);
    expect(errorOf(invalid).field).toBe('estimateSlipHours');
    const saved = await manager.request('PUT', '/api/policy/proactive-notices', { json: narrowed });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await agent.request('GET', '/api/policy/proactive-notices')).body).toMatchObject({ policy: narrowed });

    const before = smtp.received.length;
    await ingest('7002', '1Z7002AA10000002', 'en-GB');
    await track(
      afterShipWebhook({
        trackingNumber: '1Z7002AA10000002',
        tag: 'Exception',
        subtag: 'Exception_001',
        updatedAt: hoursFromNow(-1),
        estimatedDelivery: day(4),
        checkpoints: [pickedUp, { at: hoursFromNow(-1), tag: 'Exception', subtag: 'Exception_001', message: 'Held at depot' }],
      }),
    );
    const slipped = await agent.request('GET', `/api/tickets/${proactiveTicketId({ id: noticeId('7002', 'shp_7002', 'estimate_slipped') })}`);
    expect(slipped.status).toBe(200);
    expect(slipped.body).toMatchObject({ ticket: { issueKind: 'order_delayed', language: 'en', proactive: { kind: 'estimate_slipped' } } });
    // Bronze: an exception neither notifies nor opens a ticket under this policy; the slip opens a ticket but emails no one.
    expect(await notices()?.findOne({ _id: noticeId('7002', 'shp_7002', 'exception') as never })).toBeNull();
    expect(await notices()?.findOne({ _id: noticeId('7002', 'shp_7002', 'estimate_slipped') as never })).toMatchObject({ email: { status: 'not_wanted' } });
    expect(smtp.received.length).toBe(before);
  });

  it('reviews shipments an order source reports in trouble too, but not a backfilled old order', async () => {
    const manager = await signedInClient(app, 'manager');
    expect((await manager.request('PUT', '/api/policy/proactive-notices', { json: defaultProactiveNoticePolicy })).status).toBe(200);
    const before = smtp.received.length;
    await ingest('7003', '1Z7003AA10000003', 'zh-CN', { status: 'lost' });
    await ingest('7004', '1Z7004AA10000004', 'zh-CN', { status: 'lost', placedAt: hoursFromNow(-24 * 200) });
    const agent = await signedInClient(app, 'agent');
    const recent = await agent.request('GET', `/api/tickets/${proactiveTicketId({ id: noticeId('7003', 'shp_7003', 'lost') })}`);
    expect(recent.body).toMatchObject({ ticket: { language: 'zh-Hans', issueKind: 'order_missing', proactive: { kind: 'lost' } } });
    const old = await agent.request('GET', `/api/tickets/${proactiveTicketId({ id: noticeId('7004', 'shp_7004', 'lost') })}`);
    expect(old.status).toBe(404);
    expect(await notices()?.findOne({ _id: noticeId('7004', 'shp_7004', 'lost') as never })).toBeNull();
    const mails = await smtp.waitFor(before + 1);
    expect(mails.slice(before).map((mail) => mail.subject)).toEqual(['订单 #7003：承运商报告您的包裹已丢失']);
  });
});
