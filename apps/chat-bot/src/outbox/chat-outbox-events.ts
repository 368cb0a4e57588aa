import {
  chatQueueNames,
  shopperMessageJobId,
  shopperMessageJobSchema,
  surveyAnsweredEventSchema,
  surveyAnsweredJobId,
  type SurveyAnsweredEvent,
  type SurveyQuestion,
} from '@loyaldesk/contracts/chat-jobs';
import {
  conversationClosedEventSchema,
  conversationClosedJobId,
  type ConversationClosedEvent,
} from '@loyaldesk/contracts/conversation-closed';
import { handoffJobId, handoffJobSchema, type HandoffJob } from '@loyaldesk/contracts/handoff';
import { queueNames } from '@loyaldesk/contracts/queues';
import type { OutboxEvent } from '@loyaldesk/platform/outbox';
import type { Conversation, StoredMessage } from '../conversations/conversation.ts';

/**
 * What the chat bot tells ticketing, as outbox events (recorded in MongoDB before the shopper is
 * acknowledged, relayed to Bull in order per conversation). Each id is a natural key, so the same
 * thing recorded twice is one job, and ticketing applies it once.
 */

/**
 * A conversation handed to a human. The first handoff's id is `handoffJobId`; a later one (the chat
 * was handed off before, its ticket since resolved) is told apart by when it was asked for, so it is
 * not taken for the first one (ticketing opens one ticket per conversation however often it hears this).
 */
export function handoffEvent(job: HandoffJob, handedOffBefore: boolean): OutboxEvent {
  const payload = handoffJobSchema.parse(job);
  const first = handoffJobId(payload.conversationId);
  return {
    id: handedOffBefore ? `${first}-${Date.parse(payload.requestedAt)}` : first,
    queue: queueNames.handoff,
    key: payload.conversationId,
    payload,
  };
}

/** A handed-off shopper's message, for the ticket: id = the message's, so a re-sent message is forwarded once. */
export function shopperMessageEvent(conversation: Conversation, message: StoredMessage): OutboxEvent {
  const payload = shopperMessageJobSchema.parse({
    conversationId: conversation.id,
    ticketId: conversation.handoff?.ticketId ?? null,
    language: conversation.language,
    message: { id: message.id, body: message.body, at: message.at.toISOString() },
  });
  return {
    id: shopperMessageJobId(message.id),
    queue: chatQueueNames.shopperMessages,
    key: conversation.id,
    payload,
  };
}

/** `conversation.closed` for the metrics, once per conversation. */
export function conversationClosedOutboxEvent(event: ConversationClosedEvent): OutboxEvent {
  const payload = conversationClosedEventSchema.parse(event);
  return {
    id: conversationClosedJobId(payload.conversationId),
    queue: queueNames.metrics,
    key: payload.conversationId,
    payload,
  };
}

/** The survey answers so far, once per answered question. */
export function surveyAnsweredOutboxEvent(event: SurveyAnsweredEvent, question: SurveyQuestion): OutboxEvent {
  const payload = surveyAnsweredEventSchema.parse(event);
  return {
    id: surveyAnsweredJobId(payload.conversationId, question),
    queue: chatQueueNames.surveyAnswers,
    key: payload.conversationId,
    payload,
  };
}
