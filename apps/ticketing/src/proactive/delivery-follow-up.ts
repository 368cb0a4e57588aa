import type { Db } from 'mongodb';
import type { CustomerProfileService } from '@loyaldesk/customer-profile/service';
import type { Logger } from '@loyaldesk/platform/logger';
import type { Outbox } from '@loyaldesk/platform/outbox';
import type { RouteDefinition } from '../http/route.ts';
import type { OrderIngestionDeps } from '../orders/ingest-order.ts';
import type { TicketService } from '../tickets/ticket-service.ts';
import { createTrackingIngestion } from '../webhooks/tracking/record-tracking-update.ts';
import { trackingWebhookRoutes } from '../webhooks/tracking/tracking-webhook-routes.ts';
import { createTrackingWebhookStore } from '../webhooks/tracking/tracking-webhook-store.ts';
import { createChatNoticeSender } from './chat-notice.ts';
import { createCustomerProactiveTickets } from './customer-proactive-tickets.ts';
import { createSmtpMailer } from './notice-mailer.ts';
import { createProactiveNoticeStore } from './proactive-notice-store.ts';
import { createProactiveNotices, type ProactiveNoticeDeps } from './proactive-notices.ts';
import { proactivePolicyRoutes } from './proactive-policy-routes.ts';
import { createProactivePolicyStore } from './proactive-policy-store.ts';

export interface DeliveryFollowUpDeps {
  db: Db;
  profiles: CustomerProfileService;
  tickets: Pick<TicketService, 'open'>;
  /** Carrier tracking providers' webhook secrets; a provider without any is not mounted. */
  afterShipSecrets: readonly string[];
  easyPostSecrets: readonly string[];
  /** Where notice emails go out; absent: none are sent. */
  smtp?: { url: string; from: string };
  /** The outbox to the chat bot (delivery notices in the shopper's chat); absent: notices go by email only. */
  chatOutbox?: Pick<Outbox, 'record'>;
  /** `metrics.recordDeliveryProblem`: every problem reviewed, notified or not; absent: not counted. */
  recordDeliveryProblem?: ProactiveNoticeDeps['recordDeliveryProblem'];
  logger?: Logger;
  clock?: () => Date;
}

/**
 * Carrier tracking webhooks and proactive delivery-problem notices, wired together: the routes
 * (tracking webhooks when configured, the notice policy always), the hooks order ingestion calls
 * (pending tracking updates, notices for shipments a source reports in trouble), and the mailer.
 */
export function createDeliveryFollowUp(deps: DeliveryFollowUpDeps): {
  routes: RouteDefinition[];
  ingestionHooks: Pick<OrderIngestionDeps, 'pendingTracking' | 'proactive'>;
  init(): Promise<void>;
  close(): void;
} {
  const clock = deps.clock ?? (() => new Date());
  const policy = createProactivePolicyStore(deps.db, deps.logger ? { logger: deps.logger } : {});
  const mailer = deps.smtp ? createSmtpMailer(deps.smtp) : undefined;
  const proactive = createProactiveNotices({
    profiles: deps.profiles,
    tickets: deps.tickets,
    notices: createProactiveNoticeStore(deps.db),
    policy,
    ...(mailer ? { mailer } : {}),
    ...(deps.chatOutbox ? { chat: createChatNoticeSender(deps.chatOutbox) } : {}),
    customerTickets: createCustomerProactiveTickets(deps.db),
    ...(deps.recordDeliveryProblem ? { recordDeliveryProblem: deps.recordDeliveryProblem } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
    clock,
  });
  const store = createTrackingWebhookStore(deps.db);
  const tracking =
    deps.afterShipSecrets.length + deps.easyPostSecrets.length > 0
      ? createTrackingIngestion({
          profiles: deps.profiles,
          store,
          onShipmentTracked: (change) => proactive.reviewShipment(change.order, change.after),
          clock,
        })
      : undefined;
  return {
    routes: [
      ...proactivePolicyRoutes({ store: policy, clock }),
      ...(tracking
        ? trackingWebhookRoutes({ tracking, store, afterShipSecrets: deps.afterShipSecrets, easyPostSecrets: deps.easyPostSecrets, clock })
        : []),
    ],
    ingestionHooks: { proactive, ...(tracking ? { pendingTracking: tracking } : {}) },
    async init() {
      if (tracking) await store.init();
    },
    close() {
      mailer?.close();
    },
  };
}
