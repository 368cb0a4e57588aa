import { z } from 'zod';
import { parseEnv } from '@loyaldesk/platform/env';

/** The console server's environment. */
export const consoleEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the console listens. */
  CONSOLE_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  CONSOLE_HOST: z.string().min(1).default('127.0.0.1'),
  /** The ticketing service that `/api` and the agents socket are proxied to. */
  TICKETING_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as http://127.0.0.1:3002' })
    .default('http://127.0.0.1:3002'),
});
export type ConsoleEnv = z.infer<typeof consoleEnvSchema>;

/** The parsed environment; a bad value throws an error naming the variable. */
export function consoleEnv(source: Record<string, string | undefined> = process.env): ConsoleEnv {
  return parseEnv(consoleEnvSchema, source);
}
