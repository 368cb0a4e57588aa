import type { RollupTicket } from '@loyaldesk/ticketing/ticket-contribution';
import { computeDeadline } from '@loyaldesk/ticketing/deadline';
import { defaultSlaPolicy } from '@loyaldesk/ticketing/sla-policy';
import { createRandom } from '../lib/random.ts';
import { ticketFacts } from './ticket-dataset.ts';

const dayMs = 86_400_000;

/** A lognormal draw with the given median (seconds) and spread, from two uniform draws. */
function lognormal(random: () => number, median: number, sigma: number): number {
  const u = Math.max(1e-12, random());
  const v = random();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp(sigma * normal);
}

export interface SupportHistoryOptions {
  /** How many tickets, created evenly over `days` days up to `now`. */
  tickets: number;
  days: number;
  agents: number;
  now: Date;
  seed: number;
}

/** The id of the `index`-th agent of the desk. */
export function agentIdAt(index: number): string {
  return `agt_${String(index).padStart(2, '0')}`;
}

/**
 * A desk's year of tickets as the metrics read them, generated (not stored), in batches: first
 * replies minutes after creation and resolutions hours later (lognormal), SLA breaches marked by
 * the SLA worker when a deadline passed unmet, a few reopens, surveys from about a third of the
 * shoppers, and the most recent tickets still open, assigned or pending.
 */
export async function* supportHistory(
  options: SupportHistoryOptions,
  batchSize = 5000,
): AsyncGenerator<RollupTicket[]> {
  const random = createRandom(options.seed);
  const now = options.now.getTime();
  const start = now - options.days * dayMs;
  let batch: RollupTicket[] = [];
  for (let index = 0; index < options.tickets; index++) {
    const createdAt = new Date(start + Math.floor(((index + random()) / options.tickets) * options.days * dayMs));
    const facts = ticketFacts(random, createdAt);
    const ranked = computeDeadline(facts, defaultSlaPolicy);
    const agentId = agentIdAt(Math.floor(random() * options.agents));
    const created = createdAt.getTime();
    const firstReply = created + Math.round(lognormal(random, 25 * 60, 1.3) * 1000);
    const resolved = firstReply + Math.round(lognormal(random, 5 * 3600, 1.4) * 1000);
    const shopperWrote = random() < 0.6 ? created - Math.floor(random() * 300_000) : created;
    const replied = firstReply <= now;
    const isResolved = resolved <= now;
    const status: RollupTicket['status'] = isResolved
      ? resolved + 3 * dayMs <= now
        ? 'closed'
        : 'resolved'
      : replied
        ? random() < 0.2
          ? 'pending'
          : 'assigned'
        : 'open';
    const breachedAt = (deadline: Date, doneAt: number): Date | null =>
      Math.min(doneAt, now) > deadline.getTime() ? new Date(deadline.getTime() + 5000) : null;
    const surveyed = isResolved && random() < 0.35;
    const csat = 1 + Math.min(4, Math.floor(random() * 6));
    const ticket: RollupTicket = {
      status,
      customerId: facts.valuePercentile === null ? null : `cus_${Math.floor(random() * 200_000).toString(36)}`,
      createdAt,
      deadline: ranked.deadline,
      resolutionDeadline: ranked.resolutionDeadline,
      breakdown: { tier: facts.tier },
      assigneeId: status === 'open' ? null : agentId,
      assignedAt: status === 'open' ? null : new Date(Math.min(firstReply, created + 60_000)),
      firstShopperMessageAt: new Date(shopperWrote),
      firstRepliedAt: replied ? new Date(firstReply) : null,
      resolvedAt: isResolved ? new Date(resolved) : null,
      reopenCount: isResolved && random() < 0.08 ? 1 : 0,
      slaBreaches: {
        firstResponse: breachedAt(ranked.deadline, firstReply),
        resolution: breachedAt(ranked.resolutionDeadline, resolved),
      },
      survey: surveyed
        ? {
            csat,
            ...(random() < 0.5 ? { ces: 1 + Math.floor(random() * 7) } : {}),
            ...(random() < 0.5 ? { nps: Math.floor(random() * 11) } : {}),
            answeredAt: new Date(Math.min(now, resolved + 600_000)),
          }
        : null,
    };
    batch.push(ticket);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
