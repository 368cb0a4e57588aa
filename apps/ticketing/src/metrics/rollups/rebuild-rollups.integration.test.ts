import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@loyaldesk/platform/testing';
import { createTicketRepository } from '../../tickets/ticket-repository.ts';
import type { Ticket } from '../../tickets/ticket.ts';
import { createMetricsService, type MetricsService } from '../metrics-service.ts';
import { metricsEventArbitrary, streamStart, type MetricsEvent } from '../testing/metrics-arbitraries.ts';
import { at } from '../testing/metrics-test-tickets.ts';
import { flattenDocument } from './rollup-increments.ts';

type Step = () => Promise<unknown>;

/**
 * Turns events into the calls the app makes: each ticket event is a write from the ticket's
 * previous state (so every before/after pair is a real transition), orders and closed chats as
 * they come. Returns the calls and the tickets' final states.
 */
function plan(
  metrics: MetricsService,
  events: readonly MetricsEvent[],
): { steps: Step[]; finals: Map<string, Ticket> } {
  const current = new Map<string, Ticket>();
  const steps: Step[] = [];
  for (const event of events) {
    if (event.type === 'ticket') {
      const id = `tkt_${event.ticket}`;
      const before = current.get(id) ?? null;
      const after: Ticket = { ...event.state, id, version: (before?.version ?? -1) + 1 };
      current.set(id, after);
      steps.push(() => metrics.recordTicketChange(before, after));
    } else if (event.type === 'order') {
      const placedAt = at(streamStart, event.placedAfter) ?? streamStart;
      steps.push(() => metrics.recordCustomerOrder(event.customerId, placedAt));
    } else {
      const closedAt = (at(streamStart, event.closedAfter) ?? streamStart).toISOString();
      const n = event.conversation;
      steps.push(async () => {
        await metrics.recordConversationClosed({
          conversationId: `conv_${n}`,
          closedAt,
          handedOff: event.handedOff,
          language: event.language,
        });
        // Then a bot-only chat's survey (a repeat changes nothing; on a handed-off chat it counts nowhere).
        if (!event.handedOff)
          await metrics.recordConversationSurvey(`conv_${n}`, {
            csat: (n % 5) + 1,
            ...(n % 2 === 0 ? { ces: (n % 7) + 1 } : {}),
          });
      });
    }
  }
  return { steps, finals: current };
}

async function snapshot(metrics: MetricsService): Promise<Map<string, Record<string, number>>> {
  const documents = await metrics.stores.rollups.findAll();
  const result = new Map<string, Record<string, number>>();
  for (const document of documents) {
    const paths = Object.fromEntries(flattenDocument(document));
    // A rollup whose amounts all cancelled out holds zeros only; a rebuild does not write it.
    if (Object.keys(paths).length > 0) result.set(document._id, paths);
  }
  return result;
}

describe('rebuildRollups', () => {
  let db: TestDatabase;
  let metrics: MetricsService;

  beforeAll(async () => {
    db = await createTestDatabase();
    metrics = createMetricsService({ connection: db.connection, clock: () => new Date('2026-03-05T00:00:00.000Z') });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('gives the same rollups as the incremental updates after any random event stream, applied concurrently', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(metricsEventArbitrary, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        async (events, concurrency) => {
          runs++;
          const database = db.connection.db;
          if (!database) throw new Error('database not open');
          await database.dropDatabase();

          const { steps, finals } = plan(metrics, events);
          // Up to `concurrency` calls in flight: $inc deltas and conditional writes must not care about order.
          for (let i = 0; i < steps.length; i += concurrency) {
            await Promise.all(steps.slice(i, i + concurrency).map((step) => step()));
          }
          await createTicketRepository(db.connection).insertMany([...finals.values()]);

          const incremental = await snapshot(metrics);
          const result = await metrics.rebuildRollups();
          expect(result.tickets).toBe(finals.size);
          expect(result.invalidTickets).toEqual([]);
          expect(await snapshot(metrics)).toEqual(incremental);
        },
      ),
      { numRuns: 25 },
    );
    expect(runs).toBeGreaterThanOrEqual(25);
  }, 180_000);
});
