import { z } from 'zod';
import { ConfigError } from './errors.ts';

const mongoUri = z
  .string()
  .regex(/^mongodb(\+srv)?:\/\/.+/, 'must be a MongoDB connection string starting with mongodb:// or mongodb+srv://');
const redisUrl = z.string().regex(/^rediss?:\/\/.+/, 'must be a Redis URL starting with redis:// or rediss://');

/** The environment every loyaldesk process reads; apps extend it with their own variables. */
export const platformEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A running MongoDB (or compatible) server; unset: the project starts its own. */
  MONGODB_URI: mongoUri.optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, 'must be 1–60 letters, digits, _ or -')
    .default('loyaldesk'),
  /** A running Redis; unset: the project starts its own redis-server. */
  REDIS_URL: redisUrl.optional(),
  /** Path to a real mongod, preferred over FerretDB when the project starts its own server. */
  MONGOD_BINARY: z.string().min(1).optional(),
  FERRETDB_BINARY: z.string().min(1).optional(),
  /** Where local servers keep their data (default: `.data/` in the checkout). */
  LOYALDESK_DATA_DIR: z.string().min(1).optional(),
});

export type PlatformEnv = z.infer<typeof platformEnvSchema>;

/**
 * Parses environment variables with `schema`; on failure throws a {@link ConfigError} that names
 * every bad variable and says what is expected.
 * @example const env = parseEnv(platformEnvSchema.extend({ PORT: z.coerce.number().default(3000) }));
 */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  source: Record<string, string | undefined> = process.env,
): z.infer<Schema> {
  // Empty strings mean "unset", as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  const firstField = result.error.issues[0]?.path.join('.');
  throw new ConfigError(
    `Invalid environment variable${problems.length > 1 ? 's' : ''}:\n${problems.join('\n')}\nFix or unset ${problems.length > 1 ? 'them' : 'it'} and run again.`,
    firstField,
  );
}
