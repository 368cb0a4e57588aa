import { describe, expect, it } from 'vitest';
import { at, metricsTicket, type MetricsTicketSpec } from '../metrics/testing/metrics-test-tickets.ts';
import { firstResponseOutcome, resolutionOutcome, ticketSlaDecidedAt, ticketSlaOutcome } from './sla-outcome.ts';

const start = new Date('2026-03-02T08:00:00.000Z');
const ticket = (spec: Omit<MetricsTicketSpec, 'id' | 'createdAt'>) =>
  metricsTicket({ id: 'tkt_1', createdAt: start, ...spec });

describe('SLA outcomes', () => {
  it('meets the first response target with a reply by the deadline, to the millisecond', () => {
    expect(firstResponseOutcome(ticket({ firstReplyAfter: 10 }))).toBe('met');
    expect(firstResponseOutcome(ticket({ firstReplyAfter: 10.001 }))).toBe('breached');
    expect(firstResponseOutcome(ticket({}))).toBe('pending');
  });

  it('counts a ticket resolved without a reply as answered when it was resolved', () => {
    expect(firstResponseOutcome(ticket({ resolvedAfter: 5 }))).toBe('met');
    expect(firstResponseOutcome(ticket({ resolvedAfter: 30 }))).toBe('breached');
  });

  it('keeps a breach the SLA worker recorded, whatever came after', () => {
    const late = ticket({ firstReplyAfter: 5, breaches: { firstResponse: at(start, 10) } });
    expect(firstResponseOutcome(late)).toBe('breached');
    expect(resolutionOutcome(ticket({ breaches: { resolution: at(start, 120) } }))).toBe('breached');
  });

  it('meets the resolution target when resolved by the resolution deadline', () => {
    expect(resolutionOutcome(ticket({ resolvedAfter: 120 }))).toBe('met');
    expect(resolutionOutcome(ticket({ resolvedAfter: 121 }))).toBe('breached');
    expect(resolutionOutcome(ticket({ firstReplyAfter: 1 }))).toBe('pending');
  });

  it('decides a whole ticket: met once everything is met, breached at the first missed deadline', () => {
    const met = ticket({ firstReplyAfter: 5, resolvedAfter: 60 });
    expect(ticketSlaOutcome(met)).toBe('met');
    expect(ticketSlaDecidedAt(met)).toEqual(at(start, 60));
    const breached = ticket({ firstReplyAfter: 30, resolvedAfter: 200 });
    expect(ticketSlaOutcome(breached)).toBe('breached');
    expect(ticketSlaDecidedAt(breached)).toEqual(at(start, 10));
    const open = ticket({ firstReplyAfter: 5 });
    expect(ticketSlaOutcome(open)).toBe('pending');
    expect(ticketSlaDecidedAt(open)).toBeNull();
  });
});
