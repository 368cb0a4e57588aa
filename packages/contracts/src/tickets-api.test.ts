import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  activeTicketStatuses,
  ticketListResponseSchema,
  ticketSchema,
  ticketSchemasWith,
  ticketStatuses,
  ticketSummarySchema,
} from './tickets-api.ts';

const at = '2026-03-01T10:00:00.000Z';

const summary = {
  id: 'tkt_1',
  status: 'open',
  subject: 'Where is my parcel?',
  channel: 'chat',
  conversationId: 'conv_42',
  customerId: 'cus_7',
  customerName: 'Ada',
  tier: 'gold',
  valuePercentile: 96,
  language: 'zh-Hant',
  skill: 'shipping',
  issueKind: 'order_missing',
  createdAt: at,
  deadline: at,
  resolutionDeadline: at,
  explanation: 'Gold, top 5%, missing parcel: 10 min',
  assigneeId: null,
  breached: false,
  messageCount: 1,
  reopenCount: 0,
  updatedAt: at,
  version: 1,
};

/** A ticket as ticketing keeps it (Dates), built with the contracts' own schema. */
const storedTicket = ticketSchemasWith(z.date()).ticket.parse({
  id: 'tkt_1',
  status: 'assigned',
  customerId: 'cus_7',
  customerName: 'Ada',
  language: 'en',
  skill: 'shipping',
  issueKind: 'order_missing',
  createdAt: new Date(at),
  deadline: new Date(at),
  resolutionDeadline: new Date(at),
  breakdown: {
    tier: 'gold',
    tierTargetMinutes: 40,
    valuePercentile: 96,
    valueAdjustment: { topPercent: 5, factor: 0.5 },
    issueKind: 'order_missing',
    issueKindFactor: 0.5,
    targetMinutes: 10,
    tierResolutionMinutes: 720,
    resolutionTargetMinutes: 180,
  },
  explanation: 'Gold, top 5%, missing parcel: 10 min',
  assigneeId: 'agt_1',
  assignedAt: new Date(at),
  history: [{ from: null, to: 'open', by: { kind: 'system' }, at: new Date(at), action: 'open' }],
  channel: 'chat',
  conversationId: 'conv_42',
  subject: 'Where is my parcel?',
  requester: null,
  orderNumber: '1042',
  messages: [{ id: 'msg_1', author: { kind: 'customer' }, visibility: 'public', body: 'Hello', at: new Date(at) }],
  firstShopperMessageAt: new Date(at),
  firstRepliedAt: null,
  resolvedAt: null,
  closedAt: null,
  reopenCount: 0,
  slaBreaches: { firstResponse: null, resolution: null },
  survey: { csat: 5, answeredAt: new Date(at) },
  updatedAt: new Date(at),
  version: 3,
});

describe('ticket summary (what queues and lists show)', () => {
  it('keeps the channel and the conversation of a chat ticket', () => {
    const [item] = ticketListResponseSchema.parse({ items: [summary], nextCursor: null }).items;
    expect(item?.channel).toBe('chat');
    expect(item?.conversationId).toBe('conv_42');
  });

  it('refuses a channel that is not one of the three', () => {
    const result = ticketSummarySchema.safeParse({ ...summary, channel: 'fax' });
    expect(result.error?.issues[0]?.path).toEqual(['channel']);
  });

  it('reads entries indexed before the conversation and name were kept as null', () => {
    const { conversationId: _conversationId, customerName: _customerName, ...older } = summary;
    expect(ticketSummarySchema.parse(older)).toMatchObject({ conversationId: null, customerName: null });
  });
});

describe('ticket (one shape for the API and for ticketing)', () => {
  it('parses a stored ticket once JSON has made its Dates ISO strings', () => {
    const sent = ticketSchema.parse(JSON.parse(JSON.stringify(storedTicket)));
    expect(sent.createdAt).toBe(at);
    expect(sent.messages[0]?.at).toBe(at);
    expect(sent.survey).toEqual({ csat: 5, answeredAt: at });
  });

  it('refuses a timestamp that is not ISO 8601 in UTC', () => {
    const sent = JSON.parse(JSON.stringify(storedTicket)) as Record<string, unknown>;
    expect(ticketSchema.safeParse({ ...sent, deadline: 'tomorrow' }).error?.issues[0]?.path).toEqual(['deadline']);
  });

  it('counts open, assigned and pending as active, and only those', () => {
    expect(ticketStatuses.filter((status) => activeTicketStatuses.includes(status))).toEqual([
      'open',
      'assigned',
      'pending',
    ]);
  });
});
