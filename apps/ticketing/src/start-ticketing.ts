// The ticketing service assembled from its capabilities: the HTTP + socket app, metrics, SLA
// timers, the background workers and the lease sweeper. Wiring only; main.ts and the end-to-end
// tests start it the same way.
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { CustomerProfileService } from '@loyaldesk/customer-profile/service';
import type { Logger } from '@loyaldesk/platform/logger';
import { chatQueueNames } from '@loyaldesk/contracts/chat-jobs';
import { queueNames } from '@loyaldesk/contracts/queues';
import { ServiceUnavailableError } from '@loyaldesk/platform/errors';
import { openJobQueue } from '@loyaldesk/platform/jobs';
import { createOutbox } from '@loyaldesk/platform/outbox';
import { deliveryNoticeQueueName } from '@loyaldesk/contracts/delivery-notice';
import { createTicketingApp, type TicketingApp, type TicketingAppConfig } from './app.ts';
import { createAgentEventDelivery } from './chat-link/agent-event-jobs.ts';
import { createEarlyMessages, deliverEarlyMessages, type EarlyMessage } from './chat-link/early-messages.ts';
import { startShopperMessageWorker } from './chat-link/shopper-message-worker.ts';
import { startSurveyAnswerWorker } from './chat-link/survey-answer-worker.ts';
import { startLeaseSweeper } from './claim/lease-sweeper.ts';
import { startHandoffWorker } from './handoff/handoff-worker.ts';
import { joinProactiveTicket } from './handoff/join-proactive-ticket.ts';
import { createCustomerProactiveTickets } from './proactive/customer-proactive-tickets.ts';
import type { Ticket } from './tickets/ticket.ts';
import { bullBoardFor } from './http/queue-board.ts';
import { allJobQueues, openTicketingJobQueues, type TicketingJobQueues } from './jobs/job-queues.ts';
import { startConversationClosedWorker } from './metrics/jobs/conversation-closed-worker.ts';
import { startOrdersIngestedWorker } from './orders/orders-ingested-worker.ts';
import { requestRetentionReport, startRetentionReportWorker } from './metrics/jobs/retention-report-job.ts';
import { createMetricsService, type MetricsService } from './metrics/metrics-service.ts';
import { rebuildQueueFromMongo } from './ranked-queue/rebuild-queue.ts';
import { createSlaTimerScheduler, type SlaTimerScheduler } from './sla/sla-timer-scheduler.ts';
import { startSlaTimerWorker } from './sla/sla-timer-worker.ts';
import { rebuildTicketIndex } from './tickets/rebuild-ticket-index.ts';
import type { OnTicketChanged } from './tickets/ticket-service.ts';
import { syncWooCommerceOrders } from './webhooks/woocommerce/woocommerce-order-sync.ts';
import type { WooCommerceRestConfig } from './webhooks/woocommerce/woocommerce-rest-client.ts';
import { startWooCommerceSyncJob } from './webhooks/woocommerce/woocommerce-sync-job.ts';

export interface StartTicketingDeps {
  connection: Connection;
  /** A client without `keyPrefix` (queue, index, socket adapter). */
  redis: Redis;
  /** The same server's URL, for Bull's own clients. */
  redisUrl: string;
  /** Prefix of every Redis key the app writes itself. */
  redisPrefix: string;
  /** Bull's key prefix; the chat bot must use the same (its `BULL_PREFIX`). */
  bullPrefix: string;
  /** The Socket.IO Redis adapter/emitter key shared with the chat bot (default `<redisPrefix>socket.io`). */
  socketIoKey?: string;
  profiles: CustomerProfileService;
  logger: Logger;
  config: TicketingAppConfig;
  clock?: () => Date;
  /** How often expired claim leases are swept back into the queue. */
  leaseSweepIntervalMs?: number;
  /** How often tickets written during a Redis outage are re-applied to Redis (default 2 s). */
  redisResyncIntervalMs?: number;
  /** A WooCommerce shop's REST access: its orders are reconciled every `intervalMs`. */
  wooCommerceSync?: { rest: WooCommerceRestConfig; intervalMs: number };
}

export interface Ticketing {
  app: TicketingApp;
  metrics: MetricsService;
  slaTimers: SlaTimerScheduler;
  jobQueues: TicketingJobQueues;
  /** Starts listening (port 0: any free port); resolves with the port. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops the sweeper, the app and the workers (connections stay open: the caller owns them). */
  stop(): Promise<void>;
}

/**
 * Starts the ticketing service on open connections: builds the app with the metrics and SLA
 * timers as its change hook, rebuilds the Redis queue and index from MongoDB when Redis lost them,
 * and starts the handoff, shopper message, survey answer, SLA timer, conversation-closed and
 * retention report workers and the lease sweeper. Nothing listens until `listen`.
 * @example const ticketing = await startTicketing(deps); await ticketing.listen(3002);
 */
export async function startTicketing(deps: StartTicketingDeps): Promise<Ticketing> {
  const { logger } = deps;
  const jobQueues = openTicketingJobQueues({ redisUrl: deps.redisUrl, prefix: deps.bullPrefix, logger });
  const metrics = createMetricsService({
    connection: deps.connection,
    // Rollup revisions in Redis: each instance re-reads only the rollups changed since it last read them.
    redis: { client: deps.redis, prefix: deps.redisPrefix },
    requestRetentionReport: (period, requestedAt) => requestRetentionReport(jobQueues.rollups, period, requestedAt),
    logger,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  const slaTimers = createSlaTimerScheduler(jobQueues.slaTimers, deps.clock ? { clock: deps.clock } : {});
  const database = deps.connection.db;
  if (!database) throw new ServiceUnavailableError('ticketing: the database connection is not open');
  // Ticketing → chat bot: agent replies and resolutions, recorded before the agent is answered.
  const outbox = createOutbox({
    db: database,
    queues: { [chatQueueNames.agentEvents]: jobQueues.agentEvents, [deliveryNoticeQueueName]: jobQueues.deliveryNotices },
    logger,
  });
  const agentEvents = createAgentEventDelivery(outbox);
  // All run whatever the others do; the ticket service logs a failure (the ticket is the record).
  const onTicketChanged: OnTicketChanged = async (before, after) => {
    await Promise.all([metrics.recordTicketChange(before, after), slaTimers.onTicketChanged(before, after)]);
  };

  const app = await createTicketingApp({
    connection: deps.connection,
    redis: deps.redis,
    redisPrefix: deps.redisPrefix,
    ...(deps.socketIoKey ? { socketIoKey: deps.socketIoKey } : {}),
    profiles: deps.profiles,
    logger,
    config: deps.config,
    onTicketChanged,
    outgoing: agentEvents,
    chatOutbox: outbox,
    getDashboard: (query) => metrics.getDashboard(query),
    recordPurchase: (customerId, placedAt) => metrics.recordCustomerOrder(customerId, placedAt),
    recordDeliveryProblem: (problem) => metrics.recordDeliveryProblem(problem),
    getJobCounts: async () =>
      Object.fromEntries(
        await Promise.all(
          allJobQueues(jobQueues).map(async (queue) => [queue.name, { ...(await queue.getJobCounts()) }] as const),
        ),
      ),
    queueBoard: bullBoardFor(allJobQueues(jobQueues), { logger }),
    ...(deps.clock ? { clock: deps.clock } : {}),
  });

  // Redis lost its data (or never had it): the queue and the index come back from MongoDB.
  if (!(await app.index.isBuilt())) {
    const queued = await rebuildQueueFromMongo({ queue: app.queue, tickets: app.ticketRepository });
    const indexed = await rebuildTicketIndex({ index: app.index, tickets: app.ticketRepository });
    logger.info({ queued, indexed }, 'rebuilt the ticket queue and index from MongoDB');
  }

  outbox.start();
  const clock = deps.clock ? { clock: deps.clock } : {};
  const early = createEarlyMessages(database);
  const addShopperMessage = (ticketId: string, message: EarlyMessage, known?: Ticket) =>
    app.tickets.addShopperMessage(ticketId, message, known);
  const proactiveTickets = createCustomerProactiveTickets(database);
  startHandoffWorker(jobQueues.handoff, {
    openTicket: (input) => app.tickets.open(input),
    joinProactiveTicket: (job) =>
      joinProactiveTicket(
        {
          proactiveTicketIdsOf: async (customerId) => (await proactiveTickets.of(customerId)).map((ticket) => ticket.ticketId),
          findTicket: (ticketId) => app.ticketRepository.findById(ticketId),
          joinConversation: (ticketId, conversationId, note) => app.tickets.joinConversation(ticketId, conversationId, note),
          recordJoin: (conversationId, ticketId) => early.recordJoin(conversationId, ticketId),
        },
        job,
      ),
    ensureSlaTimers: (ticket) => slaTimers.schedule(ticket),
    deliverEarlyMessages: (ticket) => deliverEarlyMessages({ early, addShopperMessage }, ticket),
    announceTicket: (ticket) => app.queuePositions.notifyNow(ticket),
    logger,
    ...clock,
  });
  startShopperMessageWorker(jobQueues.shopperMessages, {
    appendChatMessage: (ticketId, conversationId, message) => app.tickets.appendChatMessage(ticketId, conversationId, message),
    findTicket: (ticketId) => app.ticketRepository.findById(ticketId),
    addShopperMessage,
    early,
    logger,
  });
  startSurveyAnswerWorker(jobQueues.surveyAnswers, {
    findTicket: (ticketId) => app.ticketRepository.findById(ticketId),
    recordSurvey: (ticketId, survey) => app.tickets.recordSurvey(ticketId, survey),
    // Also for chats the bot closed without a human (no ticket): the customer gets every answer.
    recordFeedback: (customerId, answers, answeredAt, sourceId) =>
      deps.profiles.recordFeedback(customerId, answers, answeredAt, sourceId),
    recordBotSurvey: (conversationId, answers) => metrics.recordConversationSurvey(conversationId, answers),
    logger,
  });
  startSlaTimerWorker(jobQueues.slaTimers, {
    findTicket: (ticketId) => app.ticketRepository.findById(ticketId),
    // The ticket service publishes `ticket.sla_breached` for the breach it writes: no second alert here.
    markBreached: (ticketId, kind, deadline, at) => app.tickets.markSlaBreached(ticketId, kind, deadline, at),
    queue: app.queue,
    logger,
    ...clock,
  });
  startConversationClosedWorker(jobQueues.metrics, (event) => metrics.recordConversationClosed(event), { logger });
  startOrdersIngestedWorker(jobQueues.ordersIngested, {
    recordPurchases: (purchases) => metrics.recordCustomerOrders(purchases),
    rerankCustomer: (customerId) => app.tickets.rerankCustomer(customerId),
    logger,
  });
  startRetentionReportWorker(jobQueues.rollups, {
    retentionReport: (period, activeWindowDays) => deps.profiles.retentionReport(period, activeWindowDays),
    cache: metrics.stores.retention,
    logger,
    ...clock,
  });
  // WooCommerce never retries a webhook: with the shop's REST access, its orders are reconciled on a schedule.
  const wooCommerceQueue = deps.wooCommerceSync ? openJobQueue(queueNames.wooCommerceSync, { redisUrl: deps.redisUrl, prefix: deps.bullPrefix, logger }) : undefined;
  if (deps.wooCommerceSync && wooCommerceQueue) {
    const { rest, intervalMs } = deps.wooCommerceSync;
    await startWooCommerceSyncJob(wooCommerceQueue, { intervalMs, logger }, () =>
      syncWooCommerceOrders({
        db: database,
        rest,
        profiles: deps.profiles,
        tickets: app.tickets,
        recordPurchase: (customerId, placedAt) => metrics.recordCustomerOrder(customerId, placedAt),
        logger,
        ...clock,
      }),
    );
  }
  // Tickets written while Redis was away: their queue and list entries are repaired once it answers again.
  const resync = (): void => {
    if (app.tickets.unsyncedCount === 0) return;
    app.tickets.resyncRedis().catch((error: unknown) => logger.debug({ err: error }, 'Redis not back yet'));
  };
  deps.redis.on('ready', resync);
  const resyncTimer = setInterval(resync, deps.redisResyncIntervalMs ?? 2000);
  resyncTimer.unref();
  const stopSweeper = startLeaseSweeper(
    {
      queue: app.queue,
      tickets: app.ticketRepository,
      logger,
      // Back in line: the shoppers behind it (and its own) get their new places, as after a release.
      onRequeued: (ticket) => app.queuePositions.onTicketChanged(null, ticket),
    },
    deps.leaseSweepIntervalMs,
  );

  return {
    app,
    metrics,
    slaTimers,
    jobQueues,
    listen: (port, host) => app.listen(port, host),
    async stop() {
      stopSweeper();
      clearInterval(resyncTimer);
      deps.redis.off('ready', resync);
      await outbox.stop();
      // Workers first (Bull lets active jobs finish): their ticket writes publish through the app.
      await Promise.all([...allJobQueues(jobQueues), ...(wooCommerceQueue ? [wooCommerceQueue] : [])].map((queue) => queue.close().catch(() => undefined)));
      await app.close();
    },
  };
}
