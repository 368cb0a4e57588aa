import type { Redis } from 'ioredis';
import { z } from 'zod';
import { placeInLine, type GroupStanding, type PlaceInLine } from './expected-wait.ts';
import { queueKeys } from './queue-keys.ts';
import {
  clearQueueScript,
  completeClaimScript,
  enqueueScript,
  leaseNextScript,
  positionScript,
  removeScript,
  requeueLeaseScript,
  rescheduleScript,
} from './queue-scripts.ts';
import { routingGroupSchema, type RoutingGroup } from './routing-group.ts';

/** A ticket as the queue holds it: where it waits and its deadline (the score). */
export interface QueueEntry {
  ticketId: string;
  deadline: Date;
  groups: readonly RoutingGroup[];
}

/** A ticket taken from the queue and held for one agent until the database confirms the claim. */
export interface Lease {
  ticketId: string;
  agentId: string;
  expiresAt: Date;
}

/** What {@link TicketQueue.leaseNext} hands out: the lease plus what the claim needs to finish. */
export interface LeasedTicket extends Lease {
  deadline: Date;
  /** The groups the ticket waited in (its recent-claims counters are bumped on completion). */
  groups: RoutingGroup[];
}

export interface TicketQueueOptions {
  /** A client without its own `keyPrefix` (the scripts build keys themselves). */
  redis: Redis;
  /** Prepended to every key, e.g. "loyaldesk:" or a test's unique prefix. */
  prefix: string;
  /**
   * How long a popped ticket stays with an agent before the sweeper may put it back. The confirm
   * is one `_id` write (milliseconds); 30 s covers slow disks and GC pauses without leaving a
   * crashed claim's ticket out of the queue for long.
   */
  leaseMs?: number;
  /** The window recent claims are counted over for the expected wait. */
  claimWindowMs?: number;
  /** Milliseconds since the epoch; injectable so tests can expire leases. */
  clock?: () => number;
}

const leaseNextReply = z.tuple([z.string(), z.string(), z.string(), z.string()]).nullable();
const positionReply = z.array(z.union([z.string(), z.number()])).nullable();
const leaseMember = (lease: Pick<Lease, 'ticketId' | 'agentId'>): string => `${lease.ticketId}:${lease.agentId}`;

function parseGroups(text: string): RoutingGroup[] {
  return text.split(' ').filter((group) => routingGroupSchema.safeParse(group).success);
}

/** The ticket queue in Redis; see ARCHITECTURE.md "Ranking the ticket queue". */
export type TicketQueue = ReturnType<typeof createTicketQueue>;

/**
 * The ticket queue: one sorted set per routing group, scored by deadline, served earliest
 * deadline first across an agent's groups. Holds order only; MongoDB holds the tickets and can
 * rebuild it (see rebuild-queue.ts).
 * @example const queue = createTicketQueue({ redis, prefix: 'loyaldesk:' });
 */
export function createTicketQueue(options: TicketQueueOptions) {
  const { redis } = options;
  if (redis.options.keyPrefix) {
    // ioredis would prefix the declared keys but not those the scripts build: they would disagree.
    throw new Error('createTicketQueue: pass a Redis client without keyPrefix and give the prefix as `prefix`');
  }
  const keys = queueKeys(options.prefix);
  const leaseMs = options.leaseMs ?? 30_000;
  const claimWindowMs = options.claimWindowMs ?? 15 * 60_000;
  const clock = options.clock ?? Date.now;

  function entryArgs(entry: QueueEntry): Array<string | number> {
    return [keys.groupPrefix, entry.ticketId, entry.deadline.getTime(), ...entry.groups];
  }

  return {
    keys,
    leaseMs,
    claimWindowMs,

    /** Whether the client has lost Redis and is trying again (its commands wait for the retries, then fail). */
    get away(): boolean {
      return redis.status === 'reconnecting' || redis.status === 'close' || redis.status === 'end';
    },

    /** Queues a ticket in its groups at its deadline; queuing it again moves it (idempotent). */
    async enqueue(entry: QueueEntry): Promise<void> {
      await enqueueScript.run(redis, [keys.routes, keys.groups], entryArgs(entry));
    },

    /** Queues many tickets in one pipeline (rebuilds, seeding). */
    async enqueueMany(entries: readonly QueueEntry[]): Promise<void> {
      if (entries.length === 0) return;
      await enqueueScript.load(redis);
      const pipeline = redis.pipeline();
      for (const entry of entries) enqueueScript.queue(pipeline, [keys.routes, keys.groups], entryArgs(entry));
      const results = (await pipeline.exec()) ?? [];
      const failure = results.find(([error]) => error !== null);
      if (failure?.[0]) throw failure[0];
    },

    /** Moves a queued ticket to a new deadline (re-ranking); false when it is not queued. */
    async reschedule(ticketId: string, deadline: Date): Promise<boolean> {
      return (await rescheduleScript.run(redis, [keys.routes], [keys.groupPrefix, ticketId, deadline.getTime()])) === 1;
    },

    /** Takes a ticket out of the queue (claimed directly, closed); false when it was not queued. */
    async remove(ticketId: string): Promise<boolean> {
      return (await removeScript.run(redis, [keys.routes], [keys.groupPrefix, ticketId])) === 1;
    },

    /**
     * Atomically takes the earliest-deadline ticket across `groups` out of every group it waits in
     * and leases it to `agentId`; null when those groups are empty. The caller confirms the claim
     * in the database, then calls {@link completeClaim} or, if the ticket was no longer open,
     * {@link dropLease}. A caller that dies in between leaves the lease to expire and be requeued.
     */
    async leaseNext(agentId: string, groups: readonly RoutingGroup[]): Promise<LeasedTicket | null> {
      if (groups.length === 0) return null;
      const reply = leaseNextReply.parse(
        await leaseNextScript.run(
          redis,
          [keys.routes, keys.leases, ...groups.map(keys.group)],
          [keys.groupPrefix, agentId, clock(), leaseMs],
        ),
      );
      if (!reply) return null;
      const [ticketId, deadline, routeGroups, expiresAt] = reply;
      return {
        ticketId,
        agentId,
        deadline: new Date(Number(deadline)),
        groups: parseGroups(routeGroups),
        expiresAt: new Date(Number(expiresAt)),
      };
    },

    /** The claim is confirmed: release the lease and count the claim toward the groups' claim rate. */
    async completeClaim(leased: LeasedTicket): Promise<void> {
      const now = clock();
      await completeClaimScript.run(
        redis,
        [keys.leases],
        [leaseMember(leased), keys.claimsPrefix, leased.ticketId, now, now - claimWindowMs, ...leased.groups],
      );
    },

    /** The claim was refused (the ticket is no longer open): forget the lease, keep the ticket out. */
    async dropLease(lease: Pick<Lease, 'ticketId' | 'agentId'>): Promise<void> {
      await redis.zrem(keys.leases, leaseMember(lease));
    },

    /** Leases whose time is up, oldest first, at most `limit`. */
    async expiredLeases(limit = 500): Promise<Lease[]> {
      const flat = await redis.zrangebyscore(keys.leases, '-inf', clock(), 'WITHSCORES', 'LIMIT', 0, limit);
      const leases: Lease[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const member = flat[i] ?? '';
        const separator = member.indexOf(':');
        if (separator <= 0) continue;
        leases.push({
          ticketId: member.slice(0, separator),
          agentId: member.slice(separator + 1),
          expiresAt: new Date(Number(flat[i + 1])),
        });
      }
      return leases;
    },

    /** Puts a leased ticket back at `entry`'s deadline and groups; false if the lease was already gone. */
    async requeueLease(lease: Pick<Lease, 'ticketId' | 'agentId'>, entry: QueueEntry): Promise<boolean> {
      const result = await requeueLeaseScript.run(
        redis,
        [keys.leases, keys.routes, keys.groups],
        [leaseMember(lease), ...entryArgs(entry)],
      );
      return result === 1;
    },

    /**
     * A queued ticket's place in line across its groups and the expected wait from each group's
     * claims in the last `claimWindowMs`; null when the ticket is not queued.
     */
    async position(ticketId: string): Promise<PlaceInLine | null> {
      const reply = positionReply.parse(
        await positionScript.run(
          redis,
          [keys.routes],
          [keys.groupPrefix, keys.claimsPrefix, ticketId, clock() - claimWindowMs],
        ),
      );
      if (!reply) return null;
      const standings: GroupStanding[] = [];
      for (let i = 0; i + 2 < reply.length; i += 3) {
        standings.push({ group: String(reply[i]), ahead: Number(reply[i + 1]), recentClaims: Number(reply[i + 2]) });
      }
      return placeInLine(standings, claimWindowMs);
    },

    /**
     * The first `limit` tickets waiting in `group` with a deadline at or after `fromDeadline` (all
     * when null), in queue order: the tickets whose place in line a change at that deadline moved.
     */
    async waitingFrom(group: RoutingGroup, fromDeadline: Date | null, limit: number): Promise<string[]> {
      const min = fromDeadline === null ? '-inf' : String(fromDeadline.getTime());
      return redis.zrangebyscore(keys.group(group), min, '+inf', 'LIMIT', 0, limit);
    },

    /** How many tickets wait in a group. */
    async size(group: RoutingGroup): Promise<number> {
      return redis.zcard(keys.group(group));
    },

    /** Empties every group (leases and claim counts stay); the first step of a rebuild. */
    async clear(): Promise<void> {
      await clearQueueScript.run(redis, [keys.routes, keys.groups], [keys.groupPrefix]);
    },
  };
}
