import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '@loyaldesk/platform/errors';
import { createTestDatabase, type TestDatabase } from '@loyaldesk/platform/testing';
import { feedbackSourceLimit } from '../schemas/customer.ts';
import { makeOrder } from '../test-support/order-factory.ts';
import { createCustomerProfileService, type CustomerProfileService } from './customer-profile-service.ts';
import { customerProfileCollections } from './models.ts';

const now = new Date('2026-06-01T00:00:00Z');
const clock = (): Date => now;
const minutesAgo = (n: number): Date => new Date(now.getTime() - n * 60_000);

describe('CustomerProfileService.recordFeedback', () => {
  let db: TestDatabase;
  let service: CustomerProfileService;
  let orderNumber = 9000;

  const customerWithAnOrder = async (id: string): Promise<void> => {
    await service.ingestOrder(
      makeOrder({ number: String(orderNumber++), customer: { id, email: `${id}@example.com` }, placedAt: minutesAgo(60 * 24 * 3) }),
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    service = createCustomerProfileService({ connection: db.connection, clock });
    await service.init();
  });
  afterAll(() => db.drop());

  it('keeps the latest score per question and counts each survey once, however often it is delivered', async () => {
    await customerWithAnOrder('cus_fb1');
    // One chat survey's growing answers (each delivery carries all so far), redelivered out of order.
    const first = { csat: 4 };
    const second = { csat: 4, ces: 6 };
    const third = { csat: 4, ces: 6, nps: 9 };
    expect((await service.recordFeedback('cus_fb1', second, minutesAgo(9), 'conv_a'))?.counted).toBe(true);
    expect((await service.recordFeedback('cus_fb1', third, minutesAgo(8), 'conv_a'))?.counted).toBe(false);
    expect((await service.recordFeedback('cus_fb1', first, minutesAgo(10), 'conv_a'))?.counted).toBe(false);
    expect((await service.recordFeedback('cus_fb1', third, minutesAgo(8), 'conv_a'))?.counted).toBe(false);

    const profile = await service.getCustomer('cus_fb1');
    // Every score is the latest delivery's (the event's answeredAt is that of its newest answer).
    expect(profile?.feedback).toEqual({
      responses: 1,
      lastCsat: { score: 4, at: minutesAgo(8) },
      lastCes: { score: 6, at: minutesAgo(8) },
      lastNps: { score: 9, at: minutesAgo(8) },
    });
    // The desk's profile does not carry the idempotence bookkeeping.
    expect(profile?.feedback).not.toHaveProperty('recentSources');
  });

  it('a newer survey replaces only the scores it carries; a late older one changes no score', async () => {
    await customerWithAnOrder('cus_fb2');
    await service.recordFeedback('cus_fb2', { csat: 5, nps: 10 }, minutesAgo(30), 'conv_old');
    await service.recordFeedback('cus_fb2', { csat: 2 }, minutesAgo(5), 'conv_new');
    // A redelivery of the older survey arriving last.
    const late = await service.recordFeedback('cus_fb2', { csat: 5, nps: 10 }, minutesAgo(30), 'conv_old');
    expect(late).toEqual({
      counted: false,
      feedback: { responses: 2, lastCsat: { score: 2, at: minutesAgo(5) }, lastNps: { score: 10, at: minutesAgo(30) } },
    });
  });

  it('converges under concurrent deliveries of several surveys', async () => {
    await customerWithAnOrder('cus_fb3');
    const deliveries = Array.from({ length: 5 }, (_, survey) =>
      Array.from({ length: 4 }, () => service.recordFeedback('cus_fb3', { csat: survey + 1 }, minutesAgo(50 - survey), `conv_c${survey}`)),
    ).flat();
    await Promise.all(deliveries);
    expect((await service.getCustomer('cus_fb3'))?.feedback).toEqual({ responses: 5, lastCsat: { score: 5, at: minutesAgo(46) } });
  });

  it(`stays bounded: remembers the last ${feedbackSourceLimit} surveys`, async () => {
    await customerWithAnOrder('cus_fb4');
    for (let i = 0; i < feedbackSourceLimit + 5; i++) await service.recordFeedback('cus_fb4', { ces: 3 }, minutesAgo(100 - i), `conv_b${i}`);
    const { customers } = customerProfileCollections(db.connection);
    const stored = await customers.findOne({ _id: 'cus_fb4' });
    expect(stored?.feedback?.responses).toBe(feedbackSourceLimit + 5);
    expect(stored?.feedback?.recentSources).toHaveLength(feedbackSourceLimit);
    expect(stored?.feedback?.recentSources.at(-1)).toBe(`conv_b${feedbackSourceLimit + 4}`);
    expect(stored?.feedback?.recentSources[0]).toBe('conv_b5');
  });

  it('survives order ingestion and a rebuild of every customer from the orders', async () => {
    await customerWithAnOrder('cus_fb5');
    await service.recordFeedback('cus_fb5', { nps: 3, csat: 1 }, minutesAgo(20), 'conv_r');
    const expected = { responses: 1, lastNps: { score: 3, at: minutesAgo(20) }, lastCsat: { score: 1, at: minutesAgo(20) } };

    // A new order rewrites the customer's derived fields with its compare-and-set on `version`.
    const ingested = await customerWithAnOrderResult('cus_fb5');
    expect(ingested.customerChanged).toBe(true);
    expect(ingested.customer.feedback).toEqual(expected);
    expect((await service.getCustomer('cus_fb5'))?.stats.orderCount).toBe(2);
    expect((await service.getCustomer('cus_fb5'))?.feedback).toEqual(expected);

    await service.rebuildProfiles();
    const rebuilt = await service.getCustomer('cus_fb5');
    expect(rebuilt?.stats.orderCount).toBe(2);
    expect(rebuilt?.feedback).toEqual(expected);
    // And the order path still works after both (its version check is untouched by feedback writes).
    await service.recordFeedback('cus_fb5', { csat: 5 }, minutesAgo(1), 'conv_r2');
    await customerWithAnOrder('cus_fb5');
    const after = await service.getCustomer('cus_fb5');
    expect(after?.stats.orderCount).toBe(3);
    expect(after?.feedback).toMatchObject({ responses: 2, lastCsat: { score: 5, at: minutesAgo(1) } });
  });

  async function customerWithAnOrderResult(id: string) {
    return service.ingestOrder(
      makeOrder({ number: String(orderNumber++), customer: { id, email: `${id}@example.com` }, placedAt: minutesAgo(60 * 24) }),
    );
  }

  it('creates nothing for an unknown customer, and refuses bad answers by field', async () => {
    expect(await service.recordFeedback('cus_nobody', { csat: 5 }, now, 'conv_x')).toBeNull();
    expect(await service.getCustomer('cus_nobody')).toBeNull();
    await expect(service.recordFeedback('cus_fb1', { csat: 6 }, now, 'conv_y')).rejects.toThrow(ValidationError);
    await expect(service.recordFeedback('cus_fb1', {}, now, 'conv_y')).rejects.toThrow(/answers/);
  });

  it('leaves customers without feedback as they were (no field until the first answer)', async () => {
    await customerWithAnOrder('cus_fb6');
    const profile = await service.getCustomer('cus_fb6');
    expect(profile).not.toBeNull();
    expect(profile).not.toHaveProperty('feedback');
  });
});
