import { issueKinds, type IssueKind } from '@loyaldesk/contracts/issue-kind';
import type { Language } from '@loyaldesk/contracts/language';
import { tiers, type Tier } from '@loyaldesk/customer-profile/schemas';
import { computeDeadline, type TicketFacts } from '@loyaldesk/ticketing/deadline';
import { routingGroupOf, type RoutingGroup } from '@loyaldesk/ticketing/routing-group';
import { defaultSlaPolicy } from '@loyaldesk/ticketing/sla-policy';
import { newOpenTicket } from '@loyaldesk/ticketing/open-ticket';
import type { Ticket } from '@loyaldesk/ticketing/ticket';

/** The routing groups the benchmarks queue tickets in: four, as a small multilingual shop has. */
const routes: ReadonlyArray<{ language: Language; skill: string }> = [
  { language: 'en', skill: 'shipping' },
  { language: 'en', skill: 'returns' },
  { language: 'zh-Hans', skill: 'shipping' },
  { language: 'zh-Hant', skill: 'general' },
];
export const benchRoutes: ReadonlyArray<{ language: Language; skill: string; group: RoutingGroup }> = routes.map(
  (route) => ({ ...route, group: routingGroupOf(route.language, route.skill) }),
);

/** The id of the `index`-th generated ticket. */
export function ticketIdAt(index: number): string {
  return `tkt_${index.toString(36).padStart(7, '0')}`;
}

// Customers are mostly bronze and silver; a few gold and platinum (as tiers are defined).
const tierWeights: ReadonlyArray<readonly [Tier, number]> = [
  ['bronze', 0.55],
  ['silver', 0.28],
  ['gold', 0.13],
  ['platinum', 0.04],
];

function pickTier(draw: number): Tier {
  let acc = 0;
  for (const [tier, weight] of tierWeights) {
    acc += weight;
    if (draw < acc) return tier;
  }
  return tiers[0];
}

/** Ranking facts for one ticket from a seeded random source: tier, value percentile, issue kind. */
export function ticketFacts(random: () => number, createdAt: Date): TicketFacts {
  const known = random() < 0.8;
  const issueKind: IssueKind = issueKinds[Math.floor(random() * issueKinds.length)] ?? 'general';
  return {
    createdAt,
    tier: known ? pickTier(random()) : 'bronze',
    valuePercentile: known ? Math.floor(random() * 1000) / 10 : null,
    issueKind,
  };
}

/** The first-response deadline the default policy gives a ticket (its queue score). */
export function deadlineOf(facts: TicketFacts): Date {
  return computeDeadline(facts, defaultSlaPolicy).deadline;
}

/**
 * An open ticket exactly as `openTicket` stores it (every field, the opening history entry, the
 * breakdown and explanation, no messages): what claim-next reads back and writes.
 */
export function openTicketAt(index: number, facts: TicketFacts, route: { language: Language; skill: string }): Ticket {
  const customerId = facts.valuePercentile === null ? {} : { customerId: `cus_${(index % 50_000).toString(36)}` };
  return newOpenTicket(
    {
      id: ticketIdAt(index),
      ...customerId,
      language: route.language,
      skill: route.skill,
      issueKind: facts.issueKind,
      conversationId: `conv_${index.toString(36)}`,
      subject: 'Where is my parcel?',
    },
    computeDeadline(facts, defaultSlaPolicy),
    facts.createdAt,
    { kind: 'system' },
  );
}
