/**
 * Every Bull queue the apps share, by purpose. One list so a producer and its worker cannot drift
 * apart on a name.
 */
export const queueNames = {
  /** Chat bot → ticketing: a conversation handed to a human (payload: `HandoffJob` in `./handoff`). */
  handoff: 'loyaldesk-handoff',
  /** Delayed jobs at each SLA deadline that mark breaches and escalate. */
  slaTimers: 'loyaldesk-sla-timers',
  /** Metric rollup updates and rebuilds. */
  rollups: 'loyaldesk-rollups',
  /**
   * Chat bot → ticketing: metric events (payload: `ConversationClosedEvent` in
   * `./conversation-closed`, job id `conversationClosedJobId`).
   */
  metrics: 'loyaldesk-metrics',
  /** An order import → ticketing: purchases to record and customers to re-rank (payload: `OrdersIngestedJob` in `./orders-ingested`). */
  ordersIngested: 'loyaldesk-orders-ingested',
  /** Outgoing notifications (shopper place-in-line updates, agent alerts). */
  notifications: 'loyaldesk-notifications',
  /** Ticketing only: the repeating WooCommerce order reconciliation (no payload; the worker holds the shop's credentials). */
  wooCommerceSync: 'loyaldesk-woocommerce-sync',
} as const;

export type QueueName = (typeof queueNames)[keyof typeof queueNames];
