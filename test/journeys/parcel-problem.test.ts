// Issue 22 §6: a missing parcel is handed off only after the bot tried to verify the shopper, told
// them what the tracking shows, and the ticket carries the verified customer, order and tracking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chatServerEvents, messageCreatedEventSchema } from '@loyaldesk/contracts/chat-events';
import { handoffTicketId } from '@loyaldesk/contracts/handoff';
import { ticketDetailResponseSchema } from '@loyaldesk/contracts/tickets-api';
import type { OrderInput } from '@loyaldesk/customer-profile/schemas';
import { createCustomerProfileService } from '@loyaldesk/customer-profile/service';
import { connectMongo } from '@loyaldesk/platform/mongo';
import { signInAgent, type AgentSession } from '../support/agent-session.ts';
import { eventually } from '../support/eventually.ts';
import { connectShopper, type ShopperClient } from '../support/shopper-client.ts';
import { startStack, type Stack } from '../support/stack.ts';

const dayMs = 86_400_000;
const kettleOwner = { id: 'cus_kettle', email: 'kettle.owner@example.com', name: 'Kim Kettle' };
const trackingNumber = 'LX075051085CA';

/** An earlier big order (so the customer is above bronze) and order 1038: a kettle stuck in transit for two weeks. */
function kettleOrders(now: number): OrderInput[] {
  return [
    {
      number: '1030',
      customer: kettleOwner,
      placedAt: new Date(now - 40 * dayMs),
      status: 'delivered',
      currency: 'USD',
      lineItems: [{ sku: 'SOFA', name: 'Sofa', quantity: 1, unitPrice: 150_000 }],
      totals: { subtotal: 150_000, total: 150_000 },
      shipments: [],
    },
    {
      number: '1038',
      customer: kettleOwner,
      placedAt: new Date(now - 16 * dayMs),
      status: 'shipped',
      currency: 'USD',
      lineItems: [{ sku: 'KETTLE', name: 'Copper kettle', quantity: 1, unitPrice: 12_000 }],
      totals: { subtotal: 12_000, total: 12_000 },
      shipments: [
        {
          id: 'shp_kettle',
          carrier: 'Canada Post',
          trackingNumber,
          status: 'in_transit',
          shippedAt: new Date(now - 15 * dayMs),
          events: [
            { at: new Date(now - 15 * dayMs), status: 'label_created', description: 'Label created' },
            {
              at: new Date(now - 14 * dayMs),
              status: 'in_transit',
              location: 'Mississauga, ON',
              description: 'Item processed',
            },
          ],
        },
      ],
    },
  ];
}

// The ticket fields this journey reads, over the contract's detail response.
const customerViewSchema = z.object({
  id: z.string(),
  tier: z.string(),
  value: z.object({ percentile: z.number() }),
});
const orderViewSchema = z.object({
  number: z.string(),
  shipments: z.array(z.object({ carrier: z.string(), trackingNumber: z.string(), status: z.string() })),
});

describe('parcel problems in chat (issue 22 §6)', () => {
  let stack: Stack;
  let agent: AgentSession;
  const shoppers: ShopperClient[] = [];

  beforeAll(async () => {
    stack = await startStack();
    const connection = await connectMongo({ uri: stack.mongoUri, dbName: stack.dbName, attempts: 3 });
    try {
      const profiles = createCustomerProfileService({ connection });
      await profiles.init();
      for (const order of kettleOrders(Date.now())) await profiles.ingestOrder(order);
    } finally {
      await connection.close();
    }
    agent = await signInAgent(stack.ticketingUrl, 'agent');
  }, 240_000);
  afterAll(async () => {
    for (const shopper of shoppers) shopper.close();
    await stack?.stop();
  }, 60_000);

  async function newShopper(): Promise<{ shopper: ShopperClient; conversationId: string }> {
    const shopper = await connectShopper(stack.chatUrl);
    shoppers.push(shopper);
    const { conversationId } = await shopper.start({ language: 'en' });
    return { shopper, conversationId };
  }

  /** The bot's next `count` messages after sending `text`, in order. */
  async function replies(shopper: ShopperClient, text: string, count: number): Promise<string[]> {
    const from = shopper.events.length;
    await shopper.send(text);
    const seen = new Set<string>();
    const bodies: string[] = [];
    for (let i = 0; i < count; i++) {
      const { message } = await shopper.waitFor(chatServerEvents.messageCreated, messageCreatedEventSchema, {
        from,
        matches: (event) => event.message.author.kind === 'bot' && !seen.has(event.message.id),
      });
      seen.add(message.id);
      bodies.push(message.body);
    }
    return bodies;
  }

  async function ticketOf(conversationId: string) {
    const ticketId = handoffTicketId(conversationId);
    return eventually(`ticket ${ticketId}`, async () => {
      const response = await agent.get(`/tickets/${ticketId}`);
      return response.status === 200 ? ticketDetailResponseSchema.parse(response.body) : null;
    });
  }

  it('"hey my kettle never arrived, order 1038": asks for the email, shows the tracking, hands off; the ticket has the verified customer, tier, value and order 1038', async () => {
    const { shopper, conversationId } = await newShopper();
    const [question] = await replies(shopper, 'hey my kettle never arrived, order 1038', 1);
    expect(question).toMatch(/email address/);
    expect(question).toContain('#1038');

    const [tracking, handedOff] = await replies(shopper, kettleOwner.email, 2);
    expect(tracking).toContain("Here's what the tracking shows:");
    expect(tracking).toContain(`Canada Post ${trackingNumber}, in transit`);
    expect(tracking).toContain('Item processed');
    expect(handedOff).toMatch(/passing this to a person/);

    const detail = await ticketOf(conversationId);
    const customer = customerViewSchema.parse(detail.customer);
    expect(detail.ticket).toMatchObject({
      customerId: kettleOwner.id,
      issueKind: 'order_missing',
      orderNumber: '1038',
      namedOrders: [{ number: '1038', verified: true }],
      shopperVerification: 'verified',
    });
    // Ranked by the customer's real standing, not as an unknown bronze guest.
    expect(customer.tier).not.toBe('bronze');
    expect(detail.ticket.breakdown.tier).toBe(customer.tier);
    expect(detail.ticket.breakdown.valuePercentile).toBe(customer.value.percentile);
    // The customer 360's order carries the tracking the console shows.
    expect(orderViewSchema.parse(detail.order)).toMatchObject({
      number: '1038',
      shipments: [{ carrier: 'Canada Post', trackingNumber, status: 'in_transit' }],
    });
  });

  it('"I don\'t want to say": hands off unverified, marked so, with order 1038 marked unverified and no order details shown', async () => {
    const { shopper, conversationId } = await newShopper();
    await replies(shopper, 'hey my kettle never arrived, order 1038', 1);
    const [notVerified, handedOff] = await replies(shopper, "I don't want to say", 2);
    expect(notVerified).toMatch(/without confirming the order/);
    expect(notVerified).not.toContain(trackingNumber);
    expect(handedOff).toMatch(/passing this to a person/);

    const detail = await ticketOf(conversationId);
    expect(detail.ticket).toMatchObject({
      customerId: null,
      orderNumber: '1038',
      namedOrders: [{ number: '1038', verified: false }],
      shopperVerification: 'declined',
    });
    expect(detail.customer).toBeNull();
    expect(detail.order).toBeNull();
    expect(detail.ticket.messages[0]?.body).toMatch(/shopper NOT verified \(declined to give the order's email\)/);
  });

  it('"我的水壶没收到，订单1038": the same in Simplified Chinese', async () => {
    const { shopper, conversationId } = await newShopper();
    const [question] = await replies(shopper, '我的水壶没收到，订单1038', 1);
    expect(question).toContain('邮箱地址');
    const [tracking, handedOff] = await replies(shopper, kettleOwner.email, 2);
    expect(tracking).toContain('物流信息显示');
    expect(tracking).toContain(trackingNumber);
    expect(tracking).toContain('运输中');
    expect(handedOff).toContain('人工客服');

    const detail = await ticketOf(conversationId);
    expect(detail.ticket).toMatchObject({
      customerId: kettleOwner.id,
      language: 'zh-Hans',
      namedOrders: [{ number: '1038', verified: true }],
    });
  });
});
