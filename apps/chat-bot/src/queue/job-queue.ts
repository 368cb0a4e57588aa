import Bull from 'bull';
import { Redis } from 'ioredis';
import { redisOptions } from '@loyaldesk/platform/redis';

/** What a producer needs from a queue (a Bull queue fits; so does a test double that records jobs). */
export interface JobQueue {
  add(data: unknown, options: Bull.JobOptions): Promise<{ id: Bull.JobId }>;
  getJob(jobId: Bull.JobId): Promise<{ finishedOn?: number | undefined; remove(): Promise<void> } | null>;
}

/**
 * Opens a Bull queue on `redisUrl` with the platform's Redis settings (Bull wants its own clients).
 * @example const handoff = openQueue(queueNames.handoff, { redisUrl, prefix: 'bull' });
 */
export function openQueue(name: string, options: { redisUrl: string; prefix: string }): Bull.Queue {
  return new Bull(name, {
    prefix: options.prefix,
    // Not lazy: Bull waits for its clients' `ready` event rather than connecting them.
    createClient: (type) =>
      new Redis(options.redisUrl, {
        ...redisOptions({ url: options.redisUrl, forBull: type !== 'client' }),
        lazyConnect: false,
      }),
  });
}
