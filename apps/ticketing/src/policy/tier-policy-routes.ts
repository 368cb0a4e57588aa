import {
  profilePolicySchema,
  tierPolicyResponseSchema,
  tierPolicyUpdateResponseSchema,
} from '@loyaldesk/contracts/policies';
import type { CustomerProfileService } from '@loyaldesk/customer-profile/service';
import type { Logger } from '@loyaldesk/platform/logger';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { TicketIndex } from '../tickets/ticket-index.ts';
import type { TicketService } from '../tickets/ticket-service.ts';

export interface TierPolicyRouteDeps {
  profiles: Pick<CustomerProfileService, 'getProfilePolicy' | 'updateProfilePolicy' | 'getCustomer'>;
  tickets: Pick<TicketService, 'rerank'>;
  index: Pick<TicketIndex, 'idsWithStatus' | 'summaries'>;
  currency?: string;
  logger?: Logger;
}

/**
 * Re-ranks the open tickets of known customers with the tier they have now, a few at a time;
 * returns how many moved. `getCustomer` evaluates the tier under the policy in force (the service
 * forgets its cached policy on update), so the stored customers need no rewrite.
 */
export async function rerankForTierPolicy(deps: TierPolicyRouteDeps, concurrency = 8): Promise<number> {
  let moved = 0;
  for await (const ids of deps.index.idsWithStatus('open')) {
    const summaries = await deps.index.summaries(ids);
    const known = summaries.flatMap((summary) => (summary?.customerId ? [{ id: summary.id, customerId: summary.customerId }] : []));
    for (let i = 0; i < known.length; i += concurrency) {
      const results = await Promise.all(
        known.slice(i, i + concurrency).map(async ({ id, customerId }) => {
          try {
            const profile = await deps.profiles.getCustomer(customerId);
            if (!profile) return false;
            return await deps.tickets.rerank(id, { tier: profile.tier, valuePercentile: profile.value.percentile });
          } catch (error) {
            deps.logger?.warn({ err: error, ticketId: id }, 're-ranking a ticket for the tier policy failed');
            return false;
          }
        }),
      );
      moved += results.filter(Boolean).length;
    }
  }
  return moved;
}

/** Read and edit (managers) the loyalty tier thresholds of customer-profile's policy; an edit re-ranks open tickets. */
export function tierPolicyRoutes(deps: TierPolicyRouteDeps): RouteDefinition[] {
  const currency = deps.currency ?? 'USD';
  return [
    defineRoute({
      method: 'get',
      path: '/policy/tiers',
      summary: 'The loyalty tier thresholds in force (managers)',
      tag: 'policy',
      access: 'manager',
      response: tierPolicyResponseSchema,
      handler: async () => ({ policy: await deps.profiles.getProfilePolicy(), currency }),
    }),
    defineRoute({
      method: 'put',
      path: '/policy/tiers',
      summary: 'Replace the tier thresholds (managers); re-ranks open tickets of known customers',
      description:
        'Spend thresholds are minor units of the shop currency; a higher tier must need more spend and at least as many orders. Customers are read under the new thresholds at once, and open tickets are re-ranked.',
      tag: 'policy',
      access: 'manager',
      body: profilePolicySchema,
      response: tierPolicyUpdateResponseSchema,
      handler: async ({ body }) => {
        const policy = await deps.profiles.updateProfilePolicy(body);
        const rerankedTickets = await rerankForTierPolicy(deps);
        return { policy, currency, rerankedTickets };
      },
    }),
  ];
}
