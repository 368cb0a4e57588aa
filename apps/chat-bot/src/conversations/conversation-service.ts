import type { CustomerProfileService } from '@loyaldesk/customer-profile/service';
import type { Logger } from '@loyaldesk/platform/logger';
import type { Outbox } from '@loyaldesk/platform/outbox';
import { catalogAnswerHandlers, createShopAnswerHandlers } from '../answers/answer-handlers.ts';
import type { BotReply } from '../answers/bot-reply.ts';
import type { ShippingPolicy } from '../answers/shipping-policy.ts';
import type { AgentRelay } from '../handoff/agent-relay.ts';
import {
  createForwardToAgentHandler,
  createHandoffHandler,
  handoffOfferHandlers,
} from '../handoff/handoff-handlers.ts';
import { createParcelProblemHandlers } from '../handoff/parcel-problem-handlers.ts';
import { createTicketingEvents } from '../handoff/ticketing-events.ts';
import type { OrderVerifier } from '../identity/order-verification.ts';
import type { VerificationLimiter } from '../identity/verification-limiter.ts';
import { createVerifyEmailHandler } from '../identity/verify-email-handler.ts';
import type { Nlu } from '../nlu/understand.ts';
import type { CustomerNoticesStore } from '../proactive/customer-notices-store.ts';
import { proactiveAwarenessText } from '../proactive/notice-text.ts';
import { noticeToMention } from '../proactive/proactive-awareness.ts';
import type { NpsSchedule } from '../survey/nps-schedule.ts';
import { createSurveyAnswerHandler, createSurveyReplyHandlers } from '../survey/survey-handlers.ts';
import {
  carryOut,
  type ActionHandlers,
  type ActionResult,
  type TurnContext,
  type TurnOrigin,
} from './action-handler.ts';
import { createChatRoom, type ChatRoomEmitter } from './chat-room.ts';
import { createCloseHandler } from './close-conversation.ts';
import { parseCommand } from './commands.ts';
import { isHandedOff, type Conversation, type StoredMessage } from './conversation.ts';
import { setFields } from './conversation-change.ts';
import { createConversationSessions } from './conversation-session.ts';
import { planTurn, type TurnPlan } from './plan-turn.ts';
import type { ConversationStore } from './storage/conversation-store.ts';
import { createTurnWrites } from './storage/turn-writes.ts';

export interface ConversationServiceDeps {
  store: ConversationStore;
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
  /** Delivery notices per customer (proactive/): the bot mentions them; absent: it does not know of any. */
  notices?: CustomerNoticesStore;
  clock: () => Date;
  logger: Logger;
}

/**
 * The chat's orchestrator: the shopper's sessions (`conversation-session.ts`), and a turn: plan,
 * then the handler of the planned action (answers/, identity/, handoff/, survey/), then its outcome
 * written, with what the bot says, through the turn's batched writes (`storage/turn-writes.ts`).
 * No Botkit and no sockets here; the dialog layer routes to it.
 */
export type ConversationService = ReturnType<typeof createConversationService>;

export function createConversationService(deps: ConversationServiceDeps) {
  const { store, clock, logger } = deps;
  const room = createChatRoom(deps.room);
  const writes = createTurnWrites({ store, clock, logger });
  const closing = { store, outbox: deps.outbox, room, clock };
  const ticketing = createTicketingEvents(closing);
  const sessions = createConversationSessions({ store, identitySecret: deps.identitySecret, clock });
  const handoffDeps = { store, outbox: deps.outbox, room, profiles: deps.profiles, clock, logger };
  const timeZone = deps.policy.timeZone;
  const handlers: ActionHandlers = {
    ...catalogAnswerHandlers,
    ...createShopAnswerHandlers({ profiles: deps.profiles, policy: deps.policy, clock }),
    verify_email: createVerifyEmailHandler({
      limiter: deps.limiter,
      verifier: deps.verifier,
      timeZone: deps.policy.timeZone,
    }),
    ...handoffOfferHandlers,
    handoff: createHandoffHandler({ ...handoffDeps, timeZone }),
    ...createParcelProblemHandlers({ ...handoffDeps, limiter: deps.limiter, verifier: deps.verifier, timeZone }),
    forward_to_agent: createForwardToAgentHandler({ outbox: deps.outbox }),
    close: createCloseHandler(closing),
    survey_answer: createSurveyAnswerHandler({ store, outbox: deps.outbox, npsSchedule: deps.npsSchedule, clock }),
    ...createSurveyReplyHandlers({ clock }),
  };

  function runAction(
    conversation: Conversation,
    message: StoredMessage | null,
    plan: Pick<TurnPlan, 'action' | 'language' | 'patch'>,
    origin: TurnOrigin,
  ): ActionResult | Promise<ActionResult> {
    const turn: TurnContext = {
      conversation,
      message,
      language: plan.language,
      patch: plan.patch,
      origin,
      storeShopperMessage: () => writes.storeHeldShopperMessage(conversation.id),
    };
    return carryOut(handlers, plan.action.kind, plan.action, turn);
  }

  /** Actions where a verified shopper is talking about their order or its delivery: the bot says what it knows. */
  const orderTalk: ReadonlySet<TurnPlan['action']['kind']> = new Set([
    'show_order',
    'verify_email',
    'recent_orders',
    'problem_offer',
    'handoff',
    // A missing parcel's email just matched: the shopper is now known, and so is their parcel's trouble.
    'parcel_verify',
  ]);

  /** The bot knows of a parcel in trouble already: says so, and since when, with the turn's replies. */
  async function withWhatTheBotKnows(
    conversation: Conversation,
    plan: Pick<TurnPlan, 'action' | 'language'>,
    result: ActionResult,
  ): Promise<BotReply[]> {
    // A handoff writes its own change (a parcel's email verified in the same turn included).
    const after = result.changed ?? conversation;
    const customerId = result.patch?.customerId ?? after.customerId;
    if (!deps.notices || !customerId || !orderTalk.has(plan.action.kind) || result.replies.length === 0)
      return result.replies;
    // An order answer names its order; a problem or a handoff is about the conversation's last one, if any.
    const shownOrder = result.patch?.lastOrderNumber ?? null;
    if ((plan.action.kind === 'show_order' || plan.action.kind === 'verify_email') && !shownOrder)
      return result.replies;
    const record = await deps.notices.get(customerId);
    const orderNumber = plan.action.kind === 'recent_orders' ? null : (shownOrder ?? after.lastOrderNumber);
    const notice = record ? noticeToMention(record.notices, orderNumber, clock()) : null;
    if (!notice) return result.replies;
    const language = plan.language;
    const known: BotReply = {
      body: proactiveAwarenessText({ ...notice, personOnIt: notice.ticketId !== null }, language, deps.policy.timeZone),
      language,
    };
    if (plan.action.kind === 'handoff') return [known, ...result.replies];
    // After the parcel's tracking, before "I'm passing you to a person".
    if (plan.action.kind === 'parcel_verify')
      return [...result.replies.slice(0, -1), known, ...result.replies.slice(-1)];
    return [...result.replies, known];
  }

  /** The customer's latest identified conversation: where their next delivery notice goes. */
  async function linkCustomer(conversationId: string, customerId: string | null): Promise<void> {
    if (!deps.notices || !customerId) return;
    try {
      await deps.notices.link(customerId, conversationId);
    } catch (error) {
      // The chat goes on: the notice then waits for the bot to mention it.
      logger.warn({ err: error, conversationId }, 'linking the customer to the conversation failed');
    }
  }

  return {
    ...sessions,

    /** Stores a conversation from `start` (see sessions.create), linked to its customer when verified already. */
    async create(conversation: Conversation, opening: readonly StoredMessage[]): Promise<void> {
      await sessions.create(conversation, opening);
      await linkCustomer(conversation.id, conversation.customerId);
    },

    /** A storefront identity token on a stored conversation (see sessions), linked to the customer it verifies. */
    async verifyWithIdentityToken(conversation: Conversation, identityToken: string): Promise<Conversation> {
      const verified = await sessions.verifyWithIdentityToken(conversation, identityToken);
      if (verified.customerId !== conversation.customerId) await linkCustomer(verified.id, verified.customerId);
      return verified;
    },

    /** Notices stored in the conversation while none of its sockets was open: counted once, for the resuming widget's badge. */
    async takeUnreadCount(conversation: Conversation): Promise<number> {
      if (!deps.notices || !conversation.customerId) return 0;
      return deps.notices.takeUnread(conversation.customerId, conversation.id);
    },

    /** Holds a received shopper message for its turn (stored with the turn's first reply); `onStored` acknowledges it. */
    holdShopperMessage: writes.holdShopperMessage,

    /**
     * After the turn: stores the held shopper message if no reply took it (a turn without a reply,
     * or one that failed). 'missing' when the conversation no longer exists.
     */
    storeHeldShopperMessage: writes.storeHeldShopperMessage,

    /** Forgets a held shopper message unacknowledged (it could not be stored; the client re-sends it). */
    dropHeldShopperMessage: writes.dropHeldShopperMessage,

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
      writes.forgetOutcome(conversation.id);
      const result = await runAction(conversation, message, plan, origin);
      const patch = result.patch;
      if (patch?.customerId && patch.customerId !== conversation.customerId)
        await linkCustomer(conversation.id, patch.customerId);
      const replies = await withWhatTheBotKnows(conversation, plan, result);
      if (patch && Object.keys(patch).length > 0) {
        // A state change is written (and announced) now; anything else goes with the replies.
        if (result.replies.length > 0 && patch.state === undefined) {
          writes.deferOutcome(conversation.id, patch);
        } else {
          const updated = await store.changeState(conversation.id, setFields(patch), clock());
          if (updated && patch.state && patch.state !== conversation.state) room.updated(updated);
        }
      }
      return replies;
    },

    /** The shopper ends a bot conversation: closed, counted, and the survey starts. */
    async end(conversation: Conversation, origin: TurnOrigin): Promise<BotReply[]> {
      if (conversation.state !== 'bot') return [];
      const result = await runAction(
        conversation,
        null,
        { action: { kind: 'close' }, language: conversation.language, patch: {} },
        origin,
      );
      return result.replies;
    },

    /** Ticketing resolved the conversation's ticket: the chat closes and the survey starts (once, whatever the deliveries). */
    ticketResolved: ticketing.ticketResolved,

    /** An agent reply reached the room: stored once (by its id), and the conversation is now with an agent. */
    recordAgentMessage: ticketing.recordAgentMessage,

    /** Ticketing told the room the shopper's place in line: kept for a reconnecting shopper. */
    recordQueuePosition: ticketing.recordQueuePosition,

    /**
     * A turn whose replies were not all stored (delivery failed) leaves its outcome unwritten, as
     * the replies are; the dialog calls this when the turn ends so it cannot reach a later turn.
     */
    forgetTurnOutcome: writes.forgetOutcome,

    /**
     * Stores the bot's replies, with the outcome of the turn that decided them and the shopper message
     * they answer (if still held) in the same write; the caller then shows them (`showMessages`).
     * Nothing is shown when that shopper message turns out to be stored already (another instance
     * received the same re-send and answers it).
     */
    storeBotReplies: writes.storeBotReplies,

    /** Shows stored messages to every socket of the conversation. */
    showMessages: room.showMessages,

    /** Drops this instance's copy of a conversation another instance may have changed. */
    forget(conversationId: string): void {
      store.forget(conversationId);
    },

    /** Passes a handed-off shopper's typing to the agents. */
    shopperTyping(conversation: Conversation, typing: boolean): void {
      if (isHandedOff(conversation)) deps.relay.typing(conversation, typing);
    },
  };
}
