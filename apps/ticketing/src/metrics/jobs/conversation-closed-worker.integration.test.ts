import Bull from 'bull';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { conversationClosedJobId, type ConversationClosedEvent } from '@loyaldesk/contracts/conversation-closed';
import { queueNames } from '@loyaldesk/contracts/queues';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@loyaldesk/platform/testing';
import { createMetricsService, type MetricsService } from '../metrics-service.ts';
import { startConversationClosedWorker } from './conversation-closed-worker.ts';

const closed: ConversationClosedEvent = {
  conversationId: 'conv_7',
  closedAt: '2026-03-02T09:30:00.000Z',
  handedOff: false,
  language: 'zh-Hant',
};

describe('conversation.closed worker', () => {
  let db: TestDatabase;
  let server: TestRedis;
  let queue: Bull.Queue<unknown>;
  let metrics: MetricsService;
  const completed = new Map<string, unknown>();
  const failed = new Map<string, Error>();

  beforeAll(async () => {
    [db, server] = await Promise.all([createTestDatabase(), createTestRedis()]);
    metrics = createMetricsService({ connection: db.connection, clock: () => new Date('2026-03-02T12:00:00.000Z') });
    queue = new Bull(queueNames.metrics, server.url, { prefix: server.prefix.replace(/:$/, '') });
    queue.on('completed', (job: Bull.Job<unknown>, result: unknown) => completed.set(String(job.id), result));
    queue.on('failed', (job: Bull.Job<unknown>, error: Error) => failed.set(String(job.id), error));
    startConversationClosedWorker(queue, (event) => metrics.recordConversationClosed(event), { concurrency: 4 });
  });
  afterAll(async () => {
    await queue.close();
    await Promise.all([db.drop(), server.cleanup()]);
  });

  it('counts a conversation once however many jobs deliver it, at the same time', async () => {
    const ids = [conversationClosedJobId('conv_7'), 'again-1', 'again-2', 'again-3'];
    await Promise.all(ids.map((jobId) => queue.add(closed, { jobId })));
    await queue.add(
      { ...closed, conversationId: 'conv_8', handedOff: true },
      { jobId: conversationClosedJobId('conv_8') },
    );
    await vi.waitFor(() => expect(completed.size).toBe(5), { timeout: 10_000, interval: 50 });
    expect(ids.map((id) => completed.get(id)).filter((result) => result === 'counted')).toHaveLength(1);

    const dashboard = await metrics.getDashboard({ from: '2026-03-02', to: '2026-03-02' });
    expect(dashboard.botContainmentRate).toEqual({ rate: 50, conversationsClosed: 2, containedByBot: 1 });
    expect(dashboard.handoffRate).toEqual({ rate: 50, handedOff: 1, conversationsClosed: 2 });
  });

  it('fails a malformed event for good, naming the field, and counts nothing', async () => {
    await queue.add({ ...closed, conversationId: 'conv_9', closedAt: 'at noon' }, { jobId: 'bad', attempts: 3 });
    await vi.waitFor(() => expect(failed.has('bad')).toBe(true), { timeout: 10_000, interval: 50 });
    expect(failed.get('bad')).toMatchObject({ code: 'loyaldesk:validation_failed', field: 'closedAt' });
    expect((await queue.getJob('bad'))?.attemptsMade).toBe(1);
    const dashboard = await metrics.getDashboard({ from: '2026-03-02', to: '2026-03-02' });
    expect(dashboard.botContainmentRate.conversationsClosed).toBe(2);
  });
});
