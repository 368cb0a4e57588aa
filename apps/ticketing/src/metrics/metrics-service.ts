import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { SurveyAnswers } from '@loyaldesk/contracts/chat-jobs';
import type { Dashboard } from '@loyaldesk/contracts/metrics-api';
import type { Logger } from '@loyaldesk/platform/logger';
import { createTicketRepository, type TicketRepository } from '../tickets/ticket-repository.ts';
import type { FollowUpTicket } from './definitions/follow-up.ts';

export type { FollowUpTicket };
import { getDashboard } from './dashboard/get-dashboard.ts';
import { createMetricsStores, type MetricsStores } from './storage/metrics-stores.ts';
import { rebuildRollups, type RebuildProgress, type RebuildRollupsResult } from './rollups/rebuild-rollups.ts';
import { recordConversationClosed } from './rollups/record-conversation-closed.ts';
import { recordConversationSurvey } from './rollups/record-conversation-survey.ts';
import { recordCustomerOrder, recordCustomerOrders } from './rollups/record-customer-order.ts';
import { recordDeliveryProblem } from './rollups/record-delivery-problem.ts';
import type { DeliveryProblemFollowUp } from './definitions/delivery-problem-follow-up.ts';
import { recordTicketChange } from './rollups/record-ticket-change.ts';
import { createRollupCache, defaultRollupMaxAgeMs } from './caches/rollup-cache.ts';
import { createRollupRevisions } from './caches/rollup-revisions.ts';
import { createSharedRollupCache } from './caches/rollup-shared-cache.ts';
import type { Day } from './rollups/rollup-keys.ts';
import { scanRollupTickets } from './rollups/ticket-scan.ts';

export interface MetricsServiceOptions {
  connection: Connection;
  /**
   * Redis (a client without keyPrefix) and the app's key prefix: rollup revisions and the rollups
   * read by any instance (each for an hour) live there, so every instance reads from MongoDB only
   * the rollups changed since any instance last read them. Without it, the dashboard reads every
   * rollup from MongoDB on every request.
   */
  redis?: { client: Redis; prefix: string };
  /** Where the rebuild reads tickets (default: the ticket repository on `connection`). */
  tickets?: Pick<TicketRepository, 'findAll' | 'estimatedCount'>;
  /** Enqueues a period's retention report: `(period, at) => requestRetentionReport(rollupsQueue, period, at)`. */
  requestRetentionReport?: (period: { from: Day; to: Day }, requestedAt: Date) => Promise<void>;
  retentionMaxAgeMs?: number;
  clock?: () => Date;
  logger?: Logger;
}

/** Metrics for managers: rollups updated on every event, read by the dashboard; see README.md beside this file. */
export type MetricsService = ReturnType<typeof createMetricsService>;

/**
 * The metrics service: the hooks that keep the rollups current, the dashboard that reads them,
 * and the rebuild that recomputes them.
 * @example const metrics = createMetricsService({ connection }); ticketService deps: { onTicketChanged: metrics.recordTicketChange }
 */
export function createMetricsService(options: MetricsServiceOptions) {
  const revisions = options.redis ? createRollupRevisions(options.redis.client, options.redis.prefix) : undefined;
  const stores: MetricsStores = createMetricsStores(options.connection, {
    ...(revisions ? { revisions } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  // Rollups one instance read from MongoDB, shared with the others (and with itself after a restart).
  const shared = options.redis
    ? createSharedRollupCache(options.redis.client, options.redis.prefix, defaultRollupMaxAgeMs)
    : undefined;
  const rollupCache = createRollupCache({
    rollups: stores.rollups,
    ...(revisions ? { revisions } : {}),
    ...(shared ? { shared } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const tickets = options.tickets ?? createTicketRepository(options.connection);
  return {
    stores,
    /** The rollups the dashboard has read, by revision (`clear()` forgets this process's, `clearShared()` Redis's). */
    rollupCache,

    /** The ticket change hook: call after every successful ticket write (before: null when created). */
    recordTicketChange(before: FollowUpTicket | null, after: FollowUpTicket): Promise<void> {
      return recordTicketChange(stores, before, after);
    },

    /** For order ingestion: a purchase by a customer, to count repurchases after support. */
    recordCustomerOrder(customerId: string, placedAt: Date): Promise<{ marked: number }> {
      return recordCustomerOrder(stores, customerId, placedAt);
    },

    /** For an order import: many purchases at once, as if each were ingested alone. */
    recordCustomerOrders(
      purchases: ReadonlyArray<{ customerId: string; placedAt: Date }>,
    ): Promise<{ marked: number }> {
      return recordCustomerOrders(stores, purchases);
    },

    /** A delivery problem of a known customer (notified or not), counted once; a later purchase may mark it repurchased. */
    recordDeliveryProblem(problem: Omit<DeliveryProblemFollowUp, 'repurchasedAt'>): Promise<'counted' | 'duplicate'> {
      return recordDeliveryProblem(stores, problem);
    },

    /** A bot-only chat's survey answers (so far), counted once in the bot's CSAT and CES. */
    recordConversationSurvey(
      conversationId: string,
      answers: Partial<SurveyAnswers>,
    ): Promise<'counted' | 'unchanged'> {
      return recordConversationSurvey(stores, conversationId, answers);
    },

    /** A `conversation.closed` event (validated here), counted once per conversation. */
    recordConversationClosed(event: unknown): Promise<'counted' | 'duplicate'> {
      return recordConversationClosed(stores, event);
    },

    /** `GET /api/metrics`: the dashboard for `{ from, to, tier? }` (validated here). */
    getDashboard(query: unknown): Promise<Dashboard> {
      return getDashboard(
        {
          stores,
          rollups: rollupCache,
          ...(options.requestRetentionReport ? { requestRetentionReport: options.requestRetentionReport } : {}),
          ...(options.retentionMaxAgeMs !== undefined ? { retentionMaxAgeMs: options.retentionMaxAgeMs } : {}),
          ...(options.clock ? { clock: options.clock } : {}),
          ...(options.logger ? { logger: options.logger } : {}),
        },
        query,
      );
    },

    /**
     * The rebuild command: recomputes every rollup from tickets, follow-ups and conversations (run
     * it while no changes are being recorded), reporting progress as it goes.
     */
    async rebuildRollups(
      onProgress?: (progress: RebuildProgress) => void,
    ): Promise<RebuildRollupsResult & { invalidTickets: string[] }> {
      const invalidTickets: string[] = [];
      const result = await rebuildRollups(
        stores,
        scanRollupTickets(tickets, (id) => invalidTickets.push(id)),
        { ticketCount: await tickets.estimatedCount(), ...(onProgress ? { onProgress } : {}) },
      );
      if (invalidTickets.length > 0) {
        options.logger?.warn(
          { count: invalidTickets.length, sample: invalidTickets.slice(0, 10) },
          'tickets skipped by the rollup rebuild',
        );
      }
      return { ...result, invalidTickets };
    },
  };
}
