import type { SignedInAgent } from '@loyaldesk/contracts/agents-api';
import type { SlaPolicy } from '@loyaldesk/contracts/policies';
import { ticketLimits, type Actor, type MessageVisibility } from '@loyaldesk/contracts/tickets-api';
import type { Logger } from '@loyaldesk/platform/logger';
import { claimNext } from '../claim/claim-next.ts';
import type { PlaceInLine } from '../ranked-queue/expected-wait.ts';
import { routingGroupOf, routingGroupsFor, type RoutingGroup } from '../ranked-queue/routing-group.ts';
import type { TicketQueue } from '../ranked-queue/ticket-queue.ts';
import { computeDeadline, type TicketDeadline } from '../ranking/deadline.ts';
import type { SlaKind } from '../sla/sla-outcome.ts';
import { openTicket, type CustomerStanding, type OpenTicketInput } from './open-ticket.ts';
import { InvalidTransitionError, TicketConflictError, TicketNotFoundError } from './ticket-errors.ts';
import type { TicketIndex } from './ticket-index.ts';
import {
  appendOnlyShopperMessageStatuses,
  planTicketChange,
  rankingStartedAt,
  type Requester,
  type TicketChange,
  type TicketCommand,
} from './ticket-lifecycle.ts';
import type { TicketRepository } from './ticket-repository.ts';
import { agentMessageId, newMessageId, type Ticket, type TicketSurvey } from './ticket.ts';

/** Called after every successful ticket write; `before` is null for a new ticket. */
export type OnTicketChanged = (before: Ticket | null, after: Ticket) => void | Promise<void>;

export interface TicketServiceDeps {
  tickets: TicketRepository;
  queue: TicketQueue;
  index: TicketIndex;
  policy: () => Promise<SlaPolicy>;
  /** The customer's tier and value percentile, or null for a customer the shop does not know. */
  customerStanding: (customerId: string) => Promise<CustomerStanding | null>;
  /** The metrics rollups' hook (default: nothing). Its errors are logged, never undo the write. */
  onTicketChanged?: OnTicketChanged;
  /**
   * What must reach the shopper's conversation (agent replies, resolutions), recorded in the
   * outbox after each write and before the caller is answered: its failure fails the request (503),
   * and the retry records it (see `ensure`).
   */
  outgoing?: {
    onTicketChanged: OnTicketChanged;
    ensure(ticket: Ticket, what: { replyId: string } | { resolution: true }): Promise<void>;
  };
  /** Live events after each write (see live/publish-ticket-change.ts). */
  publish?: (before: Ticket | null, after: Ticket) => void;
  clock?: () => Date;
  logger?: Logger;
  /** Re-reads and re-plans after a lost conditional write, at most this often. */
  maxAttempts?: number;
}

/** A signed-in agent as the rules see them. */
export function requesterOf(agent: Pick<SignedInAgent, 'id' | 'role'>): Requester {
  return { actor: { kind: 'agent', id: agent.id }, role: agent.role };
}

/** The routing groups an agent serves: every language they speak × every skill they have. */
export function routingGroupsOfAgent(agent: Pick<SignedInAgent, 'languages' | 'skills'>): RoutingGroup[] {
  return agent.languages.flatMap((language) => agent.skills.map((skill) => routingGroupOf(language, skill)));
}

const unknownCustomer: CustomerStanding = { tier: 'bronze', valuePercentile: null };

/** Applies the lifecycle to tickets; see README.md beside this file. */
export type TicketService = ReturnType<typeof createTicketService>;

/**
 * The ticket service: reads a ticket, plans the change with the pure rules, writes it with one
 * conditional `findOneAndUpdate` on `_id` + version (re-reading and re-planning when another
 * write got there first), then updates the queue and the index, calls `onTicketChanged`, and
 * publishes live events.
 * @example const service = createTicketService({ tickets, queue, index, policy, customerStanding });
 */
export function createTicketService(deps: TicketServiceDeps) {
  const clock = deps.clock ?? (() => new Date());
  const maxAttempts = deps.maxAttempts ?? 8;
  /** Tickets written while their Redis queue entry or list entry could not be updated (Redis away). */
  const unsynced = new Set<string>();

  /** Brings one ticket's queue entry and list entry in Redis in line with the ticket as stored. */
  async function syncRedis(ticket: Ticket): Promise<void> {
    if (ticket.status === 'open') {
      await deps.queue.enqueue({ ticketId: ticket.id, deadline: ticket.deadline, groups: routingGroupsFor(ticket) });
    } else {
      await deps.queue.remove(ticket.id);
    }
    await deps.index.update(ticket);
  }

  async function afterWrite(before: Ticket | null, after: Ticket, queueEffect: TicketChange['queue']): Promise<void> {
    // First, and not caught: a reply or resolution is acknowledged only once its event is recorded.
    await deps.outgoing?.onTicketChanged(before, after);
    // The ticket is the record: a failure from here on is logged, and the queue and index can be
    // rebuilt from MongoDB (see rebuild-queue.ts, rebuild-ticket-index.ts).
    try {
      if (queueEffect === 'enqueue') {
        await deps.queue.enqueue({ ticketId: after.id, deadline: after.deadline, groups: routingGroupsFor(after) });
      } else if (queueEffect === 'remove') {
        await deps.queue.remove(after.id);
      } else if (queueEffect === 'reschedule') {
        await deps.queue.reschedule(after.id, after.deadline);
      }
      await deps.index.update(after);
    } catch (error) {
      // Repaired from MongoDB when Redis answers again (`resyncRedis`).
      unsynced.add(after.id);
      deps.logger?.error({ err: error, ticketId: after.id }, 'ticket written but the queue or index update failed');
    }
    try {
      await deps.onTicketChanged?.(before, after);
    } catch (error) {
      deps.logger?.error({ err: error, ticketId: after.id }, 'onTicketChanged failed');
    }
    try {
      deps.publish?.(before, after);
    } catch (error) {
      deps.logger?.warn({ err: error, ticketId: after.id }, 'live event publishing failed');
    }
  }

  async function load(ticketId: string): Promise<Ticket> {
    const ticket = await deps.tickets.findById(ticketId);
    if (!ticket) throw new TicketNotFoundError(ticketId);
    return ticket;
  }

  /**
   * Read → plan → conditional write, until the write lands or the rules refuse. Returns the ticket
   * after the change, or unchanged when the rules say there is nothing to do.
   */
  async function change(
    ticketId: string,
    requester: Requester,
    command: (ticket: Ticket, at: Date) => TicketCommand | Promise<TicketCommand>,
    /** The ticket as the caller just read it: planned on first (a stale copy fails the conditional write and is read again). */
    known?: Ticket,
  ): Promise<{ ticket: Ticket; changed: boolean }> {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const before = attempt === 0 && known ? known : await load(ticketId);
      const at = clock();
      const plan = planTicketChange(before, await command(before, at), requester, at);
      if (!plan) return { ticket: before, changed: false };
      const after = await deps.tickets.applyChange(ticketId, before.version, plan, at);
      if (after) {
        await afterWrite(before, after, plan.queue);
        return { ticket: after, changed: true };
      }
    }
    throw new TicketConflictError(ticketId);
  }

  async function standingOf(ticket: Pick<Ticket, 'customerId'>): Promise<CustomerStanding> {
    if (!ticket.customerId) return unknownCustomer;
    return (await deps.customerStanding(ticket.customerId)) ?? unknownCustomer;
  }

  async function rank(ticket: Ticket, startedAt: Date, standing: CustomerStanding): Promise<TicketDeadline> {
    return computeDeadline({ createdAt: startedAt, ...standing, issueKind: ticket.issueKind }, await deps.policy());
  }

  function message(author: { kind: 'agent'; id: string; name?: string }, visibility: MessageVisibility, body: string) {
    return { id: newMessageId(), author, visibility, body, at: clock() };
  }

  const service = {
    /**
     * Re-applies the tickets whose Redis update failed (an outage) from MongoDB; call when Redis is
     * back. Returns how many were repaired; those that fail again stay for the next call.
     */
    async resyncRedis(): Promise<number> {
      let repaired = 0;
      for (const ticketId of [...unsynced]) {
        const ticket = await deps.tickets.findById(ticketId);
        if (ticket) await syncRedis(ticket);
        unsynced.delete(ticketId);
        repaired++;
      }
      if (repaired > 0) deps.logger?.info({ repaired }, 'ticket queue and list repaired after a Redis outage');
      return repaired;
    },

    /** Tickets waiting for `resyncRedis`. */
    get unsyncedCount(): number {
      return unsynced.size;
    },

    async get(ticketId: string): Promise<Ticket> {
      return load(ticketId);
    },

    /** Opens a ticket (retry-safe with a natural id); the hook sees only a newly created one. */
    async open(input: OpenTicketInput, by: Actor = { kind: 'system' }): Promise<{ ticket: Ticket; created: boolean }> {
      const result = await openTicket(
        {
          tickets: deps.tickets,
          queue: deps.queue,
          policy: deps.policy,
          customerStanding: deps.customerStanding,
          clock,
        },
        input,
        by,
      );
      if (result.created) {
        await afterWrite(null, result.ticket, 'none');
      } else {
        await deps.index.update(result.ticket);
      }
      return result;
    },

    /** The agent's next ticket across their routing groups, or null when their groups are empty. */
    async claimNext(agent: SignedInAgent): Promise<Ticket | null> {
      return claimNext(
        {
          queue: deps.queue,
          tickets: deps.tickets,
          clock,
          ...(deps.logger ? { logger: deps.logger } : {}),
          // Claimed from MongoDB (Redis away): its queue entry goes, or is repaired with the rest when Redis answers.
          onClaimed: (before, after, via) => afterWrite(before, after, via === 'database' ? 'remove' : 'none'),
        },
        { agentId: agent.id, groups: routingGroupsOfAgent(agent) },
      );
    },

    async claim(ticketId: string, requester: Requester): Promise<Ticket> {
      return (await change(ticketId, requester, () => ({ type: 'claim' }))).ticket;
    },

    async assign(ticketId: string, agentId: string, requester: Requester): Promise<Ticket> {
      return (await change(ticketId, requester, () => ({ type: 'assign', agentId }))).ticket;
    },

    async release(ticketId: string, requester: Requester): Promise<Ticket> {
      return (await change(ticketId, requester, () => ({ type: 'release' }))).ticket;
    },

    async setPending(ticketId: string, requester: Requester): Promise<Ticket> {
      return (await change(ticketId, requester, () => ({ type: 'pending' }))).ticket;
    },

    async resolve(ticketId: string, requester: Requester): Promise<Ticket> {
      const result = await change(ticketId, requester, () => ({ type: 'resolve' }));
      // Resolved already (a retry): its event may not have been recorded the first time.
      if (!result.changed) await deps.outgoing?.ensure(result.ticket, { resolution: true });
      return result.ticket;
    },

    async close(ticketId: string, requester: Requester): Promise<Ticket> {
      return (await change(ticketId, requester, () => ({ type: 'close' }))).ticket;
    },

    /** Back to open, re-ranked from now with the customer's current standing and policy, and queued. */
    async reopen(ticketId: string, requester: Requester): Promise<Ticket> {
      // Ranked from the reopen itself (the history entry's time), so the breakdown reproduces it.
      const result = await change(ticketId, requester, async (ticket, at) => ({
        type: 'reopen',
        ranked: await rank(ticket, at, await standingOf(ticket)),
      }));
      return result.ticket;
    },

    /**
     * A public reply (reaches the shopper) or an internal note, by a signed-in agent. With a
     * `clientMessageId` (the console's id for what the agent sent) a retry is recognised: the message
     * is stored once, and its delivery to the shopper recorded again.
     */
    async addAgentMessage(
      ticketId: string,
      agent: Pick<SignedInAgent, 'id' | 'role' | 'name'>,
      visibility: MessageVisibility,
      body: string,
      clientMessageId?: string,
    ): Promise<Ticket> {
      const author = { kind: 'agent' as const, id: agent.id, name: agent.name };
      const id = clientMessageId ? agentMessageId(ticketId, agent.id, clientMessageId) : newMessageId();
      if (clientMessageId) {
        const current = await load(ticketId);
        if (current.messages.some((existing) => existing.id === id)) {
          await deps.outgoing?.ensure(current, { replyId: id });
          return current;
        }
      }
      return (
        await change(ticketId, requesterOf(agent), () => ({
          type: 'message',
          message: { ...message(author, visibility, body), id },
        }))
      ).ticket;
    },

    /**
     * A message from the shopper (chat, email); reopens a resolved or closed ticket first.
     * Idempotent by `id` (the chat's message id): a message the ticket already has adds nothing
     * and reopens nothing (`added: false`).
     */
    async addShopperMessage(
      ticketId: string,
      input: { body: string; id?: string; at?: Date; name?: string },
      /** The ticket as the caller just read it (a worker that looked it up): saves the reads of a first attempt. */
      known?: Ticket,
    ): Promise<{ ticket: Ticket; added: boolean }> {
      const requester: Requester = { actor: { kind: 'customer' } };
      const id = input.id ?? newMessageId();
      const author = { kind: 'customer' as const, ...(input.name ? { name: input.name } : {}) };
      // An agent may resolve, or another delivery reopen, between the read and the write: each
      // refusal that a later state can fix is decided again on a fresh read.
      for (let attempt = 0; ; attempt++) {
        const current = attempt === 0 && known?.id === ticketId ? known : await load(ticketId);
        if (current.messages.some((existing) => existing.id === id)) return { ticket: current, added: false };
        try {
          const reopened = current.status === 'resolved' || current.status === 'closed';
          if (reopened) await service.reopen(ticketId, requester);
          const result = await change(
            ticketId,
            requester,
            () => ({
              type: 'message',
              message: { id, author, visibility: 'public', body: input.body, at: input.at ?? clock() },
            }),
            reopened ? undefined : current,
          );
          return { ticket: result.ticket, added: result.changed };
        } catch (error) {
          if (!(error instanceof InvalidTransitionError) || attempt >= maxAttempts) throw error;
        }
      }
    },

    /**
     * Attaches a shopper's chat to an active ticket that has none (a proactive ticket the shopper
     * then asks about), with an internal note for the agent; the ticket as it is afterwards (its
     * `conversationId` says whether this chat is on it: a ticket with another chat is left alone).
     */
    async joinConversation(ticketId: string, conversationId: string, note: string): Promise<Ticket> {
      const requester: Requester = { actor: { kind: 'system' } };
      const author = { kind: 'bot' as const, name: 'Bot' };
      return (
        await change(ticketId, requester, (_ticket, at) => ({
          type: 'join_conversation',
          conversationId,
          note: { id: `msg_join_${conversationId}`.slice(0, 160), author, visibility: 'internal', body: note, at },
        }))
      ).ticket;
    },

    /**
     * A chat message onto its conversation's ticket in one database write, when the rules would
     * only append it (the ticket is open or assigned, belongs to `conversationId`, does not have
     * the message yet and is under the message limit). Null when any of that does not hold and
     * nothing was written: the caller decides with `addShopperMessage`, which handles every case.
     */
    async appendChatMessage(
      ticketId: string,
      conversationId: string,
      input: { id: string; body: string; at: Date },
    ): Promise<Ticket | null> {
      const message = {
        id: input.id,
        author: { kind: 'customer' as const },
        visibility: 'public' as const,
        body: input.body,
        at: input.at,
      };
      const written = await deps.tickets.appendMessageIf(
        {
          ticketId,
          conversationId,
          statuses: appendOnlyShopperMessageStatuses,
          messageLimit: ticketLimits.messagesPerTicket,
        },
        message,
        clock(),
      );
      if (!written) return null;
      await afterWrite(written.before, written.after, 'none');
      return written.after;
    },

    /**
     * Marks an SLA deadline as missed (for the SLA worker): once per kind, and only while the
     * ticket still has `deadline` (the one the timer was set for) and has not met it: decided on the
     * version read and written conditionally on that version, so a re-rank, reply or reopen racing
     * the timer wins. Null when nothing was marked. The alert (`ticket.sla_breached`) goes out
     * live through `publish`, once.
     */
    async markSlaBreached(ticketId: string, kind: SlaKind, deadline: Date, at: Date = clock()): Promise<Ticket | null> {
      const result = await change(ticketId, { actor: { kind: 'system' } }, () => ({
        type: 'sla_breach',
        kind,
        deadline,
        at,
      }));
      return result.changed ? result.ticket : null;
    },

    /** Stores the shopper's survey answers on a resolved or closed ticket. */
    async recordSurvey(ticketId: string, survey: TicketSurvey): Promise<Ticket> {
      return (await change(ticketId, { actor: { kind: 'customer' } }, () => ({ type: 'survey', survey }))).ticket;
    },

    /**
     * Re-ranks an open ticket from when its wait started, with `standing` (default: the customer's
     * current one) and the current policy; moves it in the queue. False when nothing changed.
     */
    async rerank(ticketId: string, standing?: CustomerStanding): Promise<boolean> {
      const result = await change(ticketId, { actor: { kind: 'system' } }, async (ticket) => ({
        type: 'rerank',
        ranked: await rank(ticket, rankingStartedAt(ticket), standing ?? (await standingOf(ticket))),
      }));
      return result.changed;
    },

    /** Re-ranks a customer's open tickets (their tier or value changed); returns how many moved. */
    async rerankCustomer(customerId: string, standing?: CustomerStanding): Promise<number> {
      const ids = await deps.index.openTicketIdsOfCustomer(customerId);
      let moved = 0;
      for (const id of ids) {
        if (await service.rerank(id, standing).catch(() => false)) moved++;
      }
      return moved;
    },

    /** Re-ranks every open ticket (after a policy change), a few at a time; returns how many moved. */
    async rerankAllOpen(concurrency = 8): Promise<number> {
      let moved = 0;
      for await (const ids of deps.index.idsWithStatus('open')) {
        for (let i = 0; i < ids.length; i += concurrency) {
          const results = await Promise.all(
            ids.slice(i, i + concurrency).map((id) =>
              service.rerank(id).catch((error: unknown) => {
                deps.logger?.warn({ err: error, ticketId: id }, 're-ranking a ticket failed');
                return false;
              }),
            ),
          );
          moved += results.filter(Boolean).length;
        }
      }
      return moved;
    },

    /** A queued ticket's place in line and expected wait, or null when it is not waiting. */
    async placeInLine(ticketId: string): Promise<PlaceInLine | null> {
      return deps.queue.position(ticketId);
    },
  };
  return service;
}
