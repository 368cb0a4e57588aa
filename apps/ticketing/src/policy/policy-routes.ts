import { slaPolicyResponseSchema, slaPolicySchema, slaPolicyUpdateResponseSchema } from '@loyaldesk/contracts/policies';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { largestTargetMinutes } from '../ranking/deadline.ts';
import type { TicketService } from '../tickets/ticket-service.ts';
import type { SlaPolicyStore } from './sla-policy-store.ts';

/** Read (agents) and edit (managers) the SLA policy; an edit re-ranks every open ticket. */
export function policyRoutes(deps: { store: SlaPolicyStore; tickets: TicketService; clock?: () => Date }): RouteDefinition[] {
  const clock = deps.clock ?? (() => new Date());
  return [
    defineRoute({
      method: 'get',
      path: '/policy/sla',
      summary: 'The SLA and ranking policy in force',
      tag: 'policy',
      access: 'agent',
      response: slaPolicyResponseSchema,
      handler: async () => {
        const stored = await deps.store.read();
        return { ...stored, largestTargetMinutes: largestTargetMinutes(stored.policy) };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/policy/sla',
      summary: 'Replace the SLA policy (managers); re-ranks every open ticket',
      tag: 'policy',
      access: 'manager',
      body: slaPolicySchema,
      response: slaPolicyUpdateResponseSchema,
      handler: async ({ body: policy, agent }) => {
        const stored = await deps.store.save(policy, agent.id, clock());
        const rerankedTickets = await deps.tickets.rerankAllOpen();
        return { ...stored, largestTargetMinutes: largestTargetMinutes(policy), rerankedTickets };
      },
    }),
  ];
}
