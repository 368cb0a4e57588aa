import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@loyaldesk/platform/testing';
import { handoffTicketId } from '@loyaldesk/contracts/handoff';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { createTicketQueue } from '../ranked-queue/ticket-queue.ts';
import { buildTicket } from '../testing/ticket-fixtures.ts';
import { createTicketIndex } from '../tickets/ticket-index.ts';
import { createTicketRepository, type TicketRepository } from '../tickets/ticket-repository.ts';
import { createTicketService, type TicketService } from '../tickets/ticket-service.ts';
import { processShopperMessageJob } from './shopper-message-worker.ts';

// The full fault run delivered ~35–45 shopper messages/s per ticketing process: each job read the
// whole ticket (tens of messages) three times (the lookup, addShopperMessage, the write's plan)
// before its one write. The lookup's copy now serves the first attempt.
describe('processShopperMessageJob', () => {
  let db: TestDatabase;
  let server: TestRedis;
  let repository: TicketRepository;
  let counted: TicketRepository;
  let service: TicketService;
  let reads = 0;

  beforeAll(async () => {
    [db, server] = await Promise.all([createTestDatabase(), createTestRedis()]);
    repository = createTicketRepository(db.connection);
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
    await Promise.all([db.drop(), server.cleanup()]);
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
