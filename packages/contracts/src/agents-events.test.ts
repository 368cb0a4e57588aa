import { describe, expect, it } from 'vitest';
import { agentClientEvents, agentServerEvents, slaBreachedEventSchema } from './agents-events.ts';

describe('/agents events', () => {
  it('gives every server event its own name, the chat bot’s included', () => {
    const names = Object.values(agentServerEvents);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['shopper.typing', 'verification.locked', 'ticket.sla_breached']));
    expect(Object.values(agentClientEvents)).toEqual(['ticket.watch', 'ticket.unwatch', 'typing', 'presence.list']);
  });

  it('refuses an SLA breach of a tier that does not exist', () => {
    const breach = {
      ticketId: 't_1',
      kind: 'firstResponse',
      at: '2026-03-01T10:00:00.000Z',
      tier: 'gold',
      assigneeId: null,
      explanation: '',
    };
    expect(slaBreachedEventSchema.safeParse(breach).success).toBe(true);
    expect(slaBreachedEventSchema.safeParse({ ...breach, tier: 'diamond' }).error?.issues[0]?.path).toEqual(['tier']);
  });
});
