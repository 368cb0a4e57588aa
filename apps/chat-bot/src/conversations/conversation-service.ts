import { createHash } from 'node:crypto';
import type { SendMessagePayload } from '@loyaldesk/contracts/chat-events';
import type { Language } from '@loyaldesk/contracts/language';
import type { CustomerProfileService } from '@loyaldesk/customer-profile/service';
import type { Logger } from '@loyaldesk/platform/logger';
import type { Outbox } from '@loyaldesk/platform/outbox';
import { catalogAnswerHandlers, createShopAnswerHandlers } from '../answers/answer-handlers.ts';
import { botMessage, type BotReply } from '../answers/bot-reply.ts';
import { greetingReply } from '../answers/dialog-replies.ts';
import type { ShippingPolicy } from '../answers/shipping-policy.ts';
import type { AgentRelay } from '../handoff/agent-relay.ts';
import {
  createForwardToAgentHandler,
  createHandoffHandler,
  handoffOfferHandlers,
} from '../handoff/handoff-handlers.ts';
import { createTicketingEvents } from '../handoff/ticketing-events.ts';
import { verifyIdentityToken } from '../identity/identity-token.ts';
import type { OrderVerifier } from '../identity/order-verification.ts';
import type { VerificationLimiter } from '../identity/verification-limiter.ts';
import { createVerifyEmailHandler } from '../identity/verify-email-handler.ts';
import type { Nlu } from '../nlu/understand.ts';
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
import {
  isHandedOff,
  newConversation,
  newConversationId,
  newMessageId,
  type Conversation,
  type ConversationWithTranscript,
  type StoredMessage,
} from './conversation.ts';
import { setFields } from './conversation-change.ts';
import { planTurn, type TurnPlan } from './plan-turn.ts';
import type { ConversationStore } from './storage/conversation-store.ts';
import { createTurnWrites } from './storage/turn-writes.ts';

export type { TurnOrigin } from './action-handler.ts';

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
  clock: () => Date;
  logger: Logger;
}

/**
 * A shopper message's id: random, or derived from the client's id for it, so a message re-sent
 * after a lost acknowledgement is recognised and stored once.
 */
function shopperMessageId(conversationId: string, clientId: string | undefined): string {
  if (!clientId) return newMessageId();
  return `msg_${createHash('sha256').update(`${conversationId}\0${clientId}`).digest('hex').slice(0, 20)}`;
}

/**
 * The chat's orchestrator: starts and resumes conversations, receives shopper messages and runs a
 * turn (plan, then the handler of the planned action: answers/, identity/, handoff/, survey/), and
 * stores what the bot says through the turn's batched writes. No Botkit and no sockets here; the
 * dialog layer routes to it.
 */
export type ConversationService = ReturnType<typeof createConversationService>;

export function createConversationService(deps: ConversationServiceDeps) {
  const { store, clock, logger } = deps;
  const room = createChatRoom(deps.room);
  const writes = createTurnWrites({ store, clock, logger });
  const closing = { store, outbox: deps.outbox, room, clock };
  const ticketing = createTicketingEvents(closing);
  const handlers: ActionHandlers = {
    ...catalogAnswerHandlers,
    ...createShopAnswerHandlers({ profiles: deps.profiles, policy: deps.policy, clock }),
    verify_email: createVerifyEmailHandler({
      limiter: deps.limiter,
      verifier: deps.verifier,
      timeZone: deps.policy.timeZone,
    }),
    ...handoffOfferHandlers,
    handoff: createHandoffHandler({ store, outbox: deps.outbox, room, clock, logger }),
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
      return [botMessage(greetingReply(conversation.language, conversation.customerId !== null), clock())];
    },

    /**
     * Stores a conversation from `start` with the messages shown before the shopper's first one (the
     * greeting). Stored already (another tab of it was first) is fine: it carries on as stored.
     */
    create(conversation: Conversation, opening: readonly StoredMessage[]): Promise<void> {
      return store.create(conversation, opening, clock());
    },

    /** A storefront identity token on a conversation not stored yet: verified in memory, stored with it. */
    verifyUnstoredWithIdentityToken(conversation: Conversation, identityToken: string): Conversation {
      const customerId = verifyIdentityToken(deps.identitySecret, identityToken, clock());
      return customerId ? { ...conversation, customerId, verifiedBy: 'identity_token' } : conversation;
    },

    /** The conversation as it is now (no transcript: a turn needs none), or null. */
    current(conversationId: string): Promise<Conversation | null> {
      return store.load(conversationId);
    },

    /** The conversation with its kept transcript (a resume), or null. */
    async find(conversationId: string): Promise<ConversationWithTranscript | null> {
      const conversation = await store.load(conversationId);
      if (!conversation) return null;
      return { ...conversation, messages: await store.transcript(conversationId) };
    },

    /** A storefront identity token (on start or resume): verifies the shopper when valid; ignored otherwise. */
    async verifyWithIdentityToken(conversation: Conversation, identityToken: string): Promise<Conversation> {
      const customerId = verifyIdentityToken(deps.identitySecret, identityToken, clock());
      if (!customerId || customerId === conversation.customerId) return conversation;
      return (
        (await store.changeState(conversation.id, setFields({ customerId, verifiedBy: 'identity_token' }), clock())) ??
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
      const found = await store.loadWithRecentMessage(conversationId, message.id);
      return found ? { conversation: found.conversation, message, storedBefore: found.stored } : null;
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
      if (patch && Object.keys(patch).length > 0) {
        // A state change is written (and announced) now; anything else goes with the replies.
        if (result.replies.length > 0 && patch.state === undefined) {
          writes.deferOutcome(conversation.id, patch);
        } else {
          const updated = await store.changeState(conversation.id, setFields(patch), clock());
          if (updated && patch.state && patch.state !== conversation.state) room.updated(updated);
        }
      }
      return result.replies;
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
