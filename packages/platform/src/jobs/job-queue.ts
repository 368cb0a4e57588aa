import Bull from 'bull';
import { Redis } from 'ioredis';
import { AppError, ValidationError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { redisOptions } from '../redis/connect.ts';

/**
 * A job that a retry cannot fix (a payload that does not parse, a change the rules refuse): the
 * worker fails it for good at once, with this error's message as the reason.
 */
export class PermanentJobError extends AppError {
  constructor(message: string, options: { cause?: unknown; field?: string } = {}) {
    super('permanent_job_failure', message, { status: 422, ...options });
  }
}

/**
 * How one app adds a job for another (or itself): retried with exponential backoff (1 s, 2 s, …
 * about 4 minutes in all), and kept a week after completion, so a job added again under the same
 * id (every such id is a natural key: an event id, a message id) is recognised and adds nothing.
 */
export const durableJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: false,
} as const satisfies Bull.JobOptions;

/**
 * Opens a Bull queue on `redisUrl` under Bull's key `prefix` (both apps must agree on it), with the
 * platform's Redis settings. Bull's clients connect at once: Bull waits for a client's `ready`
 * before its first blocking call, which a lazily connecting client never emits until it is sent a command.
 * @example const handoff = openJobQueue(queueNames.handoff, { redisUrl, prefix: 'bull' });
 */
export function openJobQueue(
  name: string,
  options: { redisUrl: string; prefix: string; logger?: Logger },
): Bull.Queue<unknown> {
  // Bull closes only the clients it made itself: those made here are ended by `close` below.
  const clients: Redis[] = [];
  const queue = new Bull(name, {
    prefix: options.prefix,
    createClient: (type) => {
      const client = new Redis(options.redisUrl, {
        ...redisOptions({ url: options.redisUrl, forBull: type !== 'client' }),
        lazyConnect: false,
        connectionName: `bull:${name}:${type}`,
      });
      clients.push(client);
      return client;
    },
  });
  const closeQueue = queue.close.bind(queue);
  queue.close = async (doNotWaitJobs?: boolean) => {
    try {
      await closeQueue(doNotWaitJobs);
    } finally {
      // Closing may itself make a client (Bull's pause reaches for the blocking one): end them all
      // after, as Bull ends its own: QUIT lets commands in flight get their replies (a plain
      // disconnect rejects them, unhandled inside Bull), then a disconnect after 500 ms at most.
      await Promise.all(clients.splice(0).map((client) => endClient(client)));
    }
  };
  // Bull re-emits its clients' errors (Redis away: commands refused after their retries); an
  // 'error' event with no listener would end the process. The outbox and workers retry instead.
  queue.on('error', (error: Error) => options.logger?.warn({ err: error, queue: name }, 'job queue error'));
  return queue;
}

async function endClient(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  const quit = client.quit().catch(() => undefined);
  await Promise.race([quit, new Promise((resolve) => setTimeout(resolve, 500).unref())]);
  client.disconnect();
}

export interface JobWorkerOptions {
  /** For logs: what the worker does ("handoff", "agent event"). */
  name: string;
  /** Jobs run at once by this process (default 4). */
  concurrency?: number;
  logger?: Logger;
}

/** A payload that does not parse, or an error the handler marked permanent: retrying cannot help. */
export function isPermanentJobFailure(error: unknown): boolean {
  return error instanceof PermanentJobError || error instanceof ValidationError;
}

/**
 * Runs `handle` for each job of `queue`, with one policy for every worker: a permanent failure
 * ({@link isPermanentJobFailure}) fails the job for good with the error's message; anything else
 * (database, Redis, a record not there yet) fails this attempt and Bull retries with the job's
 * backoff ({@link durableJobOptions}). Nothing here ends the process.
 * @example startJobWorker(queues.handoff, { name: 'handoff' }, (data) => processHandoffJob(deps, data));
 */
export function startJobWorker<Result>(
  queue: Bull.Queue<unknown>,
  options: JobWorkerOptions,
  handle: (data: unknown, job: Bull.Job<unknown>) => Promise<Result>,
): void {
  queue
    .process(options.concurrency ?? 4, async (job: Bull.Job<unknown>) => {
      try {
        return await handle(job.data, job);
      } catch (error) {
        const permanent = isPermanentJobFailure(error);
        if (permanent) await job.discard();
        options.logger?.warn(
          { err: error, jobId: job.id, attempt: job.attemptsMade + 1, permanent },
          `${options.name} job failed`,
        );
        throw error;
      }
    })
    .catch((error: unknown) => {
      options.logger?.error({ err: error }, `${options.name} worker stopped`);
    });
}
