import { loyaldeskVitestConfig } from '@loyaldesk/platform/testing/vitest';

// Journeys start two app processes each and wait on live events across them: long timeouts on a
// loaded 2-core machine, and one file at a time so the apps' start-up does not starve the events.
export default loyaldeskVitestConfig({
  // fuzz/: run by `npm run fuzz` only until it is brought up to the new admin routes (it deactivates the
  // demo accounts through PATCH /api/agents/:id, then cannot sign in again); its generator tests run.
  include: ['journeys/**/*.test.ts', 'browser/**/*.test.ts', 'faults/**/*.test.ts', 'fuzz/generators.test.ts'],
  testTimeout: 120_000,
});
