import {
  assignTicketInputSchema,
  claimNextResponseSchema,
  listTicketsQuerySchema,
  openedTicketResponseSchema,
  ticketDetailResponseSchema,
  ticketListResponseSchema,
  ticketMessageInputSchema,
  ticketPathSchema,
  ticketRequestSchema,
  ticketResponseSchema,
} from '@loyaldesk/contracts/tickets-api';
import type { CustomerProfileService } from '@loyaldesk/customer-profile/service';
import { AppError } from '@loyaldesk/platform/errors';
import type { AgentRepository } from '../agents/agent-repository.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { TicketIndex } from './ticket-index.ts';
import type { TicketRepository } from './ticket-repository.ts';
import type { TicketRequestLimiter } from './ticket-request-limiter.ts';
import { openTicketFromRequest, ticketIdForIdempotencyKey, type RequesterIdentity } from './ticket-request.ts';
import { requesterOf, type TicketService } from './ticket-service.ts';

export interface TicketRouteDeps {
  service: TicketService;
  index: TicketIndex;
  agents: AgentRepository;
  profiles: Pick<CustomerProfileService, 'getCustomer' | 'getOrder'>;
  /** To recognise a retried request by its ticket id. */
  tickets: Pick<TicketRepository, 'findById'>;
  /** Budgets of anonymous requests (per IP, per email). */
  requestLimiter: TicketRequestLimiter;
}

/** The ticket routes: create, list, detail, and the lifecycle actions. */
export function ticketRoutes(deps: TicketRouteDeps): RouteDefinition[] {
  const { service } = deps;
  const action = (
    path: string,
    summary: string,
    run: (ticketId: string, agent: Parameters<typeof requesterOf>[0]) => Promise<unknown>,
  ): RouteDefinition =>
    defineRoute({
      method: 'post',
      path: `/tickets/:ticketId/${path}`,
      summary,
      tag: 'tickets',
      access: 'agent',
      params: ticketPathSchema,
      response: ticketResponseSchema,
      errors: [404, 409],
      handler: async ({ params, agent }) => ({ ticket: await run(params.ticketId, agent) }),
    });

  return [
    defineRoute({
      method: 'post',
      path: '/tickets',
      summary: 'Open a ticket from the web form or the email gateway',
      description:
        'Linked to the customer when the order (by number, with a matching email) or the guest customer of the email is known; ranked by tier and value. Anonymous callers get only `{ticketId}` (nothing about the customer) and are limited per IP and per email (429 with Retry-After); signed-in agents (and the email gateway, signed in as an agent account) get the ticket. Send an Idempotency-Key header to make retries safe: it is bound to the caller (the agent, or the email), so a retry by the same caller answers 200 with `{ticketId}` only, and the same key from anyone else opens their own ticket.',
      tag: 'tickets',
      access: 'public',
      body: ticketRequestSchema,
      response: openedTicketResponseSchema,
      status: 201,
      errors: [429],
      handler: async ({ body, req, agent, res }) => {
        const key = req.get('idempotency-key');
        if (key !== undefined && (key.length < 8 || key.length > 200)) {
          throw new AppError('validation_failed', 'Idempotency-Key must be 8–200 characters', { status: 400, field: 'Idempotency-Key' });
        }
        const requester: RequesterIdentity = agent ? { kind: 'agent', agentId: agent.id } : { kind: 'email', email: body.email };
        const ticketId = key ? ticketIdForIdempotencyKey(key, requester) : undefined;
        // A retry of a request this caller already made: 200 with the id, no new ticket, no budget spent.
        if (ticketId && (await deps.tickets.findById(ticketId))) {
          res.locals['status'] = 200;
          return agent ? { ticketId, created: false } : { ticketId };
        }
        if (!agent) await deps.requestLimiter.take(body.email, req.ip ?? 'unknown');
        const { ticket, created } = await openTicketFromRequest({ service, profiles: deps.profiles }, body, {
          ...(ticketId ? { ticketId } : {}),
          by: agent ? { kind: 'agent', id: agent.id } : { kind: 'customer' },
        });
        if (!created) res.locals['status'] = 200;
        if (!agent) return { ticketId: ticket.id };
        return created ? { ticketId: ticket.id, created, ticket } : { ticketId: ticket.id, created };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/tickets',
      summary: 'List tickets (the queue for open ones, earliest deadline first)',
      description:
        'Open, assigned and pending tickets in deadline order; resolved and closed ones newest first (the most recent 10,000). Pass nextCursor back as cursor for the next page; a page can be short while nextCursor is not null (filters examine at most 2,000 entries per page).',
      tag: 'tickets',
      access: 'agent',
      query: listTicketsQuerySchema,
      response: ticketListResponseSchema,
      handler: async ({ query, agent }) => {
        const assigneeId = query.assignee === 'me' ? agent.id : query.assignee;
        const { tier, language, breached } = query;
        return deps.index.list({
          status: query.status,
          ...(assigneeId ? { assigneeId } : {}),
          ...(query.cursor ? { cursor: query.cursor } : {}),
          limit: query.limit,
          where: (summary) =>
            (tier === undefined || summary.tier === tier) &&
            (language === undefined || summary.language === language) &&
            (breached === undefined || summary.breached === breached),
        });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/tickets/claim-next',
      summary: 'Claim the open ticket with the earliest deadline across my routing groups',
      tag: 'tickets',
      access: 'agent',
      response: claimNextResponseSchema,
      handler: async ({ agent }) => ({ ticket: await service.claimNext(agent) }),
    }),
    defineRoute({
      method: 'get',
      path: '/tickets/:ticketId',
      summary: 'A ticket with the customer 360 and its place in line',
      tag: 'tickets',
      access: 'agent',
      params: ticketPathSchema,
      response: ticketDetailResponseSchema,
      errors: [404],
      handler: async ({ params }) => {
        const ticket = await service.get(params.ticketId);
        const [customer, order, placeInLine] = await Promise.all([
          ticket.customerId ? deps.profiles.getCustomer(ticket.customerId) : null,
          ticket.orderNumber ? deps.profiles.getOrder(ticket.orderNumber) : null,
          ticket.status === 'open' ? service.placeInLine(ticket.id) : null,
        ]);
        // The order is shown only when it is this customer's (the number came from the shopper).
        const ownOrder = order && ticket.customerId && order.customerId === ticket.customerId ? order : null;
        return {
          ticket,
          customer,
          order: ownOrder,
          placeInLine: placeInLine ? { position: placeInLine.position, expectedWaitMs: placeInLine.expectedWaitMs } : null,
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/tickets/:ticketId/reply',
      summary: 'Reply to the shopper (public); the first one sets firstRepliedAt',
      tag: 'tickets',
      access: 'agent',
      params: ticketPathSchema,
      body: ticketMessageInputSchema,
      response: ticketResponseSchema,
      status: 201,
      errors: [404, 409],
      handler: async ({ params, body, agent }) => ({
        ticket: await service.addAgentMessage(params.ticketId, agent, 'public', body.body, body.clientMessageId),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/tickets/:ticketId/notes',
      summary: 'Add an internal note (agents only; never reaches the shopper)',
      tag: 'tickets',
      access: 'agent',
      params: ticketPathSchema,
      body: ticketMessageInputSchema,
      response: ticketResponseSchema,
      status: 201,
      errors: [404, 409],
      handler: async ({ params, body, agent }) => ({
        ticket: await service.addAgentMessage(params.ticketId, agent, 'internal', body.body, body.clientMessageId),
      }),
    }),
    action('claim', 'Claim this open ticket', (id, agent) => service.claim(id, requesterOf(agent))),
    defineRoute({
      method: 'post',
      path: '/tickets/:ticketId/assign',
      summary: 'Assign the ticket to an agent (managers)',
      tag: 'tickets',
      access: 'manager',
      params: ticketPathSchema,
      body: assignTicketInputSchema,
      response: ticketResponseSchema,
      errors: [404, 409],
      handler: async ({ params, body, agent }) => {
        const assignee = await deps.agents.findById(body.agentId);
        if (!assignee?.active) {
          throw new AppError('agent_not_found', `Agent ${body.agentId} was not found`, { status: 404, field: 'agentId' });
        }
        return { ticket: await service.assign(params.ticketId, body.agentId, requesterOf(agent)) };
      },
    }),
    action('release', 'Put the ticket back in the queue at its deadline', (id, agent) => service.release(id, requesterOf(agent))),
    action('pending', 'Wait on the shopper', (id, agent) => service.setPending(id, requesterOf(agent))),
    action('resolve', 'Resolve the ticket', (id, agent) => service.resolve(id, requesterOf(agent))),
    action('close', 'Close a resolved ticket', (id, agent) => service.close(id, requesterOf(agent))),
    action('reopen', 'Reopen a resolved or closed ticket (re-queued at a fresh deadline)', (id, agent) =>
      service.reopen(id, requesterOf(agent)),
    ),
  ];
}
