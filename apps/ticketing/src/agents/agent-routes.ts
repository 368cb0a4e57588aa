import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { hashPassword } from '../auth/password.ts';
import { agentSchema } from './agent.ts';
import type { AgentRepository } from './agent-repository.ts';

export const createAgentInputSchema = agentSchema
  .pick({ email: true, name: true, role: true, languages: true, skills: true })
  .extend({
    id: agentSchema.shape.id.optional(),
    password: z.string().min(12, 'must be at least 12 characters').max(200),
  });

/** Agent accounts: managers list them, admins create them. */
export function agentRoutes(deps: { agents: AgentRepository; passwordRounds: number; clock?: () => Date }): RouteDefinition[] {
  const clock = deps.clock ?? (() => new Date());
  return [
    defineRoute({
      method: 'get',
      path: '/agents',
      summary: 'Every agent account (managers)',
      tag: 'agents',
      access: 'manager',
      response: z.object({ agents: z.array(agentSchema) }),
      handler: async () => ({ agents: await deps.agents.list() }),
    }),
    defineRoute({
      method: 'post',
      path: '/agents',
      summary: 'Create an agent account (admins)',
      tag: 'agents',
      access: 'admin',
      body: createAgentInputSchema,
      response: z.object({ agent: agentSchema }),
      status: 201,
      errors: [409],
      handler: async ({ body }) => {
        const { password, id, ...fields } = body;
        const agent = await deps.agents.insert(
          { ...fields, id: id ?? `agt_${randomBytes(8).toString('hex')}`, active: true, createdAt: clock() },
          await hashPassword(password, deps.passwordRounds),
        );
        return { agent };
      },
    }),
  ];
}
