import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../tickets/ticket.ts';
import {
  addContribution,
  contributionDelta,
  withoutZeros,
  type RollupIncrements,
} from '../rollups/rollup-increments.ts';
import { ticketStateArbitrary } from '../testing/metrics-arbitraries.ts';
import { at, metricsTicket } from '../testing/metrics-test-tickets.ts';
import { ticketContribution } from './ticket-contribution.ts';

const start = new Date('2026-03-02T08:00:00.000Z');

function flat(increments: RollupIncrements): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [rollupId, paths] of increments)
    for (const [path, amount] of paths) result[`${rollupId} ${path}`] = amount;
  return result;
}

describe('ticketContribution', () => {
  it('puts each figure on the day it happened, for the ticket’s tier and assignee', () => {
    const ticket = metricsTicket({
      id: 'tkt_1',
      createdAt: new Date('2026-03-02T23:00:00.000Z'),
      tier: 'gold',
      customerId: 'cus_1',
      agentId: 'agt_1',
      firstReplyAfter: 5,
      // Resolved the next day, 90 minutes after a shopper who wrote 30 minutes before the ticket.
      resolvedAfter: 60,
      shopperWroteBefore: 30,
      resolutionTarget: 120,
      survey: { csat: 4, nps: 9, answeredAt: at(start, 2000) ?? start },
    });
    const lines = ticketContribution(ticket);
    expect(lines).toEqual([
      {
        day: '2026-03-02',
        tier: 'gold',
        agentId: 'agt_1',
        counters: { ticketsCreated: 1, openTickets: 0 },
        histograms: {},
      },
      { day: '2026-03-02', tier: 'gold', agentId: 'agt_1', counters: { ticketsAssigned: 1 }, histograms: {} },
      {
        day: '2026-03-02',
        tier: 'gold',
        agentId: 'agt_1',
        counters: { firstResponses: 1, firstResponseTimeTotal: 300 },
        histograms: { firstResponseTime: 33 },
      },
      { day: '2026-03-02', tier: 'gold', agentId: 'agt_1', counters: { firstResponseSlaMet: 1 }, histograms: {} },
      { day: '2026-03-03', tier: 'gold', agentId: 'agt_1', counters: { resolutionSlaMet: 1 }, histograms: {} },
      {
        day: '2026-03-03',
        tier: 'gold',
        agentId: 'agt_1',
        counters: {
          ticketsResolved: 1,
          resolutionTimeTotal: 5400,
          reopenedResolved: 0,
          slaMet: 1,
          followUpSlaMet: 1,
          csatResponses: 1,
          csatPositive: 1,
          csatTotal: 4,
          npsResponses: 1,
          npsPromoters: 1,
          npsDetractors: 0,
        },
        histograms: { resolutionTime: 50 },
      },
    ]);
  });

  it('gives an unanswered ticket no first response (bot messages never set firstRepliedAt) and keeps it open', () => {
    const lines = ticketContribution(metricsTicket({ id: 'tkt_2', createdAt: start }));
    expect(lines.flatMap((line) => Object.keys(line.counters))).toEqual(['ticketsCreated', 'openTickets']);
  });

  it('counts a breached ticket once, on the day of its first missed deadline', () => {
    const ticket = metricsTicket({ id: 'tkt_3', createdAt: start, firstReplyAfter: 20, resolvedAfter: 200 });
    const breached = ticketContribution(ticket).filter((line) => line.counters.slaBreached);
    expect(breached).toEqual([
      { day: '2026-03-02', tier: 'bronze', agentId: null, counters: { slaBreached: 1 }, histograms: {} },
    ]);
  });

  it('lays a line out in the day and week totals, and open counts in the backlog and by creation day', () => {
    // 2026-03-02 is a Monday: the week rollup is keyed by it.
    const ticket = metricsTicket({ id: 'tkt_4', createdAt: start, tier: 'silver', agentId: 'agt_9' });
    const created = ticketContribution(ticket).filter((line) => line.counters.ticketsCreated);
    expect(flat(addContribution(created, 1))).toEqual({
      '2026-03-02|* all.ticketsCreated': 1,
      '2026-03-02|silver all.ticketsCreated': 1,
      '2026-03-02|*|week all.ticketsCreated': 1,
      '2026-03-02|silver|week all.ticketsCreated': 1,
      'backlog|* all.openTickets': 1,
      'backlog|* tiers.silver.openTickets': 1,
      'backlog|silver all.openTickets': 1,
      'backlog|* agents.agt_9.openTickets': 1,
      'backlog|silver agents.agt_9.openTickets': 1,
      '2026-03|*|open all.d02': 1,
      '2026-03|*|open tiers.silver.d02': 1,
      '2026-03|silver|open all.d02': 1,
    });
  });

  it('keeps in the breakdowns only what the dashboard reads: SLA per tier, the agent row per agent', () => {
    const ticket = metricsTicket({
      id: 'tkt_7',
      createdAt: start,
      tier: 'gold',
      agentId: 'agt_9',
      firstReplyAfter: 1,
      resolvedAfter: 30,
    });
    const paths = flat(addContribution(ticketContribution(ticket), 1));
    const breakdown = Object.keys(paths).filter((path) => path.startsWith('2026-03|*|breakdown '));
    expect(breakdown.filter((path) => path.includes(' tiers.'))).toEqual(['2026-03|*|breakdown tiers.gold.slaMet']);
    expect(breakdown.filter((path) => path.includes(' agents.')).sort()).toEqual([
      '2026-03|*|breakdown agents.agt_9.firstResponseTime.b24',
      '2026-03|*|breakdown agents.agt_9.firstResponseTimeTotal',
      '2026-03|*|breakdown agents.agt_9.firstResponses',
      '2026-03|*|breakdown agents.agt_9.resolutionTime.b44',
      '2026-03|*|breakdown agents.agt_9.resolutionTimeTotal',
      '2026-03|*|breakdown agents.agt_9.slaMet',
      '2026-03|*|breakdown agents.agt_9.ticketsAssigned',
      '2026-03|*|breakdown agents.agt_9.ticketsResolved',
    ]);
    // The totals hold every counter.
    expect(paths['2026-03-02|* all.ticketsCreated']).toBe(1);
    expect(paths['2026-03-02|*|week all.firstResponseTime.b24']).toBe(1);
  });
});

describe('contributionDelta', () => {
  it('is empty when nothing a metric reads changed', () => {
    const ticket = metricsTicket({ id: 'tkt_5', createdAt: start, firstReplyAfter: 3 });
    const renamed: Ticket = { ...ticket, subject: 'Renamed', version: ticket.version + 1 };
    expect(contributionDelta(ticketContribution(ticket), ticketContribution(renamed)).size).toBe(0);
  });

  it('moves only what changed: resolving takes the ticket out of the backlog', () => {
    const open = metricsTicket({ id: 'tkt_6', createdAt: start, firstReplyAfter: 3, resolutionTarget: 300 });
    const resolved = { ...open, status: 'resolved' as const, resolvedAt: at(start, 100) };
    const delta = flat(contributionDelta(ticketContribution(open), ticketContribution(resolved)));
    expect(delta['backlog|* all.openTickets']).toBe(-1);
    expect(delta['2026-03-02|* all.ticketsResolved']).toBe(1);
    expect(delta['2026-03-02|* all.ticketsCreated']).toBeUndefined();
  });

  it('adds up, over any sequence of states, to the contribution of the last one', () => {
    fc.assert(
      fc.property(fc.array(ticketStateArbitrary, { minLength: 1, maxLength: 12 }), (states) => {
        const sum: RollupIncrements = new Map();
        let previous: ReturnType<typeof ticketContribution> = [];
        for (const state of states) {
          const next = ticketContribution({ ...state });
          for (const [rollupId, paths] of contributionDelta(previous, next)) {
            for (const [path, amount] of paths) {
              const target = sum.get(rollupId) ?? new Map<string, number>();
              target.set(path, (target.get(path) ?? 0) + amount);
              sum.set(rollupId, target);
            }
          }
          previous = next;
        }
        expect(flat(withoutZeros(sum))).toEqual(flat(addContribution(previous, 1)));
      }),
    );
  });
});
