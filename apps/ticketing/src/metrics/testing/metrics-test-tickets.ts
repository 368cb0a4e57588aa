// Test-only: tickets for metrics fixtures, with explicit times in minutes after a start.
import type { Tier } from '@loyaldesk/contracts/tier';
import { defaultSlaPolicy } from '../../policy/sla-policy.ts';
import { buildTicket } from '../../testing/ticket-fixtures.ts';
import type { Ticket } from '../../tickets/ticket.ts';

const minute = 60_000;

/** Minutes after `start` as a Date, or null. */
export function at(start: Date, minutes: number | null): Date | null {
  return minutes === null ? null : new Date(start.getTime() + minutes * minute);
}

export interface MetricsTicketSpec {
  id: string;
  /** When the ticket was created. */
  createdAt: Date;
  tier?: Tier;
  customerId?: string | null;
  agentId?: string | null;
  /** Minutes after creation; null for none. */
  firstReplyAfter?: number | null;
  resolvedAfter?: number | null;
  /** Minutes the shopper wrote before the ticket was created (a chat's bot part). */
  shopperWroteBefore?: number;
  /** First response and resolution targets in minutes (default 10 and 120). */
  firstResponseTarget?: number;
  resolutionTarget?: number;
  survey?: Ticket['survey'];
  reopenCount?: number;
  breaches?: Partial<Ticket['slaBreaches']>;
}

/** A ticket in the state the spec describes (status follows: resolved, assigned or open). */
export function metricsTicket(spec: MetricsTicketSpec): Ticket {
  const base = buildTicket(
    spec.id,
    { createdAt: spec.createdAt, tier: spec.tier ?? 'bronze', valuePercentile: null, issueKind: 'general' },
    defaultSlaPolicy,
  );
  const resolvedAt = at(spec.createdAt, spec.resolvedAfter ?? null);
  const agentId = spec.agentId ?? null;
  return {
    ...base,
    status: resolvedAt ? 'resolved' : agentId ? 'assigned' : 'open',
    customerId: spec.customerId ?? null,
    assigneeId: agentId,
    assignedAt: agentId ? spec.createdAt : null,
    deadline: at(spec.createdAt, spec.firstResponseTarget ?? 10) ?? spec.createdAt,
    resolutionDeadline: at(spec.createdAt, spec.resolutionTarget ?? 120) ?? spec.createdAt,
    firstShopperMessageAt: at(spec.createdAt, -(spec.shopperWroteBefore ?? 0)) ?? spec.createdAt,
    firstRepliedAt: at(spec.createdAt, spec.firstReplyAfter ?? null),
    resolvedAt,
    reopenCount: spec.reopenCount ?? 0,
    slaBreaches: { firstResponse: null, resolution: null, ...spec.breaches },
    survey: spec.survey ?? null,
  };
}
