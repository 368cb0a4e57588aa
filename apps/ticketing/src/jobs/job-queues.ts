import type Bull from 'bull';
import { deliveryNoticeQueueName } from '@loyaldesk/contracts/delivery-notice';
import { chatQueueNames } from '@loyaldesk/contracts/chat-jobs';
import { queueNames } from '@loyaldesk/contracts/queues';
import { openJobQueue } from '@loyaldesk/platform/jobs';
import type { Logger } from '@loyaldesk/platform/logger';

/** The Bull queues the ticketing service consumes and produces, by purpose. */
export interface TicketingJobQueues {
  /** Chat bot → ticketing: conversations handed to a human. */
  handoff: Bull.Queue<unknown>;
  /** Delayed jobs at each SLA deadline. */
  slaTimers: Bull.Queue<unknown>;
  /** Retention reports for the dashboard. */
  rollups: Bull.Queue<unknown>;
  /** Chat bot → ticketing: `conversation.closed` events. */
  metrics: Bull.Queue<unknown>;
  /** Chat bot → ticketing: shopper messages of handed-off conversations (`ShopperMessageJob`). */
  shopperMessages: Bull.Queue<unknown>;
  /** Chat bot → ticketing: survey answers (`SurveyAnsweredEvent`). */
  surveyAnswers: Bull.Queue<unknown>;
  /** Ticketing → chat bot: agent replies and resolutions for the shopper's conversation (`AgentEventJob`), fed by the outbox. */
  agentEvents: Bull.Queue<unknown>;
  /** Ticketing → chat bot: proactive delivery notices for the shopper's chat (`DeliveryNoticeJob`), fed by the outbox. */
  deliveryNotices: Bull.Queue<unknown>;
  /** Order import → ticketing: purchases to record, customers to re-rank (`OrdersIngestedJob`). */
  ordersIngested: Bull.Queue<unknown>;
}

/**
 * Opens the ticketing queues on `redisUrl` under Bull's key `prefix` (the chat bot's
 * `BULL_PREFIX`: both apps must agree on it), with the platform's Redis settings.
 * @example const jobs = openTicketingJobQueues({ redisUrl, prefix: 'bull' });
 */
export function openTicketingJobQueues(options: { redisUrl: string; prefix: string; logger?: Logger }): TicketingJobQueues {
  return {
    handoff: openJobQueue(queueNames.handoff, options),
    slaTimers: openJobQueue(queueNames.slaTimers, options),
    rollups: openJobQueue(queueNames.rollups, options),
    metrics: openJobQueue(queueNames.metrics, options),
    shopperMessages: openJobQueue(chatQueueNames.shopperMessages, options),
    surveyAnswers: openJobQueue(chatQueueNames.surveyAnswers, options),
    agentEvents: openJobQueue(chatQueueNames.agentEvents, options),
    deliveryNotices: openJobQueue(deliveryNoticeQueueName, options),
    ordersIngested: openJobQueue(queueNames.ordersIngested, options),
  };
}

/** Every queue of `queues`, e.g. to close them or count their jobs. */
export function allJobQueues(queues: TicketingJobQueues): Array<Bull.Queue<unknown>> {
  return [
    queues.handoff,
    queues.slaTimers,
    queues.rollups,
    queues.metrics,
    queues.shopperMessages,
    queues.surveyAnswers,
    queues.agentEvents,
    queues.deliveryNotices,
    queues.ordersIngested,
  ];
}
