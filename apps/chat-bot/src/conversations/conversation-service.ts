import { createHash } from 'node:crypto';
import {
  chatServerEvents,
  conversationRoom,
  type ChatMessage,
  type ConversationUpdatedEvent,
  type MessageCreatedEvent,
  type QueuePositionEvent,
  type SendMessagePayload,
  type TicketResolvedEvent,
} from '@loyaldesk/contracts/chat-events';
import type { SurveyQuestion } from '@loyaldesk/contracts/chat-jobs';
import type { Language } from '@loyaldesk/contracts/language';
import type { CustomerProfileService } from '@loyaldesk/customer-profile/service';
import { isDuplicateKeyError } from '@loyaldesk/platform/errors';
import type { Logger } from '@loyaldesk/platform/logger';
import type { Outbox } from '@loyaldesk/platform/outbox';
import type { BotReply } from '../answers/bot-reply.ts';
import * as replies from '../answers/dialog-replies.ts';
import { orderAnswer, recentOrdersAnswer } from '../answers/order-answers.ts';
import { deliveryTimeAnswer, returnsAnswer, shippingCostAnswer } from '../answers/shipping-answers.ts';
import type { ShippingPolicy } from '../answers/shipping-policy.ts';
import type { AgentRelay } from '../handoff/agent-relay.ts';
import { summarizeTranscript } from '../handoff/transcript-summary.ts';
import { catalogFor } from '../i18n/catalogs.ts';
import { verifyIdentityToken } from '../identity/identity-token.ts';
import type { OrderVerifier } from '../identity/order-verification.ts';
import type { VerificationLimiter } from '../identity/verification-limiter.ts';
import type { Nlu } from '../nlu/understand.ts';
import {
  conversationClosedOutboxEvent,
  handoffEvent,
  shopperMessageEvent,
  surveyAnsweredOutboxEvent,
} from '../outbox/chat-outbox-events.ts';
import type { NpsSchedule } from '../survey/nps-schedule.ts';
import { nextSurveyQuestion, startSurvey } from '../survey/survey-flow.ts';
import { parseCommand } from './commands.ts';
import {
  newConversation,
  newConversationId,
  newMessageId,
  type Conversation,
  type ConversationWithTranscript,
  type StoredMessage,
} from './conversation.ts';
import type { ConversationPatch, ConversationRepository } from './conversation-repository.ts';
import { planTurn, type TurnAction, type TurnPlan } from './plan-turn.ts';

/** Broadcasts to rooms of the `/chat` namespace (every instance, through the Redis adapter). */
export interface ChatRoomEmitter {
  to(room: string): { emit(event: string, payload: unknown): unknown };
}

export interface ConversationServiceDeps {
  conversations: ConversationRepository;
  nlu: Pick<Nlu, 'understand'>;
  profiles: Pick<CustomerProfileService, 'getOrder' | 'getCustomer'>;
  policy: ShippingPolicy;
  verifier: OrderVerifier;
  limiter: VerificationLimiter;
  /** What ticketing must hear (handoffs, messages after handoff, closed chats, survey answers), recorded before acknowledging. */
  outbox: Pick<Outbox, 'record'>;
  relay: AgentRelay;
  npsSchedule: NpsSchedule;
  room: ChatRoomEmitter;
  /** The storefront's identity-token secret. */
  identitySecret: string;
  clock: () => Date;
  logger: Logger;
}

/** Where a shopper message came from, for the per-IP verification limit. */
export interface TurnOrigin {
  ip: string;
}

/** A stored message as clients see it. */
export function toChatMessage(message: StoredMessage): ChatMessage {
  return {
    id: message.id,
    author: message.author,
    body: message.body,
    at: message.at.toISOString(),
    ...(message.quickReplies && message.quickReplies.length > 0 ? { quickReplies: message.quickReplies } : {}),
  };
}

/**
 * A shopper message received but not yet stored: it is stored with the bot's first reply to it, in
 * one write (a turn used to write twice), or alone when the turn has no reply or needs it stored
 * first. Acknowledged (`onStored`) only once stored.
 */
interface HeldShopperMessage {
  message: StoredMessage;
  /** The client named the message, so a re-send of it must be recognised (see `appendMessages`). */
  idempotent: boolean;
  /** Called once the message is stored: `appended` is false when another instance stored it first. */
  onStored: (appended: boolean) => void;
}

/** Turns that need the shopper's message in the transcript before they act: a handoff summarises it, a relay forwards it. */
const storesShopperMessageFirst: ReadonlySet<TurnAction['kind']> = new Set(['handoff', 'forward_to_agent']);

/** Messages a handoff's transcript summary is made from (it keeps the latest within 4,000 characters). */
const handoffTranscriptLength = 60;

/**
 * A shopper message's id: random, or derived from the client's id for it, so a message re-sent
 * after a lost acknowledgement is recognised and stored once.
 */
function shopperMessageId(conversationId: string, clientId: string | undefined): string {
  if (!clientId) return newMessageId();
  return `msg_${createHash('sha256').update(`${conversationId}\0${clientId}`).digest('hex').slice(0, 20)}`;
}

/**
 * The chat's rules with I/O: starts and resumes conversations, stores messages, runs a turn
 * (plan, then carry out: answers from the shop's data, verification, handoff, survey) and
 * returns what the bot says. No Botkit and no sockets here; the dialog layer routes to it.
 */
export type ConversationService = ReturnType<typeof createConversationService>;

export function createConversationService(deps: ConversationServiceDeps) {
  const { conversations, clock, logger } = deps;
  const timeZone = deps.policy.timeZone;
  // A turn's outcome (pending question, last order) waiting to be stored with the turn's replies:
  // fields a turn changes all the time go on the reply's message document (group-committed), so
  // an ordinary answer writes nothing to the conversation document. A conversation's turns run one
  // at a time (the transport's keyed serial queue), so there is at most one per conversation,
  // taken by the turn's first stored reply.
  const deferredPatches = new Map<string, ConversationPatch>();
  // Shopper messages waiting for the turn's first stored reply (one turn at a time per conversation, as above).
  const heldMessages = new Map<string, HeldShopperMessage>();

  /** Stores a held shopper message alone (when the turn has no reply, or needs it stored first). */
  async function storeHeld(conversationId: string): Promise<'stored' | 'missing'> {
    const held = heldMessages.get(conversationId);
    if (!held) return 'stored';
    // Taken first: a failed write leaves it unacknowledged (the client re-sends), not waiting for a later turn.
    heldMessages.delete(conversationId);
    const result = await conversations.appendMessages(
      conversationId,
      [held.message],
      held.message.at,
      {},
      {
        idempotent: held.idempotent,
      },
    );
    if (!result) return 'missing';
    held.onStored(result.appended);
    return 'stored';
  }

  function emitUpdated(conversation: Conversation): void {
    const payload: ConversationUpdatedEvent = {
      conversationId: conversation.id,
      state: conversation.state,
      ticketId: conversation.handoff?.ticketId ?? null,
    };
    deps.room.to(conversationRoom(conversation.id)).emit(chatServerEvents.conversationUpdated, payload);
  }

  async function closeConversation(conversation: Conversation, closed: Conversation): Promise<void> {
    await deps.outbox.record(
      conversationClosedOutboxEvent({
        conversationId: conversation.id,
        closedAt: (closed.closedAt ?? clock()).toISOString(),
        handedOff: closed.handoff !== null,
        language: closed.language,
      }),
    );
    emitUpdated(closed);
  }

  async function showOrder(
    conversation: Conversation,
    orderNumber: string,
    language: Language,
  ): Promise<{ reply: BotReply; patch: ConversationPatch }> {
    // Only a verified shopper's own orders; anything else gets the same "which email?" as an unknown order.
    const order = conversation.customerId ? await deps.profiles.getOrder(orderNumber) : null;
    if (order && order.customerId === conversation.customerId) {
      return { reply: orderAnswer(order, language, timeZone), patch: { pending: null, lastOrderNumber: order.number } };
    }
    return {
      reply: replies.askEmailReply(language, orderNumber),
      patch: { pending: { kind: 'email_for_order', orderNumber } },
    };
  }

  async function handOff(
    conversation: Conversation,
    action: Extract<TurnAction, { kind: 'handoff' }>,
    language: Language,
    patch: ConversationPatch,
  ): Promise<BotReply[]> {
    const now = clock();
    const orderNumber = patch.lastOrderNumber ?? conversation.lastOrderNumber;
    const event = handoffEvent(
      {
        conversationId: conversation.id,
        ...(conversation.customerId ? { customerId: conversation.customerId } : {}),
        language,
        issueKind: action.issueKind,
        reason: action.reason,
        transcriptSummary: summarizeTranscript(
          await conversations.transcript(conversation.id, handoffTranscriptLength),
        ),
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
    const waiting = await conversations.transition(
      conversation.id,
      ['bot', 'closed'],
      {
        ...patch,
        state: 'waiting',
        handoff,
        queue: null,
        pending: null,
        consecutiveFallbacks: 0,
        survey: conversation.survey?.step ? { ...conversation.survey, step: null } : conversation.survey,
      },
      now,
    );
    if (!waiting) return [replies.alreadyWaitingReply(language, conversation.queue?.position ?? null)];
    emitUpdated(waiting);
    logger.info(
      { conversationId: conversation.id, reason: action.reason, issueKind: action.issueKind },
      'conversation.handed_off',
    );
    return [replies.handoffStartedReply(language, action.reason)];
  }

  async function answerSurvey(
    conversation: Conversation,
    question: SurveyQuestion,
    score: number,
    language: Language,
  ): Promise<BotReply[]> {
    const survey = conversation.survey;
    if (!survey) return [replies.menuReply(language, conversation.customerId !== null)];
    const now = clock();
    const answers = { ...survey.answers, [question]: score };
    let next = nextSurveyQuestion(question, false);
    if (question === 'ces' && conversation.customerId) {
      // Claimed only when about to be asked, so a shopper who leaves early keeps their slot.
      next = (await deps.npsSchedule.claim(conversation.customerId, now)) ? 'nps' : null;
    }
    const updated = await conversations.transition(
      conversation.id,
      ['closed'],
      { language, survey: { ...survey, answers, step: next, finishedAt: next ? null : now } },
      now,
    );
    if (!updated) return [];
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
    return [next ? replies.surveyQuestionReply(language, next) : replies.surveyThanksReply(language)];
  }

  async function carryOut(
    conversation: Conversation,
    /** The shopper message being answered; null for a turn without one (the shopper ended the chat). */
    message: StoredMessage | null,
    action: TurnAction,
    language: Language,
    patch: ConversationPatch,
    origin: TurnOrigin,
  ): Promise<{ replies: BotReply[]; patch: ConversationPatch | null }> {
    const verified = conversation.customerId !== null;
    switch (action.kind) {
      case 'greet':
        return { replies: [replies.greetingReply(language, verified)], patch };
      case 'menu':
        return { replies: [replies.menuReply(language, verified)], patch };
      case 'ask_order_number':
        return { replies: [replies.askOrderNumberReply(language)], patch };
      case 'ask_email':
        return { replies: [replies.askEmailReply(language, action.orderNumber)], patch };
      case 'email_still_needed':
        return { replies: [replies.emailStillNeededReply(language, action.orderNumber)], patch };
      case 'verify_email': {
        const allowance = await deps.limiter.consume(conversation.id, origin.ip);
        if (!allowance.allowed)
          return { replies: [replies.verificationLimitedReply(language, allowance.retryAfterSeconds)], patch };
        const check = await deps.verifier.verify(action.orderNumber, action.email);
        if (check.status === 'locked')
          return {
            replies: [replies.verificationLockedReply(language, action.orderNumber, check.retryAfterSeconds)],
            patch,
          };
        if (check.status !== 'verified') return { replies: [replies.verificationFailedReply(language)], patch };
        const order = check.order;
        const answer = orderAnswer(order, language, timeZone);
        return {
          replies: [{ ...answer, body: `${catalogFor(language).verified()}\n${answer.body}` }],
          patch: {
            ...patch,
            customerId: order.customerId,
            verifiedBy: 'order_email',
            pending: null,
            lastOrderNumber: order.number,
          },
        };
      }
      case 'show_order': {
        const shown = await showOrder(conversation, action.orderNumber, language);
        return { replies: [shown.reply], patch: { ...patch, ...shown.patch } };
      }
      case 'recent_orders': {
        const customer = conversation.customerId ? await deps.profiles.getCustomer(conversation.customerId) : null;
        if (!customer) return { replies: [replies.recentOrdersNeedVerificationReply(language)], patch };
        return { replies: [recentOrdersAnswer(customer.recentOrders, language, timeZone)], patch };
      }
      case 'shipping_cost':
        return { replies: [shippingCostAnswer(deps.policy, action.country, language)], patch };
      case 'shipping_time':
        return { replies: [deliveryTimeAnswer(deps.policy, action.country, clock(), language)], patch };
      case 'returns':
        return { replies: [returnsAnswer(deps.policy, language)], patch };
      case 'problem_offer':
        return { replies: [replies.problemOfferReply(language, action.problem)], patch };
      case 'handoff':
        return { replies: await handOff(conversation, action, language, patch), patch: null };
      case 'forward_to_agent': {
        // The message's outbox event was recorded before it was stored (see `respond`).
        const reply =
          action.alreadyWaitingReply && conversation.state === 'waiting'
            ? [replies.alreadyWaitingReply(language, conversation.queue?.position ?? null)]
            : [];
        return { replies: reply, patch };
      }
      case 'fallback':
        return { replies: [replies.fallbackReply(language, verified)], patch };
      case 'offer_human':
        return { replies: [replies.offerHumanReply(language)], patch };
      case 'handoff_declined':
        return { replies: [replies.handoffDeclinedReply(language)], patch };
      case 'thanks':
        return { replies: [replies.thanksReply(language)], patch };
      case 'close': {
        const now = clock();
        const closed = await conversations.transition(
          conversation.id,
          ['bot'],
          { ...patch, state: 'closed', closedAt: now, survey: startSurvey(null, now) },
          now,
        );
        if (!closed) return { replies: [], patch: null };
        await closeConversation(conversation, closed);
        return {
          replies: [replies.surveyQuestionReply(language, 'csat', catalogFor(language).closing())],
          patch: null,
        };
      }
      case 'survey_answer':
        return { replies: await answerSurvey(conversation, action.question, action.score, language), patch: null };
      case 'survey_invalid':
        return { replies: [replies.surveyInvalidReply(language, action.question)], patch };
      case 'survey_skip': {
        const survey = conversation.survey;
        const skipped = survey ? { ...survey, step: null, finishedAt: clock() } : null;
        return { replies: [replies.surveyThanksReply(language)], patch: { ...patch, survey: skipped } };
      }
    }
  }

  return {
    /**
     * A new conversation, not stored: it is stored (`create`) with the shopper's first message, so
     * opening the chat writes nothing. `id` continues one whose session token was issued but that
     * was never stored.
     */
    start(input: { language?: Language; shop?: string; id?: string }): Conversation {
      return newConversation({
        id: input.id ?? newConversationId(),
        shop: input.shop ?? null,
        language: input.language ?? 'en',
        now: clock(),
      });
    },

    /** The bot's greeting for a conversation not stored yet, as the messages it will be stored as (`create`). */
    greetingMessages(conversation: Conversation): StoredMessage[] {
      const now = clock();
      return [replies.greetingReply(conversation.language, conversation.customerId !== null)].map((reply) => ({
        id: newMessageId(),
        author: { kind: 'bot' as const },
        body: reply.body,
        at: now,
        ...(reply.quickReplies && reply.quickReplies.length > 0 ? { quickReplies: reply.quickReplies } : {}),
      }));
    },

    /**
     * Stores a conversation from `start` with the messages shown before the shopper's first one (the
     * greeting). Stored already (another tab of it was first) is fine: it carries on as stored.
     */
    async create(conversation: Conversation, opening: readonly StoredMessage[]): Promise<void> {
      try {
        await conversations.insert(conversation);
      } catch (error) {
        if (isDuplicateKeyError(error)) return;
        throw error;
      }
      if (opening.length > 0) await conversations.appendMessages(conversation.id, [...opening], clock());
    },

    /** A storefront identity token on a conversation not stored yet: verified in memory, stored with it. */
    verifyUnstoredWithIdentityToken(conversation: Conversation, identityToken: string): Conversation {
      const customerId = verifyIdentityToken(deps.identitySecret, identityToken, clock());
      return customerId ? { ...conversation, customerId, verifiedBy: 'identity_token' } : conversation;
    },

    /** The conversation as it is now (no transcript: a turn needs none), or null. */
    current(conversationId: string): Promise<Conversation | null> {
      return conversations.findById(conversationId);
    },

    /** The conversation with its kept transcript (a resume), or null. */
    async find(conversationId: string): Promise<ConversationWithTranscript | null> {
      const conversation = await conversations.findById(conversationId);
      if (!conversation) return null;
      return { ...conversation, messages: await conversations.transcript(conversationId) };
    },

    /** A storefront identity token (on start or resume): verifies the shopper when valid; ignored otherwise. */
    async verifyWithIdentityToken(conversation: Conversation, identityToken: string): Promise<Conversation> {
      const customerId = verifyIdentityToken(deps.identitySecret, identityToken, clock());
      if (!customerId || customerId === conversation.customerId) return conversation;
      return (
        (await conversations.update(conversation.id, { customerId, verifiedBy: 'identity_token' }, clock())) ??
        conversation
      );
    },

    /**
     * A shopper message as it arrives: the conversation as it is now, and the message (its id derived
     * from the client's, so a re-send is recognised: `storedBefore`). Not stored yet: the caller holds
     * it (`holdShopperMessage`) for the turn, which stores it with its first reply. Null when there is
     * no such conversation.
     */
    async receiveShopperMessage(
      conversationId: string,
      payload: SendMessagePayload,
    ): Promise<{ conversation: Conversation; message: StoredMessage; storedBefore: boolean } | null> {
      const message: StoredMessage = {
        id: shopperMessageId(conversationId, payload.clientId),
        author: { kind: 'customer' },
        body: payload.text,
        at: clock(),
      };
      const found = await conversations.findWithRecentMessage(conversationId, message.id);
      return found ? { conversation: found.conversation, message, storedBefore: found.stored } : null;
    },

    /** Holds a received shopper message for its turn (see `HeldShopperMessage`); `onStored` acknowledges it. */
    holdShopperMessage(
      conversationId: string,
      message: StoredMessage,
      options: { idempotent: boolean; onStored: (appended: boolean) => void },
    ): void {
      heldMessages.set(conversationId, { message, ...options });
    },

    /**
     * After the turn: stores the held shopper message if no reply took it (a turn without a reply,
     * or one that failed). 'missing' when the conversation no longer exists.
     */
    storeHeldShopperMessage(conversationId: string): Promise<'stored' | 'missing'> {
      return storeHeld(conversationId);
    },

    /** Forgets a held shopper message unacknowledged (it could not be stored; the client re-sends it). */
    dropHeldShopperMessage(conversationId: string): void {
      heldMessages.delete(conversationId);
    },

    /** Decides what the bot does with a shopper message (the NLU, then the pure plan); nothing is changed yet. */
    async plan(conversation: Conversation, message: StoredMessage, quickReply: string | undefined): Promise<TurnPlan> {
      const command = quickReply ? parseCommand(quickReply) : null;
      // A tapped button needs no classifying; anything else (typed text, unknown payloads) does.
      const understanding = command ? null : await deps.nlu.understand(message.body);
      return planTurn({ conversation, text: message.body, command, understanding });
    },

    /** Carries out the planned turn for a shopper message and returns what the bot says (decided, not yet sent). */
    async respond(
      conversation: Conversation,
      message: StoredMessage,
      plan: TurnPlan,
      origin: TurnOrigin,
    ): Promise<BotReply[]> {
      deferredPatches.delete(conversation.id);
      // A message for the agent is recorded for ticketing before it is stored (and so acknowledged):
      // a re-send of a stored message is acknowledged without a turn, so its event must exist by then.
      if (plan.action.kind === 'forward_to_agent') await deps.outbox.record(shopperMessageEvent(conversation, message));
      if (storesShopperMessageFirst.has(plan.action.kind) && (await storeHeld(conversation.id)) === 'missing')
        return [];
      const outcome = await carryOut(conversation, message, plan.action, plan.language, plan.patch, origin);
      if (outcome.patch && Object.keys(outcome.patch).length > 0) {
        // A state change is written (and announced) now; anything else goes with the replies.
        if (outcome.replies.length > 0 && outcome.patch.state === undefined) {
          deferredPatches.set(conversation.id, outcome.patch);
        } else {
          const updated = await conversations.update(conversation.id, outcome.patch, clock());
          if (updated && outcome.patch.state && outcome.patch.state !== conversation.state) emitUpdated(updated);
        }
      }
      return outcome.replies;
    },

    /** The shopper ends a bot conversation: closed, counted, and the survey starts. */
    async end(conversation: Conversation, origin: TurnOrigin): Promise<BotReply[]> {
      if (conversation.state !== 'bot') return [];
      const outcome = await carryOut(conversation, null, { kind: 'close' }, conversation.language, {}, origin);
      return outcome.replies;
    },

    /** Ticketing resolved the conversation's ticket: the chat closes and the survey starts (once, whatever the deliveries). */
    async ticketResolved(conversationId: string, event: TicketResolvedEvent): Promise<BotReply[]> {
      const before = await conversations.findById(conversationId);
      if (!before || (before.state !== 'waiting' && before.state !== 'agent')) return [];
      const now = clock();
      const handoff = before.handoff
        ? { ...before.handoff, ticketId: before.handoff.ticketId ?? event.ticketId }
        : null;
      const closed = await conversations.transition(
        conversationId,
        ['waiting', 'agent'],
        { state: 'closed', closedAt: now, handoff, queue: null, survey: startSurvey(event.ticketId, now) },
        now,
      );
      if (!closed) return [];
      await closeConversation(before, closed);
      const text = catalogFor(closed.language);
      return [replies.surveyQuestionReply(closed.language, 'csat', text.ticketResolved())];
    },

    /** An agent reply reached the room: stored once (by its id), and the conversation is now with an agent. */
    async recordAgentMessage(conversationId: string, event: MessageCreatedEvent): Promise<void> {
      const now = clock();
      const message: StoredMessage = {
        id: event.message.id,
        author: event.message.author,
        body: event.message.body,
        at: new Date(event.message.at),
      };
      const result = await conversations.appendMessages(conversationId, [message], now, {}, { idempotent: true });
      if (!result?.appended) return;
      if (event.ticketId) await conversations.setTicketIdIfUnknown(conversationId, event.ticketId, now);
      const withAgent = await conversations.transition(
        conversationId,
        ['waiting'],
        { state: 'agent', queue: null },
        now,
      );
      if (withAgent) emitUpdated(withAgent);
    },

    /** Ticketing told the room the shopper's place in line: kept for a reconnecting shopper. */
    async recordQueuePosition(conversationId: string, event: QueuePositionEvent): Promise<void> {
      const now = clock();
      await conversations.setTicketIdIfUnknown(conversationId, event.ticketId, now);
      await conversations.transition(
        conversationId,
        ['waiting'],
        {
          queue: {
            ticketId: event.ticketId,
            position: event.position,
            expectedWaitSeconds: event.expectedWaitSeconds,
            at: now,
          },
        },
        now,
      );
    },

    /**
     * A turn whose replies were not all stored (delivery failed) leaves its outcome unwritten, as
     * the replies are; the dialog calls this when the turn ends so it cannot reach a later turn.
     */
    forgetTurnOutcome(conversationId: string): void {
      deferredPatches.delete(conversationId);
    },

    /**
     * Stores the bot's replies, with the outcome of the turn that decided them and the shopper message
     * they answer (if still held) in the same write; the caller then shows them (the transport emits
     * `message.created`). Nothing is shown when that shopper message turns out to be stored already
     * (another instance received the same re-send and answers it).
     */
    async storeBotReplies(conversationId: string, botReplies: readonly BotReply[]): Promise<StoredMessage[]> {
      if (botReplies.length === 0) return [];
      const patch = deferredPatches.get(conversationId) ?? {};
      deferredPatches.delete(conversationId);
      const held = heldMessages.get(conversationId);
      const now = clock();
      const messages: StoredMessage[] = botReplies.map((reply) => ({
        id: newMessageId(),
        author: { kind: 'bot' },
        body: reply.body,
        at: now,
        ...(reply.quickReplies && reply.quickReplies.length > 0 ? { quickReplies: reply.quickReplies } : {}),
      }));
      const result = await conversations.appendMessages(
        conversationId,
        held ? [held.message, ...messages] : messages,
        now,
        patch,
        { idempotent: held?.idempotent ?? false },
      );
      if (!result) {
        // A held message stays held: the turn's end reports the conversation gone.
        logger.warn({ conversationId }, 'bot replies for a conversation that no longer exists');
        return held ? [] : messages;
      }
      if (held) {
        heldMessages.delete(conversationId);
        held.onStored(result.appended);
        if (!result.appended) return [];
      }
      return messages;
    },

    /** Shows stored messages to every socket of the conversation. */
    showMessages(conversationId: string, messages: readonly StoredMessage[]): void {
      for (const message of messages) {
        const payload: MessageCreatedEvent = { conversationId, message: toChatMessage(message) };
        deps.room.to(conversationRoom(conversationId)).emit(chatServerEvents.messageCreated, payload);
      }
    },

    /** Drops this instance's copy of a conversation another instance may have changed. */
    forget(conversationId: string): void {
      conversations.forget(conversationId);
    },

    /** Passes a handed-off shopper's typing to the agents. */
    shopperTyping(conversation: Conversation, typing: boolean): void {
      if (conversation.state === 'waiting' || conversation.state === 'agent') deps.relay.typing(conversation, typing);
    },
  };
}
