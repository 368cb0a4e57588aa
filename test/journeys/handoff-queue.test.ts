// J5: "talk to a human" becomes exactly one ticket, and the shopper sees their place in line move.
import Bull from 'bull';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatServerEvents, queuePositionEventSchema } from '@loyaldesk/contracts/chat-events';
import { handoffJobId } from '@loyaldesk/contracts/handoff';
import { queueNames } from '@loyaldesk/contracts/queues';
import { signInAgent, type AgentSession } from '../support/agent-session.ts';
import { eventually } from '../support/eventually.ts';
import { connectShopper, type ShopperClient } from '../support/shopper-client.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { ticketResultViewSchema } from '../support/ticket-views.ts';

describe('J5: handoff to the ticket queue', () => {
  let stack: Stack;
  let agent: AgentSession;
  let shopper: ShopperClient;
  let handoffQueue: Bull.Queue<unknown>;
  let mongo: MongoClient;

  beforeAll(async () => {
    stack = await startStack();
    agent = await signInAgent(stack.ticketingUrl, 'agent');
    handoffQueue = new Bull(queueNames.handoff, stack.redisUrl, { prefix: stack.bullPrefix });
    mongo = await MongoClient.connect(stack.mongoUri);
  }, 240_000);
  afterAll(async () => {
    shopper?.close();
    await handoffQueue?.close();
    await mongo?.close();
    await stack?.stop();
  }, 60_000);

  it('opens one ticket for a handoff delivered twice, tells the shopper their place, and moves it when a ticket ahead is claimed', async () => {
    // A web-form ticket in the same routing group (English, general question) opened first: ahead in line.
    const earlier = await agent.expect('post', '/tickets', ticketResultViewSchema, {
      email: 'bo@example.com',
      subject: 'Question about my account',
      message: 'Can I change the email on my account?',
      language: 'en',
      issueKind: 'general',
    });
    const earlierId = earlier.ticket?.id;
    expect(earlierId).toBeDefined();

    shopper = await connectShopper(stack.chatUrl);
    const { conversationId } = await shopper.start({ language: 'en' });
    const ticketId = `tkt_conv_${conversationId}`;
    const from = shopper.events.length;
    expect((await shopper.ask('talk to a human')).body).toMatch(/^I'm connecting you with a person/);

    const place = await shopper.waitFor(chatServerEvents.queuePosition, queuePositionEventSchema, { from });
    expect(place).toEqual({ ticketId, conversationId, position: 2, expectedWaitSeconds: null });

    // The same handoff job id again: Bull keeps the completed job, so nothing is added…
    const jobId = handoffJobId(conversationId);
    const delivered = await eventually('the handoff job to complete', async () =>
      (await handoffQueue.getJob(jobId))?.isCompleted(),
    );
    expect(delivered).toBe(true);
    const original = await handoffQueue.getJob(jobId);
    const again = await handoffQueue.add(original?.data, { jobId });
    expect(again.id).toBe(jobId);
    // …and once that job is gone (Bull's retention, a producer that re-adds it), ticketing runs it again: still one ticket.
    await original?.remove();
    const redeliveryFrom = shopper.events.length;
    await handoffQueue.add(original?.data, { jobId });
    await eventually('the redelivered handoff job to complete', async () =>
      (await handoffQueue.getJob(jobId))?.isCompleted(),
    );
    const tickets = mongo.db(stack.dbName).collection('tickets');
    expect(await tickets.countDocuments({ conversationId })).toBe(1);
    // The redelivery announces the place again (the chat may have missed the first).
    expect(
      await shopper.waitFor(chatServerEvents.queuePosition, queuePositionEventSchema, { from: redeliveryFrom }),
    ).toMatchObject({
      ticketId,
      position: 2,
    });

    // An agent takes the next ticket: the earlier one. The shopper moves up, and now there is a claim rate to estimate from.
    const movedFrom = shopper.events.length;
    const claimed = await agent.expect('post', '/tickets/claim-next', ticketResultViewSchema);
    expect(claimed.ticket?.id).toBe(earlierId);
    const moved = await shopper.waitFor(chatServerEvents.queuePosition, queuePositionEventSchema, {
      from: movedFrom,
      // A refresh between the pop and the claim's confirmation may first say "1, wait unknown".
      matches: (event) => event.position === 1 && event.expectedWaitSeconds !== null,
    });
    expect(moved.ticketId).toBe(ticketId);
    expect(moved.expectedWaitSeconds).toEqual(expect.any(Number));
    expect(moved.expectedWaitSeconds).toBeGreaterThan(0);
  });
});
