import { describe, expect, it } from 'vitest';
import { queuePositionEventSchema, ticketResolvedEventSchema, typingEventSchema } from '@loyaldesk/contracts/chat-events';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { buildTicket } from '../testing/ticket-fixtures.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { agentReplyEvents, agentTypingEvent, queuePositionEvent, ticketResolvedEvent } from './chat-link-events.ts';

const t0 = new Date('2026-03-01T10:00:00.000Z');
const chatTicket = (): Ticket => ({
  ...buildTicket('tkt_conv_c1', { createdAt: t0, tier: 'gold', valuePercentile: 90, issueKind: 'order_missing' }, defaultSlaPolicy),
  channel: 'chat',
  conversationId: 'c1',
});

describe('chat link events', () => {
  it('sends the place in line with the wait in whole seconds, null when there is nothing to go by', () => {
    const event = queuePositionEvent('tkt_conv_c1', 'c1', { position: 3, expectedWaitMs: 90_499, groups: [] });
    expect(event).toEqual({ ticketId: 'tkt_conv_c1', conversationId: 'c1', position: 3, expectedWaitSeconds: 90 });
    expect(queuePositionEventSchema.parse(event)).toEqual(event);
    expect(queuePositionEvent('tkt_conv_c1', 'c1', { position: 1, expectedWaitMs: null, groups: [] }).expectedWaitSeconds).toBeNull();
  });

  it('refuses a place in line the contract does not allow, naming the field', () => {
    expect(() => queuePositionEvent('tkt_conv_c1', 'c1', { position: 0, expectedWaitMs: 0, groups: [] })).toThrow(/position/);
  });

  it('announces a resolution once, for chat tickets only', () => {
    const open = chatTicket();
    const resolvedAt = new Date('2026-03-01T10:30:00.000Z');
    const resolved: Ticket = { ...open, status: 'resolved', resolvedAt };
    const event = ticketResolvedEvent(open, resolved);
    expect(event).toEqual({ ticketId: 'tkt_conv_c1', conversationId: 'c1', resolvedAt: resolvedAt.toISOString() });
    expect(ticketResolvedEventSchema.parse(event)).toEqual(event);
    expect(ticketResolvedEvent(resolved, { ...resolved, version: resolved.version + 1 })).toBeNull();
    expect(ticketResolvedEvent(open, { ...resolved, channel: 'web', conversationId: null })).toBeNull();
    expect(ticketResolvedEvent(null, open)).toBeNull();
  });

  it("shows shoppers an agent's reply under the agent's name only, never their internal id", () => {
    const before = chatTicket();
    const at = new Date('2026-03-01T10:05:00.000Z');
    const after: Ticket = {
      ...before,
      messages: [{ id: 'm1', author: { kind: 'agent', id: 'demo-agent', name: 'Avery Agent' }, visibility: 'public', body: 'On it', at }],
    };
    const [event] = agentReplyEvents(before, after);
    expect(event?.message.author).toEqual({ kind: 'agent', name: 'Avery Agent' });
    expect(JSON.stringify(event)).not.toContain('demo-agent');
  });

  it('shows shoppers the typing agent by name only', () => {
    const event = agentTypingEvent({ conversationId: 'c1', ticketId: 'tkt_conv_c1', agentName: 'Avery Agent', typing: true });
    expect(typingEventSchema.parse(event)).toEqual({
      conversationId: 'c1',
      ticketId: 'tkt_conv_c1',
      author: { kind: 'agent', name: 'Avery Agent' },
      typing: true,
    });
  });
});
