import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadlineBreakdownSchema } from '@loyaldesk/contracts/tickets-api';
import { tiers } from '@loyaldesk/contracts/tier';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { slaPolicyArbitrary, ticketFactsArbitrary } from '../testing/arbitraries.ts';
import {
  computeDeadline,
  deadlineFromBreakdown,
  largestTargetMinutes,
  overtakeWindowMs,
  smallestTargetMinutes,
} from './deadline.ts';
import { formatMinutes } from './explain-deadline.ts';

const createdAt = new Date('2025-03-01T10:00:00.000Z');
const minute = 60_000;

describe('computeDeadline', () => {
  it('explains a gold, top-5% customer with a missing parcel: target 10 min', () => {
    const result = computeDeadline(
      { createdAt, tier: 'gold', valuePercentile: 97, issueKind: 'order_missing' },
      defaultSlaPolicy,
    );
    expect(result.explanation).toBe('Gold, top 5% value, missing parcel: target 10 min');
    expect(result.deadline.getTime() - createdAt.getTime()).toBe(10 * minute);
    expect(result.breakdown).toEqual({
      tier: 'gold',
      tierTargetMinutes: 40,
      valuePercentile: 97,
      valueAdjustment: { topPercent: 5, factor: 0.5 },
      issueKind: 'order_missing',
      issueKindFactor: 0.5,
      targetMinutes: 10,
      tierResolutionMinutes: 720,
      resolutionTargetMinutes: 180,
    });
    expect(result.resolutionDeadline.getTime() - createdAt.getTime()).toBe(180 * minute);
  });

  it('ranks an unknown shopper with a general question last, without a value phrase', () => {
    const result = computeDeadline(
      { createdAt, tier: 'bronze', valuePercentile: null, issueKind: 'general' },
      defaultSlaPolicy,
    );
    expect(result.explanation).toBe('Bronze, general question: target 4 h 30 min');
    expect(result.breakdown.targetMinutes).toBe(largestTargetMinutes(defaultSlaPolicy));
  });

  it('names a fine value threshold exactly', () => {
    const policy = { ...defaultSlaPolicy, valueAdjustments: [{ minPercentile: 99.5, factor: 0.25 }] };
    const result = computeDeadline(
      { createdAt, tier: 'platinum', valuePercentile: 99.7, issueKind: 'wrong_item' },
      policy,
    );
    expect(result.explanation).toBe('Platinum, top 0.5% value, wrong item: target 4 min');
  });

  it('puts "order not received" ahead of "general question" for the same customer', () => {
    const facts = { createdAt, tier: 'silver' as const, valuePercentile: 50 };
    const missing = computeDeadline({ ...facts, issueKind: 'order_missing' }, defaultSlaPolicy);
    const general = computeDeadline({ ...facts, issueKind: 'general' }, defaultSlaPolicy);
    expect(missing.deadline.getTime()).toBeLessThan(general.deadline.getTime());
  });

  it('never gives a higher tier or a higher value a later deadline, under any valid policy', () => {
    fc.assert(
      fc.property(
        slaPolicyArbitrary,
        ticketFactsArbitrary(createdAt.getTime(), 0),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (policy, facts, morePercentile) => {
          const base = computeDeadline(facts, policy).deadline.getTime();
          const tierIndex = tiers.indexOf(facts.tier);
          for (const higher of tiers.slice(tierIndex)) {
            expect(computeDeadline({ ...facts, tier: higher }, policy).deadline.getTime()).toBeLessThanOrEqual(base);
          }
          const percentile = Math.max(facts.valuePercentile ?? 0, morePercentile);
          expect(
            computeDeadline({ ...facts, valuePercentile: percentile }, policy).deadline.getTime(),
          ).toBeLessThanOrEqual(base);
        },
      ),
    );
  });

  it('keeps every target between the smallest and the largest the policy can give', () => {
    fc.assert(
      fc.property(slaPolicyArbitrary, ticketFactsArbitrary(createdAt.getTime(), 1000 * minute), (policy, facts) => {
        const { targetMinutes } = computeDeadline(facts, policy).breakdown;
        expect(targetMinutes).toBeGreaterThanOrEqual(smallestTargetMinutes(policy));
        expect(targetMinutes).toBeLessThanOrEqual(largestTargetMinutes(policy));
      }),
    );
  });
});

describe('deadlineFromBreakdown', () => {
  it('reproduces the deadline and the explanation from a stored (JSON round-tripped) breakdown', () => {
    fc.assert(
      fc.property(slaPolicyArbitrary, ticketFactsArbitrary(createdAt.getTime(), 10_000 * minute), (policy, facts) => {
        const ranked = computeDeadline(facts, policy);
        const stored = deadlineBreakdownSchema.parse(JSON.parse(JSON.stringify(ranked.breakdown)));
        const again = deadlineFromBreakdown(facts.createdAt, stored);
        expect(again.deadline.getTime()).toBe(ranked.deadline.getTime());
        expect(again.resolutionDeadline.getTime()).toBe(ranked.resolutionDeadline.getTime());
        expect(again.targetMinutes).toBe(stored.targetMinutes);
        expect(ranked.explanation.endsWith(`: target ${formatMinutes(again.targetMinutes)}`)).toBe(true);
      }),
    );
  });
});

describe('fairness bound', () => {
  it('in earliest-deadline order, no ticket is overtaken by one created more than the bound after it', () => {
    fc.assert(
      fc.property(
        slaPolicyArbitrary,
        fc.array(ticketFactsArbitrary(createdAt.getTime(), 2000 * minute), { minLength: 2, maxLength: 80 }),
        (policy, stream) => {
          const served = stream
            .map((facts, i) => ({
              id: `t${i}`,
              createdAt: facts.createdAt,
              deadline: computeDeadline(facts, policy).deadline,
            }))
            .sort((a, b) => a.deadline.getTime() - b.deadline.getTime() || (a.id < b.id ? -1 : 1));
          const window = overtakeWindowMs(policy);
          expect(window).toBeLessThanOrEqual(largestTargetMinutes(policy) * minute);
          served.forEach((ticket, position) => {
            for (const earlier of served.slice(0, position)) {
              expect(earlier.createdAt.getTime() - ticket.createdAt.getTime()).toBeLessThanOrEqual(window);
            }
          });
        },
      ),
    );
  });
});

describe('formatMinutes', () => {
  it('reads like a person would say it', () => {
    expect(formatMinutes(1)).toBe('1 min');
    expect(formatMinutes(59)).toBe('59 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(270)).toBe('4 h 30 min');
    expect(formatMinutes(1440)).toBe('1 d');
    expect(formatMinutes(2 * 1440 + 241)).toBe('2 d 4 h 1 min');
  });
});
