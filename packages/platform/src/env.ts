import { z } from 'zod';
import { ConfigError } from './errors.ts';

const mongoUri = z
  .string()
  .regex(/^mongodb(\+srv)?:\/\/.+/, 'must be a MongoDB connection string starting with mongodb:// or mongodb+srv://');
const redisUrl = z.string().regex(/^rediss?:\/\/.+/, 'must be a Redis URL starting with redis:// or rediss://');

/** Modes that may run on the repository's development secrets and demo accounts; any other is production. */
export const developmentModes = ['development', 'test'] as const;

/** The environment every loyaldesk process reads; apps extend it with their own variables. */
export const platformEnvSchema = z.object({
  /**
   * Unset means production: only an explicit `development` or `test` gets the repository's dev
   * secrets and demo accounts, so a process started without NODE_ENV never runs on public values.
   */
  NODE_ENV: z
    .enum(['development', 'test', 'production'], {
      error: 'must be development, test or production (unset means production)',
    })
    .default('production'),
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
export type NodeEnv = PlatformEnv['NODE_ENV'];

/** Whether `nodeEnv` may use the repository's development secrets and demo accounts. */
export function isDevelopmentMode(nodeEnv: NodeEnv): boolean {
  return (developmentModes as readonly string[]).includes(nodeEnv);
}

/**
 * Resolves an app's secrets inside its schema's `.transform`: with NODE_ENV development or test an
 * unset secret becomes the repository's dev value; in any other mode each one is required, and a
 * dev value is refused even when set explicitly (it is public). Problems are added to `context`,
 * so the ConfigError names every variable.
 * @example .transform((env, context) => ({ ...env, ...resolveSecrets(env, { JWT_SECRET: 'dev…' }, context) }))
 */
export function resolveSecrets<Name extends string>(
  env: { NODE_ENV: NodeEnv } & Partial<Record<NoInfer<Name>, string>>,
  developmentValues: Readonly<Record<Name, string>>,
  context: z.RefinementCtx,
): Record<Name, string> {
  const development = isDevelopmentMode(env.NODE_ENV);
  const resolved = {} as Record<Name, string>;
  for (const name of Object.keys(developmentValues) as Name[]) {
    const given = env[name];
    const developmentValue = developmentValues[name];
    if (development) {
      resolved[name] = given ?? developmentValue;
    } else if (given === undefined) {
      context.addIssue({
        code: 'custom',
        path: [name],
        message: `is required unless NODE_ENV is development or test (NODE_ENV is ${env.NODE_ENV}; unset means production); generate one with \`openssl rand -hex 32\``,
      });
    } else if (given === developmentValue) {
      context.addIssue({
        code: 'custom',
        path: [name],
        message: `is the repository's public development value, refused unless NODE_ENV is development or test; generate one with \`openssl rand -hex 32\``,
      });
    } else {
      resolved[name] = given;
    }
  }
  return resolved;
}

/**
 * Parses environment variables with `schema`; on failure throws a {@link ConfigError} that names
 * every bad variable and says what is expected.
 * @example const env = parseEnv(platformEnvSchema.extend({ PORT: z.coerce.number().default(3000) }));
 */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  source: Record<string, string | undefined> = process.env,
): z.infer<Schema> {
  // Empty strings mean "unset", as in most shells' `VAR= cmd` (so `NODE_ENV=` is production).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  const firstField = result.error.issues[0]?.path.join('.');
  throw new ConfigError(
    `Invalid environment variable${problems.length > 1 ? 's' : ''}:\n${problems.join('\n')}\nFix ${problems.length > 1 ? 'them' : 'it'} and run again.`,
    firstField,
  );
}

/**
 * An app's environment at startup: a ConfigError prints its message (which names each variable and
 * what to do) without a stack trace and exits 1; anything else is thrown.
 * @example const env = loadEnvOrExit('ticketing', loadTicketingEnv);
 */
export function loadEnvOrExit<Env>(appName: string, load: () => Env): Env {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${appName}: ${error.message}\n`);
    process.exit(1);
  }
}
