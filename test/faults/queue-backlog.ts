import { Redis } from 'ioredis';
import { chatQueueNames } from '@loyaldesk/contracts/chat-jobs';
import { queueNames } from '@loyaldesk/contracts/queues';

/** Jobs of one Bull queue between the apps that were not done when the run ended. */
export interface QueueBacklog {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/** The queues that carry what must arrive between the apps. */
export const crossAppQueues = [
  queueNames.handoff,
  chatQueueNames.shopperMessages,
  chatQueueNames.agentEvents,
  chatQueueNames.surveyAnswers,
] as const;

/**
 * Counts each cross-app queue's unfinished jobs straight from Bull's keys (`<prefix>:<queue>:wait`…),
 * so a report can tell "still on its way" from "lost". Bounded: a Redis that does not answer gives up.
 */
export async function readQueueBacklog(redisUrl: string, bullPrefix: string): Promise<QueueBacklog[]> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5_000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await Promise.all(
      crossAppQueues.map(async (queue) => {
        const key = (state: string): string => `${bullPrefix}:${queue}:${state}`;
        const [waiting, paused, active, delayed, failed] = await Promise.all([
          redis.llen(key('wait')),
          redis.llen(key('paused')),
          redis.llen(key('active')),
          redis.zcard(key('delayed')),
          redis.zcard(key('failed')),
        ]);
        return { queue, waiting: waiting + paused, active, delayed, failed };
      }),
    );
  } finally {
    redis.disconnect();
  }
}
