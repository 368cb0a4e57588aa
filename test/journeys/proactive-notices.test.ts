// Issue 22 §5: a parcel in trouble reaches the shopper's chat first, the bot knows it, and their handoff joins the proactive ticket.
import { createHmac } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chatServerEvents,
  messageCreatedEventSchema,
  queuePositionEventSchema,
} from '@loyaldesk/contracts/chat-events';
import { signIdentityToken } from '@loyaldesk/chat-bot/identity-token';
import { dashboardSchema } from '@loyaldesk/contracts/metrics-api';
import { signInAgent } from '../support/agent-session.ts';
import { eventually } from '../support/eventually.ts';
import { connectShopper, type ShopperClient } from '../support/shopper-client.ts';
import { startStack, type Stack } from '../support/stack.ts';

const shopSecret = 'proactive-journey-shop-webhook-secret';
const afterShipSecret = 'proactive-journey-aftership-secret';
const identitySecret = 'proactive-journey-identity-secret-0123';
const hour = 3_600_000;
const hoursFromNow = (hours: number): string => new Date(Date.now() + hours * hour).toISOString();

describe('proactive delivery notices in the chat', () => {
  let stack: Stack;
  let mongo: MongoClient;
  const shoppers: ShopperClient[] = [];

  async function post(path: string, body: string, headers: Record<string, string>): Promise<void> {
    const response = await fetch(`${stack.ticketingUrl}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });
    expect(response.status, await response.text()).toBe(200);
  }

  /** A new customer's order with one shipment in transit, through the shop's signed order webhook. */
  async function ingestOrder(number: string, locale: string): Promise<void> {
    const order = {
      number,
      customer: { id: `cus_${number}`, email: `shopper.${number}@example.com`, name: 'Mei Lin', locale },
      placedAt: hoursFromNow(-96),
      status: 'shipped',
      currency: 'USD',
      lineItems: [{ sku: 'KETTLE-1', name: 'Kettle', quantity: 1, unitPrice: 12_900 }],
      totals: { subtotal: 12_900, total: 12_900 },
      shipments: [
        {
          id: `shp_${number}`,
          carrier: 'UPS',
          trackingNumber: `1Z${number}AA1000000`,
          status: 'in_transit',
          shippedAt: hoursFromNow(-80),
          estimatedDelivery: hoursFromNow(24),
          events: [],
        },
      ],
    };
    const body = JSON.stringify({ id: `evt_order_${number}`, type: 'order.created', order });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', shopSecret).update(`${timestamp}.`).update(body).digest('hex');
    await post('/api/webhooks/orders', body, { 'X-Loyaldesk-Signature': `t=${timestamp},v1=${signature}` });
  }

  /** AfterShip reports an exception (held at the depot) on the order's parcel. */
  async function reportException(number: string): Promise<void> {
    const trackingNumber = `1Z${number}AA1000000`;
    const checkpoint = (at: string, tag: string, message: string) => ({
      slug: 'ups',
      city: 'Louisville',
      created_at: at,
      location: 'Louisville, KY, USA',
      message,
      tag,
      subtag: `${tag}_001`,
      checkpoint_time: at,
    });
    const body = JSON.stringify({
      event: 'tracking_update',
      event_id: `5f1c1e8a-0000-4000-8000-00000000${number}`,
      ts: Math.floor(Date.now() / 1000),
      msg: {
        id: `trk${number}`,
        tracking_number: trackingNumber,
        slug: 'ups',
        tag: 'Exception',
        subtag: 'Exception_001',
        updated_at: hoursFromNow(-1),
        checkpoints: [
          checkpoint(hoursFromNow(-72), 'InTransit', 'Picked up'),
          checkpoint(hoursFromNow(-3), 'Exception', 'Held at depot'),
        ],
      },
    });
    const signature = createHmac('sha256', afterShipSecret).update(body).digest('base64');
    await post('/api/webhooks/aftership', body, { 'aftership-hmac-sha256': signature });
  }

  async function signedInShopper(
    customerId: string,
    language: 'en' | 'zh-Hant',
  ): Promise<{ shopper: ShopperClient; conversationId: string; sessionToken: string }> {
    const shopper = await connectShopper(stack.chatUrl);
    shoppers.push(shopper);
    const identityToken = signIdentityToken(identitySecret, customerId, new Date(Date.now() + hour));
    const ready = await shopper.start({ language, identityToken });
    expect(ready.customerVerified).toBe(true);
    return { shopper, conversationId: ready.conversationId, sessionToken: ready.sessionToken };
  }

  const noticeOf = (conversationId: string) => ({
    matches: (event: { conversationId?: string | undefined; message: { author: { id?: string | undefined } } }) =>
      event.conversationId === conversationId && event.message.author.id === 'delivery-notice',
  });

  beforeAll(async () => {
    stack = await startStack({
      env: {
        ticketing: { SHOP_WEBHOOK_SECRET: shopSecret, AFTERSHIP_WEBHOOK_SECRET: afterShipSecret },
        'chat-bot': { SHOP_IDENTITY_SECRET: identitySecret },
      },
    });
    mongo = await MongoClient.connect(stack.mongoUri);
  }, 240_000);
  afterAll(async () => {
    for (const shopper of shoppers) shopper.close();
    await mongo?.close();
    await stack?.stop();
  }, 60_000);

  it('shows the notice live on the open chat, and the bot then knows; asking for a person joins the proactive ticket', async () => {
    await ingestOrder('7101', 'en-US');
    const { shopper, conversationId } = await signedInShopper('cus_7101', 'en');
    await shopper.ask('hello');

    const from = shopper.events.length;
    await reportException('7101');
    const notice = await shopper.waitFor(chatServerEvents.messageCreated, messageCreatedEventSchema, {
      ...noticeOf(conversationId),
      from,
    });
    expect(notice.message.body).toMatch(
      /^Order #7101: UPS reports a problem with your parcel \(1Z7101AA1000000\) since .+\. A person on our team is already on it/,
    );

    const askedFrom = shopper.events.length;
    await shopper.send('where is my order 7101');
    const known = await shopper.waitFor(chatServerEvents.messageCreated, messageCreatedEventSchema, {
      from: askedFrom,
      matches: (event) => event.message.author.kind === 'bot' && /held up since/.test(event.message.body),
    });
    expect(known.message.body).toMatch(
      /^I can see your parcel for order #7101 has been held up since .+ \(UPS reports a problem with your parcel\)\. A person on our team is already on it\.$/,
    );

    const tickets = mongo.db(stack.dbName).collection('tickets');
    const proactive = await eventually('the proactive ticket', () =>
      tickets.findOne({ customerId: 'cus_7101', proactive: { $ne: null } }),
    );
    const handoffFrom = shopper.events.length;
    await shopper.send('talk to a human');
    const place = await shopper.waitFor(chatServerEvents.queuePosition, queuePositionEventSchema, {
      from: handoffFrom,
    });
    expect(place.ticketId).toBe(proactive._id);
    const joined = await tickets.find({ customerId: 'cus_7101' }).toArray();
    expect(
      joined.map((ticket) => ({
        id: ticket._id,
        conversationId: ticket['conversationId'],
        channel: ticket['channel'],
      })),
    ).toEqual([{ id: proactive._id, conversationId, channel: 'chat' }]);
    expect(await tickets.countDocuments({ conversationId })).toBe(1);
  });

  it('keeps the notice for a shopper who left, in their language, counted unread when they come back', async () => {
    await ingestOrder('7102', 'zh-TW');
    const first = await signedInShopper('cus_7102', 'zh-Hant');
    await first.shopper.ask('你好');
    first.shopper.close();

    await reportException('7102');
    const stored = await eventually('the notice in the conversation', () =>
      mongo
        .db(stack.dbName)
        .collection('chat_customer_notices')
        .findOne({ _id: 'cus_7102' as never, shown: { $size: 1 } }),
    );
    expect(stored['conversationId']).toBe(first.conversationId);

    const back = await connectShopper(stack.chatUrl);
    shoppers.push(back);
    const ready = await back.start({ sessionToken: first.sessionToken });
    expect(ready.resumed).toBe(true);
    expect(ready.unreadCount).toBe(1);
    const last = ready.messages[ready.messages.length - 1];
    expect(last?.author).toEqual({ kind: 'bot', id: 'delivery-notice' });
    expect(last?.body).toMatch(
      /^訂單 #7102：UPS 自.+起回報您的包裹出現異常（1Z7102AA1000000）。我們的客服人員已在處理/,
    );
    // Counted once: the next visit has nothing unread.
    const again = await connectShopper(stack.chatUrl);
    shoppers.push(again);
    expect((await again.start({ sessionToken: first.sessionToken })).unreadCount).toBeUndefined();
  });

  it('keeps the notice of a customer with no conversation yet: the bot knows once they verify with the order email', async () => {
    await ingestOrder('7103', 'en-US');
    await reportException('7103');
    await eventually('the notice kept for the customer', () =>
      mongo
        .db(stack.dbName)
        .collection('chat_customer_notices')
        .findOne({ _id: 'cus_7103' as never, 'notices.orderNumber': '7103' }),
    );
    const shopper = await connectShopper(stack.chatUrl);
    shoppers.push(shopper);
    await shopper.start({ language: 'en' });
    expect((await shopper.ask('where is my order 7103')).body).toMatch(/email/i);
    const from = shopper.events.length;
    await shopper.send('shopper.7103@example.com');
    const known = await shopper.waitFor(chatServerEvents.messageCreated, messageCreatedEventSchema, {
      from,
      matches: (event) => /held up since/.test(event.message.body),
    });
    expect(known.message.body).toMatch(/^I can see your parcel for order #7103 has been held up since /);
  });

  it('a guest whose parcel "never arrived": verified by the order email, told what the bot knows, handed off into the proactive ticket', async () => {
    await ingestOrder('7104', 'en-US');
    await reportException('7104');
    const tickets = mongo.db(stack.dbName).collection('tickets');
    const proactive = await eventually('the proactive ticket', () =>
      tickets.findOne({ customerId: 'cus_7104', proactive: { $ne: null } }),
    );
    const shopper = await connectShopper(stack.chatUrl);
    shoppers.push(shopper);
    const { conversationId } = await shopper.start({ language: 'en' });
    expect(
      (await shopper.ask('hey my kettle never arrived, order 7104, tracking hasnt moved in 2 weeks')).body,
    ).toMatch(/email/i);
    const from = shopper.events.length;
    await shopper.send('shopper.7104@example.com');
    const known = await shopper.waitFor(chatServerEvents.messageCreated, messageCreatedEventSchema, {
      from,
      matches: (event) => /held up since/.test(event.message.body),
    });
    expect(known.message.body).toMatch(
      /^I can see your parcel for order #7104 has been held up since .+A person on our team is already on it\.$/,
    );
    const place = await shopper.waitFor(chatServerEvents.queuePosition, queuePositionEventSchema, { from });
    expect(place.ticketId).toBe(proactive._id);
    expect(await tickets.countDocuments({ customerId: 'cus_7104' })).toBe(1);
    expect(await tickets.countDocuments({ conversationId })).toBe(1);
  });

  it('counts the notices sent and the proactive tickets on the managers dashboard', async () => {
    const manager = await signInAgent(stack.ticketingUrl, 'manager');
    const today = new Date().toISOString().slice(0, 10);
    const figures = await eventually('the four notices on the dashboard', async () => {
      const dashboard = await manager.expect('get', `/metrics?from=${today}&to=${today}`, dashboardSchema);
      return dashboard.deliveryNotices.noticesSent === 4 ? dashboard.deliveryNotices : null;
    });
    expect(figures).toEqual({
      noticesSent: 4,
      proactiveTicketsOpened: 4,
      windowDays: 90,
      notified: { shoppers: 4, repurchased: 0, rate: 0 },
      notNotified: { shoppers: 0, repurchased: 0, rate: null },
      complete: false,
    });
  });
});
