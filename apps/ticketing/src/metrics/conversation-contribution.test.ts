import { describe, expect, it } from 'vitest';
import { conversationContribution } from './conversation-contribution.ts';
import { mergeSurvey } from './record-conversation-survey.ts';

const closedAt = new Date('2026-03-02T10:00:00Z');

describe('conversationContribution', () => {
  it('counts a bot-only chat’s survey as the bot’s CSAT (4–5 positive) and CES on the closing day', () => {
    const [line] = conversationContribution({
      conversationId: 'conv_1',
      closedAt,
      handedOff: false,
      language: 'en',
      survey: { csat: 4, ces: 2, nps: 9 },
    });
    expect(line?.day).toBe('2026-03-02');
    expect(line?.counters).toEqual({
      conversationsClosed: 1,
      conversationsHandedOff: 0,
      botCsatResponses: 1,
      botCsatPositive: 1,
      botCsatTotal: 4,
      botCesResponses: 1,
      botCesTotal: 2,
    });
  });

  it('leaves a handed-off chat’s survey to its ticket', () => {
    const [line] = conversationContribution({
      conversationId: 'conv_2',
      closedAt,
      handedOff: true,
      language: 'en',
      survey: { csat: 1 },
    });
    expect(line?.counters).toEqual({ conversationsClosed: 1, conversationsHandedOff: 1 });
  });
});

describe('mergeSurvey', () => {
  it('keeps earlier answers and takes each event’s own', () => {
    expect(mergeSurvey({ csat: 2 }, { ces: 5 })).toEqual({ csat: 2, ces: 5 });
    expect(mergeSurvey({ csat: 2, ces: 5 }, { csat: 3 })).toEqual({ csat: 3, ces: 5 });
    expect(mergeSurvey(null, { nps: 10 })).toEqual({ nps: 10 });
  });
});
