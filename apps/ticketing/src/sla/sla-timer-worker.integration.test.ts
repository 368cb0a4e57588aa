import Bull from 'bull';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queueNames } from '@loyaldesk/contracts/queues';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@loyaldesk/platform/testing';
import { createMetricsService, type MetricsService } from '../metrics/metrics-service.ts';
import { metricsTicket } from '../metrics/testing/metrics-test-tickets.ts';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { routingGroupsFor } from '../ranked-queue/routing-group.ts';
import { createTicketQueue, type TicketQueue } from '../ranked-queue/ticket-queue.ts';
import { createTicketIndex } from '../tickets/ticket-index.ts';
import { createTicketRepository, type TicketRepository } from '../tickets/ticket-repository.ts';
import { createTicketService, type TicketService } from '../tickets/ticket-service.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { SlaKind } from './sla-outcome.ts';
import { createSlaTimerScheduler, type SlaTimerScheduler } from './sla-timer-scheduler.ts';
import { processSlaTimer, startSlaTimerWorker } from './sla-timer-worker.ts';

const agent = { id: 'agt_1', name: 'Ada', role: 'agent' as const };

describe('SLA timers', () => {
  let db: TestDatabase;
  let server: TestRedis;
  let slaQueue: Bull.Queue<unknown>;
  let tickets: TicketRepository;
  let ticketQueue: TicketQueue;
  let service: TicketService;
  let metrics: MetricsService;
  let timers: SlaTimerScheduler;
  const alerts: Array<{ ticket: Ticket; kind: SlaKind }> = [];
  const results = new Map<string, unknown>();

  /** A ticket opened now whose targets are `firstResponseMs` and `resolutionMs` away: shorter than any policy allows. */
  async function openShortTicket(id: string, firstResponseMs: number, resolutionMs: number): Promise<Ticket> {
    const now = new Date();
    const ticket: Ticket = {
      ...metricsTicket({ id, createdAt: now, tier: 'gold' }),
      deadline: new Date(now.getTime() + firstResponseMs),
      resolutionDeadline: new Date(now.getTime() + resolutionMs),
    };
    const { ticket: stored } = await tickets.insertIfAbsent(ticket);
    await ticketQueue.enqueue({ ticketId: id, deadline: stored.deadline, groups: routingGroupsFor(stored) });
    await metrics.recordTicketChange(null, stored);
    await timers.schedule(stored);
    return stored;
  }

  beforeAll(async () => {
    [db, server] = await Promise.all([createTestDatabase(), createTestRedis()]);
    tickets = createTicketRepository(db.connection);
    await tickets.init();
    ticketQueue = createTicketQueue({ redis: server.redis, prefix: server.prefix });
    slaQueue = new Bull(queueNames.slaTimers, server.url, { prefix: server.prefix.replace(/:$/, '') });
    timers = createSlaTimerScheduler(slaQueue);
    metrics = createMetricsService({ connection: db.connection });
    service = createTicketService({
      tickets,
      queue: ticketQueue,
      index: createTicketIndex({ redis: server.redis, prefix: server.prefix }),
      policy: () => Promise.resolve(defaultSlaPolicy),
      customerStanding: () => Promise.resolve(null),
      onTicketChanged: async (before, after) => {
        await metrics.recordTicketChange(before, after);
        await timers.onTicketChanged(before, after);
      },
    });
    slaQueue.on('completed', (job: Bull.Job<unknown>, result: unknown) => results.set(String(job.id), result));
    startSlaTimerWorker(slaQueue, {
      findTicket: (id) => tickets.findById(id),
      markBreached: (id, kind, deadline, at) => service.markSlaBreached(id, kind, deadline, at),
      emitSlaBreach: (ticket, kind) => {
        alerts.push({ ticket, kind });
      },
      queue: ticketQueue,
    });
  });
  afterAll(async () => {
    await slaQueue.close();
    await Promise.all([db.drop(), server.cleanup()]);
  });

  it('marks a missed first-response deadline, alerts with the breached ticket, and counts it in the rollups', async () => {
    const ticket = await openShortTicket('tkt_late', 400, 60 * 60_000);
    await vi.waitFor(() => expect(alerts.map((alert) => alert.ticket.id)).toContain('tkt_late'), {
      timeout: 10_000,
      interval: 50,
    });

    const alert = alerts.find((entry) => entry.ticket.id === 'tkt_late');
    expect(alert?.kind).toBe('firstResponse');
    expect(alert?.ticket.slaBreaches.firstResponse).not.toBeNull();
    const stored = await tickets.findById('tkt_late');
    expect(stored?.slaBreaches.firstResponse?.getTime()).toBeGreaterThanOrEqual(ticket.deadline.getTime());
    expect(stored?.slaBreaches.resolution).toBeNull();
    // Still waiting in the queue, at its (overdue) deadline: ahead of every ticket not yet due.
    expect((await ticketQueue.position('tkt_late'))?.position).toBe(1);

    const day = ticket.createdAt.toISOString().slice(0, 10);
    const dashboard = await metrics.getDashboard({ from: day, to: day });
    expect(dashboard.slaCompliance.firstResponse).toMatchObject({ breached: 1 });
    expect(dashboard.slaCompliance.overall).toMatchObject({ met: 0, breached: 1 });
  });

  it('leaves a ticket answered in time alone: no breach, no alert', async () => {
    await openShortTicket('tkt_answered', 1500, 60 * 60_000);
    await service.claim('tkt_answered', { actor: { kind: 'agent', id: agent.id }, role: 'agent' });
    const replied = await service.addAgentMessage(
      'tkt_answered',
      agent,
      'public',
      'On it: your parcel is being traced.',
    );
    expect(replied.firstRepliedAt).not.toBeNull();

    // The timer fires at the deadline and finds the target met.
    const jobId = `tkt_answered:firstResponse:${replied.deadline.getTime()}`;
    await vi.waitFor(() => expect(results.get(jobId)).toEqual({ action: 'skip', reason: 'met' }), {
      timeout: 10_000,
      interval: 50,
    });
    const stored = await tickets.findById('tkt_answered');
    expect(stored?.slaBreaches).toEqual({ firstResponse: null, resolution: null });
    expect(alerts.map((alert) => alert.ticket.id)).not.toContain('tkt_answered');
  });

  it('marks a missed resolution deadline on an assigned ticket', async () => {
    await openShortTicket('tkt_slow', 60 * 60_000, 700);
    await service.claim('tkt_slow', { actor: { kind: 'agent', id: agent.id }, role: 'agent' });
    await vi.waitFor(
      () => expect(alerts.some((a) => a.ticket.id === 'tkt_slow' && a.kind === 'resolution')).toBe(true),
      {
        timeout: 10_000,
        interval: 50,
      },
    );
    const stored = await tickets.findById('tkt_slow');
    expect(stored?.slaBreaches.resolution).not.toBeNull();
    expect(stored?.slaBreaches.firstResponse).toBeNull();
    expect(stored?.status).toBe('assigned');
  });

  it('marks nothing when the deadline moves between the timer’s decision and its write (re-ranked meanwhile)', async () => {
    const stale = await openShortTicket('tkt_race', 60 * 60_000, 2 * 60 * 60_000);
    // Re-ranked by the policy (a much later deadline than the short test one) after the timer read the ticket.
    expect(await service.rerank('tkt_race')).toBe(true);
    const moved = await tickets.findById('tkt_race');
    expect(moved?.deadline.getTime()).not.toBe(stale.deadline.getTime());
    const raced: Array<{ ticket: Ticket; kind: SlaKind }> = [];
    const result = await processSlaTimer(
      {
        findTicket: () => Promise.resolve(stale),
        markBreached: (id, kind, deadline, at) => service.markSlaBreached(id, kind, deadline, at),
        emitSlaBreach: (ticket, kind) => {
          raced.push({ ticket, kind });
        },
        clock: () => new Date(stale.deadline.getTime() + 1000),
      },
      { ticketId: 'tkt_race', kind: 'firstResponse', deadline: stale.deadline.getTime() },
    );
    expect(result).toEqual({ action: 'lost_race' });
    expect((await tickets.findById('tkt_race'))?.slaBreaches).toEqual({ firstResponse: null, resolution: null });
    expect(raced).toEqual([]);
  });

  it('schedules one timer per deadline however often it is asked', async () => {
    const ticket = await openShortTicket('tkt_twice', 60 * 60_000, 2 * 60 * 60_000);
    await timers.schedule(ticket);
    await timers.onTicketChanged(null, ticket);
    const delayed = (await slaQueue.getDelayed()).filter((job) => String(job.id).startsWith('tkt_twice:'));
    expect(delayed.map((job) => job.id).sort()).toEqual([
      `tkt_twice:firstResponse:${ticket.deadline.getTime()}`,
      `tkt_twice:resolution:${ticket.resolutionDeadline.getTime()}`,
    ]);
  });
});
