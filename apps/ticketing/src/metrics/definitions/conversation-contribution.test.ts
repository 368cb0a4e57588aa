import { describe, expect, it } from 'vitest';
import { conversationContribution, type ClosedConversation } from './conversation-contribution.ts';

function closedChat(handedOff: boolean, survey: ClosedConversation['survey']): ClosedConversation {
  return { conversationId: 'conv_1', closedAt: new Date('2026-03-02T10:00:00Z'), handedOff, language: 'en', survey };
}

describe('conversationContribution', () => {
  it('counts a bot-only chat’s survey as the bot’s CSAT (4–5 positive) and CES, and its NPS in the shop’s, on the closing day', () => {
    const [line] = conversationContribution(closedChat(false, { csat: 4, ces: 2, nps: 9 }));
    expect(line?.day).toBe('2026-03-02');
    expect(line?.counters).toEqual({
      conversationsClosed: 1,
      conversationsHandedOff: 0,
      botCsatResponses: 1,
      botCsatPositive: 1,
      botCsatTotal: 4,
      botCesResponses: 1,
      botCesTotal: 2,
      npsResponses: 1,
      npsPromoters: 1,
      npsDetractors: 0,
    });
    expect(conversationContribution(closedChat(false, { nps: 6 }))[0]?.counters).toMatchObject({
      npsResponses: 1,
      npsPromoters: 0,
      npsDetractors: 1,
    });
    expect(conversationContribution(closedChat(false, { nps: 8 }))[0]?.counters).toMatchObject({
      npsResponses: 1,
      npsPromoters: 0,
      npsDetractors: 0,
    });
  });

  it('leaves a handed-off chat’s survey to its ticket', () => {
    const [line] = conversationContribution(closedChat(true, { csat: 1 }));
    expect(line?.counters).toEqual({ conversationsClosed: 1, conversationsHandedOff: 1 });
  });
});
