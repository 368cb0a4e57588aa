import { z } from 'zod';
import { ticketIdSchema } from '@loyaldesk/contracts/tickets-api';
import { slaKinds, type SlaKind } from './sla-outcome.ts';

/** A delayed job at one SLA deadline of one ticket: ids only; the worker reloads the ticket. */
export const slaTimerJobSchema = z.object({
  ticketId: ticketIdSchema,
  kind: z.enum(slaKinds),
  /** The deadline the timer was set for (ms since the epoch); a ticket re-ranked since has another timer. */
  deadline: z.number().int().nonnegative(),
});
export type SlaTimerJob = z.infer<typeof slaTimerJobSchema>;

/**
 * The Bull job id of a timer: scheduling the same deadline twice adds one job, and a new deadline
 * (re-ranked, reopened) gets its own.
 * @example slaTimerJobId('tkt_1', 'firstResponse', 1767225600000) // 'tkt_1:firstResponse:1767225600000'
 */
export function slaTimerJobId(ticketId: string, kind: SlaKind, deadlineMs: number): string {
  return `${ticketId}:${kind}:${deadlineMs}`;
}
