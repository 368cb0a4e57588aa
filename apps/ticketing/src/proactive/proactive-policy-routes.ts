import { proactiveNoticePolicyResponseSchema, proactiveNoticePolicySchema } from '@loyaldesk/contracts/policies';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { ProactivePolicyStore } from './proactive-policy-store.ts';

/** Read (agents) and edit (managers) which delivery problems notify shoppers and open tickets, per tier. */
export function proactivePolicyRoutes(deps: { store: ProactivePolicyStore; clock?: () => Date }): RouteDefinition[] {
  const clock = deps.clock ?? (() => new Date());
  return [
    defineRoute({
      method: 'get',
      path: '/policy/proactive-notices',
      summary: 'Which delivery problems notify the shopper and open a ticket, per tier',
      tag: 'policy',
      access: 'agent',
      response: proactiveNoticePolicyResponseSchema,
      handler: () => deps.store.read(),
    }),
    defineRoute({
      method: 'put',
      path: '/policy/proactive-notices',
      summary: 'Replace the proactive notice policy (managers); applies to the next tracking updates',
      tag: 'policy',
      access: 'manager',
      body: proactiveNoticePolicySchema,
      response: proactiveNoticePolicyResponseSchema,
      handler: ({ body: policy, agent }) => deps.store.save(policy, agent.id, clock()),
    }),
  ];
}
