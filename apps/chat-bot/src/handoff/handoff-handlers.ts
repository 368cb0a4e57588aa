import type { HandoffReason, NamedOrder, ShopperVerification } from '@loyaldesk/contracts/handoff';
import type { IssueKind } from '@loyaldesk/contracts/issue-kind';
import type { Language } from '@loyaldesk/contracts/language';
import type { Order } from '@loyaldesk/customer-profile/schemas';
import type { CustomerProfileService } from '@loyaldesk/customer-profile/service';
import type { Logger } from '@loyaldesk/platform/logger';
import type { Outbox } from '@loyaldesk/platform/outbox';
import type { BotReply } from '../answers/bot-reply.ts';
import * as replies from '../answers/dialog-replies.ts';
import { orderAnswer } from '../answers/order-answers.ts';
import {
  replyWith,
  type ActionHandler,
  type ActionHandlers,
  type ActionResult,
  type TurnActionOf,
  type TurnContext,
} from '../conversations/action-handler.ts';
import type { ChatRoom } from '../conversations/chat-room.ts';
import type { Conversation } from '../conversations/conversation.ts';
import { transitionFrom } from '../conversations/conversation-change.ts';
import type { ConversationStore } from '../conversations/storage/conversation-store.ts';
import { handoffEvent, shopperMessageEvent } from '../outbox/chat-outbox-events.ts';
import { catalogFor } from '../i18n/catalogs.ts';
import { namedOrderNumbers, shopperVerificationOf } from './parcel-problem.ts';
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

/** What a handoff is for, and what the bot says before "a person will reply". */
export interface HandoffRequest {
  reason: HandoffReason;
  issueKind: IssueKind;
  /** Set when this turn decided it (refused, not matched); else it follows from the conversation. */
  verification?: ShopperVerification;
  /** Said before the handoff's own reply (a verified match, the tracking). */
  lead?: BotReply[];
}

export interface HandoffDeps {
  store: ConversationStore;
  outbox: Pick<Outbox, 'record'>;
  room: Pick<ChatRoom, 'updated'>;
  profiles: Pick<CustomerProfileService, 'getOrder'>;
  clock: () => Date;
  logger: Logger;
}

/** The order numbers the shopper named, each marked verified when it is the verified customer's own order. */
async function markNamedOrders(
  profiles: HandoffDeps['profiles'],
  numbers: readonly string[],
  customerId: string | null,
): Promise<NamedOrder[]> {
  if (!customerId) return numbers.map((number) => ({ number, verified: false }));
  // At most `namedOrdersLimit` `_id` reads, in parallel; only for a verified shopper.
  const orders = await Promise.all(numbers.map((number) => profiles.getOrder(number)));
  return numbers.map((number, index) => ({ number, verified: orders[index]?.customerId === customerId }));
}

/**
 * Hands the conversation to ticketing's queue. The shopper's message is stored first (the
 * transcript summary includes it) and the handoff recorded for ticketing before the conversation
 * says "waiting". The turn's patch is written with it (a verification made in the same turn).
 */
export function createHandOff(deps: HandoffDeps) {
  const { store, clock, logger } = deps;
  return async (turn: TurnContext, request: HandoffRequest): Promise<ActionResult> => {
    if ((await turn.storeShopperMessage()) === 'missing') return { replies: [], patch: null };
    const { conversation, language, patch } = turn;
    const now = clock();
    const customerId = patch.customerId ?? conversation.customerId;
    const orderNumber = patch.lastOrderNumber ?? conversation.lastOrderNumber;
    const transcript = await store.transcript(conversation.id, handoffTranscriptLength);
    const namedOrders = await markNamedOrders(deps.profiles, namedOrderNumbers(transcript), customerId);
    const event = handoffEvent(
      {
        conversationId: conversation.id,
        ...(customerId ? { customerId } : {}),
        language,
        issueKind: request.issueKind,
        reason: request.reason,
        transcriptSummary: summarizeTranscript(transcript),
        ...(orderNumber ? { orderNumber } : {}),
        ...(namedOrders.length > 0 ? { namedOrders } : {}),
        shopperVerification: shopperVerificationOf(request.verification, customerId),
        requestedAt: now.toISOString(),
      },
      conversation.handoff !== null,
    );
    // Recorded before the conversation says "waiting": a handoff the shopper sees is one ticketing will hear of.
    await deps.outbox.record(event);
    const handoff = {
      reason: request.reason,
      issueKind: request.issueKind,
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
      { conversationId: conversation.id, reason: request.reason, issueKind: request.issueKind },
      'conversation.handed_off',
    );
    return {
      replies: [...(request.lead ?? []), replies.handoffStartedReply(language, request.reason)],
      patch: null,
      changed: waiting,
    };
  };
}

/** The tracking a verified shopper sees before a parcel problem is handed off: the order's details, parcels and latest events. */
export function trackingReply(order: Order, language: Language, timeZone: string): BotReply {
  const answer = orderAnswer(order, language, timeZone);
  return { body: `${catalogFor(language).parcelTrackingLead()}\n${answer.body}`, language };
}

/**
 * `handoff`: the conversation goes to ticketing's queue. For a verified shopper's parcel problem
 * (`trackingOf`), the order's tracking is shown first when the order is theirs.
 */
export function createHandoffHandler(deps: HandoffDeps & { timeZone: string }): ActionHandler<'handoff'> {
  const handOff = createHandOff(deps);
  return async (action, turn) => {
    const customerId = turn.conversation.customerId;
    const order = action.trackingOf && customerId ? await deps.profiles.getOrder(action.trackingOf) : null;
    const lead =
      order && order.customerId === customerId
        ? [trackingReply(order, turn.language, deps.timeZone)]
        : action.verification === 'declined' || action.verification === 'not_matched'
          ? [replies.parcelNotVerifiedReply(turn.language)]
          : [];
    return handOff(turn, {
      reason: action.reason,
      issueKind: action.issueKind,
      ...(action.verification ? { verification: action.verification } : {}),
      lead,
    });
  };
}
