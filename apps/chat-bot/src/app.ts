import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { Emitter } from '@socket.io/redis-emitter';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { Server } from 'socket.io';
import {
  agentsNamespace,
  chatNamespace,
  chatServerEvents,
  conversationRoom,
  defaultSocketIoRedisKey,
  type TypingEvent,
} from '@loyaldesk/contracts/chat-events';
import { chatQueueNames } from '@loyaldesk/contracts/chat-jobs';
import { deliveryNoticeQueueName } from '@loyaldesk/contracts/delivery-notice';
import { queueNames } from '@loyaldesk/contracts/queues';
import { createCustomerProfileService } from '@loyaldesk/customer-profile/service';
import { AppError } from '@loyaldesk/platform/errors';
import type { Logger } from '@loyaldesk/platform/logger';
import { openJobQueue } from '@loyaldesk/platform/jobs';
import { createOutbox } from '@loyaldesk/platform/outbox';
import { createPublisherClient, redisOptions } from '@loyaldesk/platform/redis';
import type { ShippingPolicy } from './answers/shipping-policy.ts';
import { createConversationService, type ConversationService } from './conversations/conversation-service.ts';
import { createKeyedSerialQueue } from './conversations/keyed-serial-queue.ts';
import { defaultSessionMaxAgeSeconds } from './conversations/session-token.ts';
import { createConversationStore } from './conversations/storage/conversation-store.ts';
import { createBotkitDialog } from './dialog/botkit-dialog.ts';
import { startAgentEventWorker } from './handoff/agent-event-worker.ts';
import { createAgentRelay } from './handoff/agent-relay.ts';
import { createOrderLockout, defaultOrderLockoutLimits, type OrderLockoutLimits } from './identity/order-lockout.ts';
import { createOrderVerifier } from './identity/order-verification.ts';
import { alertVerificationLocked } from './identity/verification-locked-alert.ts';
import {
  createVerificationLimiter,
  defaultVerificationLimits,
  type VerificationLimits,
} from './identity/verification-limiter.ts';
import { createNlu, type Nlu } from './nlu/understand.ts';
import { createCustomerNoticesStore } from './proactive/customer-notices-store.ts';
import { conversationHasSockets, startDeliveryNoticeWorker } from './proactive/delivery-notice-worker.ts';
import { createNpsSchedule } from './survey/nps-schedule.ts';
import { createAddressLimiter, defaultAddressLimits, type AddressLimits } from './transport/address-limits.ts';
import { attachChatSockets } from './transport/chat-socket-server.ts';
import { defaultFloodLimits, type FloodLimits } from './transport/flood-guard.ts';
import { securityHeaders } from './security-headers.ts';
import { isOriginAllowed, type AllowedOrigins } from './transport/origin-policy.ts';
import { widgetRouter } from './widget/widget-routes.ts';

export interface ChatAppOptions {
  /** Prefix of this app's own Redis keys (rate limits); tests give each file its own. */
  keyPrefix?: string;
  /** Bull's key prefix (ticketing must use the same); default "bull". */
  bullPrefix?: string;
  /** The Socket.IO Redis adapter/emitter key (every process must use the same); default "socket.io". */
  socketIoKey?: string;
  /** Browser origins allowed to open the socket besides the server's own pages: "*" or a list; default none. */
  allowedOrigins?: AllowedOrigins;
  /** Proxies of ours in front of the app (Express's `trust proxy` hop count); default 0: the socket peer is the client. */
  trustedProxyHops?: number;
  /** How long after a conversation's first session token its tokens stop resuming it; default 30 days. */
  sessionMaxAgeSeconds?: number;
  floodLimits?: FloodLimits;
  verificationLimits?: VerificationLimits;
  /** Failed order + email checks per order number before its check locks (and the agents are alerted). */
  orderLockoutLimits?: OrderLockoutLimits;
  /** Sockets and new conversations per client address (an IPv6 /64). */
  addressLimits?: AddressLimits;
  /** The least time an order + email check takes (so failures are alike in time); default 250 ms. */
  verificationMinimumMilliseconds?: number;
  /** Largest socket frame accepted; bigger ones close the connection (the transport's own guard). */
  maxFrameBytes?: number;
  clock?: () => Date;
}

export interface ChatAppDeps {
  connection: Connection;
  /** Redis for commands (rate limits); the app opens its own pub/sub and Bull connections to `redisUrl`. */
  redis: Redis;
  redisUrl: string;
  logger: Logger;
  policy: ShippingPolicy;
  sessionSecret: string;
  identitySecret: string;
  /** Default: the trained model from the cache (or trained now). */
  nlu?: Nlu;
  options?: ChatAppOptions;
}

export interface ChatApp {
  httpServer: HttpServer;
  io: Server;
  service: ConversationService;
  /** Listens on `port` (0: any free port); resolves with the bound port and URL. */
  listen(port: number, host?: string): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

/**
 * Builds the chat app from its dependencies: HTTP (widget, demo page, health), Socket.IO `/chat`
 * on the Redis adapter, Botkit dialogs through our adapter, and the producers of the handoff,
 * shopper-message, survey and metrics queues. Nothing listens until `listen`.
 */
export async function createChatApp(deps: ChatAppDeps): Promise<ChatApp> {
  const options = deps.options ?? {};
  const clock = options.clock ?? (() => new Date());
  const keyPrefix = options.keyPrefix ?? 'loyaldesk:chat:';
  const socketIoKey = options.socketIoKey ?? defaultSocketIoRedisKey;
  const { logger } = deps;

  const nlu = deps.nlu ?? (await createNlu());
  const profiles = createCustomerProfileService({ connection: deps.connection, logger });
  const jobQueueOptions = { redisUrl: deps.redisUrl, prefix: options.bullPrefix ?? 'bull', logger };
  // Chat bot → ticketing, fed by the outbox only.
  const outgoing = {
    [queueNames.handoff]: openJobQueue(queueNames.handoff, jobQueueOptions),
    [queueNames.metrics]: openJobQueue(queueNames.metrics, jobQueueOptions),
    [chatQueueNames.surveyAnswers]: openJobQueue(chatQueueNames.surveyAnswers, jobQueueOptions),
    [chatQueueNames.shopperMessages]: openJobQueue(chatQueueNames.shopperMessages, jobQueueOptions),
  };
  // Ticketing → chat bot; the worker below takes its jobs.
  const agentEvents = openJobQueue(chatQueueNames.agentEvents, jobQueueOptions);
  const deliveryNotices = openJobQueue(deliveryNoticeQueueName, jobQueueOptions);
  const database = deps.connection.db;
  if (!database) throw new AppError('database_not_open', 'chat-bot: the database connection is not open', { status: 503 });
  const outbox = createOutbox({ db: database, queues: outgoing, logger });
  outbox.start();
  // Publishes wait while Redis is away instead of failing (see createPublisherClient).
  const publisher = createPublisherClient(deps.redisUrl, logger);
  const subscriber = new Redis(deps.redisUrl, redisOptions({ url: deps.redisUrl }));
  subscriber.on('error', (error: Error) => logger.warn({ err: error.message }, 'socket.io redis subscriber error'));
  await subscriber.connect();

  // The app is the server's request listener before Socket.IO attaches: Socket.IO then takes
  // /socket.io/ (long-polling too) and hands everything else to it, instead of both answering.
  const app = express();
  const httpServer = createServer(app);
  const allowed = options.allowedOrigins ?? [];
  const trustedProxyHops = options.trustedProxyHops ?? 0;
  const io = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: options.maxFrameBytes ?? 256 * 1024,
    cors: { origin: allowed === '*' ? true : [...allowed], methods: ['GET', 'POST'] },
    // CORS does not cover WebSockets: a page of another site could open one with its visitors' browsers.
    allowRequest: (request, callback) => {
      callback(null, isOriginAllowed(request.headers.origin, request.headers.host, allowed));
    },
    adapter: createAdapter(publisher, subscriber, { key: socketIoKey }),
  });
  const namespace = io.of(chatNamespace);

  const agents = new Emitter(publisher, { key: socketIoKey }).of(agentsNamespace);
  const conversationStore = createConversationStore(deps.connection);
  const notices = createCustomerNoticesStore(database);
  const service = createConversationService({
    store: conversationStore,
    notices,
    nlu,
    profiles,
    policy: deps.policy,
    verifier: createOrderVerifier({
      getOrder: (orderNumber) => profiles.getOrder(orderNumber),
      minimumMilliseconds: options.verificationMinimumMilliseconds ?? 250,
      lockout: createOrderLockout(
        deps.redis,
        keyPrefix,
        options.orderLockoutLimits ?? defaultOrderLockoutLimits,
        (locked) => {
          logger.warn({ orderNumber: locked.orderNumber, lockedUntil: locked.lockedUntil }, 'verification.locked');
          alertVerificationLocked(agents, locked);
        },
        clock,
      ),
    }),
    limiter: createVerificationLimiter(deps.redis, keyPrefix, options.verificationLimits ?? defaultVerificationLimits),
    outbox,
    relay: createAgentRelay({
      agents,
    }),
    npsSchedule: createNpsSchedule(deps.connection),
    room: namespace,
    identitySecret: deps.identitySecret,
    clock,
    logger,
  });

  const dialog = await createBotkitDialog(service, {
    async deliver(conversationId, replies) {
      const stored = await service.storeBotReplies(conversationId, replies);
      // The replies are in the conversation's language as this turn left it: the widget's words follow.
      service.showMessages(conversationId, stored, replies.at(-1)?.language);
      return stored;
    },
    typing(conversationId, typing) {
      const payload: TypingEvent = { conversationId, author: { kind: 'bot' }, typing };
      namespace.to(conversationRoom(conversationId)).emit(chatServerEvents.typing, payload);
    },
  });

  // One queue per conversation for socket events and ticketing's jobs alike: a turn never races a recorded reply.
  const serial = createKeyedSerialQueue();
  attachChatSockets({
    namespace,
    service,
    dialog,
    sessionSecret: deps.sessionSecret,
    sessionLifetime: { maxAgeSeconds: options.sessionMaxAgeSeconds ?? defaultSessionMaxAgeSeconds },
    limiter: createVerificationLimiter(deps.redis, keyPrefix, options.verificationLimits ?? defaultVerificationLimits),
    serial,
    floodLimits: options.floodLimits ?? defaultFloodLimits,
    addressLimiter: createAddressLimiter(deps.redis, keyPrefix, options.addressLimits ?? defaultAddressLimits),
    trustedProxyHops,
    clock,
    logger,
  });

  // Agent replies and resolutions reach the conversation also while the shopper has no socket open.
  startAgentEventWorker(agentEvents, {
    serial,
    recordAgentMessage: (conversationId, event) => service.recordAgentMessage(conversationId, event),
    ticketResolved: (conversationId, event) => dialog.ticketResolved(conversationId, event),
    logger,
  });

  // Proactive delivery notices from ticketing: kept per customer, shown in their conversation.
  startDeliveryNoticeWorker(deliveryNotices, {
    notices,
    serial,
    conversations: conversationStore,
    showMessages: (conversationId, messages) => service.showMessages(conversationId, messages),
    isConnected: (conversationId) => conversationHasSockets(namespace, conversationId),
    timeZone: deps.policy.timeZone,
    clock,
    logger,
  });

  app.disable('x-powered-by');
  // `req.ip` by the same rule as the sockets' `clientAddress`.
  app.set('trust proxy', trustedProxyHops);
  app.use(securityHeaders());
  app.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.use(await widgetRouter());
  app.use((request, response) => {
    response
      .status(404)
      .json({ error: { code: 'loyaldesk:not_found', message: `${request.method} ${request.path} does not exist` } });
  });
  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    if (error instanceof AppError && error.status < 500) {
      response.status(error.status).json(error.toBody());
      return;
    }
    const errorId = randomBytes(6).toString('hex');
    logger.error({ err: error, errorId }, 'http request failed');
    response
      .status(500)
      .json({ error: { code: 'loyaldesk:internal_error', message: 'Something went wrong', errorId } });
  });
  // The adapter subscribes per namespace without exposing the promise; a close before those
  // commands ran rejects them unhandled. Commands run in order: this answer means they are in place.
  await subscriber.ping();

  return {
    httpServer,
    io,
    service,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          resolve({
            port: address.port,
            url: `http://${host && host !== '0.0.0.0' ? host : '127.0.0.1'}:${address.port}`,
          });
        });
      });
    },
    async close() {
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      await outbox.stop();
      await Promise.all([...Object.values(outgoing), agentEvents, deliveryNotices].map((queue) => queue.close()));
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
