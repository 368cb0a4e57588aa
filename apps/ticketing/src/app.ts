import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { pinoHttp } from 'pino-http';
import { Server, type Namespace } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Emitter } from '@socket.io/redis-emitter';
import { createPublisherClient } from '@loyaldesk/platform/redis';
import { chatNamespace } from '@loyaldesk/contracts/chat-event-names';
import type { CustomerProfileService } from '@loyaldesk/customer-profile/service';
import { AppError } from '@loyaldesk/platform/errors';
import type { Logger } from '@loyaldesk/platform/logger';
import { createAgentRepository, type AgentRepository } from './agents/agent-repository.ts';
import { agentRoutes } from './agents/agent-routes.ts';
import { authRoutes } from './auth/auth-routes.ts';
import { createAuthService } from './auth/auth-service.ts';
import { createHashSlots } from './auth/hash-slots.ts';
import { createLoginLimiter, type LoginLimiterOptions } from './auth/login-limiter.ts';
import { createPasswordHasher, type PasswordHasher, type PasswordHashing } from './auth/password.ts';
import { createSessionStore } from './auth/session-store.ts';
import { createSessionTokens } from './auth/session-token.ts';
import { adminRoutes, type GetJobCounts } from './http/admin-routes.ts';
import { docsRouter } from './http/docs-ui.ts';
import { errorHandler, routeNotFound } from './http/error-handler.ts';
import { metricsRoutes, type GetDashboard } from './http/metrics-routes.ts';
import { mountRoutes } from './http/mount-routes.ts';
import { buildOpenApiDocument } from './http/openapi.ts';
import { adminOnly, queueBoardPath, type QueueBoardFactory } from './http/queue-board.ts';
import type { RouteDefinition } from './http/route.ts';
import { createAgentTypingRelay } from './chat-link/agent-typing-relay.ts';
import { publishChatTicketChange } from './chat-link/publish-chat-ticket-change.ts';
import { createQueuePositionNotifier, type QueuePositionNotifier } from './chat-link/queue-position-notifier.ts';
import { createAgentEventLimiter, type AgentEventLimits } from './live/agent-event-limiter.ts';
import { agentSocketControl, attachAgentsNamespace } from './live/agents-socket.ts';
import { publishTicketChange } from './live/publish-ticket-change.ts';
import { policyRoutes } from './policy/policy-routes.ts';
import { createSlaPolicyStore, type SlaPolicyStore } from './policy/sla-policy-store.ts';
import { tierPolicyRoutes } from './policy/tier-policy-routes.ts';
import { createTicketQueue, type TicketQueue } from './ranked-queue/ticket-queue.ts';
import { customerStandingFromProfiles } from './tickets/customer-standing.ts';
import { createTicketIndex, type TicketIndex } from './tickets/ticket-index.ts';
import { createTicketRepository, type TicketRepository } from './tickets/ticket-repository.ts';
import { createTicketRequestLimiter, type TicketRequestLimits } from './tickets/ticket-request-limiter.ts';
import { ticketRoutes } from './tickets/ticket-routes.ts';
import { createTicketService, type OnTicketChanged, type TicketService, type TicketServiceDeps } from './tickets/ticket-service.ts';
import { orderWebhookRoutes } from './webhooks/order-webhook-routes.ts';
import { shopifyWebhookRoutes } from './webhooks/shopify/shopify-webhook-routes.ts';
import { wooCommerceWebhookRoutes } from './webhooks/woocommerce/woocommerce-webhook-routes.ts';
import { createDeliveryFollowUp, type DeliveryFollowUpDeps } from './proactive/delivery-follow-up.ts';

export interface TicketingAppConfig {
  jwtSecret: string;
  webhookSecret: string;
  /** The shop's currency (ISO 4217) the tier policy's spend is in, as the profile service was given it; default USD. */
  shopCurrency?: string;
  /** Shopify app secrets that sign its webhooks (several during a rotation); none: the Shopify endpoint is not mounted (404). */
  shopifyWebhookSecrets?: readonly string[];
  /** WooCommerce webhook secrets (several during a rotation); none: the WooCommerce endpoint is not mounted (404). */
  wooCommerceWebhookSecrets?: readonly string[];
  /** AfterShip / EasyPost webhook secrets (several during a rotation); none: that provider's endpoint is not mounted (404). */
  afterShipWebhookSecrets?: readonly string[];
  easyPostWebhookSecrets?: readonly string[];
  /** Where proactive delivery-problem emails go out (nodemailer SMTP URL and From); absent: none are sent. */
  smtp?: { url: string; from: string };
  secureCookies: boolean;
  /** argon2id cost of new password hashes (default: OWASP's minimum, 19 MiB × 2 passes). */
  passwordHashing?: PasswordHashing;
  /** Password checks at once in this process (default 4); twice as many more may wait, the rest get 429. */
  maxConcurrentHashes?: number;
  allowedOrigins?: readonly string[];
  /** Session lifetime (default 8 hours). */
  sessionSeconds?: number;
  /** Login attempt budgets (per email+IP, per IP, per account, lockouts). */
  loginLimits?: Omit<LoginLimiterOptions, 'redis' | 'prefix'>;
  /** Anonymous ticket requests per IP and per email. */
  ticketRequestLimits?: TicketRequestLimits;
  /** Client events per agent on `/agents`. */
  agentEventLimits?: AgentEventLimits;
  /**
   * Reverse proxies in front that append to X-Forwarded-For (the console's server is one): the
   * client IP, for rate limits, is read that many entries from the right. Default 0.
   */
  trustProxyHops?: number;
}

export interface TicketingAppDeps {
  connection: Connection;
  /** A client without `keyPrefix`; the socket adapter duplicates it for pub/sub. */
  redis: Redis;
  /** Prefix of every Redis key (queue, index, rate limits). */
  redisPrefix: string;
  /**
   * The Socket.IO Redis adapter/emitter key, shared with the chat bot (`SOCKET_IO_KEY`); default
   * `<redisPrefix>socket.io`, which keeps test apps apart.
   */
  socketIoKey?: string;
  profiles: CustomerProfileService;
  logger: Logger;
  config: TicketingAppConfig;
  /** The metrics rollups' hook, called after every ticket write (default: nothing). */
  onTicketChanged?: OnTicketChanged;
  /** What must reach the shopper's conversation, recorded before a request is answered (see TicketServiceDeps). */
  outgoing?: TicketServiceDeps['outgoing'];
  /** The outbox to the chat bot, for proactive delivery notices in the shopper's chat; absent: email only. */
  chatOutbox?: DeliveryFollowUpDeps['chatOutbox'];
  /** `metrics.recordDeliveryProblem`, for the dashboard's delivery-notice figures; absent: not counted. */
  recordDeliveryProblem?: DeliveryFollowUpDeps['recordDeliveryProblem'];
  /** The managers' dashboard (default: 501, metrics not wired). */
  getDashboard?: GetDashboard;
  /** Told of each purchase the order webhook ingests (`metrics.recordCustomerOrder`; default: nothing). */
  recordPurchase?: (customerId: string, placedAt: Date) => Promise<unknown>;
  getJobCounts?: GetJobCounts;
  /**
   * The Bull Board over the background queues (`bullBoardFor(allJobQueues(…))`, wired in
   * start-ticketing where the queues are opened), served at `/admin/queues` to admins only.
   * Default: not mounted (404).
   */
  queueBoard?: QueueBoardFactory;
  clock?: () => Date;
}

export interface TicketingApp {
  app: Express;
  server: HttpServer;
  io: Server;
  agentsNamespace: Namespace;
  tickets: TicketService;
  ticketRepository: TicketRepository;
  agents: AgentRepository;
  /** Hashes passwords as the app does (the demo seed uses it). */
  passwords: PasswordHasher;
  queue: TicketQueue;
  index: TicketIndex;
  /** Waiting chat shoppers' `queue.position` (the handoff worker sends a new ticket's at once). */
  queuePositions: QueuePositionNotifier;
  policyStore: SlaPolicyStore;
  routes: readonly RouteDefinition[];
  /** Starts listening (port 0: any free port); resolves with the port. */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

const metricsNotWired: GetDashboard = () => {
  throw new AppError('metrics_unavailable', 'Metrics are not wired in this deployment', { status: 501 });
};

/**
 * Builds the ticketing app from its dependencies: repositories and services, the REST API under
 * /api with its OpenAPI document and docs, and the Socket.IO `/agents` namespace on the Redis
 * adapter. Nothing listens until `listen` (tests use port 0).
 * @example const ticketing = await createTicketingApp(deps); const port = await ticketing.listen(0);
 */
export async function createTicketingApp(deps: TicketingAppDeps): Promise<TicketingApp> {
  const { config, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const ticketRepository = createTicketRepository(deps.connection);
  const agents = createAgentRepository(deps.connection);
  const policyStore = createSlaPolicyStore(deps.connection, { logger });
  await Promise.all([ticketRepository.init(), agents.init(), deps.profiles.init()]);

  const database = deps.connection.db;
  if (!database) throw new AppError('service_unavailable', 'ticketing: the database connection is not open', { status: 503 });
  const queue = createTicketQueue({ redis: deps.redis, prefix: deps.redisPrefix });
  const index = createTicketIndex({ redis: deps.redis, prefix: deps.redisPrefix });
  const tokens = createSessionTokens(config.jwtSecret, config.sessionSeconds);
  const passwords = createPasswordHasher(config.passwordHashing);
  const maxConcurrentHashes = config.maxConcurrentHashes ?? 4;
  const auth = createAuthService({
    agents,
    tokens,
    sessions: createSessionStore({ db: database, ttlSeconds: tokens.ttlSeconds, ...(deps.clock ? { clock: deps.clock } : {}) }),
    limiter: createLoginLimiter({ redis: deps.redis, prefix: deps.redisPrefix, ...config.loginLimits }),
    passwords,
    hashSlots: createHashSlots({ maxConcurrent: maxConcurrentHashes, maxWaiting: 2 * maxConcurrentHashes }),
    logger,
  });

  const app = express();
  const server = createServer(app);
  const io = new Server(server, { serveClient: false });
  // Publishes wait while Redis is away instead of failing (see createPublisherClient).
  const pub = createPublisherClient(deps.redis, logger);
  const sub = deps.redis.duplicate();
  const socketIoKey = deps.socketIoKey ?? `${deps.redisPrefix}socket.io`;
  io.adapter(createAdapter(pub, sub, { key: socketIoKey }));
  // The chat bot's `/chat` through the Redis emitter: ticketing reaches shoppers' rooms on every
  // chat-bot instance without serving that namespace itself.
  const chat = new Emitter(pub, { key: socketIoKey }).of(chatNamespace);
  const queuePositions = createQueuePositionNotifier({ queue, index, chat, logger });
  const agentsNamespace = attachAgentsNamespace(io, {
    auth,
    limiter: createAgentEventLimiter({ redis: deps.redis, prefix: deps.redisPrefix, ...config.agentEventLimits }),
    logger,
    ...(config.allowedOrigins ? { allowedOrigins: config.allowedOrigins } : {}),
    hooks: { onAgentTyping: createAgentTypingRelay({ index, chat, logger }) },
  });
  const sockets = agentSocketControl(agentsNamespace);

  const tickets = createTicketService({
    tickets: ticketRepository,
    queue,
    index,
    policy: () => policyStore.current(),
    customerStanding: customerStandingFromProfiles(deps.profiles),
    ...(deps.onTicketChanged ? { onTicketChanged: deps.onTicketChanged } : {}),
    ...(deps.outgoing ? { outgoing: deps.outgoing } : {}),
    publish: (before, after) => {
      publishTicketChange({ agents: agentsNamespace, chat }, before, after);
      publishChatTicketChange({ chat, positions: queuePositions }, before, after);
    },
    clock,
    logger,
  });

  const delivery = createDeliveryFollowUp({
    db: database,
    profiles: deps.profiles,
    tickets,
    afterShipSecrets: config.afterShipWebhookSecrets ?? [],
    easyPostSecrets: config.easyPostWebhookSecrets ?? [],
    ...(config.smtp ? { smtp: config.smtp } : {}),
    ...(deps.chatOutbox ? { chatOutbox: deps.chatOutbox } : {}),
    ...(deps.recordDeliveryProblem ? { recordDeliveryProblem: deps.recordDeliveryProblem } : {}),
    logger,
    clock,
  });
  await delivery.init();
  const ingestionHooks = {
    ...(deps.recordPurchase ? { recordPurchase: deps.recordPurchase } : {}),
    ...delivery.ingestionHooks,
  };
  const shopify = config.shopifyWebhookSecrets?.length
    ? shopifyWebhookRoutes({ db: database, secrets: config.shopifyWebhookSecrets, profiles: deps.profiles, tickets, clock, ...ingestionHooks })
    : undefined;
  const wooCommerce = config.wooCommerceWebhookSecrets?.length
    ? wooCommerceWebhookRoutes({ db: database, secrets: config.wooCommerceWebhookSecrets, profiles: deps.profiles, tickets, clock, ...ingestionHooks })
    : undefined;
  await wooCommerce?.init();

  const routes: RouteDefinition[] = [
    ...authRoutes({ auth, sockets, secureCookies: config.secureCookies, sessionSeconds: tokens.ttlSeconds }),
    ...ticketRoutes({
      service: tickets,
      index,
      agents,
      profiles: deps.profiles,
      tickets: ticketRepository,
      requestLimiter: createTicketRequestLimiter({ redis: deps.redis, prefix: deps.redisPrefix, ...config.ticketRequestLimits }),
    }),
    ...policyRoutes({ store: policyStore, tickets, clock }),
    ...tierPolicyRoutes({ profiles: deps.profiles, tickets, index, logger, ...(config.shopCurrency ? { currency: config.shopCurrency } : {}) }),
    ...metricsRoutes({ getDashboard: deps.getDashboard ?? metricsNotWired }),
    ...agentRoutes({ agents, passwords, auth, sockets, clock }),
    ...orderWebhookRoutes({
      secret: config.webhookSecret,
      profiles: deps.profiles,
      tickets,
      clock,
      ...ingestionHooks,
    }),
    ...(shopify ?? []),
    ...(wooCommerce?.routes ?? []),
    ...delivery.routes,
    ...adminRoutes({ index, ...(deps.getJobCounts ? { getJobCounts: deps.getJobCounts } : {}) }),
  ];
  const openApi = buildOpenApiDocument(routes, { title: 'loyaldesk ticketing API', version: '1.0.0' });

  app.disable('x-powered-by');
  // A hop count, never `true`: X-Forwarded-For is read from the right, so a client cannot pick its own IP.
  app.set('trust proxy', config.trustProxyHops ?? 0);
  app.use(helmet());
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : randomUUID()),
      redact: ['req.headers.cookie', 'res.headers["set-cookie"]'],
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
    }),
  );
  const api = express.Router();
  api.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  api.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  api.use(docsRouter());
  mountRoutes(api, routes, { auth });
  api.use(routeNotFound);
  app.use('/api', api);
  if (deps.queueBoard) app.use(queueBoardPath, adminOnly({ auth }), deps.queueBoard(queueBoardPath));
  app.use(routeNotFound);
  app.use(errorHandler(logger));
  // The adapter subscribes for each namespace without exposing the promise; a close before those
  // commands ran would reject them unhandled ("Connection is closed"). Commands run in order on the
  // connection, so this ping's answer means the subscriptions are in place.
  await sub.ping();

  return {
    app,
    server,
    io,
    agentsNamespace,
    tickets,
    ticketRepository,
    agents,
    passwords,
    queue,
    index,
    queuePositions,
    policyStore,
    routes,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    async close() {
      await queuePositions.stop();
      delivery.close();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
        server.closeAllConnections();
      });
      // quit, not disconnect: the adapter's unsubscribe is still in flight after io.close.
      await Promise.all([pub.quit().catch(() => undefined), sub.quit().catch(() => undefined)]);
    },
  };
}
