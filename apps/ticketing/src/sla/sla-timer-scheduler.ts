import type Bull from 'bull';
import type { Ticket } from '../tickets/ticket.ts';
import { slaDeadline, slaKinds, slaOutcome, type SlaFacts, type SlaKind } from './sla-outcome.ts';
import { slaTimerJobId, type SlaTimerJob } from './sla-timer-job.ts';

type TimerTicket = SlaFacts & Pick<Ticket, 'id'>;

/**
 * The timers a ticket change calls for: each target still pending whose deadline is new (a new
 * ticket, a re-rank, a reopen) or that became pending again. Pure.
 */
export function timersToSchedule(before: SlaFacts | null, after: SlaFacts): Array<{ kind: SlaKind; deadline: Date }> {
  return slaKinds
    .filter((kind) => slaOutcome(after, kind) === 'pending')
    .filter(
      (kind) =>
        before === null ||
        slaDeadline(before, kind).getTime() !== slaDeadline(after, kind).getTime() ||
        slaOutcome(before, kind) !== 'pending',
    )
    .map((kind) => ({ kind, deadline: slaDeadline(after, kind) }));
}

export interface SlaTimerSchedulerOptions {
  clock?: () => Date;
}

/** Puts SLA timers on the queue; see {@link createSlaTimerScheduler}. */
export type SlaTimerScheduler = ReturnType<typeof createSlaTimerScheduler>;

/**
 * Schedules Bull delayed jobs at a ticket's SLA deadlines on `queue` (the `slaTimers` queue). The
 * job id is `${ticketId}:${kind}:${deadlineMs}`, so scheduling twice adds one job; a moved
 * deadline gets a new job and the old one finds the deadline changed and does nothing.
 * @example const timers = createSlaTimerScheduler(slaQueue); await timers.schedule(ticket);
 */
export function createSlaTimerScheduler(queue: Bull.Queue<unknown>, options: SlaTimerSchedulerOptions = {}) {
  const clock = options.clock ?? (() => new Date());

  async function add(ticketId: string, kind: SlaKind, deadline: Date): Promise<void> {
    const job: SlaTimerJob = { ticketId, kind, deadline: deadline.getTime() };
    await queue.add(job, {
      jobId: slaTimerJobId(ticketId, kind, job.deadline),
      delay: Math.max(0, job.deadline - clock().getTime()),
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
      // Removed when done: a later schedule of the same deadline (a retry) runs again and finds it decided.
      removeOnComplete: true,
      removeOnFail: 1000,
    });
  }

  return {
    /** Timers at every deadline of `ticket` that is still pending (a new or re-queued ticket). */
    async schedule(ticket: TimerTicket): Promise<void> {
      await Promise.all(timersToSchedule(null, ticket).map(({ kind, deadline }) => add(ticket.id, kind, deadline)));
    },

    /** For the ticket change hook: timers for deadlines the change created or moved. */
    async onTicketChanged(before: SlaFacts | null, after: TimerTicket): Promise<void> {
      await Promise.all(timersToSchedule(before, after).map(({ kind, deadline }) => add(after.id, kind, deadline)));
    },
  };
}
