import type { Outbox } from '@loyaldesk/platform/outbox';
import * as replies from '../answers/dialog-replies.ts';
import { replyWith, type ActionHandler, type ActionHandlers } from '../conversations/action-handler.ts';
import type { SurveyRecord } from '../conversations/conversation.ts';
import { transitionFrom } from '../conversations/conversation-change.ts';
import type { ConversationStore } from '../conversations/storage/conversation-store.ts';
import { surveyAnsweredOutboxEvent } from '../outbox/chat-outbox-events.ts';
import type { NpsSchedule } from './nps-schedule.ts';
import { nextSurveyQuestion } from './survey-flow.ts';

/**
 * A survey the shopper skipped: no question left, finished now; null when there was none. Pure.
 * @example skippedSurvey({ step: 'ces', answers: { csat: 5 }, … }, now) // { step: null, answers: { csat: 5 }, finishedAt: now, … }
 */
export function skippedSurvey(survey: SurveyRecord | null, now: Date): SurveyRecord | null {
  return survey ? { ...survey, step: null, finishedAt: now } : null;
}

/** `survey_invalid` and `survey_skip`: the survey's own answers that store nothing but the conversation's fields. */
export function createSurveyReplyHandlers(deps: {
  clock: () => Date;
}): ActionHandlers<'survey_invalid' | 'survey_skip'> {
  return {
    survey_invalid: (action, turn) => replyWith(turn, replies.surveyInvalidReply(turn.language, action.question)),
    survey_skip: (_action, turn) => ({
      replies: [replies.surveyThanksReply(turn.language)],
      patch: { ...turn.patch, survey: skippedSurvey(turn.conversation.survey, deps.clock()) },
    }),
  };
}

/**
 * `survey_answer`: stores the score and asks the next question (NPS only when the customer's slot is
 * free), then records the answers so far for ticketing.
 */
export function createSurveyAnswerHandler(deps: {
  store: ConversationStore;
  outbox: Pick<Outbox, 'record'>;
  npsSchedule: NpsSchedule;
  clock: () => Date;
}): ActionHandler<'survey_answer'> {
  return async (action, turn) => {
    const { conversation, language } = turn;
    const { question, score } = action;
    const survey = conversation.survey;
    if (!survey) return { replies: [replies.menuReply(language, conversation.customerId !== null)], patch: null };
    const now = deps.clock();
    const answers = { ...survey.answers, [question]: score };
    let next = nextSurveyQuestion(question, false);
    if (question === 'ces' && conversation.customerId) {
      // Claimed only when about to be asked, so a shopper who leaves early keeps their slot.
      next = (await deps.npsSchedule.claim(conversation.customerId, now)) ? 'nps' : null;
    }
    const updated = await deps.store.changeState(
      conversation.id,
      transitionFrom(['closed'], {
        language,
        survey: { ...survey, answers, step: next, finishedAt: next ? null : now },
      }),
      now,
    );
    if (!updated) return { replies: [], patch: null };
    await deps.outbox.record(
      surveyAnsweredOutboxEvent(
        {
          conversationId: conversation.id,
          ticketId: survey.ticketId,
          customerId: conversation.customerId,
          language,
          handedOff: conversation.handoff !== null,
          answers,
          answeredAt: now.toISOString(),
        },
        question,
      ),
    );
    return {
      replies: [next ? replies.surveyQuestionReply(language, next) : replies.surveyThanksReply(language)],
      patch: null,
    };
  };
}
