import { describe, expect, it } from 'vitest';
import { handoffJobSchema, handoffTicketId } from '@loyaldesk/contracts/handoff';
import { handoffTicketInput } from './handoff-ticket.ts';

const job = handoffJobSchema.parse({
  conversationId: 'conv_42',
  customerId: 'cus_7',
  language: 'zh-Hant',
  issueKind: 'order_missing',
  reason: 'repeated_fallback',
  transcriptSummary: 'Parcel #1042 shows delivered but never arrived.',
  orderNumber: '1042',
  requestedAt: '2026-03-01T10:00:00.000Z',
});

describe('handoffTicketInput', () => {
  it('opens a chat ticket with a natural id, the summary as an internal bot note, and the wait from the request', () => {
    const input = handoffTicketInput(job, new Date('2026-03-01T10:00:05.000Z'));
    expect(input).toMatchObject({
      id: 'tkt_conv_conv_42',
      customerId: 'cus_7',
      language: 'zh-Hant',
      issueKind: 'order_missing',
      channel: 'chat',
      conversationId: 'conv_42',
      orderNumber: '1042',
      firstShopperMessageAt: new Date('2026-03-01T10:00:00.000Z'),
    });
    expect(input.messages).toEqual([
      {
        author: { kind: 'bot', name: 'Bot' },
        visibility: 'internal',
        body: 'Handed off (repeated fallback): Parcel #1042 shows delivered but never arrived.',
        at: new Date('2026-03-01T10:00:00.000Z'),
      },
    ]);
  });

  it('never dates the shopper’s first message after the moment the handoff is processed', () => {
    const now = new Date('2026-03-01T09:59:00.000Z');
    expect(handoffTicketInput(job, now).firstShopperMessageAt).toEqual(now);
  });

  it('derives one ticket id per conversation', () => {
    expect(handoffTicketId('conv_42')).toBe(handoffTicketId('conv_42'));
    expect(handoffTicketId('conv_42')).not.toBe(handoffTicketId('conv_43'));
  });
});

describe('handoffTicketInput: orders named and the shopper verification (issue 22 §6)', () => {
  const parcelJob = handoffJobSchema.parse({
    conversationId: 'conv_43',
    language: 'en',
    issueKind: 'order_missing',
    reason: 'sensitive_issue',
    transcriptSummary: 'Shopper: hey my kettle never arrived, order 1038',
    orderNumber: '1038',
    namedOrders: [
      { number: '1038', verified: false },
      { number: '1040', verified: false },
    ],
    shopperVerification: 'declined',
    requestedAt: '2026-03-01T10:00:00.000Z',
  });

  it('carries every order named, marked, and an unverified shopper marked so on the ticket and in the note', () => {
    const input = handoffTicketInput(parcelJob, new Date('2026-03-01T10:00:05.000Z'));
    expect(input.customerId).toBeUndefined();
    expect(input.namedOrders).toEqual([
      { number: '1038', verified: false },
      { number: '1040', verified: false },
    ]);
    expect(input.shopperVerification).toBe('declined');
    expect(input.messages?.[0]?.body).toBe(
      "Handed off (sensitive issue; shopper NOT verified (declined to give the order's email); orders named: #1038 unverified, #1040 unverified): Shopper: hey my kettle never arrived, order 1038",
    );
  });

  it('marks a verified customer’s own order verified', () => {
    const verified = handoffJobSchema.parse({
      ...parcelJob,
      customerId: 'cus_kettle',
      namedOrders: [{ number: '1038', verified: true }],
      shopperVerification: 'verified',
    });
    const input = handoffTicketInput(verified, new Date('2026-03-01T10:00:05.000Z'));
    expect(input).toMatchObject({ customerId: 'cus_kettle', orderNumber: '1038', shopperVerification: 'verified' });
    expect(input.messages?.[0]?.body).toMatch(
      /^Handed off \(sensitive issue; shopper verified; orders named: #1038 verified\): /,
    );
  });
});
