import { z } from 'zod';
import { chatLimits } from './chat-event-names.ts';
import { agentReplyEventSchema, chatIdSchema, chatMessageSchema, ticketResolvedEventSchema } from './chat-events.ts';
import { languageSchema } from './language.ts';

/**
 * Bull queues from the chat bot to ticketing, besides `queueNames.handoff` and `queueNames.metrics`.
 * Jobs are added without a name (Bull's default), one payload schema per queue.
 */
export const chatQueueNames = {
  /** A shopper message in a handed-off conversation, for the ticket (payload: `ShopperMessageJob`). */
  shopperMessages: 'loyaldesk-chat-messages',
  /** The shopper's survey answers so far (payload: `SurveyAnsweredEvent`). */
  surveyAnswers: 'loyaldesk-survey-answers',
  /** Ticketing → chat bot: an agent's public reply or the ticket's resolution, for the conversation (payload: `AgentEventJob`). */
  agentEvents: 'loyaldesk-chat-agent-events',
} as const;

/**
 * A shopper's message after handoff, for ticketing to add to the conversation's ticket and show
 * agents. The chat bot has stored it on the conversation before it enqueues this.
 */
export const shopperMessageJobSchema = z.object({
  conversationId: chatIdSchema,
  /** Known once ticketing has told the conversation room (queue.position, message.created…); null before. */
  ticketId: chatIdSchema.nullable(),
  language: languageSchema,
  message: z.object({
    id: chatMessageSchema.shape.id,
    body: z.string().min(1).max(chatLimits.messageLength),
    at: z.iso.datetime({ offset: true }),
  }),
});
export type ShopperMessageJob = z.infer<typeof shopperMessageJobSchema>;

/**
 * The Bull job id of a shopper message, so the same message is forwarded once.
 * @example shopperMessageJobId('msg_ab12') // 'chat-message-msg_ab12'
 */
export function shopperMessageJobId(messageId: string): string {
  return `chat-message-${messageId}`;
}

export const surveyQuestions = ['csat', 'ces', 'nps'] as const;
export const surveyQuestionSchema = z.enum(surveyQuestions);
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;

/** The answers' scales: CSAT 1–5, CES 1–7 (7 = very easy), NPS 0–10. */
export const surveyAnswersSchema = z
  .object({
    csat: z.number().int().min(1).max(5).optional(),
    ces: z.number().int().min(1).max(7).optional(),
    nps: z.number().int().min(0).max(10).optional(),
  })
  .refine((answers) => Object.values(answers).some((value) => value !== undefined), {
    message: 'must hold at least one answer',
  });
export type SurveyAnswers = z.infer<typeof surveyAnswersSchema>;

/**
 * `survey.answered` (chat bot → ticketing, queue `chatQueueNames.surveyAnswers`): every answer so
 * far, sent again after each new one, so the last delivery holds them all and any order of
 * delivery converges when applied with `$set` per answer.
 */
export const surveyAnsweredEventSchema = z.object({
  conversationId: chatIdSchema,
  /** The resolved ticket the survey is about; null when the bot closed the chat without a human. */
  ticketId: chatIdSchema.nullable(),
  /** The verified customer, if any (NPS is asked at most once per 90 days per customer). */
  customerId: chatIdSchema.nullable(),
  language: languageSchema,
  handedOff: z.boolean(),
  answers: surveyAnswersSchema,
  answeredAt: z.iso.datetime({ offset: true }),
});
export type SurveyAnsweredEvent = z.infer<typeof surveyAnsweredEventSchema>;

/**
 * The Bull job id of one survey answer, so re-sending it adds one job.
 * @example surveyAnsweredJobId('conv_42', 'csat') // 'survey-answered-conv_42-csat'
 */
export function surveyAnsweredJobId(conversationId: string, question: SurveyQuestion): string {
  return `survey-answered-${conversationId}-${question}`;
}

/**
 * What ticketing did on a chat ticket that belongs in the shopper's conversation, queued (ticketing
 * → chat bot, `chatQueueNames.agentEvents`) as well as emitted into the conversation's room: the
 * room reaches the shopper's open sockets, the job reaches the conversation also when none is open
 * (the reply is in the history they come back to, and the survey starts). The chat bot records
 * both idempotently (by message id; a resolution closes the conversation once), so a shopper who is
 * online gets each thing once.
 */
export const agentEventJobSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('agent_message'),
    conversationId: chatIdSchema,
    event: agentReplyEventSchema,
  }),
  z.object({
    kind: z.literal('ticket_resolved'),
    conversationId: chatIdSchema,
    event: ticketResolvedEventSchema,
  }),
]);
export type AgentEventJob = z.infer<typeof agentEventJobSchema>;

/**
 * The Bull job id of an agent event: the message's id, or the ticket and the moment it was
 * resolved (a ticket reopened and resolved again asks the survey again), so a re-sent event adds no job.
 * @example agentEventJobId({ kind: 'agent_message', conversationId: 'c1', event: { ticketId: 't1', message: { id: 'm1', … } } }) // 'agent-message-m1'
 */
export function agentEventJobId(job: AgentEventJob): string {
  return job.kind === 'agent_message'
    ? `agent-message-${job.event.message.id}`
    : `ticket-resolved-${job.event.ticketId}-${Date.parse(job.event.resolvedAt)}`;
}
