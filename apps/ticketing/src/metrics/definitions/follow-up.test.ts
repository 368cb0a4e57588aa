import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../tickets/ticket.ts';
import { at, metricsTicket } from '../testing/metrics-test-tickets.ts';
import {
  followUpChanged,
  followUpContribution,
  isRepurchase,
  nextFollowUp,
  recentResolutionsLimit,
  withResolution,
  type TicketFollowUp,
} from './follow-up.ts';

const start = new Date('2026-03-02T08:00:00.000Z');
const day = 86_400_000;

const resolved = {
  ...metricsTicket({
    id: 'tkt_1',
    createdAt: start,
    customerId: 'cus_1',
    tier: 'gold',
    firstReplyAfter: 5,
    resolvedAfter: 60,
  }),
  version: 3,
};

describe('isRepurchase', () => {
  it('counts purchases after the resolution and within 90 days', () => {
    expect(isRepurchase(start, new Date(start.getTime() + 1))).toBe(true);
    expect(isRepurchase(start, new Date(start.getTime() + 90 * day))).toBe(true);
    expect(isRepurchase(start, new Date(start.getTime() + 90 * day + 1))).toBe(false);
    expect(isRepurchase(start, start)).toBe(false);
    expect(isRepurchase(start, new Date(start.getTime() - day))).toBe(false);
  });
});

describe('nextFollowUp', () => {
  it('follows up a resolved ticket of a known customer with its SLA outcome', () => {
    expect(nextFollowUp(null, resolved)).toEqual({
      ticketId: 'tkt_1',
      customerId: 'cus_1',
      tier: 'gold',
      slaOutcome: 'met',
      resolvedAt: at(start, 60),
      repurchasedAt: null,
      ticketVersion: 3,
      revision: 0,
    });
  });

  it('ignores an older ticket version arriving late, and tickets of unknown shoppers', () => {
    const current = nextFollowUp(null, resolved);
    expect(current && nextFollowUp(current, { ...resolved, version: 2 })).toBeNull();
    expect(nextFollowUp(null, { ...resolved, customerId: null })).toBeNull();
  });

  it('keeps a repurchase for the same resolution and drops it when the ticket was reopened or resolved again', () => {
    const current: TicketFollowUp = {
      ...(nextFollowUp(null, resolved) as TicketFollowUp),
      repurchasedAt: at(start, 5000),
    };
    expect(
      nextFollowUp(current, { ...resolved, version: 4, survey: { csat: 5, answeredAt: start } })?.repurchasedAt,
    ).toEqual(at(start, 5000));
    const reopened = nextFollowUp(current, { ...resolved, status: 'open', resolvedAt: null, version: 5 });
    expect(reopened).toMatchObject({ resolvedAt: null, repurchasedAt: null, revision: 1 });
    expect(followUpContribution(reopened)).toEqual([]);
  });
});

describe('followUpChanged', () => {
  it('is true only when what is followed up changes', () => {
    expect(followUpChanged(null, resolved)).toBe(true);
    const renamed: Ticket = { ...resolved, subject: 'Renamed' };
    expect(followUpChanged(resolved, renamed)).toBe(false);
    expect(followUpChanged(resolved, { ...resolved, resolvedAt: null, status: 'open' })).toBe(true);
    expect(followUpChanged(null, { ...resolved, resolvedAt: null })).toBe(false);
  });
});

describe('followUpContribution', () => {
  it('counts one repurchase on the resolution day, by SLA outcome', () => {
    const followUp: TicketFollowUp = {
      ...(nextFollowUp(null, resolved) as TicketFollowUp),
      repurchasedAt: at(start, 9000),
    };
    expect(followUpContribution(followUp)).toEqual([
      { day: '2026-03-02', tier: 'gold', agentId: null, counters: { repurchasedSlaMet: 1 }, histograms: {} },
    ]);
  });
});

describe('withResolution', () => {
  it('keeps the newest resolutions within 90 days of the newest, without duplicates, bounded', () => {
    const d = (days: number) => new Date(start.getTime() + days * day);
    let recent = withResolution([], 't1', d(0));
    recent = withResolution(recent, 't2', d(50));
    recent = withResolution(recent, 't1', d(60));
    expect(recent).toEqual([
      { ticketId: 't1', resolvedAt: d(60) },
      { ticketId: 't2', resolvedAt: d(50) },
    ]);
    recent = withResolution(recent, 't3', d(145));
    expect(recent.map((entry) => entry.ticketId)).toEqual(['t3', 't1']);
    expect(withResolution(recent, 't1', null).map((entry) => entry.ticketId)).toEqual(['t3']);
    let many: ReturnType<typeof withResolution> = [];
    for (let i = 0; i < recentResolutionsLimit + 10; i++) many = withResolution(many, `t${i}`, d(i / 10));
    expect(many).toHaveLength(recentResolutionsLimit);
  });
});
