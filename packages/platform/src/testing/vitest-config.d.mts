import type { ViteUserConfig } from 'vitest/config';

/** The Vitest config every workspace uses: real servers started once per run, long timeouts for I/O tests. */
export function loyaldeskVitestConfig(overrides?: { include?: string[]; testTimeout?: number; pollTimeout?: number }): ViteUserConfig;
