import type { Language } from '@loyaldesk/contracts/language';
import type { Logger } from '@loyaldesk/platform/logger';
import type { Outbox } from '@loyaldesk/platform/outbox';
import type { BotReply } from '../answers/bot-reply.ts';
import * as replies from '../answers/dialog-replies.ts';
import {
  replyWith,
  type ActionHandler,
  type ActionHandlers,
  type TurnActionOf,
} from '../conversations/action-handler.ts';
import type { ChatRoom } from '../conversations/chat-room.ts';
import type { Conversation } from '../conversations/conversation.ts';
import { transitionFrom } from '../conversations/conversation-change.ts';
import type { ConversationStore } from '../conversations/storage/conversation-store.ts';
import { handoffEvent, shopperMessageEvent } from '../outbox/chat-outbox-events.ts';
import { summarizeTranscript } from './transcript-summary.ts';

/** Offers of a person and their answers: one reply each, no I/O. */
export type HandoffOfferKind = 'problem_offer' | 'offer_human' | 'handoff_declined';

/** Messages a handoff's transcript summary is made from (it keeps the latest within 4,000 characters). */
const handoffTranscriptLength = 60;

export const handoffOfferHandlers: ActionHandlers<HandoffOfferKind> = {
  problem_offer: (action, turn) => replyWith(turn, replies.problemOfferReply(turn.language, action.problem)),
  offer_human: (_action, turn) => replyWith(turn, replies.offerHumanReply(turn.language)),
  handoff_declined: (_action, turn) => replyWith(turn, replies.handoffDeclinedReply(turn.language)),
};

/**
 * What the bot says to a handed-off shopper's message: nothing (it goes to the agent), or, when they
 * ask for a person again while still waiting, where they are in line. Pure.
 * @example forwardedMessageReplies({ kind: 'forward_to_agent', alreadyWaitingReply: true }, waitingConversation, 'en') // [alreadyWaitingReply]
 */
export function forwardedMessageReplies(
  action: TurnActionOf<'forward_to_agent'>,
  conversation: Pick<Conversation, 'state' | 'queue'>,
  language: Language,
): BotReply[] {
  return action.alreadyWaitingReply && conversation.state === 'waiting'
    ? [replies.alreadyWaitingReply(language, conversation.queue?.position ?? null)]
    : [];
}

/** A shopper message while a person is on the chat (or about to be): recorded for the ticket, then stored. */
export function createForwardToAgentHandler(deps: {
  outbox: Pick<Outbox, 'record'>;
}): ActionHandler<'forward_to_agent'> {
  return async (action, turn) => {
    // Recorded for ticketing before the message is stored (and so acknowledged): a re-send of a
    // stored message is acknowledged without a turn, so its event must exist by then.
    if (turn.message) await deps.outbox.record(shopperMessageEvent(turn.conversation, turn.message));
    if ((await turn.storeShopperMessage()) === 'missing') return { replies: [], patch: null };
    return { replies: forwardedMessageReplies(action, turn.conversation, turn.language), patch: turn.patch };
  };
}

/**
 * `handoff`: the conversation goes to ticketing's queue. The shopper's message is stored first (the
 * transcript summary includes it) and the handoff recorded for ticketing before the conversation
 * says "waiting".
 */
export function createHandoffHandler(deps: {
  store: ConversationStore;
  outbox: Pick<Outbox, 'record'>;
  room: Pick<ChatRoom, 'updated'>;
  clock: () => Date;
  logger: Logger;
}): ActionHandler<'handoff'> {
  const { store, clock, logger } = deps;
  return async (action, turn) => {
    if ((await turn.storeShopperMessage()) === 'missing') return { replies: [], patch: null };
    const { conversation, language, patch } = turn;
    const now = clock();
    const orderNumber = patch.lastOrderNumber ?? conversation.lastOrderNumber;
    const event = handoffEvent(
      {
        conversationId: conversation.id,
        ...(conversation.customerId ? { customerId: conversation.customerId } : {}),
        language,
        issueKind: action.issueKind,
        reason: action.reason,
        transcriptSummary: summarizeTranscript(await store.transcript(conversation.id, handoffTranscriptLength)),
        ...(orderNumber ? { orderNumber } : {}),
        requestedAt: now.toISOString(),
      },
      conversation.handoff !== null,
    );
    // Recorded before the conversation says "waiting": a handoff the shopper sees is one ticketing will hear of.
    await deps.outbox.record(event);
    const handoff = {
      reason: action.reason,
      issueKind: action.issueKind,
      requestedAt: now,
      jobId: event.id,
      ticketId: null,
    };
    // From `closed` too: asking for a person after the chat ended reopens it straight into the queue.
    const waiting = await store.changeState(
      conversation.id,
      transitionFrom(['bot', 'closed'], {
        ...patch,
        state: 'waiting',
        handoff,
        queue: null,
        pending: null,
        consecutiveFallbacks: 0,
        survey: conversation.survey?.step ? { ...conversation.survey, step: null } : conversation.survey,
      }),
      now,
    );
    if (!waiting)
      return { replies: [replies.alreadyWaitingReply(language, conversation.queue?.position ?? null)], patch: null };
    deps.room.updated(waiting);
    logger.info(
      { conversationId: conversation.id, reason: action.reason, issueKind: action.issueKind },
      'conversation.handed_off',
    );
    return { replies: [replies.handoffStartedReply(language, action.reason)], patch: null };
  };
}
