// Test-only: fast-check generators for metrics: random ticket states and event streams.
import fc from 'fast-check';
import { tiers } from '@loyaldesk/contracts/tier';
import type { Ticket } from '../../tickets/ticket.ts';
import { at, metricsTicket } from './metrics-test-tickets.ts';

export const streamStart = new Date('2026-03-01T00:00:00.000Z');
const threeDaysMinutes = 3 * 24 * 60;

const surveyArbitrary = fc.option(
  fc.record({
    csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    ces: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
    nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    answeredAfter: fc.integer({ min: 0, max: 600 }),
  }),
  { nil: null },
);

/** Any state a ticket can be in as far as metrics go (ids and versions are set by the stream). */
export const ticketStateArbitrary: fc.Arbitrary<Omit<Ticket, 'id' | 'version'>> = fc
  .record({
    createdAfter: fc.integer({ min: 0, max: threeDaysMinutes }),
    tier: fc.constantFrom(...tiers),
    customerId: fc.constantFrom(null, 'cus_a', 'cus_b'),
    agentId: fc.constantFrom(null, 'agt_1', 'agt_2'),
    firstReplyAfter: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
    resolvedAfter: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }),
    shopperWroteBefore: fc.integer({ min: 0, max: 30 }),
    firstResponseTarget: fc.integer({ min: 1, max: 300 }),
    resolutionTarget: fc.integer({ min: 300, max: 3000 }),
    survey: surveyArbitrary,
    reopenCount: fc.integer({ min: 0, max: 2 }),
    breachFirstResponse: fc.boolean(),
    breachResolution: fc.boolean(),
  })
  .map((spec) => {
    const createdAt = at(streamStart, spec.createdAfter) ?? streamStart;
    const {
      id: _id,
      version: _version,
      ...ticket
    } = metricsTicket({
      id: 'tkt_x',
      createdAt,
      tier: spec.tier,
      customerId: spec.customerId,
      agentId: spec.agentId,
      firstReplyAfter: spec.firstReplyAfter,
      resolvedAfter: spec.resolvedAfter,
      shopperWroteBefore: spec.shopperWroteBefore,
      firstResponseTarget: spec.firstResponseTarget,
      resolutionTarget: spec.resolutionTarget,
      reopenCount: spec.reopenCount,
      survey: spec.survey
        ? {
            ...(spec.survey.csat !== undefined ? { csat: spec.survey.csat } : {}),
            ...(spec.survey.ces !== undefined ? { ces: spec.survey.ces } : {}),
            ...(spec.survey.nps !== undefined ? { nps: spec.survey.nps } : {}),
            answeredAt: at(createdAt, spec.survey.answeredAfter) ?? createdAt,
          }
        : null,
      breaches: {
        firstResponse: spec.breachFirstResponse ? at(createdAt, spec.firstResponseTarget) : null,
        resolution: spec.breachResolution ? at(createdAt, spec.resolutionTarget) : null,
      },
    });
    return ticket;
  });

/** One thing that happens: a ticket write, an order, or a closed chat. */
export type MetricsEvent =
  | { type: 'ticket'; ticket: number; state: Omit<Ticket, 'id' | 'version'> }
  | { type: 'order'; customerId: string; placedAfter: number }
  | { type: 'conversation'; conversation: number; closedAfter: number; handedOff: boolean; language: 'en' | 'zh-Hans' };

export const metricsEventArbitrary: fc.Arbitrary<MetricsEvent> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('ticket' as const),
      ticket: fc.integer({ min: 0, max: 7 }),
      state: ticketStateArbitrary,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('order' as const),
      customerId: fc.constantFrom('cus_a', 'cus_b'),
      placedAfter: fc.integer({ min: 0, max: 8 * 24 * 60 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('conversation' as const),
      conversation: fc.integer({ min: 0, max: 5 }),
      closedAfter: fc.integer({ min: 0, max: threeDaysMinutes }),
      handedOff: fc.boolean(),
      language: fc.constantFrom('en' as const, 'zh-Hans' as const),
    }),
  },
);
