import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRedis, type TestRedis } from '@loyaldesk/platform/testing';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { buildTicket } from '../testing/ticket-fixtures.ts';
import { createTicketIndex } from './ticket-index.ts';

describe('ticket index', () => {
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await createTestRedis();
  });
  afterAll(async () => {
    await redis.cleanup();
  });

  it('indexes a ticket whose text has a lone surrogate (Redis cjson cannot read its escape back): as MongoDB stores it, with U+FFFD', async () => {
    const index = createTicketIndex({ redis: redis.redis, prefix: redis.prefix });
    const ticket = {
      ...buildTicket(
        'tkt_surrogate',
        { createdAt: new Date(), tier: 'bronze', valuePercentile: null, issueKind: 'general' },
        defaultSlaPolicy,
      ),
      subject: 'broken \uD83D half',
      customerName: '\uDC00Mei',
    };
    await index.update(ticket);
    // The next version is compared with the indexed one, which the script then has to read back.
    await index.update({ ...ticket, version: ticket.version + 1 });
    const page = await index.list({ status: 'open', limit: 10 });
    expect(page.items.map((item) => [item.id, item.subject, item.customerName])).toEqual([
      ['tkt_surrogate', 'broken \uFFFD half', '\uFFFDMei'],
    ]);
  });
});
