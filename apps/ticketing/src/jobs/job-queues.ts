import Bull from 'bull';
import { Redis } from 'ioredis';
import { chatQueueNames } from '@loyaldesk/contracts/chat-jobs';
import { queueNames } from '@loyaldesk/contracts/queues';
import { redisOptions } from '@loyaldesk/platform/redis';

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
  /** Ticketing → chat bot: agent replies and resolutions for the shopper's conversation (`AgentEventJob`). */
  agentEvents: Bull.Queue<unknown>;
}

/**
 * Opens the ticketing queues on `redisUrl` under Bull's key `prefix` (the chat bot's
 * `BULL_PREFIX`: both apps must agree on it), with the platform's Redis settings.
 * @example const jobs = openTicketingJobQueues({ redisUrl, prefix: 'bull' });
 */
export function openTicketingJobQueues(options: { redisUrl: string; prefix: string }): TicketingJobQueues {
  const open = (name: string): Bull.Queue<unknown> =>
    new Bull(name, {
      prefix: options.prefix,
      // Connected at once: Bull waits for a client's 'ready' before its first blocking call, which a
      // lazily connecting client (the platform default) never emits until it is sent a command.
      createClient: (type) =>
        new Redis(options.redisUrl, {
          ...redisOptions({ url: options.redisUrl, forBull: type !== 'client' }),
          lazyConnect: false,
        }),
    });
  return {
    handoff: open(queueNames.handoff),
    slaTimers: open(queueNames.slaTimers),
    rollups: open(queueNames.rollups),
    metrics: open(queueNames.metrics),
    shopperMessages: open(chatQueueNames.shopperMessages),
    surveyAnswers: open(chatQueueNames.surveyAnswers),
    agentEvents: open(chatQueueNames.agentEvents),
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
  ];
}
