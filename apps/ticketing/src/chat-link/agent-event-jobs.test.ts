import { describe, expect, it } from 'vitest';
import { agentEventJobId, agentEventJobSchema } from '@loyaldesk/contracts/chat-jobs';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { buildTicket } from '../testing/ticket-fixtures.ts';
import type { Ticket, TicketMessage } from '../tickets/ticket.ts';
import { agentEventJobs } from './agent-event-jobs.ts';

const t0 = new Date('2026-03-01T10:00:00.000Z');
const chatTicket = (): Ticket => ({
  ...buildTicket(
    'tkt_conv_c1',
    { createdAt: t0, tier: 'gold', valuePercentile: 90, issueKind: 'order_delayed' },
    defaultSlaPolicy,
  ),
  channel: 'chat',
  conversationId: 'c1',
});
const message = (id: string, overrides: Partial<TicketMessage> = {}): TicketMessage => ({
  id,
  author: { kind: 'agent', id: 'agt_1', name: 'Mei' },
  visibility: 'public',
  body: `reply ${id}`,
  at: new Date('2026-03-01T10:05:00.000Z'),
  ...overrides,
});

describe('agent event jobs (ticketing → chat bot)', () => {
  it('queues each new public agent reply of a chat ticket, not notes, not the shopper’s own messages', () => {
    const before = { ...chatTicket(), messages: [message('m0')] };
    const after: Ticket = {
      ...before,
      messages: [
        message('m0'),
        message('m1'),
        message('n1', { visibility: 'internal' }),
        message('s1', { author: { kind: 'customer' } }),
        message('m2', { body: 'Second reply' }),
      ],
    };
    const jobs = agentEventJobs(before, after);
    expect(jobs.map((job) => agentEventJobId(job))).toEqual(['agent-message-m1', 'agent-message-m2']);
    expect(jobs[1]).toEqual({
      kind: 'agent_message',
      conversationId: 'c1',
      event: {
        conversationId: 'c1',
        ticketId: 'tkt_conv_c1',
        // The agent by display name only: the shopper never sees the internal agent id.
        message: {
          id: 'm2',
          author: { kind: 'agent', name: 'Mei' },
          visibility: 'public',
          body: 'Second reply',
          at: '2026-03-01T10:05:00.000Z',
        },
      },
    });
    for (const job of jobs) expect(agentEventJobSchema.parse(job)).toEqual(job);
  });

  it('queues the resolution once, and nothing for a ticket without a conversation', () => {
    const open = chatTicket();
    const resolved: Ticket = { ...open, status: 'resolved', resolvedAt: new Date('2026-03-01T10:30:00.000Z') };
    expect(agentEventJobs(open, resolved)).toEqual([
      {
        kind: 'ticket_resolved',
        conversationId: 'c1',
        event: { ticketId: 'tkt_conv_c1', conversationId: 'c1', resolvedAt: '2026-03-01T10:30:00.000Z' },
      },
    ]);
    expect(agentEventJobs(resolved, { ...resolved, version: resolved.version + 1 })).toEqual([]);
    const web: Ticket = { ...open, channel: 'web', conversationId: null, messages: [message('m1')] };
    expect(agentEventJobs(null, web)).toEqual([]);
    expect(agentEventJobs(null, open)).toEqual([]);
  });
});
