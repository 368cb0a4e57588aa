import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Bull from 'bull';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  chatNamespace,
  chatServerEvents,
  conversationRoom,
  messageCreatedEventSchema,
  queuePositionEventSchema,
  ticketResolvedEventSchema,
  typingEventSchema,
} from '@loyaldesk/contracts/chat-events';
import {
  agentEventJobSchema,
  shopperMessageJobId,
  surveyAnsweredJobId,
  type ShopperMessageJob,
  type SurveyAnsweredEvent,
} from '@loyaldesk/contracts/chat-jobs';
import { handoffJobId, handoffTicketId, type HandoffJob } from '@loyaldesk/contracts/handoff';
import { signedInClient, startWiredTestApp, type ApiClient, type WiredTestApp } from '../testing/test-app.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { until } from '../testing/until.ts';

/**
 * Stands in for the chat bot's `/chat`: a Socket.IO server on the same Redis adapter key as the
 * ticketing app, whose sockets join their conversation's room. What ticketing emits through its
 * Redis emitter reaches these sockets exactly as it reaches the chat bot's.
 */
async function startChatRooms(app: WiredTestApp): Promise<{ url: string; close(): Promise<void> }> {
  const pub = app.redis.redis.duplicate();
  const sub = app.redis.redis.duplicate();
  const http = createServer();
  const io = new Server(http, { adapter: createAdapter(pub, sub, { key: `${app.redis.prefix}socket.io` }) });
  io.of(chatNamespace).on('connection', (socket) => {
    const conversationId = (socket.handshake.auth as { conversationId?: string }).conversationId;
    if (conversationId) void socket.join(conversationRoom(conversationId));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    async close() {
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      pub.disconnect();
      sub.disconnect();
    },
  };
}

interface Shopper {
  socket: Socket;
  events: Array<{ event: string; payload: unknown }>;
  waitFor<S extends z.ZodType>(
    event: string,
    schema: S,
    matches?: (payload: z.output<S>) => boolean,
  ): Promise<z.output<S>>;
}

async function connectShopper(url: string, conversationId: string): Promise<Shopper> {
  const socket = connect(`${url}${chatNamespace}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { conversationId },
  });
  const events: Shopper['events'] = [];
  const wakers = new Set<() => void>();
  socket.onAny((event: string, payload: unknown) => {
    events.push({ event, payload });
    for (const wake of [...wakers]) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  // Joining the room happens on the server's connection handler, just after 'connect'.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    socket,
    events,
    waitFor(event, schema, matches = () => true) {
      return new Promise((resolve, reject) => {
        const wake = (): void => {
          for (const item of events) {
            if (item.event !== event) continue;
            const parsed = schema.safeParse(item.payload);
            if (parsed.success && matches(parsed.data)) {
              wakers.delete(wake);
              clearTimeout(timer);
              resolve(parsed.data);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          wakers.delete(wake);
          reject(new Error(`no matching ${event} within 15 s; got ${JSON.stringify(events)}`));
        }, 15_000);
        wakers.add(wake);
        wake();
      });
    },
  };
}

async function failedJob(queue: Bull.Queue<unknown>, jobId: Bull.JobId): Promise<Bull.Job<unknown>> {
  await until(async () => (await queue.getJob(jobId))?.isFailed(), `job ${String(jobId)} to fail`);
  const job = await queue.getJob(jobId);
  if (!job) throw new Error(`job ${String(jobId)} is gone`);
  return job;
}

const handoff = (conversationId: string): HandoffJob => ({
  conversationId,
  language: 'en',
  issueKind: 'general',
  reason: 'requested',
  transcriptSummary: 'The shopper asked for a person.',
  requestedAt: new Date().toISOString(),
});

describe('the chat link (ticketing side)', () => {
  let app: WiredTestApp;
  let chatRooms: Awaited<ReturnType<typeof startChatRooms>>;
  let agent: ApiClient;
  const shoppers: Shopper[] = [];

  beforeAll(async () => {
    app = await startWiredTestApp();
    chatRooms = await startChatRooms(app);
    agent = await signedInClient(app, 'agent');
  });
  afterAll(async () => {
    for (const shopper of shoppers) shopper.socket.disconnect();
    await chatRooms.close();
    await app.stop();
  });

  async function shopperOf(conversationId: string): Promise<Shopper> {
    const shopper = await connectShopper(chatRooms.url, conversationId);
    shoppers.push(shopper);
    return shopper;
  }

  async function ticket(ticketId: string): Promise<Ticket> {
    const found = await app.ticketing.ticketRepository.findById(ticketId);
    if (!found) throw new Error(`no ticket ${ticketId}`);
    return found;
  }

  it('tells a handed-off shopper their place, and moves it when a ticket ahead is claimed', async () => {
    const first = await shopperOf('conv_link_a');
    const second = await shopperOf('conv_link_b');
    await app.service.jobQueues.handoff.add(handoff('conv_link_a'), { jobId: handoffJobId('conv_link_a') });
    const firstPlace = await first.waitFor(chatServerEvents.queuePosition, queuePositionEventSchema);
    expect(firstPlace).toEqual({
      ticketId: handoffTicketId('conv_link_a'),
      conversationId: 'conv_link_a',
      position: 1,
      expectedWaitSeconds: null,
    });

    await app.service.jobQueues.handoff.add(handoff('conv_link_b'), { jobId: handoffJobId('conv_link_b') });
    expect(await second.waitFor(chatServerEvents.queuePosition, queuePositionEventSchema)).toMatchObject({
      position: 2,
      expectedWaitSeconds: null,
    });

    const claimed = await agent.request('POST', '/api/tickets/claim-next');
    expect(claimed.status).toBe(200);
    expect((claimed.body as { ticket: { id: string } }).ticket.id).toBe(handoffTicketId('conv_link_a'));
    // One claim in the window: the expected wait is known now. (A refresh that ran between the pop
    // and the claim's confirmation may first say "1, wait unknown"; the claim's own refresh follows.)
    const moved = await second.waitFor(
      chatServerEvents.queuePosition,
      queuePositionEventSchema,
      (event) => event.position === 1 && event.expectedWaitSeconds !== null,
    );
    expect(moved.expectedWaitSeconds).toBeGreaterThan(0);
  });

  it('relays agent replies and typing, and announces the resolution once', async () => {
    const shopper = await shopperOf('conv_link_a');
    const ticketId = handoffTicketId('conv_link_a');
    const reply = await agent.request('POST', `/api/tickets/${ticketId}/reply`, {
      json: { body: 'Hello, I am on it.' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const created = await shopper.waitFor(chatServerEvents.messageCreated, messageCreatedEventSchema);
    expect(created).toMatchObject({
      conversationId: 'conv_link_a',
      ticketId,
      message: { body: 'Hello, I am on it.' },
    });
    // The agent by display name only, never the internal agent id.
    expect(created.message.author).toEqual({ kind: 'agent', name: 'Avery Agent' });

    const agentSocket = connect(`${app.baseUrl}/agents`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { Cookie: agent.cookie ?? '' },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        agentSocket.once('connect', () => resolve());
        agentSocket.once('connect_error', reject);
      });
      const ack = (await agentSocket.timeout(5000).emitWithAck('typing', { ticketId, typing: true })) as {
        ok: boolean;
      };
      expect(ack.ok).toBe(true);
    } finally {
      agentSocket.close();
    }
    expect(await shopper.waitFor(chatServerEvents.typing, typingEventSchema)).toEqual({
      conversationId: 'conv_link_a',
      ticketId,
      author: { kind: 'agent', name: 'Avery Agent' },
      typing: true,
    });

    expect((await agent.request('POST', `/api/tickets/${ticketId}/resolve`)).status).toBe(200);
    const resolved = await shopper.waitFor(chatServerEvents.ticketResolved, ticketResolvedEventSchema);
    expect(resolved).toMatchObject({ ticketId, conversationId: 'conv_link_a' });
    expect(shopper.events.filter((item) => item.event === chatServerEvents.ticketResolved)).toHaveLength(1);

    // The durable copies for the chat bot, which reach the conversation also with no socket open.
    const agentEvents = app.service.jobQueues.agentEvents;
    const replyJob = await agentEvents.getJob(`agent-message-${created.message.id}`);
    expect(agentEventJobSchema.parse(replyJob?.data)).toEqual({
      kind: 'agent_message',
      conversationId: 'conv_link_a',
      event: created,
    });
    expect(replyJob?.opts.attempts).toBe(8);
    const resolvedJob = await agentEvents.getJob(`ticket-resolved-${ticketId}-${Date.parse(resolved.resolvedAt)}`);
    expect(agentEventJobSchema.parse(resolvedJob?.data)).toEqual({ kind: 'ticket_resolved', conversationId: 'conv_link_a', event: resolved });
    expect(await agentEvents.getJobCounts()).toMatchObject({ waiting: 2 });
  });

  it('appends a shopper message once however often it is delivered, finding the ticket by conversation', async () => {
    const ticketId = handoffTicketId('conv_link_b');
    const job: ShopperMessageJob = {
      conversationId: 'conv_link_b',
      ticketId: null,
      language: 'en',
      message: { id: 'msg_shopper_b1', body: 'Are you there?', at: new Date().toISOString() },
    };
    const queue = app.service.jobQueues.shopperMessages;
    await queue.add(job, { jobId: shopperMessageJobId(job.message.id) });
    // A redelivery under another job id (a retried producer, a re-sent job after removal).
    await queue.add({ ...job, ticketId }, { jobId: `${shopperMessageJobId(job.message.id)}-again` });
    await until(async () => (await queue.getCompletedCount()) >= 2, 'both jobs completed');
    const messages = (await ticket(ticketId)).messages.filter((message) => message.id === 'msg_shopper_b1');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ author: { kind: 'customer' }, visibility: 'public', body: 'Are you there?' });
  });

  it('fails a bad job for good with a message naming the field, and keeps working', async () => {
    const queue = app.service.jobQueues.shopperMessages;
    const bad = await queue.add(
      {
        conversationId: 'conv_link_b',
        ticketId: null,
        language: 'en',
        message: { id: 'msg_bad', body: '', at: 'now' },
      },
      { jobId: 'bad-shopper-message', attempts: 5 },
    );
    const failed = await failedJob(queue, bad.id);
    expect(failed.failedReason).toMatch(/Invalid shopper message job: message\.body/);
    expect(failed.attemptsMade).toBe(1);

    const surveys = app.service.jobQueues.surveyAnswers;
    const badSurvey = await surveys.add(
      { conversationId: 'conv_link_a', ticketId: null, answers: { csat: 9 } },
      { jobId: 'bad-survey', attempts: 5 },
    );
    const failedSurvey = await failedJob(surveys, badSurvey.id);
    expect(failedSurvey.failedReason).toMatch(/Invalid survey answered event: /);
  });

  it('stores survey answers on the resolved ticket, merged across deliveries, where the metrics count them', async () => {
    const ticketId = handoffTicketId('conv_link_a');
    const answered = (answers: SurveyAnsweredEvent['answers']): SurveyAnsweredEvent => ({
      conversationId: 'conv_link_a',
      ticketId,
      customerId: null,
      language: 'en',
      handedOff: true,
      answers,
      answeredAt: new Date().toISOString(),
    });
    const queue: Bull.Queue<unknown> = app.service.jobQueues.surveyAnswers;
    await queue.add(answered({ csat: 5 }), { jobId: surveyAnsweredJobId('conv_link_a', 'csat') });
    await queue.add(
      { ...answered({ csat: 5, ces: 6, nps: 9 }), ticketId: null },
      { jobId: surveyAnsweredJobId('conv_link_a', 'nps') },
    );
    const survey = await until(async () => {
      const current = (await ticket(ticketId)).survey;
      return current?.nps === 9 && current.csat === 5 ? current : null;
    }, 'the survey on the ticket');
    expect(survey).toMatchObject({ csat: 5, ces: 6, nps: 9 });

    const manager = await signedInClient(app, 'manager');
    const today = new Date().toISOString().slice(0, 10);
    const dashboard = await until(async () => {
      const response = await manager.request('GET', `/api/metrics?from=${today}&to=${today}`);
      const body = response.body as { csatScore?: { responses?: number } };
      return (body.csatScore?.responses ?? 0) >= 1 ? body : null;
    }, 'the CSAT answer in the metrics');
    expect(dashboard.csatScore?.responses).toBe(1);
  });
});
