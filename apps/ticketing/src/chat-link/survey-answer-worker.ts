import type Bull from 'bull';
import { surveyAnsweredEventSchema, type SurveyAnswers } from '@loyaldesk/contracts/chat-jobs';
import type { CustomerFeedbackSummary } from '@loyaldesk/customer-profile/schemas';
import type { Logger } from '@loyaldesk/platform/logger';
import type { Ticket, TicketSurvey } from '../tickets/ticket.ts';
import { findChatTicket, parseChatJob, startChatJobWorker } from './chat-job-worker.ts';

export interface SurveyAnswerWorkerDeps {
  findTicket: (ticketId: string) => Promise<Ticket | null>;
  /** `ticketService.recordSurvey`: merges the answers into the ticket's survey (metrics count them from there). */
  recordSurvey: (ticketId: string, survey: TicketSurvey) => Promise<Ticket>;
  /**
   * `profiles.recordFeedback`: the customer's latest scores and survey count, idempotent per
   * `sourceId` (the conversation); null when there is no such customer.
   */
  recordFeedback: (
    customerId: string,
    answers: SurveyAnswers,
    answeredAt: string,
    sourceId: string,
  ) => Promise<{ counted: boolean; feedback: CustomerFeedbackSummary } | null>;
  /**
   * `metrics.recordConversationSurvey`: a bot-only chat's answers in the bot's CSAT and CES
   * (idempotent; fails until the chat's `conversation.closed` is counted, so Bull retries).
   */
  recordBotSurvey: (conversationId: string, answers: SurveyAnswers) => Promise<unknown>;
  logger?: Logger;
}

/** What became of one `survey.answered` event. */
export interface SurveyAnswerOutcome {
  /** The ticket's merged survey; null when the bot closed the chat without a human (no ticket: the bot's metrics count it). */
  ticket: { ticketId: string; survey: TicketSurvey | null } | null;
  /**
   * The customer's feedback after it: null for an unverified shopper (`customerId` null), or a
   * customer id the profiles do not know (logged; nothing to retry).
   */
  customer: { customerId: string; counted: boolean; feedback: CustomerFeedbackSummary } | null;
}

/**
 * Handles one `loyaldesk-survey-answers` job (`SurveyAnsweredEvent`): parses it, merges its
 * answers (all so far) into the ticket's survey when the chat was handed off, and records them on
 * the verified customer whether or not there is a ticket (bot-only chats get the same survey).
 * Both writes converge whatever the order and number of deliveries, so a retried job redoes them
 * harmlessly. The ticket goes first: a ticket not there yet fails the attempt (Bull retries) and
 * an event naming another conversation's ticket is refused before the customer is touched.
 *
 * Bot-only answers also go to the bot's CSAT and CES in the metrics (`recordBotSurvey`, on the
 * chat's closing day); a ticket's count from the ticket.
 */
export async function processSurveyAnswerJob(deps: SurveyAnswerWorkerDeps, data: unknown): Promise<SurveyAnswerOutcome> {
  const event = parseChatJob(surveyAnsweredEventSchema, data, 'survey answered event');
  let ticket: SurveyAnswerOutcome['ticket'] = null;
  if (event.ticketId !== null || event.handedOff) {
    const found = await findChatTicket(deps.findTicket, event);
    const after = await deps.recordSurvey(found.id, { ...event.answers, answeredAt: new Date(event.answeredAt) });
    ticket = { ticketId: found.id, survey: after.survey };
    deps.logger?.debug({ ticketId: found.id, survey: after.survey }, 'survey answers on the ticket');
  }
  let customer: SurveyAnswerOutcome['customer'] = null;
  if (event.customerId !== null) {
    const recorded = await deps.recordFeedback(event.customerId, event.answers, event.answeredAt, event.conversationId);
    if (recorded) {
      customer = { customerId: event.customerId, ...recorded };
      deps.logger?.debug({ customerId: event.customerId, feedback: recorded.feedback }, 'survey answers on the customer');
    } else {
      deps.logger?.warn(
        { customerId: event.customerId, conversationId: event.conversationId },
        'survey answers for a customer the profiles do not know; not stored on any customer',
      );
    }
  }
  // Last: it waits for the chat's close to be counted (a retry), and the customer is recorded by then.
  if (ticket === null) await deps.recordBotSurvey(event.conversationId, event.answers);
  return { ticket, customer };
}

/**
 * Starts the survey worker on the chat bot's `chatQueueNames.surveyAnswers` queue.
 * @example startSurveyAnswerWorker(queues.surveyAnswers, { findTicket, recordSurvey, recordFeedback });
 */
export function startSurveyAnswerWorker(queue: Bull.Queue<unknown>, deps: SurveyAnswerWorkerDeps, concurrency = 4): void {
  startChatJobWorker(queue, (data) => processSurveyAnswerJob(deps, data), {
    name: 'survey answered',
    concurrency,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
}
