import type { Language } from '@loyaldesk/contracts/language';
import type { SurveyAnswerSet } from '../../tickets/survey-answers.ts';
import { dayOf } from '../rollups/rollup-keys.ts';
import { csatPositive, npsCounters } from './survey-scores.ts';
import type { RollupContribution } from './ticket-contribution.ts';

/** A closed chat conversation as the metrics keep it (`conversation_metrics`, `_id` = conversation id). */
export interface ClosedConversation {
  conversationId: string;
  closedAt: Date;
  handedOff: boolean;
  language: Language;
  /** The shopper's survey answers when the bot closed the chat without a human (a ticket keeps its own). */
  survey?: SurveyAnswerSet | null;
}

/**
 * What a closed conversation adds to the rollups of its closing day: one closed chat, and one
 * handoff if a human took over. Bot containment = chats closed without a handoff / chats closed.
 * A bot-only chat's survey answers count as the bot's CSAT (4–5 positive) and CES, and its NPS
 * answer in the shop's NPS (a handed-off chat's answers are its ticket's).
 */
export function conversationContribution(conversation: ClosedConversation): RollupContribution[] {
  const counters: RollupContribution['counters'] = {
    conversationsClosed: 1,
    conversationsHandedOff: conversation.handedOff ? 1 : 0,
  };
  const survey = conversation.handedOff ? undefined : conversation.survey;
  if (survey?.csat !== undefined) {
    counters.botCsatResponses = 1;
    counters.botCsatPositive = csatPositive(survey.csat);
    counters.botCsatTotal = survey.csat;
  }
  if (survey?.ces !== undefined) {
    counters.botCesResponses = 1;
    counters.botCesTotal = survey.ces;
  }
  // NPS rates the shop, not the bot: a bot-only chat's answer counts with the tickets' in the shop's NPS.
  if (survey?.nps !== undefined) Object.assign(counters, npsCounters(survey.nps));
  return [{ day: dayOf(conversation.closedAt), tier: null, agentId: null, counters, histograms: {} }];
}
