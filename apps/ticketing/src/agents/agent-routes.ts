import { randomBytes } from 'node:crypto';
import {
  agentListResponseSchema,
  agentPathSchema,
  agentResponseSchema,
  createAgentInputSchema,
  updateAgentInputSchema,
} from '@loyaldesk/contracts/agents-api';
import { AppError } from '@loyaldesk/platform/errors';
import type { AuthService } from '../auth/auth-service.ts';
import type { PasswordHasher } from '../auth/password.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { AgentSocketControl } from '../live/agents-socket.ts';
import type { AgentRepository } from './agent-repository.ts';

/** Agent accounts: managers list them, admins create and change them. */
export function agentRoutes(deps: {
  agents: AgentRepository;
  passwords: PasswordHasher;
  auth: Pick<AuthService, 'revokeAllSessions'>;
  sockets: AgentSocketControl;
  clock?: () => Date;
}): RouteDefinition[] {
  const clock = deps.clock ?? (() => new Date());
  return [
    defineRoute({
      method: 'get',
      path: '/agents',
      summary: 'Every agent account (managers)',
      tag: 'agents',
      access: 'manager',
      response: agentListResponseSchema,
      handler: async () => ({ agents: await deps.agents.list() }),
    }),
    defineRoute({
      method: 'post',
      path: '/agents',
      summary: 'Create an agent account (admins)',
      tag: 'agents',
      access: 'admin',
      body: createAgentInputSchema,
      response: agentResponseSchema,
      status: 201,
      errors: [409],
      handler: async ({ body }) => {
        const { password, id, ...fields } = body;
        const agent = await deps.agents.insert(
          { ...fields, id: id ?? `agt_${randomBytes(8).toString('hex')}`, active: true, createdAt: clock() },
          await deps.passwords.hash(password),
        );
        return { agent };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/agents/:agentId',
      summary: 'Change an agent account: name, role, languages, skills, or deactivate it (admins)',
      description:
        'Deactivating ends every session of the agent at once; deactivating or changing the role also closes their live sockets on every instance (the console reconnects with the new role). Admins cannot deactivate or demote themselves.',
      tag: 'agents',
      access: 'admin',
      params: agentPathSchema,
      body: updateAgentInputSchema,
      response: agentResponseSchema,
      errors: [404, 409],
      handler: async ({ params, body, agent: admin }) => {
        if (params.agentId === admin.id && (body.active === false || (body.role !== undefined && body.role !== admin.role))) {
          const field = body.active === false ? 'active' : 'role';
          throw new AppError('own_access', 'Admins cannot deactivate or demote themselves; ask another admin', { status: 409, field });
        }
        const changed = await deps.agents.update(params.agentId, body);
        if (!changed) throw new AppError('agent_not_found', `Agent ${params.agentId} was not found`, { status: 404, field: 'agentId' });
        const { before, after } = changed;
        if (before.active && !after.active) await deps.auth.revokeAllSessions(after.id);
        if ((before.active && !after.active) || before.role !== after.role) deps.sockets.closeAgent(after.id);
        return { agent: after };
      },
    }),
  ];
}
