import { describe, expect, it } from 'vitest';
import { metricsTicket } from '../metrics/testing/metrics-test-tickets.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { proactiveTicketToJoin } from './join-proactive-ticket.ts';

const createdAt = new Date('2026-12-07T10:00:00.000Z');
function proactive(id: string, orderNumber: string, changes: Partial<Ticket> = {}): Ticket {
  return {
    ...metricsTicket({ id, createdAt, customerId: 'cus_1' }),
    orderNumber,
    proactive: { kind: 'delayed', orderNumber, shipmentId: `shp_${orderNumber}`, trackingNumber: `1Z${orderNumber}` },
    ...changes,
  };
}
const job = { conversationId: 'conv_1', customerId: 'cus_1' };

describe('proactiveTicketToJoin', () => {
  it('joins the open proactive ticket of the order the conversation names, else the newest', () => {
    const newest = proactive('tkt_pro_b', '1040');
    const older = proactive('tkt_pro_a', '1038');
    expect(proactiveTicketToJoin([newest, older], { ...job, orderNumber: '1038' })?.id).toBe('tkt_pro_a');
    expect(proactiveTicketToJoin([newest, older], job)?.id).toBe('tkt_pro_b');
    expect(proactiveTicketToJoin([newest, older], { ...job, orderNumber: '1099' })).toBeNull();
  });

  it('never joins for an unverified shopper, another customer, a finished ticket or one with another chat', () => {
    const open = proactive('tkt_pro_a', '1038');
    expect(proactiveTicketToJoin([open], { conversationId: 'conv_1' })).toBeNull();
    expect(proactiveTicketToJoin([open], { ...job, customerId: 'cus_2' })).toBeNull();
    expect(proactiveTicketToJoin([proactive('tkt_pro_a', '1038', { status: 'resolved' })], job)).toBeNull();
    expect(proactiveTicketToJoin([proactive('tkt_pro_a', '1038', { conversationId: 'conv_9' })], job)).toBeNull();
    expect(proactiveTicketToJoin([{ ...open, proactive: null }], job)).toBeNull();
  });

  it('finds again the ticket this conversation joined (a retried handoff)', () => {
    const joined = proactive('tkt_pro_a', '1038', { conversationId: 'conv_1', status: 'assigned' });
    expect(proactiveTicketToJoin([proactive('tkt_pro_b', '1040'), joined], job)?.id).toBe('tkt_pro_a');
  });
});
