// J7: a shopper and an agent chat live across the two apps, then the shopper rates the help.
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chatServerEvents,
  messageCreatedEventSchema,
  queuePositionEventSchema,
  ticketResolvedEventSchema,
  typingEventSchema,
} from '@loyaldesk/contracts/chat-events';
import { connectAgentSocket, signInAgent, type AgentSession } from '../support/agent-session.ts';
import { demoShopper, seedDemoShop } from '../support/demo-shop.ts';
import { eventually } from '../support/eventually.ts';
import { connectShopper, type ShopperClient } from '../support/shopper-client.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { ticketDetailViewSchema, ticketResultViewSchema } from '../support/ticket-views.ts';

describe('J7: live chat between a shopper and an agent', () => {
  let stack: Stack;
  let agent: AgentSession;
  let agentSocket: Socket | undefined;
  let shopper: ShopperClient;

  beforeAll(async () => {
    stack = await startStack();
    await seedDemoShop(stack);
    agent = await signInAgent(stack.ticketingUrl, 'agent');
  }, 240_000);
  afterAll(async () => {
    shopper?.close();
    agentSocket?.close();
    await stack?.stop();
  }, 60_000);

  const ticketOf = async (ticketId: string) =>
    (await agent.expect('get', `/tickets/${ticketId}`, ticketDetailViewSchema)).ticket;

  it('carries replies, messages and typing both ways, then the resolution and the survey answers', async () => {
    shopper = await connectShopper(stack.chatUrl);
    const { conversationId } = await shopper.start({ language: 'en' });
    await shopper.ask(`where is my order ${demoShopper.orderNumber}`);
    expect((await shopper.ask(demoShopper.email)).body).toContain(`Order #${demoShopper.orderNumber}`);
    const handoffFrom = shopper.events.length;
    expect((await shopper.ask('talk to a human')).body).toMatch(/^I'm connecting you with a person/);
    const { ticketId } = await shopper.waitFor(chatServerEvents.queuePosition, queuePositionEventSchema, { from: handoffFrom });
    expect(ticketId).toBe(`tkt_conv_${conversationId}`);

    // The agent takes the ticket and answers through ticketing's REST API (another process).
    expect((await agent.expect('post', `/tickets/${ticketId}/claim`, ticketResultViewSchema)).ticket?.status).toBe('assigned');
    const replyFrom = shopper.events.length;
    await agent.expect('post', `/tickets/${ticketId}/reply`, ticketResultViewSchema, { body: 'Hi Alice, I am looking at your parcel now.' });
    const reply = await shopper.waitFor(chatServerEvents.messageCreated, messageCreatedEventSchema, {
      from: replyFrom,
      matches: (event) => event.message.author.kind === 'agent',
    });
    expect(reply).toMatchObject({
      conversationId,
      ticketId,
      message: { body: 'Hi Alice, I am looking at your parcel now.', author: { kind: 'agent', name: 'Avery Agent' } },
    });

    // The shopper's answer reaches the ticket.
    const sent = await shopper.send('Thank you! It still shows in transit.');
    const withMessage = await eventually('the shopper message on the ticket', async () => {
      const ticket = await ticketOf(ticketId);
      return ticket.messages.some((message) => message.id === sent.messageId) ? ticket : null;
    });
    expect(withMessage.messages.find((message) => message.id === sent.messageId)).toMatchObject({
      author: { kind: 'customer' },
      visibility: 'public',
      body: 'Thank you! It still shows in transit.',
    });

    // The agent types: the shopper sees it.
    agentSocket = await connectAgentSocket(stack.ticketingUrl, agent);
    const typingFrom = shopper.events.length;
    const ack: unknown = await agentSocket.timeout(30_000).emitWithAck('typing', { ticketId, typing: true });
    expect(ack).toMatchObject({ ok: true });
    expect(
      await shopper.waitFor(chatServerEvents.typing, typingEventSchema, {
        from: typingFrom,
        matches: (event) => event.author.kind === 'agent',
      }),
    ).toEqual({ conversationId, ticketId, author: { kind: 'agent', name: 'Avery Agent' }, typing: true });

    // Resolved: the shopper is told, and the bot asks for a rating.
    const resolvedFrom = shopper.events.length;
    await agent.expect('post', `/tickets/${ticketId}/resolve`, ticketResultViewSchema);
    expect(await shopper.waitFor(chatServerEvents.ticketResolved, ticketResolvedEventSchema, { from: resolvedFrom })).toMatchObject({
      ticketId,
      conversationId,
    });
    const csatQuestion = await shopper.nextMessage(resolvedFrom);
    expect(csatQuestion.body).toContain('How would you rate the help you got?');
    expect(csatQuestion.quickReplies?.map((button) => button.payload)).toContain('survey.csat.5');

    // CSAT 5, CES 6 and (a verified customer, first time) NPS 9 reach the ticket.
    expect((await shopper.ask('5', { quickReply: 'survey.csat.5' })).body).toContain('How easy was it to get help today?');
    expect((await shopper.ask('6')).body).toContain('How likely are you to recommend us');
    expect((await shopper.ask('9')).body).toBe('Thank you for your feedback! Write again any time.');
    const rated = await eventually('all survey answers on the ticket', async () => {
      const ticket = await ticketOf(ticketId);
      return ticket.survey?.nps === 9 ? ticket : null;
    });
    expect(rated.survey).toMatchObject({ csat: 5, ces: 6, nps: 9 });
    expect(rated.status).toBe('resolved');
  });
});
