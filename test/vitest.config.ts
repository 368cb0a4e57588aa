import { loyaldeskVitestConfig } from '@loyaldesk/platform/testing/vitest';

// Journeys start two app processes each and wait on live events across them: long timeouts on a
// loaded 2-core machine, and one file at a time so the apps' start-up does not starve the events.
export default loyaldeskVitestConfig({
  include: ['journeys/**/*.test.ts', 'browser/**/*.test.ts', 'faults/**/*.test.ts', 'fuzz/**/*.test.ts'],
  testTimeout: 120_000,
});
