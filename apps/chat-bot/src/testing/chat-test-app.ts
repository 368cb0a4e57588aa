import Bull from 'bull';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { Emitter } from '@socket.io/redis-emitter';
import {
  chatClientEvents,
  chatNamespace,
  chatServerEvents,
  type ChatAck,
  type ChatErrorEvent,
  type ChatMessage,
  type ConversationReadyEvent,
  type MessageAckEvent,
  type StartConversationPayload,
} from '@loyaldesk/contracts/chat-events';
import { createCustomerProfileService, type CustomerProfileService } from '@loyaldesk/customer-profile/service';
import { createLogger } from '@loyaldesk/platform/logger';
import { connectMongo } from '@loyaldesk/platform/mongo';
import {
  createTestDatabase,
  createTestRedis,
  startOutageProxy,
  type OutageProxy,
  type TestDatabase,
  type TestRedis,
} from '@loyaldesk/platform/testing';
import { loadShippingPolicy } from '../answers/shipping-policy.ts';
import { createChatApp, type ChatApp, type ChatAppOptions } from '../app.ts';
import { createNlu, type Nlu } from '../nlu/understand.ts';

export const testSessionSecret = 'test-session-secret-0123456789abcdef-xyz';
export const testIdentitySecret = 'test-shop-identity-secret-0123456789abcd';

let nlu: Promise<Nlu> | undefined;

/** The chat app on port 0 against this run's real database and Redis, with its own database and key prefix. */
export interface TestChatApp {
  url: string;
  app: ChatApp;
  db: TestDatabase;
  redis: TestRedis;
  profiles: CustomerProfileService;
  /** With `throughOutageProxies`: the app's links to the database and to Redis, to cut and restore. */
  links: { database: OutageProxy; redis: OutageProxy } | null;
  /** A Bull queue handle on one of the app's queues (same prefix), for asserting on jobs. */
  jobQueue(name: string): Bull.Queue;
  /** An emitter as ticketing uses it: its own Redis connection, into `/chat`. */
  ticketingEmitter(): Emitter;
  /**
   * A shopper socket; `ip` is sent as X-Forwarded-For (honoured when the app trusts a proxy hop),
   * `headers` as they are (e.g. Origin). Rejects with the `connect_error` when refused.
   */
  connect(options?: { ip?: string; headers?: Record<string, string> }): Promise<ChatClient>;
  close(): Promise<void>;
}

/**
 * Starts the chat app with its own test database and Redis prefix, or, with `sharing`, as another
 * instance on the same ones (as behind a load balancer); closing that one leaves them to the first.
 */
export async function startTestChatApp(
  options: ChatAppOptions = {},
  sharing?: TestChatApp,
  setup: { throughOutageProxies?: boolean } = {},
): Promise<TestChatApp> {
  const [db, redis] = sharing
    ? [sharing.db, sharing.redis]
    : await Promise.all([createTestDatabase(), createTestRedis()]);
  // The app reaches the real servers through proxies a test can cut (an outage), the test directly.
  const links = setup.throughOutageProxies
    ? { database: await startOutageProxy(db.uri), redis: await startOutageProxy(redis.url) }
    : null;
  const appConnection = links
    ? await connectMongo({ uri: links.database.url, dbName: db.dbName, attempts: 3 })
    : db.connection;
  const appRedis = links ? new Redis(links.redis.url, { maxRetriesPerRequest: 3 }).on('error', () => undefined) : redis.redis;
  const profiles = sharing?.profiles ?? createCustomerProfileService({ connection: db.connection });
  if (!sharing) await profiles.init();
  nlu ??= createNlu();
  const app = await createChatApp({
    connection: appConnection,
    redis: appRedis,
    redisUrl: links?.redis.url ?? redis.url,
    logger: createLogger('chat-bot-test', 'silent'),
    policy: await loadShippingPolicy(),
    sessionSecret: testSessionSecret,
    identitySecret: testIdentitySecret,
    nlu: await nlu,
    options: {
      keyPrefix: redis.prefix,
      bullPrefix: `${redis.prefix}bull`,
      socketIoKey: `${redis.prefix}socket.io`,
      verificationMinimumMilliseconds: 30,
      // Every test socket comes from 127.0.0.1: the tests of these limits set their own.
      addressLimits: { connectionsPerMinute: 100_000, conversationsPerHour: 100_000 },
      ...options,
    },
  });
  const { url } = await app.listen(0, '127.0.0.1');
  const opened: Array<{ close(): Promise<void> | void }> = [];
  return {
    url,
    app,
    db,
    redis,
    links,
    profiles,
    jobQueue(name) {
      const queue = new Bull(name, { prefix: `${redis.prefix}bull`, redis: redis.url });
      opened.push(queue);
      return queue;
    },
    ticketingEmitter() {
      const connection = new Redis(redis.url);
      opened.push({ close: () => connection.disconnect() });
      return new Emitter(connection, { key: `${redis.prefix}socket.io` });
    },
    async connect(connectOptions = {}) {
      const client = await connectChatClient(url, connectOptions.ip, connectOptions.headers);
      opened.push({
        close: () => {
          client.socket.disconnect();
        },
      });
      return client;
    },
    async close() {
      for (const item of opened) await item.close();
      links?.database.restore();
      links?.redis.restore();
      await app.close();
      if (links) {
        appRedis.disconnect();
        await appConnection.close();
        await Promise.all([links.database.close(), links.redis.close()]);
      }
      if (sharing) return;
      await redis.cleanup();
      await db.drop();
    },
  };
}

/** A shopper's socket with everything it received, and helpers to wait for what comes next. */
export interface ChatClient {
  socket: Socket;
  messages: ChatMessage[];
  errors: ChatErrorEvent[];
  events: Array<{ event: string; payload: unknown }>;
  /** Starts (or resumes) the conversation; for a new one, also waits for the bot's greeting. */
  start(payload?: StartConversationPayload): Promise<ConversationReadyEvent>;
  send(text: string, extra?: { clientId?: string; quickReply?: string }): Promise<ChatAck<MessageAckEvent>>;
  /** Sends and waits for the bot's (or agent's) next message. */
  ask(text: string, extra?: { clientId?: string; quickReply?: string }): Promise<ChatMessage>;
  /** Resolves with the first received event (past or future) after index `from` that matches. */
  waitForEvent(
    event: string,
    matches?: (payload: unknown) => boolean,
    from?: number,
    timeoutMs?: number,
  ): Promise<unknown>;
  nextMessage(from: number, timeoutMs?: number): Promise<ChatMessage>;
}

export async function connectChatClient(
  url: string,
  ip?: string,
  headers: Record<string, string> = {},
): Promise<ChatClient> {
  const socket = io(`${url}${chatNamespace}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { ...(ip ? { 'x-forwarded-for': ip } : {}), ...headers },
  });
  const messages: ChatMessage[] = [];
  const errors: ChatErrorEvent[] = [];
  const events: Array<{ event: string; payload: unknown }> = [];
  const waiters = new Set<() => void>();
  socket.onAny((event: string, payload: unknown) => {
    events.push({ event, payload });
    if (event === chatServerEvents.messageCreated) messages.push((payload as { message: ChatMessage }).message);
    if (event === chatServerEvents.error) errors.push(payload as ChatErrorEvent);
    for (const wake of [...waiters]) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });

  function waitForEvent(
    event: string,
    matches: (payload: unknown) => boolean = () => true,
    from = 0,
    timeoutMs = 10_000,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = events.slice(from).find((item) => item.event === event && matches(item.payload));
        if (!found) return false;
        waiters.delete(wake);
        clearTimeout(timer);
        resolve(found.payload);
        return true;
      };
      const wake = (): void => void check();
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(
          new Error(`no ${event} within ${timeoutMs} ms; received: ${events.map((item) => item.event).join(', ')}`),
        );
      }, timeoutMs);
      waiters.add(wake);
      check();
    });
  }

  const client: ChatClient = {
    socket,
    messages,
    errors,
    events,
    async start(payload = {}) {
      const from = events.length;
      const response = (await socket
        .timeout(10_000)
        .emitWithAck(chatClientEvents.start, payload)) as ChatAck<ConversationReadyEvent>;
      if (!response.ok) throw new Error(`conversation.start refused: ${response.error.message}`);
      const { ok: _ok, ...ready } = response;
      if (!ready.resumed) await client.nextMessage(from);
      return ready;
    },
    async send(text, extra = {}) {
      return (await socket
        .timeout(10_000)
        .emitWithAck(chatClientEvents.sendMessage, { text, ...extra })) as ChatAck<MessageAckEvent>;
    },
    async ask(text, extra = {}) {
      const from = events.length;
      const ack = await client.send(text, extra);
      if (!ack.ok) throw new Error(`message.send refused: ${ack.error.message}`);
      return client.nextMessage(from);
    },
    waitForEvent,
    async nextMessage(from, timeoutMs) {
      const payload = await waitForEvent(
        chatServerEvents.messageCreated,
        (event) => (event as { message: ChatMessage }).message.author.kind !== 'customer',
        from,
        timeoutMs,
      );
      return (payload as { message: ChatMessage }).message;
    },
  };
  return client;
}

/** Retries `check` until it stops throwing (for effects that land just after an event, e.g. a stored agent reply). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
