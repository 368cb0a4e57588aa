import { activeTicketStatuses } from '@loyaldesk/contracts/tickets-api';
import type { Tier } from '@loyaldesk/contracts/tier';
import {
  firstResponseOutcome,
  resolutionOutcome,
  ticketSlaDecidedAt,
  ticketSlaOutcome,
  type SlaOutcome,
} from '../../sla/sla-outcome.ts';
import { ticketSchema, type Ticket } from '../../tickets/ticket.ts';
import { dayOf, type Day } from '../rollups/rollup-keys.ts';
import { latencyBucket } from './latency-histogram.ts';
import type { RollupCounter, RollupHistogram } from './rollup-fields.ts';
import { csatPositive, npsCounters } from './survey-scores.ts';

/** What the rollups read from a ticket (a full `Ticket` fits). */
export type RollupTicket = Omit<
  Pick<
    Ticket,
    | 'status'
    | 'customerId'
    | 'createdAt'
    | 'deadline'
    | 'resolutionDeadline'
    | 'breakdown'
    | 'assigneeId'
    | 'assignedAt'
    | 'firstShopperMessageAt'
    | 'firstRepliedAt'
    | 'resolvedAt'
    | 'reopenCount'
    | 'slaBreaches'
    | 'survey'
    | 'proactive'
  >,
  'breakdown'
> & { breakdown: { tier: Tier } };

/** Parses the fields of a stored ticket the rollups read (the rebuild scans documents with it). */
export const rollupTicketSchema = ticketSchema
  .pick({
    status: true,
    customerId: true,
    createdAt: true,
    deadline: true,
    resolutionDeadline: true,
    assigneeId: true,
    assignedAt: true,
    firstShopperMessageAt: true,
    firstRepliedAt: true,
    resolvedAt: true,
    reopenCount: true,
    slaBreaches: true,
    survey: true,
    proactive: true,
  })
  .extend({ breakdown: ticketSchema.shape.breakdown.pick({ tier: true }) });

/**
 * One line of a contribution: counters and histogram buckets to add to the rollups of a day, for
 * a tier (null: no tier, e.g. a chat) and an agent (null: nobody).
 */
export interface RollupContribution {
  day: Day;
  tier: Tier | null;
  agentId: string | null;
  counters: Partial<Record<RollupCounter, number>>;
  /** The bucket each histogram gains one count in. */
  histograms: Partial<Record<RollupHistogram, number>>;
}

function wholeSecondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
}

function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, (to.getTime() - from.getTime()) / 1000);
}

function outcomeCounters(
  outcome: SlaOutcome,
  met: RollupCounter,
  breached: RollupCounter,
): Partial<Record<RollupCounter, number>> {
  if (outcome === 'met') return { [met]: 1 };
  if (outcome === 'breached') return { [breached]: 1 };
  return {};
}

function surveyCounters(survey: RollupTicket['survey']): Partial<Record<RollupCounter, number>> {
  if (!survey) return {};
  const counters: Partial<Record<RollupCounter, number>> = {};
  if (survey.csat !== undefined) {
    counters.csatResponses = 1;
    counters.csatPositive = csatPositive(survey.csat);
    counters.csatTotal = survey.csat;
  }
  if (survey.ces !== undefined) {
    counters.cesResponses = 1;
    counters.cesTotal = survey.ces;
  }
  if (survey.nps !== undefined) Object.assign(counters, npsCounters(survey.nps));
  return counters;
}

/**
 * What a ticket in its current state adds to the rollups, as a pure function of the ticket.
 * Rollups are the sum of every ticket's contribution, so a change is applied as
 * contribution(after) − contribution(before) (see rollup-delta.ts), and a rebuild is the sum over
 * all tickets. Each figure lands on the day its event happened:
 * - created day: `ticketsCreated`, and `openTickets` while the ticket is open, assigned or pending;
 * - day of the current assignment: `ticketsAssigned`;
 * - day of the first public agent reply: `firstResponses` and the first response time
 *   (reply − ticket creation; bot messages never set `firstRepliedAt`);
 * - day of the latest resolution: `ticketsResolved`, the resolution time (resolution − the
 *   shopper's first message), `reopenedResolved`, survey answers, `slaMet`, `followUpSla*`;
 * - day of each deadline: that target met or breached; day of the first missed one: `slaBreached`.
 * Everything is attributed to the ticket's tier (from its ranking breakdown) and current assignee.
 */
export function ticketContribution(ticket: RollupTicket): RollupContribution[] {
  const tier = ticket.breakdown.tier;
  const agentId = ticket.assigneeId;
  const lines: RollupContribution[] = [];
  const add = (
    at: Date,
    counters: Partial<Record<RollupCounter, number>>,
    histograms: Partial<Record<RollupHistogram, number>> = {},
  ): void => {
    lines.push({ day: dayOf(at), tier, agentId, counters, histograms });
  };

  add(ticket.createdAt, {
    ticketsCreated: 1,
    openTickets: activeTicketStatuses.includes(ticket.status) ? 1 : 0,
    ...(ticket.proactive ? { proactiveTicketsCreated: 1 } : {}),
  });

  if (agentId !== null && ticket.assignedAt !== null) add(ticket.assignedAt, { ticketsAssigned: 1 });

  if (ticket.firstRepliedAt !== null) {
    add(
      ticket.firstRepliedAt,
      { firstResponses: 1, firstResponseTimeTotal: wholeSecondsBetween(ticket.createdAt, ticket.firstRepliedAt) },
      { firstResponseTime: latencyBucket(secondsBetween(ticket.createdAt, ticket.firstRepliedAt)) },
    );
  }

  add(
    ticket.deadline,
    outcomeCounters(firstResponseOutcome(ticket), 'firstResponseSlaMet', 'firstResponseSlaBreached'),
  );
  add(
    ticket.resolutionDeadline,
    outcomeCounters(resolutionOutcome(ticket), 'resolutionSlaMet', 'resolutionSlaBreached'),
  );

  const outcome = ticketSlaOutcome(ticket);
  const decidedAt = ticketSlaDecidedAt(ticket);
  if (outcome === 'breached' && decidedAt !== null) add(decidedAt, { slaBreached: 1 });

  if (ticket.resolvedAt !== null) {
    add(
      ticket.resolvedAt,
      {
        ticketsResolved: 1,
        resolutionTimeTotal: wholeSecondsBetween(ticket.firstShopperMessageAt, ticket.resolvedAt),
        reopenedResolved: ticket.reopenCount > 0 ? 1 : 0,
        ...(outcome === 'met' ? { slaMet: 1 } : {}),
        ...(ticket.customerId !== null ? outcomeCounters(outcome, 'followUpSlaMet', 'followUpSlaBreached') : {}),
        ...surveyCounters(ticket.survey),
      },
      { resolutionTime: latencyBucket(secondsBetween(ticket.firstShopperMessageAt, ticket.resolvedAt)) },
    );
  }
  return lines.filter(
    (line) => Object.values(line.counters).some((value) => value !== 0) || Object.keys(line.histograms).length > 0,
  );
}
