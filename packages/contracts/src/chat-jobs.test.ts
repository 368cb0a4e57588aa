import { describe, expect, it } from 'vitest';
import {
  agentEventJobId,
  agentEventJobSchema,
  chatQueueNames,
  shopperMessageJobId,
  shopperMessageJobSchema,
  surveyAnsweredEventSchema,
  surveyAnsweredJobId,
} from './chat-jobs.ts';
import { queueNames } from './queue-names.ts';

const survey = {
  conversationId: 'conv_42',
  ticketId: null,
  customerId: 'cus_7',
  language: 'en',
  handedOff: false,
  answers: { csat: 5, ces: 6 },
  answeredAt: '2026-03-01T10:05:00.000Z',
};

describe('chat jobs', () => {
  it('uses queue names no other queue has', () => {
    const all = [...Object.values(queueNames), ...Object.values(chatQueueNames)];
    expect(new Set(all).size).toBe(all.length);
  });

  it('accepts survey answers on their scales and names the bad one', () => {
    expect(surveyAnsweredEventSchema.parse(survey).answers).toEqual({ csat: 5, ces: 6 });
    const result = surveyAnsweredEventSchema.safeParse({ ...survey, answers: { csat: 5, nps: 11 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe('answers.nps');
    expect(surveyAnsweredEventSchema.safeParse({ ...survey, answers: {} }).success).toBe(false);
  });

  it('keys jobs so a retry adds none', () => {
    expect(surveyAnsweredJobId('conv_42', 'csat')).toBe(surveyAnsweredJobId('conv_42', 'csat'));
    expect(surveyAnsweredJobId('conv_42', 'csat')).not.toBe(surveyAnsweredJobId('conv_42', 'ces'));
    expect(shopperMessageJobId('msg_1')).toBe('chat-message-msg_1');
  });

  it('limits forwarded shopper messages to the shopper limit', () => {
    const job = {
      conversationId: 'conv_42',
      ticketId: null,
      language: 'zh-Hans',
      message: { id: 'msg_1', body: 'x', at: '2026-03-01T10:05:00Z' },
    };
    expect(shopperMessageJobSchema.parse(job).message.id).toBe('msg_1');
    const long = { ...job, message: { ...job.message, body: 'x'.repeat(2001) } };
    expect(shopperMessageJobSchema.safeParse(long).error?.issues[0]?.path.join('.')).toBe('message.body');
  });

  it('takes public agent replies and resolutions for the conversation, and names what is wrong', () => {
    const reply = {
      kind: 'agent_message',
      conversationId: 'conv_42',
      event: {
        conversationId: 'conv_42',
        ticketId: 'tkt_conv_42',
        message: {
          id: 'tmsg_1',
          author: { kind: 'agent', name: 'Ana' },
          body: 'On its way!',
          at: '2026-03-01T10:00:00.000Z',
          visibility: 'public',
        },
      },
    };
    const resolved = {
      kind: 'ticket_resolved',
      conversationId: 'conv_42',
      event: { ticketId: 'tkt_conv_42', conversationId: 'conv_42', resolvedAt: '2026-03-01T10:05:00.000Z' },
    };
    const parsedReply = agentEventJobSchema.parse(reply);
    expect(agentEventJobId(parsedReply)).toBe('agent-message-tmsg_1');
    expect(agentEventJobId(agentEventJobSchema.parse(resolved))).toBe(
      `ticket-resolved-tkt_conv_42-${Date.parse('2026-03-01T10:05:00.000Z')}`,
    );
    const internal = agentEventJobSchema.safeParse({
      ...reply,
      event: { ...reply.event, message: { ...reply.event.message, visibility: 'internal' } },
    });
    expect(internal.error?.issues[0]?.path.join('.')).toBe('event.message.visibility');
    const fromBot = agentEventJobSchema.safeParse({
      ...reply,
      event: { ...reply.event, message: { ...reply.event.message, author: { kind: 'bot' } } },
    });
    expect(fromBot.error?.issues[0]?.path.join('.')).toBe('event.message.author.kind');
    expect(
      agentEventJobSchema.safeParse({ ...resolved, kind: 'ticket_reopened' }).error?.issues[0]?.path.join('.'),
    ).toBe('kind');
  });

  it("never hands the chat bot an agent's internal id: a reply that still carries one parses without it", () => {
    const fromOlderTicketing = agentEventJobSchema.parse({
      kind: 'agent_message',
      conversationId: 'conv_42',
      event: {
        ticketId: 'tkt_conv_42',
        message: { id: 'tmsg_1', author: { kind: 'agent', id: 'agt_1', name: 'Ana' }, body: 'Hi', at: '2026-03-01T10:00:00.000Z' },
      },
    });
    expect(fromOlderTicketing.kind === 'agent_message' && fromOlderTicketing.event.message.author).toEqual({
      kind: 'agent',
      name: 'Ana',
    });
  });
});
