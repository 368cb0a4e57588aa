// Test-only: fast-check generators for ranking inputs.
import fc from 'fast-check';
import { issueKinds } from '@loyaldesk/contracts/issue-kind';
import { slaPolicySchema, type SlaPolicy } from '@loyaldesk/contracts/policies';
import { tiers } from '@loyaldesk/contracts/tier';
import type { TicketFacts } from '../ranking/deadline.ts';

/** Four non-increasing minute values, bronze → platinum. */
function minutesPerTier(max: number) {
  return fc
    .array(fc.integer({ min: 1, max }), { minLength: 4, maxLength: 4 })
    .map((values) => values.sort((a, b) => b - a))
    .map(([bronze = 1, silver = 1, gold = 1, platinum = 1]) => ({ bronze, silver, gold, platinum }));
}

/** Any valid SLA policy. */
export const slaPolicyArbitrary: fc.Arbitrary<SlaPolicy> = fc
  .record({
    firstResponseMinutes: minutesPerTier(600),
    extraResolution: fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 4, maxLength: 4 }),
    valueAdjustments: fc
      .uniqueArray(
        fc.integer({ min: 1, max: 999 }).map((tenths) => tenths / 10),
        { maxLength: 3 },
      )
      .chain((percentiles) =>
        fc
          .array(fc.double({ min: 0.05, max: 1, noNaN: true }), {
            minLength: percentiles.length,
            maxLength: percentiles.length,
          })
          .map((factors) => {
            // Higher percentile → smaller or equal factor.
            const sortedPercentiles = [...percentiles].sort((a, b) => a - b);
            const sortedFactors = [...factors].sort((a, b) => b - a);
            return sortedPercentiles.map((minPercentile, i) => ({ minPercentile, factor: sortedFactors[i] ?? 1 }));
          }),
      ),
    issueKindFactors: fc.tuple(...issueKinds.map(() => fc.double({ min: 0.05, max: 10, noNaN: true }))),
  })
  .map(({ firstResponseMinutes, extraResolution, valueAdjustments, issueKindFactors }) => {
    // Resolution = first response + a non-increasing extra keeps both orders valid.
    const extras = [...extraResolution].sort((a, b) => b - a);
    // (Non-increasing extras on non-increasing bases stay non-increasing.)
    const resolutionMinutes = Object.fromEntries(
      tiers.map((tier, i) => [tier, firstResponseMinutes[tier] + (extras[i] ?? 0)]),
    );
    const factors = Object.fromEntries(issueKinds.map((kind, i) => [kind, issueKindFactors[i] ?? 1]));
    return slaPolicySchema.parse({
      firstResponseMinutes,
      resolutionMinutes,
      valueAdjustments,
      issueKindFactors: factors,
    });
  });

/** Ticket facts created within `spanMs` after `start`. */
export function ticketFactsArbitrary(start: number, spanMs: number): fc.Arbitrary<TicketFacts> {
  return fc.record({
    createdAt: fc.integer({ min: start, max: start + spanMs }).map((ms) => new Date(ms)),
    tier: fc.constantFrom(...tiers),
    valuePercentile: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
    issueKind: fc.constantFrom(...issueKinds),
  });
}
