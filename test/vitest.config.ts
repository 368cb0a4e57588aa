import { loyaldeskVitestConfig } from '@loyaldesk/platform/testing/vitest';

// Journeys start two app processes each and wait on live events across them: long timeouts on a
// loaded 2-core machine, and one file at a time so the apps' start-up does not starve the events.
export default loyaldeskVitestConfig({
  // fuzz/fuzz.test.ts runs at CI size here (1,000 payloads per target); `npm run fuzz` runs 10,000.
  include: ['journeys/**/*.test.ts', 'browser/**/*.test.ts', 'faults/**/*.test.ts', 'fuzz/**/*.test.ts'],
  testTimeout: 120_000,
  // Browser and cross-process effects: a poll without its own timeout waits up to 15 s.
  pollTimeout: 15_000,
});
