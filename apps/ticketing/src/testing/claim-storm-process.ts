// Test-only: a ticketing process that claims tickets for many agents at once, run as a child
// process by claim-crash.integration.test.ts so that the test can kill it with SIGKILL mid-storm.
//
//   node --import tsx src/testing/claim-storm-process.ts '<json config>'
//
// mode "storm": every agent claims (claim-next) until its groups are empty.
// mode "restart": what a fresh process does after a crash: put back the tickets of leases that
// expired (the clock is moved past every lease the dead process held), then drain like "storm".
// Prints one line per confirmed claim, "claimed <ticketId> <agentId>", and "done <json>" at the end
// (counts, and in "restart" mode the ids of the leases it requeued and discarded).
import { z } from 'zod';
import { agentIdSchema } from '@loyaldesk/contracts/agents-api';
import { connectMongo } from '@loyaldesk/platform/mongo';
import { connectRedis } from '@loyaldesk/platform/redis';
import { claimNext } from '../claim/claim-next.ts';
import { requeueExpiredLeases } from '../claim/requeue-expired-leases.ts';
import { routingGroupSchema } from '../ranked-queue/routing-group.ts';
import { createTicketQueue } from '../ranked-queue/ticket-queue.ts';
import { createTicketRepository } from '../tickets/ticket-repository.ts';

/** What the test passes on the command line. */
export const claimStormConfigSchema = z.object({
  mode: z.enum(['storm', 'restart']),
  mongoUri: z.string().startsWith('mongodb://'),
  dbName: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  redisUrl: z.string().startsWith('redis://'),
  redisPrefix: z.string().regex(/^[A-Za-z0-9_:-]{1,64}$/),
  agents: z
    .array(z.object({ agentId: agentIdSchema, groups: z.array(routingGroupSchema).min(1) }))
    .min(1)
    .max(200),
  leaseMs: z.number().int().min(100).max(600_000),
});
export type ClaimStormConfig = z.infer<typeof claimStormConfigSchema>;

const config = claimStormConfigSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
const connection = await connectMongo({ uri: config.mongoUri, dbName: config.dbName, attempts: 3 });
const redis = await connectRedis({ url: config.redisUrl });
const tickets = createTicketRepository(connection);
const queue = createTicketQueue({ redis, prefix: config.redisPrefix, leaseMs: config.leaseMs });

let requeued: string[] = [];
let discarded: string[] = [];
if (config.mode === 'restart') {
  // Every lease the crashed process held was taken before now, so at now + leaseMs all have expired.
  const afterEveryLease = createTicketQueue({
    redis,
    prefix: config.redisPrefix,
    leaseMs: config.leaseMs,
    clock: () => Date.now() + config.leaseMs + 1,
  });
  ({ requeued, discarded } = await requeueExpiredLeases({ queue: afterEveryLease, tickets }));
}

let claimed = 0;
await Promise.all(
  config.agents.map(async (agent) => {
    for (;;) {
      const ticket = await claimNext({ queue, tickets }, agent);
      if (!ticket) return;
      claimed++;
      process.stdout.write(`claimed ${ticket.id} ${agent.agentId}\n`);
    }
  }),
);
process.stdout.write(`done ${JSON.stringify({ claimed, requeued, discarded })}\n`);
await connection.close();
redis.disconnect();
