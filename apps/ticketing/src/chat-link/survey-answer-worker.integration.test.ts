import type Bull from 'bull';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyAnsweredJobId, type SurveyAnsweredEvent } from '@loyaldesk/contracts/chat-jobs';
import { handoffJobId, handoffTicketId, type HandoffJob } from '@loyaldesk/contracts/handoff';
import { signedInClient, startWiredTestApp, type WiredTestApp } from '../testing/test-app.ts';
import { until } from '../testing/until.ts';

/** The job's return value once it completed (the worker's SurveyAnswerOutcome). */
async function completedResult(queue: Bull.Queue<unknown>, jobId: string): Promise<unknown> {
  const job = await until(async () => {
    const found = await queue.getJob(jobId);
    if (found && (await found.isFailed())) throw new Error(`job ${jobId} failed: ${found.failedReason ?? ''}`);
    // Read again once completed: the copy read before may predate the result (it finished in between).
    return found && (await found.isCompleted()) ? queue.getJob(jobId) : null;
  }, `job ${jobId} to complete`);
  return job.returnvalue;
}

// The survey worker as ticketing runs it (startTicketing wires it to the tickets and the profiles).
describe('survey answers reach the ticket and the customer', () => {
  let app: WiredTestApp;
  const answeredAt = (minutesAgo: number): string => new Date(Date.now() - minutesAgo * 60_000).toISOString();

  beforeAll(async () => {
    app = await startWiredTestApp();
    for (const [number, id] of [['2001', 'cus_bot_only'], ['2002', 'cus_handed_off']] as const) {
      await app.profiles.ingestOrder({
        number,
        customer: { id, email: `${id}@example.com` },
        placedAt: answeredAt(60 * 24 * 10),
        status: 'delivered',
        currency: 'USD',
        lineItems: [{ sku: 'LAMP', name: 'Desk lamp', quantity: 1, unitPrice: 5_000 }],
        totals: { subtotal: 5_000, total: 5_000 },
      });
    }
  });
  afterAll(async () => {
    await app.stop();
  });

  it('records a bot-only chat (no ticket) on the customer and in the bot’s CSAT and CES, once per survey', async () => {
    const queue = app.service.jobQueues.surveyAnswers;
    // The chat bot publishes `conversation.closed` when it closes the chat, before it asks.
    const closedAt = answeredAt(3);
    await app.service.metrics.recordConversationClosed({
      conversationId: 'conv_bot_only',
      closedAt,
      handedOff: false,
      language: 'en',
    });
    const event = (answers: SurveyAnsweredEvent['answers'], at: string): SurveyAnsweredEvent => ({
      conversationId: 'conv_bot_only',
      ticketId: null,
      customerId: 'cus_bot_only',
      language: 'en',
      handedOff: false,
      answers,
      answeredAt: at,
    });
    // Each answer is sent again with all the earlier ones; the second job lands first here.
    const second = surveyAnsweredJobId('conv_bot_only', 'ces');
    const first = surveyAnsweredJobId('conv_bot_only', 'csat');
    const [firstAt, secondAt] = [answeredAt(2), answeredAt(1)];
    await queue.add(event({ csat: 2, ces: 5 }, secondAt), { jobId: second });
    expect(await completedResult(queue, second)).toMatchObject({
      ticket: null,
      customer: { customerId: 'cus_bot_only', counted: true },
    });
    await queue.add(event({ csat: 2 }, firstAt), { jobId: first });
    expect(await completedResult(queue, first)).toMatchObject({ ticket: null, customer: { counted: false } });

    // Counted once on the chat's closing day: one rating of 2 (not positive), one effort answer of 5.
    const day = closedAt.slice(0, 10);
    const dashboard = await app.service.metrics.getDashboard({ from: day, to: day });
    expect(dashboard.botCsatScore).toEqual({ score: 0, responses: 1, positive: 0, average: 2 });
    expect(dashboard.botEffortScore).toEqual({ average: 5, responses: 1 });
    expect(dashboard.csatScore.responses).toBe(0);
    // A survey whose chat's close is not counted yet waits for it: the attempt fails (Bull retries).
    await expect(app.service.metrics.recordConversationSurvey('conv_not_closed', { csat: 5 })).rejects.toThrow(
      /not counted as closed yet/,
    );

    // The latest delivery's scores; the older one arriving late changes nothing.
    const customer = await app.profiles.getCustomer('cus_bot_only');
    expect(customer?.feedback).toEqual({
      responses: 1,
      lastCsat: { score: 2, at: new Date(secondAt) },
      lastCes: { score: 5, at: new Date(secondAt) },
    });

    // The last question, NPS, rates the shop: it counts in the shop's NPS with the tickets' answers.
    const third = surveyAnsweredJobId('conv_bot_only', 'nps');
    const thirdAt = answeredAt(0.5);
    await queue.add(event({ csat: 2, ces: 5, nps: 10 }, thirdAt), { jobId: third });
    expect(await completedResult(queue, third)).toMatchObject({ ticket: null, customer: { counted: false } });
    const after = await app.service.metrics.getDashboard({ from: day, to: day });
    expect(after.netPromoterScore).toEqual({ score: 100, responses: 1, promoters: 1, detractors: 0 });
    expect(after.botCsatScore.responses).toBe(1);
    expect((await app.profiles.getCustomer('cus_bot_only'))?.feedback?.lastNps).toEqual({ score: 10, at: new Date(thirdAt) });
  });

  it('records a handed-off chat on its resolved ticket and on the customer, whom the desk shows it', async () => {
    const conversationId = 'conv_handed_off';
    const ticketId = handoffTicketId(conversationId);
    const handoff: HandoffJob = {
      conversationId,
      customerId: 'cus_handed_off',
      language: 'en',
      issueKind: 'general',
      reason: 'requested',
      transcriptSummary: 'The shopper asked for a person.',
      requestedAt: new Date().toISOString(),
    };
    await app.service.jobQueues.handoff.add(handoff, { jobId: handoffJobId(conversationId) });
    await until(() => app.ticketing.ticketRepository.findById(ticketId), 'the handoff ticket');
    const agent = await signedInClient(app, 'agent');
    expect((await agent.request('POST', `/api/tickets/${ticketId}/claim`)).status).toBe(200);
    expect((await agent.request('POST', `/api/tickets/${ticketId}/resolve`)).status).toBe(200);

    const queue = app.service.jobQueues.surveyAnswers;
    const at = answeredAt(0);
    const jobId = surveyAnsweredJobId(conversationId, 'nps');
    await queue.add(
      { conversationId, ticketId, customerId: 'cus_handed_off', language: 'en', handedOff: true, answers: { csat: 5, ces: 7, nps: 10 }, answeredAt: at },
      { jobId },
    );
    expect(await completedResult(queue, jobId)).toMatchObject({
      ticket: { ticketId, survey: { csat: 5, ces: 7, nps: 10 } },
      customer: { customerId: 'cus_handed_off', counted: true },
    });
    expect((await app.ticketing.ticketRepository.findById(ticketId))?.survey).toMatchObject({ csat: 5, ces: 7, nps: 10 });

    // The customer 360 of the ticket carries the latest scores.
    const shown = await agent.request('GET', `/api/tickets/${ticketId}`);
    expect(shown.status).toBe(200);
    expect((shown.body as { customer: { feedback?: unknown } }).customer.feedback).toEqual({
      responses: 1,
      lastNps: { score: 10, at },
      lastCsat: { score: 5, at },
      lastCes: { score: 7, at },
    });
  });
});
