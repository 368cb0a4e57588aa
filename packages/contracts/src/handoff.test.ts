import { describe, expect, it } from 'vitest';
import { handoffJobId, handoffJobSchema, handoffTicketId } from './handoff.ts';
import { queueNames } from './queue-names.ts';

const valid = {
  conversationId: 'conv_42',
  customerId: 'cus_7',
  language: 'zh-Hant',
  issueKind: 'order_missing',
  reason: 'requested',
  transcriptSummary: 'Parcel #1042 shows delivered but never arrived.',
  orderNumber: '1042',
  requestedAt: '2025-03-01T10:00:00.000Z',
};

describe('handoffJobSchema', () => {
  it('accepts a complete payload and keeps its values', () => {
    const parsed = handoffJobSchema.parse(valid);
    expect(parsed.language).toBe('zh-Hant');
    expect(parsed.issueKind).toBe('order_missing');
    expect(parsed.customerId).toBe('cus_7');
  });

  it('accepts a payload for a shopper who is not known yet', () => {
    const { customerId: _customerId, orderNumber: _orderNumber, ...anonymous } = valid;
    expect(handoffJobSchema.parse(anonymous).customerId).toBeUndefined();
  });

  it('carries the orders named in the chat, each marked, and how the shopper was verified', () => {
    const parsed = handoffJobSchema.parse({
      ...valid,
      namedOrders: [
        { number: '1042', verified: true },
        { number: '1040', verified: false },
      ],
      shopperVerification: 'verified',
    });
    expect(parsed.namedOrders).toEqual([
      { number: '1042', verified: true },
      { number: '1040', verified: false },
    ]);
    expect(parsed.shopperVerification).toBe('verified');
  });

  it('names the field that is wrong', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...valid, language: 'fr' }, 'language'],
      [{ ...valid, issueKind: 'haunted_parcel' }, 'issueKind'],
      [{ ...valid, conversationId: 'conv:42' }, 'conversationId'],
      [{ ...valid, transcriptSummary: '   ' }, 'transcriptSummary'],
      [{ ...valid, requestedAt: 'yesterday' }, 'requestedAt'],
      [{ ...valid, namedOrders: [{ number: '1038', verified: 'yes' }] }, 'namedOrders.0.verified'],
      [{ ...valid, namedOrders: [{ number: ' ', verified: true }] }, 'namedOrders.0.number'],
      [
        {
          ...valid,
          namedOrders: Array.from({ length: 21 }, (_, i) => ({ number: String(2000 + i), verified: false })),
        },
        'namedOrders',
      ],
      [{ ...valid, shopperVerification: 'trust_me' }, 'shopperVerification'],
    ];
    for (const [input, field] of cases) {
      const result = handoffJobSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path.join('.')).toBe(field);
    }
  });
});

describe('handoffJobId', () => {
  it('is the same for the same conversation and differs between conversations', () => {
    expect(handoffJobId('conv_42')).toBe(handoffJobId('conv_42'));
    expect(handoffJobId('conv_42')).not.toBe(handoffJobId('conv_43'));
  });
});

describe('handoffTicketId', () => {
  it('names one ticket per conversation, the id ticketing opens it under', () => {
    expect(handoffTicketId('conv_42')).toBe('tkt_conv_conv_42');
    expect(handoffTicketId('conv_42')).not.toBe(handoffTicketId('conv_43'));
  });
});

describe('queueNames', () => {
  it('gives every queue a distinct name', () => {
    const names = Object.values(queueNames);
    expect(new Set(names).size).toBe(names.length);
  });
});
