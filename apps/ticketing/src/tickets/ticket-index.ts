import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { TicketStatus } from '@loyaldesk/contracts/tickets-api';
import { ticketSummarySchema, type TicketSummary } from '@loyaldesk/contracts/tickets-api';
import { ValidationError } from '@loyaldesk/platform/errors';
import { clearIndexScript, indexTicketScript } from './ticket-index-scripts.ts';
import { summarizeTicket } from './ticket-summary.ts';
import type { Ticket } from './ticket.ts';

/** Resolved and closed tickets listed from Redis: the most recent this many of each. */
export const finishedTicketsKept = 10_000;

/** Where a list page starts: after this score and id. Opaque to clients (base64url). */
interface Cursor {
  score: number;
  id: string;
}

const cursorSchema = z.tuple([z.number(), z.string().min(1).max(200)]);

/** Encodes a list position for the client. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.score, cursor.id])).toString('base64url');
}

/** Decodes a client's cursor; a ValidationError on `cursor` when it is not one of ours. */
export function decodeCursor(text: string): Cursor {
  try {
    const [score, id] = cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return { score, id };
  } catch (error) {
    throw new ValidationError('Invalid cursor: pass back the nextCursor of a previous page', 'cursor', error);
  }
}

/** Active tickets sort by deadline (the queue's order); finished ones newest first. */
function scoreOf(ticket: Ticket): number {
  if (ticket.status === 'resolved') return -(ticket.resolvedAt ?? ticket.updatedAt).getTime();
  if (ticket.status === 'closed') return -(ticket.closedAt ?? ticket.updatedAt).getTime();
  return ticket.deadline.getTime();
}

export interface ListTicketsQuery {
  status: TicketStatus;
  /** Only tickets of this agent (uses their own set for assigned/pending). */
  assigneeId?: string;
  cursor?: string;
  limit: number;
  /** Further filters on the summary (tier, language, breached). */
  where?: (summary: TicketSummary) => boolean;
  /** At most this many entries examined per page, so a rare filter never scans everything. */
  maxExamined?: number;
}

export interface TicketPage {
  items: TicketSummary[];
  /** Pass back to continue; null at the end. A page may be short while this is not null. */
  nextCursor: string | null;
}

/** The Redis index of tickets by status, assignee and customer. */
export type TicketIndex = ReturnType<typeof createTicketIndex>;

/**
 * Lists tickets without scanning MongoDB (FerretDB serves only `_id` lookups without a scan): a
 * sorted set per status and per agent, a set of open tickets per customer (for re-ranking), and a
 * summary per ticket. Updated after every ticket write, rebuilt from MongoDB when lost.
 * @example const index = createTicketIndex({ redis, prefix: 'loyaldesk:' }); await index.update(ticket);
 */
/** A lone UTF-16 surrogate (half of a pair), which JSON writes as an escape Redis's cjson cannot read back. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `JSON.stringify` replacer: lone surrogates become U+FFFD, as they are once stored in MongoDB (UTF-8). */
function wellFormedStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.replace(loneSurrogate, '\uFFFD') : value;
}

export function createTicketIndex(options: { redis: Redis; prefix: string }) {
  const { redis } = options;
  const base = `${options.prefix}{ticket-index}:`;
  const keys = {
    summaries: `${base}summaries`,
    indexKeys: `${base}keys`,
    builtAt: `${base}built-at`,
    status: (status: TicketStatus) => `${base}status:${status}`,
    assignee: (agentId: string) => `${base}assignee:${agentId}`,
    customer: (customerId: string) => `${base}customer:${customerId}`,
  };

  function parseSummary(json: string | null): TicketSummary | null {
    if (json === null) return null;
    const parsed = ticketSummarySchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  }

  return {
    keys,

    /** Records the ticket's current state; an older version than the one indexed is ignored. */
    async update(ticket: Ticket): Promise<void> {
      const finished = ticket.status === 'resolved' || ticket.status === 'closed';
      const withAgent = ticket.status === 'assigned' || ticket.status === 'pending';
      await indexTicketScript.run(
        redis,
        [keys.summaries, keys.indexKeys],
        [
          base,
          ticket.id,
          JSON.stringify(summarizeTicket(ticket), wellFormedStrings),
          ticket.version,
          ticket.status,
          scoreOf(ticket),
          withAgent && ticket.assigneeId ? ticket.assigneeId : '',
          ticket.status === 'open' && ticket.customerId ? ticket.customerId : '',
          finished ? finishedTicketsKept : 0,
        ],
      );
    },

    /** One page of tickets in list order (see {@link ListTicketsQuery}). */
    async list(query: ListTicketsQuery): Promise<TicketPage> {
      const useAgentSet = query.assigneeId !== undefined && (query.status === 'assigned' || query.status === 'pending');
      const key = useAgentSet && query.assigneeId ? keys.assignee(query.assigneeId) : keys.status(query.status);
      const maxExamined = query.maxExamined ?? 2000;
      const batchSize = Math.min(500, Math.max(50, query.limit * 2));
      const items: TicketSummary[] = [];
      let position: Cursor | null = query.cursor ? decodeCursor(query.cursor) : null;
      let examined = 0;
      let offset = 0;
      for (;;) {
        const min = position ? String(position.score) : '-inf';
        const flat = await redis.zrangebyscore(key, min, '+inf', 'WITHSCORES', 'LIMIT', offset, batchSize);
        const entries: Cursor[] = [];
        for (let i = 0; i + 1 < flat.length; i += 2) {
          const id = flat[i] ?? '';
          const score = Number(flat[i + 1]);
          // Equal scores come in id order, so "after the cursor" is a later score or a later id.
          if (position && score === position.score && id <= position.id) continue;
          entries.push({ id, score });
        }
        const full = flat.length / 2 === batchSize;
        if (entries.length === 0) {
          if (!full) return { items, nextCursor: null };
          offset += batchSize; // a long run of equal scores, all already seen
          continue;
        }
        offset = 0;
        const summaries = await redis.hmget(keys.summaries, ...entries.map((entry) => entry.id));
        for (let i = 0; i < entries.length; i++) {
          const entry = entries[i];
          if (!entry) continue;
          examined++;
          position = entry;
          const summary = parseSummary(summaries[i] ?? null);
          const matches =
            summary !== null &&
            summary.status === query.status &&
            (query.assigneeId === undefined || summary.assigneeId === query.assigneeId) &&
            (query.where?.(summary) ?? true);
          if (matches) items.push(summary);
          if (items.length >= query.limit || examined >= maxExamined) {
            const more = i < entries.length - 1 || full;
            return { items, nextCursor: more ? encodeCursor(entry) : null };
          }
        }
        if (!full) return { items, nextCursor: null };
      }
    },

    /** The summaries of `ticketIds`, in their order; null for a ticket the index does not hold. */
    async summaries(ticketIds: readonly string[]): Promise<Array<TicketSummary | null>> {
      if (ticketIds.length === 0) return [];
      const found = await redis.hmget(keys.summaries, ...ticketIds);
      return found.map((json) => parseSummary(json));
    },

    /** The open tickets of a customer (for re-ranking when their tier or value changes). */
    async openTicketIdsOfCustomer(customerId: string): Promise<string[]> {
      return redis.smembers(keys.customer(customerId));
    },

    /** Every ticket id in a status, in batches (for re-ranking all open tickets after a policy change). */
    async *idsWithStatus(status: TicketStatus, batchSize = 500): AsyncGenerator<string[]> {
      let cursor = '0';
      do {
        const [next, flat] = await redis.zscan(keys.status(status), cursor, 'COUNT', batchSize);
        cursor = next;
        const ids = flat.filter((_, i) => i % 2 === 0);
        if (ids.length > 0) yield ids;
      } while (cursor !== '0');
    },

    /** How many tickets are indexed in a status. */
    async count(status: TicketStatus): Promise<number> {
      return redis.zcard(keys.status(status));
    },

    /** Whether the index was built since Redis last lost its data. */
    async isBuilt(): Promise<boolean> {
      return (await redis.exists(keys.builtAt)) === 1;
    },

    async markBuilt(at: Date): Promise<void> {
      await redis.set(keys.builtAt, at.toISOString());
    },

    /** Deletes the whole index (the first step of a rebuild). */
    async clear(): Promise<void> {
      await clearIndexScript.run(redis, [keys.summaries, keys.indexKeys, keys.builtAt], []);
    },
  };
}
