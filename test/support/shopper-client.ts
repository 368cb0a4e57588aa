import { io, type Socket } from 'socket.io-client';
import {
  chatClientEvents,
  chatNamespace,
  chatServerEvents,
  conversationReadyEventSchema,
  messageAckEventSchema,
  messageCreatedEventSchema,
  type ChatMessage,
  type ConversationReadyEvent,
  type MessageAckEvent,
  type StartConversationPayload,
} from '@loyaldesk/contracts/chat-events';
import type { z } from 'zod';

/** One event a shopper's socket received, in arrival order. */
export interface ReceivedEvent {
  event: string;
  payload: unknown;
}

/**
 * A shopper's socket on the chat bot's `/chat` namespace, recording everything it receives, with
 * bounded waits for what comes next (mirrors apps/chat-bot/src/testing/chat-test-app.ts ChatClient).
 */
export interface ShopperClient {
  socket: Socket;
  events: ReceivedEvent[];
  /** Starts (or resumes) the conversation; for a new one, also waits for the bot's greeting. */
  start(payload?: StartConversationPayload): Promise<ConversationReadyEvent>;
  /** Sends a message; resolves with the stored message's id (throws when refused). */
  send(text: string, extra?: { clientId?: string; quickReply?: string }): Promise<MessageAckEvent>;
  /** Sends and waits for the next bot or agent message. */
  ask(text: string, extra?: { clientId?: string; quickReply?: string }): Promise<ChatMessage>;
  /**
   * The first event named `event` received after index `from` (past or future) whose payload
   * parses with `schema` and satisfies `matches`; rejects after `timeoutMs` listing what came.
   */
  waitFor<Schema extends z.ZodType>(
    event: string,
    schema: Schema,
    options?: { matches?: (payload: z.output<Schema>) => boolean; from?: number; timeoutMs?: number },
  ): Promise<z.output<Schema>>;
  /** The next bot or agent message after index `from`. */
  nextMessage(from: number, timeoutMs?: number): Promise<ChatMessage>;
  close(): void;
}

const defaultWaitMs = 30_000;

/** Connects a shopper socket to the chat bot at `chatUrl` (websocket only, no reconnection). */
export async function connectShopper(chatUrl: string): Promise<ShopperClient> {
  const socket = io(`${chatUrl}${chatNamespace}`, { transports: ['websocket'], forceNew: true, reconnection: false });
  const events: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  socket.onAny((event: string, payload: unknown) => {
    events.push({ event, payload });
    for (const wake of [...waiters]) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

  function waitFor<Schema extends z.ZodType>(
    event: string,
    schema: Schema,
    options: { matches?: (payload: z.output<Schema>) => boolean; from?: number; timeoutMs?: number } = {},
  ): Promise<z.output<Schema>> {
    const { from = 0, timeoutMs = defaultWaitMs } = options;
    return new Promise((resolve, reject) => {
      const find = (): z.output<Schema> | undefined => {
        for (const item of events.slice(from)) {
          if (item.event !== event) continue;
          const parsed = schema.safeParse(item.payload);
          if (parsed.success && (options.matches?.(parsed.data) ?? true)) return parsed.data;
        }
        return undefined;
      };
      const wake = (): void => {
        const found = find();
        if (found === undefined) return;
        waiters.delete(wake);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(wake);
        const seen = events.slice(from).map((item) => `${item.event} ${JSON.stringify(item.payload).slice(0, 160)}`);
        reject(new Error(`no matching ${event} within ${timeoutMs} ms; received:\n  ${seen.join('\n  ')}`));
      }, timeoutMs);
      waiters.add(wake);
      wake();
    });
  }

  const client: ShopperClient = {
    socket,
    events,
    async start(payload = {}) {
      const from = events.length;
      const response: unknown = await socket.timeout(defaultWaitMs).emitWithAck(chatClientEvents.start, payload);
      const ready = conversationReadyEventSchema.parse(response);
      if (!ready.resumed) await client.nextMessage(from);
      return ready;
    },
    async send(text, extra = {}) {
      const response: unknown = await socket
        .timeout(defaultWaitMs)
        .emitWithAck(chatClientEvents.sendMessage, { text, ...extra });
      const ack = messageAckEventSchema.safeParse(response);
      if (!ack.success) throw new Error(`message.send refused: ${JSON.stringify(response)}`);
      return ack.data;
    },
    async ask(text, extra = {}) {
      const from = events.length;
      await client.send(text, extra);
      return client.nextMessage(from);
    },
    waitFor,
    async nextMessage(from, timeoutMs) {
      const event = await waitFor(chatServerEvents.messageCreated, messageCreatedEventSchema, {
        matches: (payload) => payload.message.author.kind !== 'customer',
        from,
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
      });
      return event.message;
    },
    close() {
      socket.disconnect();
    },
  };
  return client;
}
