import { defineConfig } from 'vitest/config';

// Pure schemas: no database or Redis, so none of the platform's server setup.
export default defineConfig({ test: { include: ['src/**/*.test.ts'] } });
