// Plain JavaScript: Vitest loads config files with Node, which cannot import TypeScript from packages.
import { URL, fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const globalSetup = fileURLToPath(new URL('./global-setup.ts', import.meta.url));

/** The Vitest config every workspace uses: real servers started once per run, long timeouts for I/O tests. */
export function loyaldeskVitestConfig(overrides = {}) {
  return defineConfig({
    test: {
      include: overrides.include ?? ['src/**/*.test.ts'],
      globalSetup: [globalSetup],
      testTimeout: overrides.testTimeout ?? 60_000,
      hookTimeout: 60_000,
      // expect.poll's own default (1 s) is shorter than a browser round trip on a loaded 2-core machine.
      expect: { poll: { timeout: overrides.pollTimeout ?? 1000 } },
      pool: 'forks',
      // Whatever the shell has: tests run on the repository's dev secrets, never a production config.
      env: { NODE_ENV: 'test' },
    },
  });
}
