import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationRoom, ticketRoom, type ChatMessage } from '@loyaldesk/contracts/chat-events';
import {
  agentEventJobId,
  agentEventJobSchema,
  chatQueueNames,
  shopperMessageJobSchema,
  surveyAnsweredEventSchema,
} from '@loyaldesk/contracts/chat-jobs';
import { conversationClosedEventSchema, conversationClosedJobId } from '@loyaldesk/contracts/conversation-closed';
import { handoffJobId, handoffJobSchema, handoffTicketId } from '@loyaldesk/contracts/handoff';
import { queueNames } from '@loyaldesk/contracts/queues';
import { signIdentityToken } from '../identity/identity-token.ts';
import { adaOrder } from '../testing/shop-fixtures.ts';
import {
  eventually,
  startTestChatApp,
  testIdentitySecret,
  type ChatClient,
  type TestChatApp,
} from '../testing/chat-test-app.ts';

describe('handoff, live agent chat and the survey (chat side)', () => {
  let chat: TestChatApp;
  // Stands in for ticketing's /agents namespace: another Socket.IO server on the same Redis.
  let agentsServer: Server;
  let agentsUrl: string;
  const agentRedis: Redis[] = [];

  beforeAll(async () => {
    chat = await startTestChatApp();
    await chat.profiles.ingestOrder(adaOrder);
    const publisher = new Redis(chat.redis.url);
    const subscriber = publisher.duplicate();
    agentRedis.push(publisher, subscriber);
    const http = createServer();
    agentsServer = new Server(http, {
      adapter: createAdapter(publisher, subscriber, { key: `${chat.redis.prefix}socket.io` }),
    });
    agentsServer.of('/agents').on('connection', (socket) => {
      socket.on(
        'watch',
        (ticketId: string, ack: () => void) => void Promise.resolve(socket.join(ticketRoom(ticketId))).then(ack),
      );
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    agentsUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => void agentsServer.close(() => resolve()));
    for (const redis of agentRedis) redis.disconnect();
    await chat.close();
  });

  /** A public agent reply as ticketing sends it. */
  function agentMessage(id: string, name: string, body: string, agentId = 'agt_1') {
    return {
      id,
      author: { kind: 'agent', id: agentId, name },
      visibility: 'public',
      body,
      at: new Date().toISOString(),
    };
  }

  async function handedOff(shopper: ChatClient): Promise<string> {
    const ready = await shopper.start();
    const reply = await shopper.ask('talk to a human');
    expect(reply.body).toBe("I'm connecting you with a person. Please stay here; they'll reply in this chat.");
    return ready.conversationId;
  }

  it('"talk to a human" adds exactly one handoff job, even when asked twice and from two tabs at once', async () => {
    const shopper = await chat.connect();
    const conversationId = await handedOff(shopper);
    await shopper.waitForEvent('conversation.updated', (event) => (event as { state: string }).state === 'waiting');
    const again = await shopper.ask('I want to speak to a real person');
    expect(again.body).toBe("You're already in line for a person; they'll reply here.");

    const handoff = chat.jobQueue(queueNames.handoff);
    const job = await handoff.getJob(handoffJobId(conversationId));
    const payload = handoffJobSchema.parse(job?.data);
    expect(payload).toMatchObject({ conversationId, reason: 'requested', issueKind: 'general', language: 'en' });
    expect(payload.transcriptSummary).toContain('Shopper: talk to a human');
    expect(job?.opts.attempts).toBeGreaterThan(1);

    // Two tabs of one new conversation ask at the same moment.
    const tab1 = await chat.connect();
    const ready = await tab1.start();
    const tab2 = await chat.connect();
    await tab2.start({ sessionToken: ready.sessionToken });
    await Promise.all([tab1.send('talk to a human'), tab2.send('talk to a human please')]);
    await tab1.waitForEvent('message.created', (event) =>
      (event as { message: ChatMessage }).message.body.includes('already in line'),
    );
    const jobs = await handoff.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
    expect(jobs.filter((item) => item.id === handoffJobId(ready.conversationId))).toHaveLength(1);
    expect(jobs).toHaveLength(2);
  });

  it('shows the queue position ticketing publishes, forwards shopper messages and typing to the agent, and stores agent replies', async () => {
    const shopper = await chat.connect();
    const conversationId = await handedOff(shopper);
    const ticketId = handoffTicketId(conversationId);
    const ticketing = chat.ticketingEmitter().of('/chat');
    const room = conversationRoom(conversationId);

    ticketing.to(room).emit('queue.position', { ticketId, position: 3, expectedWaitSeconds: 240 });
    expect(await shopper.waitForEvent('queue.position')).toEqual({ ticketId, position: 3, expectedWaitSeconds: 240 });
    const from = shopper.events.length;
    ticketing.to(room).emit('queue.position', { ticketId, position: 2, expectedWaitSeconds: 150 });
    expect(await shopper.waitForEvent('queue.position', () => true, from)).toMatchObject({ position: 2 });
    const waiting = await eventually(async () => {
      const conversation = await chat.app.service.find(conversationId);
      expect(conversation?.queue?.position).toBe(2);
      return conversation;
    });
    expect(waiting?.handoff?.ticketId).toBe(ticketId);

    // An agent watching the ticket on the agents' side.
    const agent: ClientSocket = connectClient(`${agentsUrl}/agents`, { transports: ['websocket'], forceNew: true });
    const agentEvents: Array<{ event: string; payload: unknown }> = [];
    agent.onAny((event: string, payload: unknown) => agentEvents.push({ event, payload }));
    await agent.timeout(5000).emitWithAck('watch', ticketId);

    const ack = await shopper.send('are you there?');
    expect(ack.ok).toBe(true);
    const messageId = ack.ok ? ack.messageId : '';
    const forwarded = await eventually(async () => {
      const job = await chat.jobQueue(chatQueueNames.shopperMessages).getJob(`chat-message-${messageId}`);
      return shopperMessageJobSchema.parse(job?.data);
    });
    expect(forwarded).toMatchObject({ conversationId, ticketId, message: { id: messageId, body: 'are you there?' } });
    shopper.socket.emit('typing', { typing: true });
    await eventually(async () =>
      expect(agentEvents).toContainEqual({
        event: 'shopper.typing',
        payload: { ticketId, conversationId, typing: true },
      }),
    );
    agent.disconnect();

    // The agent's reply, emitted by ticketing from its own Redis connection.
    ticketing.to(room).emit('typing', { ticketId, author: { kind: 'agent', name: 'Mei' }, typing: true });
    expect(
      await shopper.waitForEvent('typing', (event) => (event as { author: { kind: string } }).author.kind === 'agent'),
    ).toMatchObject({ typing: true });
    const reply = { ticketId, message: agentMessage('msg_agent_0001', 'Mei', 'Hi, I am Mei. Let me check.') };
    ticketing.to(room).emit('message.created', reply);
    const shown = await shopper.waitForEvent(
      'message.created',
      (event) => (event as { message: ChatMessage }).message.id === 'msg_agent_0001',
    );
    expect(shown).toEqual(reply);
    await shopper.waitForEvent('conversation.updated', (event) => (event as { state: string }).state === 'agent');
    const stored = await eventually(async () => {
      const conversation = await chat.app.service.find(conversationId);
      expect(conversation?.messages.map((message) => message.id)).toContain('msg_agent_0001');
      return conversation;
    });
    expect(stored?.state).toBe('agent');
    expect(stored?.messages.find((message) => message.id === 'msg_agent_0001')?.author).toEqual({
      kind: 'agent',
      id: 'agt_1',
      name: 'Mei',
    });
    // Delivered again (a retry on ticketing's side): stored once.
    ticketing.to(room).emit('message.created', reply);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await chat.app.service.find(conversationId);
    expect(after?.messages.filter((message) => message.id === 'msg_agent_0001')).toHaveLength(1);
  });

  it('passes the shopper typing to agents watching the handoff ticket before ticketing has named it', async () => {
    const shopper = await chat.connect();
    const conversationId = await handedOff(shopper);
    // No queue.position or other ticketing event yet: the chat has not learned the ticket id.
    expect((await chat.app.service.find(conversationId))?.handoff?.ticketId).toBeNull();
    const agent: ClientSocket = connectClient(`${agentsUrl}/agents`, { transports: ['websocket'], forceNew: true });
    const agentEvents: Array<{ event: string; payload: unknown }> = [];
    agent.onAny((event: string, payload: unknown) => agentEvents.push({ event, payload }));
    await agent.timeout(5000).emitWithAck('watch', handoffTicketId(conversationId));

    shopper.socket.emit('typing', { typing: true });
    await eventually(async () =>
      expect(agentEvents).toContainEqual({
        event: 'shopper.typing',
        payload: { ticketId: handoffTicketId(conversationId), conversationId, typing: true },
      }),
    );
    agent.disconnect();
  });

  it('records agent replies and the resolution queued by ticketing while the shopper is away; they find both when they come back', async () => {
    const shopper = await chat.connect();
    const { conversationId, sessionToken } = await shopper.start();
    await shopper.ask('talk to a human');
    shopper.socket.disconnect();
    const ticketId = handoffTicketId(conversationId);
    const agentEvents = chat.jobQueue(chatQueueNames.agentEvents);
    const reply = agentEventJobSchema.parse({
      kind: 'agent_message',
      conversationId,
      event: {
        conversationId,
        ticketId,
        message: agentMessage('msg_agent_away_1', 'Ravi', 'Your parcel left the depot this morning.', 'agt_2'),
      },
    });
    // Queued twice under its id (a retried ticket write) and once more as a new job (a redelivery): stored once.
    await agentEvents.add(reply, { jobId: agentEventJobId(reply) });
    await agentEvents.add(reply, { jobId: agentEventJobId(reply) });
    await agentEvents.add(reply, { jobId: `${agentEventJobId(reply)}-again` });
    const withAgent = await eventually(async () => {
      const conversation = await chat.app.service.find(conversationId);
      expect(conversation?.state).toBe('agent');
      expect(conversation?.messages.filter((message) => message.id === 'msg_agent_away_1')).toHaveLength(1);
      expect(await agentEvents.getCompletedCount()).toBe(2);
      return conversation;
    });
    expect(withAgent?.handoff?.ticketId).toBe(ticketId);

    const resolved = agentEventJobSchema.parse({
      kind: 'ticket_resolved',
      conversationId,
      event: { ticketId, conversationId, resolvedAt: new Date().toISOString() },
    });
    await agentEvents.add(resolved, { jobId: agentEventJobId(resolved) });
    await agentEvents.add(resolved, { jobId: `${agentEventJobId(resolved)}-again` });
    await eventually(async () => expect(await agentEvents.getCompletedCount()).toBe(4));
    const closed = await chat.app.service.find(conversationId);
    expect(closed?.state).toBe('closed');
    const csatQuestions = closed?.messages.filter((message) =>
      message.body.startsWith('Your request has been resolved.'),
    );
    expect(csatQuestions).toHaveLength(1);

    // Back with the session token: the reply and the survey question are in the history, and the survey goes on.
    const back = await chat.connect();
    const ready = await back.start({ sessionToken });
    expect(ready.resumed).toBe(true);
    const bodies = ready.messages.map((message) => message.body);
    expect(bodies).toContain('Your parcel left the depot this morning.');
    expect(bodies.at(-1)).toBe(
      'Your request has been resolved.\nHow would you rate the help you got? (1 = poor, 5 = great)',
    );
    const ces = await back.ask('4', { quickReply: 'survey.csat.4' });
    expect(ces.body).toContain('How easy was it to get help today?');
  });

  it('fails an agent event job that does not parse for good, naming the field, and keeps the conversation', async () => {
    const shopper = await chat.connect();
    const conversationId = await handedOff(shopper);
    const agentEvents = chat.jobQueue(chatQueueNames.agentEvents);
    const job = await agentEvents.add(
      { kind: 'agent_message', conversationId, event: { ticketId: 'tkt_x', message: { id: 'm 1', body: '' } } },
      { attempts: 5 },
    );
    await eventually(async () => expect(await (await agentEvents.getJob(job.id))?.isFailed()).toBe(true));
    const failed = await agentEvents.getJob(job.id);
    expect(failed?.failedReason).toMatch(/^Invalid agent event job: event\.message\./);
    // Discarded, not retried (it had 4 attempts left): nothing is waiting or delayed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await agentEvents.getJobCounts()).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
    expect(await (await agentEvents.getJob(job.id))?.isFailed()).toBe(true);
    const conversation = await chat.app.service.find(conversationId);
    expect(conversation?.state).toBe('waiting');
    expect(conversation?.messages.at(-1)?.body).toBe(
      "I'm connecting you with a person. Please stay here; they'll reply in this chat.",
    );
  });

  it('after ticket.resolved asks CSAT, CES and (once per 90 days per customer) NPS, stores the answers and publishes them', async () => {
    const shopper = await chat.connect();
    const identityToken = signIdentityToken(testIdentitySecret, 'cus_ada', new Date(Date.now() + 600_000));
    const ready = await shopper.start({ identityToken });
    const conversationId = ready.conversationId;
    await shopper.ask('talk to a human');
    const ticketId = handoffTicketId(conversationId);
    const ticketing = chat.ticketingEmitter().of('/chat');

    const from = shopper.events.length;
    ticketing
      .to(conversationRoom(conversationId))
      .emit('ticket.resolved', { ticketId, resolvedAt: new Date().toISOString() });
    const csat = await shopper.nextMessage(from);
    expect(csat.body).toBe(
      'Your request has been resolved.\nHow would you rate the help you got? (1 = poor, 5 = great)',
    );
    expect(csat.quickReplies?.map((reply) => reply.payload)).toEqual([
      'survey.csat.1',
      'survey.csat.2',
      'survey.csat.3',
      'survey.csat.4',
      'survey.csat.5',
      'survey.skip',
    ]);

    const ces = await shopper.ask('5', { quickReply: 'survey.csat.5' });
    expect(ces.body).toContain('How easy was it to get help today?');
    expect(ces.quickReplies).toHaveLength(8);
    const nps = await shopper.ask('6');
    expect(nps.body).toContain('How likely are you to recommend us');
    const thanks = await shopper.ask('9');
    expect(thanks.body).toBe('Thank you for your feedback! Write again any time.');

    const conversation = await chat.app.service.find(conversationId);
    expect(conversation?.state).toBe('closed');
    expect(conversation?.survey?.answers).toEqual({ csat: 5, ces: 6, nps: 9 });
    expect(conversation?.survey?.ticketId).toBe(ticketId);

    const surveys = chat.jobQueue(chatQueueNames.surveyAnswers);
    const last = surveyAnsweredEventSchema.parse((await surveys.getJob(`survey-answered-${conversationId}-nps`))?.data);
    expect(last).toMatchObject({
      conversationId,
      ticketId,
      customerId: 'cus_ada',
      handedOff: true,
      answers: { csat: 5, ces: 6, nps: 9 },
    });
    const first = surveyAnsweredEventSchema.parse(
      (await surveys.getJob(`survey-answered-${conversationId}-csat`))?.data,
    );
    expect(first.answers).toEqual({ csat: 5 });
    const closed = conversationClosedEventSchema.parse(
      (await chat.jobQueue(queueNames.metrics).getJob(conversationClosedJobId(conversationId)))?.data,
    );
    expect(closed).toMatchObject({ conversationId, handedOff: true, language: 'en' });

    // Resolved twice: the survey is not asked twice.
    const before = shopper.messages.length;
    ticketing
      .to(conversationRoom(conversationId))
      .emit('ticket.resolved', { ticketId, resolvedAt: new Date().toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(shopper.messages).toHaveLength(before);

    // Asking for a person again after the chat ended reopens it into the queue.
    expect((await shopper.ask('talk to a human')).body).toMatch(/^I'm connecting you with a person/);
    expect((await chat.app.service.find(conversationId))?.state).toBe('waiting');

    // The same customer's next chat, closed by the bot: CSAT and CES, but no NPS within 90 days.
    const next = await chat.connect();
    await next.start({ identityToken });
    await next.ask('thanks!');
    const closing = await next.ask("No, that's all", { quickReply: 'conversation.end' });
    expect(closing.body).toBe('Glad I could help!\nHow would you rate the help you got? (1 = poor, 5 = great)');
    await next.ask('4');
    expect((await next.ask('7')).body).toBe('Thank you for your feedback! Write again any time.');
  });

  it('offers a person after two messages it cannot understand, and hands off when accepted', async () => {
    const shopper = await chat.connect();
    const { conversationId } = await shopper.start();
    expect((await shopper.ask('blorp zzz')).body).toMatch(/^Sorry, I didn't get that/);
    const offer = await shopper.ask('qwfp arst');
    expect(offer.body).toBe("I'm still not getting it, sorry. Would you like to talk to a person?");
    expect(offer.quickReplies?.map((reply) => reply.payload)).toEqual(['handoff.accept', 'handoff.decline']);
    await shopper.ask('Yes, connect me', { quickReply: 'handoff.accept' });
    const job = await chat.jobQueue(queueNames.handoff).getJob(handoffJobId(conversationId));
    expect(handoffJobSchema.parse(job?.data).reason).toBe('repeated_fallback');
  });

  /** The bot's next `count` messages after sending `text`, in order. */
  async function botReplies(shopper: ChatClient, text: string, count: number): Promise<string[]> {
    const from = shopper.events.length;
    await shopper.send(text);
    const seen = new Set<string>();
    const bodies: string[] = [];
    for (let i = 0; i < count; i++) {
      const created = (await shopper.waitForEvent(
        'message.created',
        (event) => {
          const message = (event as { message: ChatMessage }).message;
          return message.author.kind === 'bot' && !seen.has(message.id);
        },
        from,
      )) as { message: ChatMessage };
      seen.add(created.message.id);
      bodies.push(created.message.body);
    }
    return bodies;
  }

  it("asks for the email of a missing parcel's order first, shows its tracking, then hands off as the verified customer", async () => {
    const shopper = await chat.connect();
    const { conversationId } = await shopper.start();
    const [question] = await botReplies(shopper, 'my parcel never arrived, order 1042', 1);
    expect(question).toMatch(/^I'm sorry it hasn't reached you\. .*email address you used for it\.$/);
    expect(await chat.jobQueue(queueNames.handoff).getJob(handoffJobId(conversationId))).toBeNull();
    const [tracking, handedOff] = await botReplies(shopper, adaOrder.customer.email, 2);
    expect(tracking).toMatch(/^Thanks, that matches\.\nHere's what the tracking shows:\nOrder #1042/);
    expect(tracking).toContain('UPS 1Z999AA10123456784, in transit');
    expect(handedOff).toMatch(/^I'm sorry about that/);
    const job = handoffJobSchema.parse(
      (await chat.jobQueue(queueNames.handoff).getJob(handoffJobId(conversationId)))?.data,
    );
    expect(job).toMatchObject({
      reason: 'sensitive_issue',
      issueKind: 'order_missing',
      customerId: adaOrder.customer.id,
      orderNumber: '1042',
      namedOrders: [{ number: '1042', verified: true }],
      shopperVerification: 'verified',
    });
  });

  it('shows a signed-in shopper the tracking of their missing parcel and hands off at once, as them', async () => {
    const shopper = await chat.connect();
    const identityToken = signIdentityToken(testIdentitySecret, 'cus_ada', new Date(Date.now() + 600_000));
    const { conversationId } = await shopper.start({ identityToken });
    const [tracking, handedOff] = await botReplies(shopper, 'my parcel never arrived, order 1042', 2);
    expect(tracking).toMatch(/^Here's what the tracking shows:\nOrder #1042/);
    expect(tracking).toContain('UPS 1Z999AA10123456784, in transit');
    expect(handedOff).toMatch(/^I'm sorry about that/);
    const job = handoffJobSchema.parse(
      (await chat.jobQueue(queueNames.handoff).getJob(handoffJobId(conversationId)))?.data,
    );
    expect(job).toMatchObject({
      customerId: 'cus_ada',
      namedOrders: [{ number: '1042', verified: true }],
      shopperVerification: 'verified',
    });
  });

  it('hands a missing parcel off unverified, marked, after two emails that do not match, showing nothing of the order', async () => {
    const shopper = await chat.connect();
    const { conversationId } = await shopper.start();
    await botReplies(shopper, 'the parcel from order 1042 arrived smashed', 1);
    const [again] = await botReplies(shopper, 'guess@example.com', 1);
    expect(again).toMatch(/^I couldn't confirm that\./);
    const [notVerified, handedOff] = await botReplies(shopper, 'other.guess@example.com', 2);
    expect(notVerified).toMatch(/without confirming the order/);
    expect(handedOff).toMatch(/^I'm sorry about that/);
    const job = handoffJobSchema.parse(
      (await chat.jobQueue(queueNames.handoff).getJob(handoffJobId(conversationId)))?.data,
    );
    expect(job).toMatchObject({
      issueKind: 'order_damaged',
      orderNumber: '1042',
      namedOrders: [{ number: '1042', verified: false }],
      shopperVerification: 'not_matched',
    });
    expect(job.customerId).toBeUndefined();
    const conversation = await chat.app.service.find(conversationId);
    expect(conversation?.messages.map((message) => message.body).join('\n')).not.toContain('1Z999AA10123456784');
  });

  it('counts a chat the bot closed without a person as not handed off', async () => {
    const shopper = await chat.connect();
    const { conversationId } = await shopper.start();
    await shopper.ask('how much is shipping to Canada'); // a chat opened and never written in is not stored, nor counted
    shopper.socket.emit('conversation.end', {});
    await shopper.waitForEvent('conversation.updated', (event) => (event as { state: string }).state === 'closed');
    const closed = conversationClosedEventSchema.parse(
      (await chat.jobQueue(queueNames.metrics).getJob(conversationClosedJobId(conversationId)))?.data,
    );
    expect(closed).toMatchObject({ conversationId, handedOff: false });
  });
});
