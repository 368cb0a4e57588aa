import fc from 'fast-check';
import type { Language } from '@loyaldesk/contracts/language';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { routingGroupOf, type RoutingGroup } from '../ranked-queue/routing-group.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { ticketFactsArbitrary } from './arbitraries.ts';
import { buildTicket } from './ticket-fixtures.ts';

/** Four routing groups over three languages, so claim storms cross groups. */
const stormRoutes: ReadonlyArray<{ language: Language; skill: string }> = [
  { language: 'en', skill: 'shipping' },
  { language: 'en', skill: 'returns' },
  { language: 'zh-Hans', skill: 'shipping' },
  { language: 'zh-Hant', skill: 'general' },
];

export const stormGroups: RoutingGroup[] = stormRoutes.map((route) => routingGroupOf(route.language, route.skill));

/**
 * `count` reproducible tickets (`<idPrefix>-0000`…) created over 10 hours from `start`, spread round
 * robin over {@link stormGroups}.
 */
export function stormTickets(options: { idPrefix: string; count: number; seed: number; start: number }): Ticket[] {
  const facts = fc.sample(ticketFactsArbitrary(options.start, 600 * 60_000), { numRuns: options.count, seed: options.seed });
  return facts.map((fact, i) =>
    buildTicket(`${options.idPrefix}-${String(i).padStart(4, '0')}`, fact, defaultSlaPolicy, stormRoutes[i % stormRoutes.length]),
  );
}

/** `count` agents, each serving two adjacent groups, so every group has several claimers at once. */
export function stormAgents(count: number): Array<{ agentId: string; groups: RoutingGroup[] }> {
  return Array.from({ length: count }, (_, k) => ({
    agentId: `agent-${k}`,
    groups: [stormGroups[k % stormGroups.length], stormGroups[(k + 1) % stormGroups.length]].filter(
      (group): group is RoutingGroup => group !== undefined,
    ),
  }));
}
