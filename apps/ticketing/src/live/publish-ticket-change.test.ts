import { describe, expect, it } from 'vitest';
import { chatServerEvents, conversationRoom, messageCreatedEventSchema } from '@loyaldesk/contracts/chat-events';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { buildTicket } from '../testing/ticket-fixtures.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { RoomEmitter } from './agent-events.ts';
import { publishTicketChange } from './publish-ticket-change.ts';

/** Records what would go out, by room; the socket transport itself is covered by the integration tests. */
function recordingEmitter(): RoomEmitter & { sent: Array<{ rooms: string[]; event: string; payload: unknown }> } {
  const sent: Array<{ rooms: string[]; event: string; payload: unknown }> = [];
  return {
    sent,
    to(room) {
      const rooms = Array.isArray(room) ? room : [room];
      return { emit: (event: string, payload: unknown) => sent.push({ rooms, event, payload }) };
    },
  };
}

const t0 = new Date('2026-03-01T10:00:00.000Z');

describe('publishTicketChange', () => {
  const before: Ticket = {
    ...buildTicket('tkt_conv_c7', { createdAt: t0, tier: 'silver', valuePercentile: null, issueKind: 'general' }, defaultSlaPolicy),
    channel: 'chat',
    conversationId: 'c7',
    status: 'assigned',
    assigneeId: 'demo-agent',
  };
  const reply = {
    id: 'msg_0123456789abcdef',
    author: { kind: 'agent' as const, id: 'demo-agent', name: 'Avery Agent' },
    visibility: 'public' as const,
    body: 'Your parcel left the depot this morning.',
    at: new Date('2026-03-01T10:05:00.000Z'),
  };

  it('sends a public agent reply to the conversation room as the contracts’ message.created', () => {
    const agents = recordingEmitter();
    const chat = recordingEmitter();
    publishTicketChange({ agents, chat }, before, { ...before, messages: [...before.messages, reply], version: 1 });
    expect(chat.sent).toHaveLength(1);
    const [sent] = chat.sent;
    expect(sent?.rooms).toEqual([conversationRoom('c7')]);
    expect(sent?.event).toBe(chatServerEvents.messageCreated);
    const event = messageCreatedEventSchema.parse(sent?.payload);
    expect(event).toMatchObject({
      conversationId: 'c7',
      ticketId: 'tkt_conv_c7',
      message: { id: reply.id, author: { kind: 'agent', name: 'Avery Agent' }, body: reply.body, at: '2026-03-01T10:05:00.000Z' },
    });
  });

  it('keeps internal notes and shopper messages away from the shopper’s room', () => {
    const chat = recordingEmitter();
    const note = { ...reply, id: 'msg_note', visibility: 'internal' as const };
    const shopper = { ...reply, id: 'msg_shopper', author: { kind: 'customer' as const } };
    publishTicketChange({ agents: recordingEmitter(), chat }, before, { ...before, messages: [note, shopper], version: 1 });
    expect(chat.sent).toEqual([]);
  });
});
