import type { RoutingGroup } from './routing-group.ts';

/**
 * The queue's Redis keys under `prefix`. The `{ticket-queue}` hash tag puts them all in one Redis
 * Cluster slot, which the Lua scripts need: they touch the groups a ticket is in, which they
 * learn only while running.
 */
export function queueKeys(prefix: string) {
  const base = `${prefix}{ticket-queue}:`;
  return {
    /** Hash: ticket id → the routing groups it waits in, space-separated. Present iff queued. */
    routes: `${base}routes`,
    /** Set of every routing group used, so a rebuild can find and clear them. */
    groups: `${base}groups`,
    /** Sorted set: "<ticketId>:<agentId>" scored by when the lease expires (ms). */
    leases: `${base}leases`,
    /** Prefix of each group's sorted set: ticket id scored by deadline (ms). */
    groupPrefix: `${base}group:`,
    /** Prefix of each group's recent claims: ticket id scored by claim time (ms). */
    claimsPrefix: `${base}claims:`,
    group: (group: RoutingGroup) => `${base}group:${group}`,
  };
}

export type QueueKeys = ReturnType<typeof queueKeys>;
