import type { Tier } from '@loyaldesk/contracts/tier';
import { ticketSlaOutcome } from '../../sla/sla-outcome.ts';
import { dayOf } from '../rollups/rollup-keys.ts';
import type { RollupContribution, RollupTicket } from './ticket-contribution.ts';

/** A purchase this many days after a ticket's resolution counts as a repurchase after support. */
export const repurchaseWindowDays = 90;
const windowMs = repurchaseWindowDays * 86_400_000;

/**
 * What happened after a resolved ticket of a known customer: its SLA outcome and, once, the first
 * purchase within the window. One per ticket (`ticket_follow_ups`, `_id` = ticket id), never pruned:
 * the rebuild sums them.
 */
export interface TicketFollowUp {
  ticketId: string;
  customerId: string;
  tier: Tier;
  slaOutcome: 'met' | 'breached';
  /** The latest resolution; null after a reopen (nothing to follow up until it is resolved again). */
  resolvedAt: Date | null;
  /** The first purchase in the window after `resolvedAt`; null until one is seen. */
  repurchasedAt: Date | null;
  /** The ticket version this was taken from (older ticket changes arriving late are ignored). */
  ticketVersion: number;
  /** Bumped on every write; each write is conditional on the revision it read. */
  revision: number;
}

export type FollowUpTicket = RollupTicket & { id: string; version: number };

/** The facts of a ticket to follow up: resolved, of a known customer, with a final SLA outcome. */
export function followUpFacts(
  ticket: RollupTicket,
): { customerId: string; tier: Tier; slaOutcome: 'met' | 'breached'; resolvedAt: Date } | null {
  const outcome = ticketSlaOutcome(ticket);
  if (ticket.customerId === null || ticket.resolvedAt === null || outcome === 'pending') return null;
  return {
    customerId: ticket.customerId,
    tier: ticket.breakdown.tier,
    slaOutcome: outcome,
    resolvedAt: ticket.resolvedAt,
  };
}

/** True when the two ticket states follow up differently (so the follow-up must be written). */
export function followUpChanged(before: RollupTicket | null, after: RollupTicket): boolean {
  const a = before ? followUpFacts(before) : null;
  const b = followUpFacts(after);
  if (a === null || b === null) return a !== b;
  return (
    a.customerId !== b.customerId ||
    a.tier !== b.tier ||
    a.slaOutcome !== b.slaOutcome ||
    a.resolvedAt.getTime() !== b.resolvedAt.getTime()
  );
}

/**
 * The follow-up after `ticket`, given the stored one; null when nothing needs writing (a late,
 * older ticket version, or a ticket with nothing to follow up and no follow-up yet). A new
 * resolution starts a new window, so a repurchase seen for an earlier one is dropped.
 */
export function nextFollowUp(current: TicketFollowUp | null, ticket: FollowUpTicket): TicketFollowUp | null {
  if (current && current.ticketVersion >= ticket.version) return null;
  const facts = followUpFacts(ticket);
  if (!facts) {
    if (!current) return null;
    return {
      ...current,
      resolvedAt: null,
      repurchasedAt: null,
      ticketVersion: ticket.version,
      revision: current.revision + 1,
    };
  }
  const sameResolution = current?.resolvedAt?.getTime() === facts.resolvedAt.getTime();
  return {
    ticketId: ticket.id,
    ...facts,
    repurchasedAt: sameResolution ? (current?.repurchasedAt ?? null) : null,
    ticketVersion: ticket.version,
    revision: (current?.revision ?? -1) + 1,
  };
}

/**
 * What a follow-up adds to the rollups: one repurchase on the resolution day, by SLA outcome
 * (the denominators, resolved tickets by outcome, come from the tickets themselves).
 */
export function followUpContribution(followUp: TicketFollowUp | null): RollupContribution[] {
  if (!followUp || followUp.resolvedAt === null || followUp.repurchasedAt === null) return [];
  return [
    {
      day: dayOf(followUp.resolvedAt),
      tier: followUp.tier,
      agentId: null,
      counters: followUp.slaOutcome === 'met' ? { repurchasedSlaMet: 1 } : { repurchasedSlaBreached: 1 },
      histograms: {},
    },
  ];
}

/**
 * True when a purchase at `placedAt` follows a resolution at `resolvedAt` within the window.
 * @example isRepurchase(new Date('2026-01-01'), new Date('2026-03-01')) // true: 59 days later
 */
export function isRepurchase(resolvedAt: Date, placedAt: Date): boolean {
  const gap = placedAt.getTime() - resolvedAt.getTime();
  return gap > 0 && gap <= windowMs;
}

/** One entry of a customer's recent resolutions: enough to find the follow-ups an order may complete. */
export interface RecentResolution {
  ticketId: string;
  resolvedAt: Date;
}

/** At most this many recent resolutions per customer (a shopper with more in 90 days is an outlier). */
export const recentResolutionsLimit = 50;

/**
 * A customer's recent resolutions after `ticketId` was resolved at `resolvedAt` (or un-resolved:
 * null): newest first, only those within the window of the newest, at most
 * {@link recentResolutionsLimit}.
 */
export function withResolution(
  recent: readonly RecentResolution[],
  ticketId: string,
  resolvedAt: Date | null,
): RecentResolution[] {
  const others = recent.filter((entry) => entry.ticketId !== ticketId);
  const all = resolvedAt ? [...others, { ticketId, resolvedAt }] : others;
  all.sort((a, b) => b.resolvedAt.getTime() - a.resolvedAt.getTime());
  const newest = all[0]?.resolvedAt.getTime() ?? 0;
  return all.filter((entry) => entry.resolvedAt.getTime() >= newest - windowMs).slice(0, recentResolutionsLimit);
}
