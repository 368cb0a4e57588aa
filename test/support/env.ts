// The only file of the cross-app tests that reads process.env: the apps' child processes inherit
// it (PATH, NODE_OPTIONS…) with the stack's own variables on top, and the fuzz suite's settings.
import { z } from 'zod';

/** This process's environment, to pass on to the apps the stack starts. */
export function inheritedEnvironment(): Record<string, string | undefined> {
  return { ...process.env };
}

const fuzzSettingsSchema = z.object({
  /** Payloads per target: 1,000 in `npm test`, 10,000 from `npm run fuzz`. */
  LOYALDESK_FUZZ_RUNS: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  LOYALDESK_FUZZ_SEED: z.coerce.number().int().default(20_261_207),
  LOYALDESK_FUZZ_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** Only targets whose name matches this regular expression (e.g. `/chat`). */
  LOYALDESK_FUZZ_ONLY: z.string().min(1).optional(),
});

/** The fuzz suite's settings (`npm run fuzz -- --runs N` sets them for the Vitest run it starts). */
export function fuzzSettings(): { runs: number; seed: number; concurrency: number; only?: RegExp } {
  const env = fuzzSettingsSchema.parse(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== '')));
  return {
    runs: env.LOYALDESK_FUZZ_RUNS,
    seed: env.LOYALDESK_FUZZ_SEED,
    concurrency: env.LOYALDESK_FUZZ_CONCURRENCY,
    ...(env.LOYALDESK_FUZZ_ONLY ? { only: new RegExp(env.LOYALDESK_FUZZ_ONLY) } : {}),
  };
}
