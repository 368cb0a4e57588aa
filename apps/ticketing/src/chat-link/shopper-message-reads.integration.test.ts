import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMongo, type Connection } from '@loyaldesk/platform/mongo';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@loyaldesk/platform/testing';
import { handoffTicketId } from '@loyaldesk/contracts/handoff';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { createTicketQueue } from '../ranked-queue/ticket-queue.ts';
import { buildTicket } from '../testing/ticket-fixtures.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { createTicketIndex } from '../tickets/ticket-index.ts';
import { createTicketRepository, type TicketRepository } from '../tickets/ticket-repository.ts';
import { createTicketService, type TicketService } from '../tickets/ticket-service.ts';
import { processShopperMessageJob } from './shopper-message-worker.ts';

// The full fault run delivered ~35–45 shopper messages/s per ticketing process: each job read the
// whole ticket (tens of messages) three times (the lookup, addShopperMessage, the write's plan)
// before its one write. The lookup's copy now serves the first attempt. Later still ~9 messages/s
// per process (FerretDB busy): the lookup and a versioned write were two whole-ticket round trips;
// a new message on an open or assigned ticket is now one conditional append.
describe('processShopperMessageJob', () => {
  let db: TestDatabase;
  let server: TestRedis;
  /** The service's own connection, with the driver's command monitoring: each command is a round trip. */
  let monitored: Connection;
  let repository: TicketRepository;
  let counted: TicketRepository;
  let service: TicketService;
  let reads = 0;
  const commands: string[] = [];

  beforeAll(async () => {
    [db, server] = await Promise.all([createTestDatabase(), createTestRedis()]);
    monitored = await connectMongo({
      uri: `${db.uri}${db.uri.includes('?') ? '&' : '?'}monitorCommands=true`,
      dbName: db.dbName,
      attempts: 3,
    });
    monitored.getClient().on('commandStarted', (event: { commandName: string }) => {
      if (!['hello', 'isMaster', 'ismaster', 'ping', 'endSessions'].includes(event.commandName))
        commands.push(event.commandName);
    });
    repository = createTicketRepository(monitored);
    await repository.init();
    counted = {
      ...repository,
      findById: (id) => {
        reads++;
        return repository.findById(id);
      },
    };
    service = createTicketService({
      tickets: counted,
      queue: createTicketQueue({ redis: server.redis, prefix: server.prefix }),
      index: createTicketIndex({ redis: server.redis, prefix: server.prefix }),
      policy: () => Promise.resolve(defaultSlaPolicy),
      customerStanding: () => Promise.resolve(null),
    });
  });
  afterAll(async () => {
    await monitored.close();
    await Promise.all([db.drop(), server.cleanup()]);
  });

  async function chatTicket(conversationId: string, change: Partial<Ticket> = {}): Promise<Ticket> {
    const ticket = {
      ...buildTicket(
        handoffTicketId(conversationId),
        { createdAt: new Date('2025-03-01T10:00:00Z'), tier: 'gold', valuePercentile: null, issueKind: 'general' },
        defaultSlaPolicy,
      ),
      conversationId,
      channel: 'chat' as const,
      ...change,
    };
    await repository.insertMany([ticket]);
    return ticket;
  }

  function jobFor(
    conversationId: string,
    messageId: string,
    ticketId: string | null = handoffTicketId(conversationId),
  ) {
    return {
      conversationId,
      ticketId,
      language: 'en',
      message: { id: messageId, body: 'Any news?', at: '2025-03-01T10:01:00.000Z' },
    };
  }

  it('appends a new message to an open or assigned ticket in one database round trip, once however often the job runs', async () => {
    const deps = {
      appendChatMessage: service.appendChatMessage,
      findTicket: (id: string) => counted.findById(id),
      addShopperMessage: service.addShopperMessage,
    };
    const open = await chatTicket('conv_one_write_1');
    const assigned = await chatTicket('conv_one_write_2', {
      status: 'assigned',
      assigneeId: 'agt_1',
      assignedAt: new Date('2025-03-01T10:00:30Z'),
    });

    for (const [index, ticket] of [open, assigned].entries()) {
      const job = jobFor(ticket.conversationId ?? '', `msg_one_write_${index}`, index === 0 ? null : ticket.id);
      commands.length = 0;
      expect(await processShopperMessageJob(deps, job)).toEqual({ ticketId: ticket.id, added: true, held: false });
      expect(commands).toEqual(['findAndModify']);
      // Redelivered: not appended again (the conditional write misses, the rules say it is there).
      expect(await processShopperMessageJob(deps, job)).toEqual({ ticketId: ticket.id, added: false, held: false });
      const stored = await repository.findById(ticket.id);
      expect(stored?.messages.filter((message) => message.id === job.message.id)).toHaveLength(1);
      expect({ status: stored?.status, version: stored?.version }).toEqual({
        status: ticket.status,
        version: ticket.version + 1,
      });
    }
  });

  it('leaves every other case to the ticket rules: a pending ticket goes back to its agent, a resolved one reopens, another conversation is refused', async () => {
    const deps = {
      appendChatMessage: service.appendChatMessage,
      findTicket: (id: string) => counted.findById(id),
      addShopperMessage: service.addShopperMessage,
    };
    const pending = await chatTicket('conv_rules_1', {
      status: 'pending',
      assigneeId: 'agt_1',
      assignedAt: new Date('2025-03-01T10:00:30Z'),
    });
    const resolved = await chatTicket('conv_rules_2', {
      status: 'resolved',
      resolvedAt: new Date('2025-03-01T10:00:40Z'),
    });
    await processShopperMessageJob(deps, jobFor('conv_rules_1', 'msg_rules_1'));
    await processShopperMessageJob(deps, jobFor('conv_rules_2', 'msg_rules_2'));
    expect((await repository.findById(pending.id))?.status).toBe('assigned');
    const reopened = await repository.findById(resolved.id);
    expect({ status: reopened?.status, last: reopened?.messages.at(-1)?.id }).toEqual({
      status: 'open',
      last: 'msg_rules_2',
    });
    await expect(processShopperMessageJob(deps, jobFor('conv_rules_3', 'msg_rules_3', pending.id))).rejects.toThrow(
      /belongs to conversation conv_rules_1/,
    );
  });

  it('reads the ticket once for a new message, adds it once, and adds nothing for the same job again', async () => {
    const conversationId = 'conv_reads_1';
    const ticket = {
      ...buildTicket(
        handoffTicketId(conversationId),
        { createdAt: new Date('2025-03-01T10:00:00Z'), tier: 'gold', valuePercentile: null, issueKind: 'general' },
        defaultSlaPolicy,
      ),
      conversationId,
      channel: 'chat' as const,
    };
    await repository.insertMany([ticket]);
    const deps = {
      findTicket: (id: string) => counted.findById(id),
      addShopperMessage: service.addShopperMessage,
    };
    const job = {
      conversationId,
      ticketId: ticket.id,
      language: 'en',
      message: { id: 'msg_reads_1', body: 'Where is my parcel?', at: '2025-03-01T10:01:00.000Z' },
    };

    reads = 0;
    expect(await processShopperMessageJob(deps, job)).toEqual({ ticketId: ticket.id, added: true, held: false });
    expect(reads).toBe(1);

    expect(await processShopperMessageJob(deps, job)).toEqual({ ticketId: ticket.id, added: false, held: false });
    const stored = await repository.findById(ticket.id);
    expect(stored?.messages.filter((message) => message.id === 'msg_reads_1')).toHaveLength(1);
  });
});
