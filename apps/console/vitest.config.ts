import { defineConfig } from 'vitest/config';

// Unit tests only (pure logic, no servers): formatting, queue state, i18n catalogs, policy forms.
export default defineConfig({
  test: { include: ['src/**/*.test.ts', 'server/**/*.test.ts'], environment: 'node' },
});
