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
import { toChatMessage } from '../conversations/chat-room.ts';
import type { ConversationService } from '../conversations/conversation-service.ts';
import type { KeyedSerialQueue } from '../conversations/keyed-serial-queue.ts';
import { signSessionToken, verifySessionToken, type SessionTokenLifetime } from '../conversations/session-token.ts';
import type { DialogRunner } from '../dialog/botkit-dialog.ts';
import type { VerificationLimiter } from '../identity/verification-limiter.ts';
import type { AddressAllowance, AddressLimiter } from './address-limits.ts';
import { clientAddress } from './client-address.ts';
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
  /** Sockets and new conversations per client address. */
  addressLimiter: AddressLimiter;
  /** How many proxies of ours are in front (`X-Forwarded-For` entries to skip, see `clientAddress`). */
  trustedProxyHops: number;
  clock: () => Date;
  logger: Logger;
}

type Ack = (response: unknown) => void;

interface SocketState {
  conversationId: string | null;
  /** The conversation is not stored yet (`conversation.start` writes nothing): stored at the first message, with the greeting shown. */
  unstored: { conversation: Conversation; greeting: StoredMessage[] } | null;
  ip: string;
}

/** The name of the pseudo-event a refused connection's error names. */
const connectionEvent = 'connection';

function limitedEvent(
  allowance: Extract<AddressAllowance, { allowed: false }>,
  what: string,
  extra: Partial<ChatErrorEvent>,
): ChatErrorEvent {
  return errorEvent(
    'rate_limited',
    `Too many ${what} from your network (${allowance.points} per ${allowance.per}); try again in ${allowance.retryAfterSeconds} s`,
    { limit: allowance.limit, retryAfterSeconds: allowance.retryAfterSeconds, ...extra },
  );
}

function errorEvent(code: string, message: string, extra: Partial<ChatErrorEvent> = {}): ChatErrorEvent {
  return { code: code.startsWith('loyaldesk:') ? code : `loyaldesk:${code}`, message, ...extra };
}

function readyPayload(
  conversation: Conversation,
  messages: readonly StoredMessage[],
  sessionToken: string,
  resumed: boolean,
  unreadCount = 0,
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
    ...(unreadCount > 0 ? { unreadCount } : {}),
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
    const issuedAt = claims ? claims.issuedAt : now;
    const transcript = found?.messages ?? [];
    // A valid token for a conversation never stored (the shopper had not written yet) keeps its id,
    // so another tab or a reconnect carries on with the same one.
    let conversation: Conversation =
      found ??
      service.start({
        ...(language ? { language } : {}),
        ...(shop ? { shop } : {}),
        ...(claims ? { id: claims.conversationId } : {}),
      });
    if (identityToken) {
      const allowance = await deps.limiter.consume(conversation.id, state.ip);
      if (allowance.allowed)
        conversation = resumed
          ? await service.verifyWithIdentityToken(conversation, identityToken)
          : service.verifyUnstoredWithIdentityToken(conversation, identityToken);
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
    state.unstored = resumed ? null : { conversation, greeting: service.greetingMessages(conversation) };
    await socket.join(conversationRoom(conversation.id));
    const ready = readyPayload(
      conversation,
      transcript,
      signSessionToken(deps.sessionSecret, conversation.id, { now, issuedAt, lifetime: deps.sessionLifetime }),
      resumed,
      resumed ? await service.takeUnreadCount(conversation) : 0,
    );
    if (ack) ack({ ok: true, ...ready });
    else socket.emit(chatServerEvents.ready, ready);
    // To this socket only: another tab of an unstored conversation got its own greeting.
    for (const message of state.unstored?.greeting ?? []) {
      const shown: MessageCreatedEvent = { conversationId: conversation.id, message: toChatMessage(message) };
      socket.emit(chatServerEvents.messageCreated, shown);
    }
  }

  /** Stores the socket's unstored conversation at its first message, within the address's allowance; false when refused. */
  async function storeOnFirstMessage(
    socket: Socket,
    state: SocketState,
    conversationId: string,
    ack: Ack | undefined,
    clientId: string | undefined,
  ): Promise<boolean> {
    const unstored = state.unstored;
    if (!unstored || unstored.conversation.id !== conversationId) return true;
    const allowance = await deps.addressLimiter.conversation(state.ip);
    if (!allowance.allowed) {
      refuse(
        socket,
        ack,
        limitedEvent(allowance, 'new conversations', {
          event: chatClientEvents.sendMessage,
          ...(clientId ? { clientId } : {}),
        }),
      );
      return false;
    }
    await service.create(unstored.conversation, unstored.greeting);
    if (state.unstored === unstored) state.unstored = null;
    return true;
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
      if (!(await storeOnFirstMessage(socket, state, conversationId, ack, data.clientId))) return;
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
    if (state.unstored?.conversation.id === conversationId) return ack?.({ ok: true }); // nobody to tell yet
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
      // Nothing said yet, nothing to end or rate (nor to store for it).
      if (state.unstored?.conversation.id === conversationId) return ack?.({ ok: true });
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
    // A message not of this socket's own greeting: another tab stored the conversation (messages are shown once stored).
    if (
      event === chatServerEvents.messageCreated &&
      state.unstored?.conversation.id === conversationId &&
      !state.unstored.greeting.some((message) => message.id === messageIdOf(payload))
    )
      state.unstored = null;
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

  function addressOf(socket: Socket): string {
    return clientAddress({
      peer: socket.handshake.address,
      forwardedFor: socket.handshake.headers['x-forwarded-for'],
      trustedHops: deps.trustedProxyHops,
    });
  }

  // Sockets per client address: over the limit, the connection is refused (`connect_error`, its
  // `data` the usual error event), before it can start anything.
  namespace.use((socket, next) => {
    deps.addressLimiter.connection(addressOf(socket)).then(
      (allowance) => {
        if (allowance.allowed) return next();
        const refusal = limitedEvent(allowance, 'connections', { event: connectionEvent });
        next(Object.assign(new Error(refusal.message), { data: refusal }));
      },
      (error: unknown) => {
        const errorId = randomBytes(6).toString('hex');
        logger.error({ err: error, errorId }, 'connection limit unavailable');
        const refusal = errorEvent('internal_error', `Something went wrong (error ${errorId}); please try again`, {
          event: connectionEvent,
        });
        next(Object.assign(new Error(refusal.message), { data: refusal }));
      },
    );
  });

  namespace.on('connection', (socket) => {
    const state: SocketState = { conversationId: null, unstored: null, ip: addressOf(socket) };
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

/** `message.id` of a `message.created` payload, unchecked. */
function messageIdOf(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const message: unknown = (payload as { message?: unknown }).message;
  return typeof message === 'object' && message !== null ? (message as { id?: unknown }).id : undefined;
}

function clientIdOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || !('clientId' in payload)) return undefined;
  const clientId = (payload as { clientId: unknown }).clientId;
  return typeof clientId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(clientId) ? clientId : undefined;
}
