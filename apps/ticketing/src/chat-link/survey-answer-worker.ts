import type Bull from 'bull';
import { surveyAnsweredEventSchema } from '@loyaldesk/contracts/chat-jobs';
import type { Logger } from '@loyaldesk/platform/logger';
import type { Ticket, TicketSurvey } from '../tickets/ticket.ts';
import { findChatTicket, parseChatJob, startChatJobWorker } from './chat-job-worker.ts';

export interface SurveyAnswerWorkerDeps {
  findTicket: (ticketId: string) => Promise<Ticket | null>;
  /** `ticketService.recordSurvey`: merges the answers into the ticket's survey (metrics count them from there). */
  recordSurvey: (ticketId: string, survey: TicketSurvey) => Promise<Ticket>;
  logger?: Logger;
}

/** What became of one `survey.answered` event. */
export type SurveyAnswerOutcome =
  | { recorded: 'ticket'; ticketId: string; survey: TicketSurvey | null }
  /** A chat the bot closed without a human: there is no ticket to put the answers on. */
  | { recorded: 'no_ticket' };

/**
 * Handles one `loyaldesk-survey-answers` job (`SurveyAnsweredEvent`): parses it and merges its
 * answers (all so far) into the ticket's survey, so deliveries in any order and redeliveries
 * converge. The customer profile has no place for NPS or survey answers yet, so the customer
 * id is not used here (see apps/ticketing/README.md).
 */
export async function processSurveyAnswerJob(deps: SurveyAnswerWorkerDeps, data: unknown): Promise<SurveyAnswerOutcome> {
  const event = parseChatJob(surveyAnsweredEventSchema, data, 'survey answered event');
  if (event.ticketId === null && !event.handedOff) return { recorded: 'no_ticket' };
  const ticket = await findChatTicket(deps.findTicket, event);
  const survey: TicketSurvey = { ...event.answers, answeredAt: new Date(event.answeredAt) };
  const after = await deps.recordSurvey(ticket.id, survey);
  deps.logger?.debug({ ticketId: ticket.id, survey: after.survey }, 'survey answers on the ticket');
  return { recorded: 'ticket', ticketId: ticket.id, survey: after.survey };
}

/**
 * Starts the survey worker on the chat bot's `chatQueueNames.surveyAnswers` queue.
 * @example startSurveyAnswerWorker(queues.surveyAnswers, { findTicket, recordSurvey });
 */
export function startSurveyAnswerWorker(queue: Bull.Queue<unknown>, deps: SurveyAnswerWorkerDeps, concurrency = 4): void {
  startChatJobWorker(queue, (data) => processSurveyAnswerJob(deps, data), {
    name: 'survey answered',
    concurrency,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
}
