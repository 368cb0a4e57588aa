import { randomBytes } from 'node:crypto';
import type { Namespace, Socket } from 'socket.io';
import {
  chatClientEvents,
  chatServerEvents,
  conversationRoom,
  endConversationPayloadSchema,
  messageCreatedEventSchema,
  queuePositionEventSchema,
  sendMessagePayloadSchema,
  shopperTypingPayloadSchema,
  startConversationPayloadSchema,
  ticketResolvedEventSchema,
  type ChatErrorEvent,
  type ConversationReadyEvent,
  type MessageAckEvent,
  type MessageCreatedEvent,
} from '@loyaldesk/contracts/chat-events';
import { AppError, isOutageError, outageRetryAfterSeconds } from '@loyaldesk/platform/errors';
import type { Logger } from '@loyaldesk/platform/logger';
import type { Conversation, StoredMessage } from '../conversations/conversation.ts';
import { toChatMessage, type ConversationService } from '../conversations/conversation-service.ts';
import type { KeyedSerialQueue } from '../conversations/keyed-serial-queue.ts';
import { signSessionToken, verifySessionToken, type SessionTokenLifetime } from '../conversations/session-token.ts';
import type { DialogRunner } from '../dialog/botkit-dialog.ts';
import type { VerificationLimiter } from '../identity/verification-limiter.ts';
import { createFloodGuard, type FloodLimits } from './flood-guard.ts';
import { parsePayload } from './parse-payload.ts';

export interface ChatSocketDeps {
  namespace: Namespace;
  service: ConversationService;
  dialog: DialogRunner;
  sessionSecret: string;
  /** The session tokens' absolute (from the conversation's first token) and idle lifetimes. */
  sessionLifetime: SessionTokenLifetime;
  limiter: VerificationLimiter;
  serial: KeyedSerialQueue;
  floodLimits: FloodLimits;
  trustProxy: boolean;
  clock: () => Date;
  logger: Logger;
}

type Ack = (response: unknown) => void;

interface SocketState {
  conversationId: string | null;
  ip: string;
}

function clientIp(socket: Socket, trustProxy: boolean): string {
  const forwarded = socket.handshake.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return trustProxy && first ? first : socket.handshake.address;
}

function errorEvent(code: string, message: string, extra: Partial<ChatErrorEvent> = {}): ChatErrorEvent {
  return { code: code.startsWith('loyaldesk:') ? code : `loyaldesk:${code}`, message, ...extra };
}

function readyPayload(
  conversation: Conversation,
  messages: readonly StoredMessage[],
  sessionToken: string,
  resumed: boolean,
): ConversationReadyEvent {
  return {
    conversationId: conversation.id,
    sessionToken,
    resumed,
    state: conversation.state,
    language: conversation.language,
    customerVerified: conversation.customerId !== null,
    messages: messages.map(toChatMessage),
    earlierMessagesDropped: Math.max(0, conversation.messageCount - messages.length),
    ticketId: conversation.handoff?.ticketId ?? null,
    queue: conversation.queue
      ? {
          ticketId: conversation.queue.ticketId,
          position: conversation.queue.position,
          expectedWaitSeconds: conversation.queue.expectedWaitSeconds,
        }
      : null,
  };
}

/**
 * The `/chat` namespace: every client event is rate limited per socket, parsed with zod (a bad one
 * gets an `error` event naming the field, and the connection stays), and run one at a time per
 * conversation. Events ticketing emits into a conversation's room (agent replies, queue position,
 * ticket resolved) are seen here on their way out to the shopper's socket and recorded.
 */
export function attachChatSockets(deps: ChatSocketDeps): void {
  const { namespace, service, dialog, serial, logger } = deps;

  async function start(socket: Socket, state: SocketState, payload: unknown, ack: Ack | undefined): Promise<void> {
    const parsed = parsePayload(startConversationPayloadSchema, payload, chatClientEvents.start);
    if (!parsed.ok) return refuse(socket, ack, parsed.error);
    const { sessionToken, identityToken, language, shop } = parsed.data;
    const now = deps.clock();
    const claims = sessionToken
      ? verifySessionToken(deps.sessionSecret, sessionToken, now, deps.sessionLifetime)
      : null;
    const found = claims ? await service.find(claims.conversationId) : null;
    const resumed = found !== null;
    // A renewal keeps the first issue time, so the conversation's tokens end at its max age.
    const issuedAt = claims && found ? claims.issuedAt : now;
    const transcript = found?.messages ?? [];
    let conversation: Conversation =
      found ?? (await service.start({ ...(language ? { language } : {}), ...(shop ? { shop } : {}) }));
    if (identityToken) {
      const allowance = await deps.limiter.consume(conversation.id, state.ip);
      if (allowance.allowed) conversation = await service.verifyWithIdentityToken(conversation, identityToken);
      else
        socket.emit(
          chatServerEvents.error,
          errorEvent('rate_limited', `Too many identity checks; try again in ${allowance.retryAfterSeconds} s`, {
            field: 'identityToken',
            event: chatClientEvents.start,
          }),
        );
    }
    if (state.conversationId && state.conversationId !== conversation.id)
      await socket.leave(conversationRoom(state.conversationId));
    state.conversationId = conversation.id;
    await socket.join(conversationRoom(conversation.id));
    const ready = readyPayload(
      conversation,
      transcript,
      signSessionToken(deps.sessionSecret, conversation.id, { now, issuedAt, lifetime: deps.sessionLifetime }),
      resumed,
    );
    if (ack) ack({ ok: true, ...ready });
    else socket.emit(chatServerEvents.ready, ready);
    if (!resumed) {
      const started = conversation;
      await serial.run(started.id, () => dialog.conversationStarted(started));
    }
  }

  async function sendMessage(
    socket: Socket,
    state: SocketState,
    payload: unknown,
    ack: Ack | undefined,
  ): Promise<void> {
    const conversationId = state.conversationId;
    if (!conversationId) return refuse(socket, ack, notStarted(chatClientEvents.sendMessage));
    const parsed = parsePayload(sendMessagePayloadSchema, payload, chatClientEvents.sendMessage);
    if (!parsed.ok)
      return refuse(socket, ack, {
        ...parsed.error,
        ...(clientIdOf(payload) ? { clientId: clientIdOf(payload) } : {}),
      });
    const data = parsed.data;
    await serial.run(conversationId, async () => {
      const received = await service.receiveShopperMessage(conversationId, data);
      if (!received) return refuse(socket, ack, conversationGone(chatClientEvents.sendMessage));
      const { message } = received;
      // Acknowledged only once stored: with the bot's first reply (one write), or alone after the turn.
      const acknowledge = (): void => {
        const acknowledgement: MessageAckEvent = {
          messageId: message.id,
          ...(data.clientId ? { clientId: data.clientId } : {}),
        };
        if (ack) ack({ ok: true, ...acknowledgement });
        else socket.emit(chatServerEvents.messageAck, acknowledgement);
      };
      if (received.storedBefore) return acknowledge(); // a re-send of a stored message: answered the first time
      service.holdShopperMessage(conversationId, message, {
        idempotent: data.clientId !== undefined,
        onStored: (appended) => {
          acknowledge();
          const shown: MessageCreatedEvent = { conversationId, message: toChatMessage(message) };
          if (appended) socket.to(conversationRoom(conversationId)).emit(chatServerEvents.messageCreated, shown);
        },
      });
      let turnError: { error: unknown } | undefined;
      try {
        await dialog.shopperMessage({
          conversation: received.conversation,
          message,
          quickReply: data.quickReply,
          origin: { ip: state.ip },
        });
      } catch (error) {
        turnError = { error };
      }
      // A server away: nothing more can be stored now; the refusal tells the client when to re-send.
      if (turnError && isOutageError(turnError.error)) {
        service.dropHeldShopperMessage(conversationId);
        throw turnError.error;
      }
      // Stored in any case (alone when no reply took it); a failure here is not acknowledged, so the client re-sends.
      if ((await service.storeHeldShopperMessage(conversationId)) === 'missing')
        return refuse(socket, ack, conversationGone(chatClientEvents.sendMessage));
      if (turnError) {
        const errorId = randomBytes(6).toString('hex');
        logger.error({ err: turnError.error, errorId, conversationId }, 'the bot could not answer a stored message');
        socket.emit(
          chatServerEvents.error,
          errorEvent(
            'reply_failed',
            `Your message is saved, but I could not answer it just now (error ${errorId}). Please try again.`,
            {
              event: chatClientEvents.sendMessage,
              ...(data.clientId ? { clientId: data.clientId } : {}),
            },
          ),
        );
      }
    });
  }

  async function typing(socket: Socket, state: SocketState, payload: unknown, ack: Ack | undefined): Promise<void> {
    const conversationId = state.conversationId;
    if (!conversationId) return refuse(socket, ack, notStarted(chatClientEvents.typing));
    const parsed = parsePayload(shopperTypingPayloadSchema, payload, chatClientEvents.typing);
    if (!parsed.ok) return refuse(socket, ack, parsed.error);
    const conversation = await service.current(conversationId);
    if (conversation) service.shopperTyping(conversation, parsed.data.typing);
    ack?.({ ok: true });
  }

  async function end(socket: Socket, state: SocketState, payload: unknown, ack: Ack | undefined): Promise<void> {
    const conversationId = state.conversationId;
    if (!conversationId) return refuse(socket, ack, notStarted(chatClientEvents.end));
    const parsed = parsePayload(endConversationPayloadSchema, payload, chatClientEvents.end);
    if (!parsed.ok) return refuse(socket, ack, parsed.error);
    await serial.run(conversationId, async () => {
      const conversation = await service.current(conversationId);
      if (!conversation || conversation.state !== 'bot') {
        return refuse(
          socket,
          ack,
          errorEvent('not_ended', 'Only a chat with the bot can be ended here; a person closes a handed-off chat', {
            event: chatClientEvents.end,
          }),
        );
      }
      ack?.({ ok: true });
      await dialog.conversationEnded(conversation, { ip: state.ip });
    });
  }

  const handlers: Record<
    string,
    (socket: Socket, state: SocketState, payload: unknown, ack: Ack | undefined) => Promise<void>
  > = {
    [chatClientEvents.start]: start,
    [chatClientEvents.sendMessage]: sendMessage,
    [chatClientEvents.typing]: typing,
    [chatClientEvents.end]: end,
  };

  function refuse(socket: Socket, ack: Ack | undefined, error: ChatErrorEvent): void {
    socket.emit(chatServerEvents.error, error);
    ack?.({ ok: false, error });
  }

  function conversationGone(event: string): ChatErrorEvent {
    return errorEvent('conversation_not_found', 'This conversation no longer exists; start a new one', { event });
  }

  function notStarted(event: string): ChatErrorEvent {
    return errorEvent('conversation_not_started', `Send ${chatClientEvents.start} first`, { event });
  }

  // Room events come from ticketing for every socket of the conversation; one socket per instance
  // records them (the writes are idempotent anyway, for several instances).
  function recordsRoomEvents(socket: Socket, conversationId: string): boolean {
    const first: unknown = namespace.adapter.rooms.get(conversationRoom(conversationId))?.values().next().value;
    return first === socket.id;
  }

  function onRoomEvent(socket: Socket, state: SocketState, event: string, payload: unknown): void {
    const conversationId = state.conversationId;
    if (!conversationId) return;
    // A state change (from any instance, through the adapter): this instance's copy may be behind.
    if (event === chatServerEvents.conversationUpdated) service.forget(conversationId);
    // Most outgoing events are this instance's own bot and shopper messages: nothing to record,
    // and not worth a full schema check each.
    if (event === chatServerEvents.messageCreated && authorKindOf(payload) !== 'agent') return;
    if (!recordsRoomEvents(socket, conversationId)) return;
    const record = (what: string, work: () => Promise<void>): void => {
      serial
        .run(conversationId, work)
        .catch((error: unknown) => logger.warn({ err: error, conversationId, event: what }, 'room event not recorded'));
    };
    if (event === chatServerEvents.messageCreated) {
      const parsed = messageCreatedEventSchema.safeParse(payload);
      if (
        !parsed.success ||
        parsed.data.message.author.kind !== 'agent' ||
        parsed.data.message.visibility === 'internal'
      )
        return;
      if (parsed.data.conversationId && parsed.data.conversationId !== conversationId) return;
      record(event, () => service.recordAgentMessage(conversationId, parsed.data));
    } else if (event === chatServerEvents.queuePosition) {
      const parsed = queuePositionEventSchema.safeParse(payload);
      if (parsed.success && (!parsed.data.conversationId || parsed.data.conversationId === conversationId)) {
        record(event, () => service.recordQueuePosition(conversationId, parsed.data));
      } else if (!parsed.success)
        logger.warn({ conversationId, issues: parsed.error.issues }, 'malformed queue.position from ticketing');
    } else if (event === chatServerEvents.ticketResolved) {
      const parsed = ticketResolvedEventSchema.safeParse(payload);
      if (parsed.success && (!parsed.data.conversationId || parsed.data.conversationId === conversationId)) {
        record(event, () => dialog.ticketResolved(conversationId, parsed.data));
      } else if (!parsed.success)
        logger.warn({ conversationId, issues: parsed.error.issues }, 'malformed ticket.resolved from ticketing');
    }
  }

  namespace.on('connection', (socket) => {
    const state: SocketState = { conversationId: null, ip: clientIp(socket, deps.trustProxy) };
    const guard = createFloodGuard(deps.floodLimits);

    socket.onAny((event: unknown, ...args: unknown[]) => {
      const last = args.at(-1);
      const ack = typeof last === 'function' ? (last as Ack) : undefined;
      const payload = typeof args[0] === 'function' ? undefined : args[0];
      const eventName = typeof event === 'string' ? event : String(event);
      const allowance = guard.take(Date.now());
      if (!allowance.allowed) {
        return refuse(
          socket,
          ack,
          errorEvent(
            'rate_limited',
            `Too many events; slow down and try again in ${Math.ceil(allowance.retryAfterMs / 1000)} s`,
            { event: eventName },
          ),
        );
      }
      const handler = Object.hasOwn(handlers, eventName) ? handlers[eventName] : undefined;
      if (!handler) {
        return refuse(
          socket,
          ack,
          errorEvent('unknown_event', `${eventName.slice(0, 60)} is not a chat event`, {
            field: 'event',
            event: eventName.slice(0, 60),
          }),
        );
      }
      handler(socket, state, payload, ack).catch((error: unknown) => {
        const errorId = randomBytes(6).toString('hex');
        logger.error(
          { err: error, errorId, event: eventName, conversationId: state.conversationId },
          'chat event failed',
        );
        const known = error instanceof AppError && error.status < 500;
        if (isOutageError(error)) {
          // Nothing of this event was acknowledged: the widget sends it again (same client id) after the wait.
          return refuse(
            socket,
            ack,
            errorEvent('service_unavailable', `Not saved yet: we could not reach our servers. Sending again in ${outageRetryAfterSeconds} s.`, {
              event: eventName,
              retryAfterSeconds: outageRetryAfterSeconds,
              ...(clientIdOf(payload) ? { clientId: clientIdOf(payload) } : {}),
            }),
          );
        }
        refuse(
          socket,
          ack,
          known
            ? errorEvent(error.code, error.message, {
                event: eventName,
                ...(error.field ? { field: error.field } : {}),
              })
            : errorEvent('internal_error', `Something went wrong (error ${errorId}); please try again`, {
                event: eventName,
              }),
        );
      });
    });

    socket.onAnyOutgoing((event: string, ...args: unknown[]) => onRoomEvent(socket, state, event, args[0]));
  });
}

/** `message.author.kind` of a `message.created` payload, unchecked (the schema check follows for agents). */
function authorKindOf(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const message: unknown = (payload as { message?: unknown }).message;
  if (typeof message !== 'object' || message === null) return undefined;
  const author: unknown = (message as { author?: unknown }).author;
  return typeof author === 'object' && author !== null ? (author as { kind?: unknown }).kind : undefined;
}

function clientIdOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || !('clientId' in payload)) return undefined;
  const clientId = (payload as { clientId: unknown }).clientId;
  return typeof clientId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(clientId) ? clientId : undefined;
}
