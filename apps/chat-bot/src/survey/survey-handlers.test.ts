import { describe, expect, it } from 'vitest';
import * as replies from '../answers/dialog-replies.ts';
import { testTurn } from '../testing/turn-context.ts';
import { createSurveyReplyHandlers, skippedSurvey } from './survey-handlers.ts';
import { startSurvey } from './survey-flow.ts';

const started = new Date('2026-03-01T10:00:00Z');
const now = new Date('2026-03-01T10:05:00Z');

describe('skippedSurvey', () => {
  it('ends the survey now and keeps the answers given', () => {
    const survey = { ...startSurvey('tkt_1', started), step: 'ces' as const, answers: { csat: 5 } };
    expect(skippedSurvey(survey, now)).toEqual({ ...survey, step: null, finishedAt: now });
  });

  it('is null without a survey', () => {
    expect(skippedSurvey(null, now)).toBeNull();
  });
});

describe('createSurveyReplyHandlers', () => {
  const handlers = createSurveyReplyHandlers({ clock: () => now });

  it('thanks a shopper who skips, writing the ended survey with the plan’s fields', async () => {
    const survey = startSurvey(null, started);
    const result = await handlers.survey_skip(
      { kind: 'survey_skip' },
      testTurn({ conversation: { state: 'closed', survey }, patch: { language: 'zh-Hant' } }),
    );
    expect(result).toEqual({
      replies: [replies.surveyThanksReply('en')],
      patch: { language: 'zh-Hant', survey: { ...survey, step: null, finishedAt: now } },
    });
  });

  it('asks again on the question’s scale for an answer that is not one', async () => {
    const result = await handlers.survey_invalid({ kind: 'survey_invalid', question: 'csat' }, testTurn());
    expect(result.replies).toEqual([replies.surveyInvalidReply('en', 'csat')]);
  });
});
