import { z } from 'zod';
import { defaultSocketIoRedisKey } from '@loyaldesk/contracts/chat-event-names';
import { isDevelopmentMode, parseEnv, platformEnvSchema, resolveSecrets } from '@loyaldesk/platform/env';
import { tierFloorTagsSchema } from '@loyaldesk/customer-profile/schemas';
import { developmentWebhookSecrets } from './webhooks/development-webhook-secrets.ts';
import { wooCommerceUrlSchema } from './webhooks/woocommerce/woocommerce-rest-client.ts';

/** Comma-separated signing secrets (two during a rotation); empty: none. */
const webhookSecretList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((secret) => secret.trim())
      .filter((secret) => secret !== ''),
  )
  .pipe(z.array(z.string().min(16, 'each secret must be at least 16 characters')).max(4));

const booleanText = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

// Public values, so a local run needs no setup: only with NODE_ENV development/test, refused otherwise.
const developmentSecrets = {
  JWT_SECRET: 'loyaldesk-dev-only-jwt-secret-change-me-0123456789',
  SHOP_WEBHOOK_SECRET: 'loyaldesk-dev-only-shop-webhook-secret',
};

/** The ticketing app's environment: the platform's plus its own. */
export const ticketingEnvSchema = platformEnvSchema
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(3002),
    HOST: z.string().min(1).default('127.0.0.1'),
    /** The shop's webhook signing secret (HMAC-SHA256). Required unless NODE_ENV is development/test. */
    SHOP_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    /**
     * The shop's currency (ISO 4217): orders in another currency are refused (400, field `currency`);
     * tier spend thresholds are minor units of it.
     */
    SHOP_CURRENCY: z
      .string()
      .trim()
      .refine(
        (code) => /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code),
        'must be an ISO 4217 currency code such as USD or TWD',
      )
      .default('USD'),
    /**
     * The Shopify app's secret(s) that sign its webhooks (comma-separated during a rotation). Unset:
     * POST /api/webhooks/shopify is not mounted.
     */
    SHOPIFY_WEBHOOK_SECRET: webhookSecretList,
    /** The WooCommerce webhooks' secret(s) (comma-separated during a rotation). Unset: POST /api/webhooks/woocommerce is not mounted. */
    WOOCOMMERCE_WEBHOOK_SECRET: webhookSecretList,
    /** The WooCommerce shop's address for the order reconciliation (https; http only for loopback). */
    WOOCOMMERCE_URL: wooCommerceUrlSchema.optional(),
    /** A read-only REST API key of that shop (WooCommerce → Settings → Advanced → REST API). */
    WOOCOMMERCE_CONSUMER_KEY: z
      .string()
      .trim()
      .regex(/^ck_[A-Za-z0-9]{20,64}$/, 'must be a consumer key such as ck_…')
      .optional(),
    WOOCOMMERCE_CONSUMER_SECRET: z
      .string()
      .trim()
      .regex(/^cs_[A-Za-z0-9]{20,64}$/, 'must be a consumer secret such as cs_…')
      .optional(),
    /** How often the reconciliation reads the orders modified since its last run. */
    WOOCOMMERCE_SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    /**
     * Customer tags that set a minimum tier, e.g. "VIP=gold,Wholesale=silver" (tags matched
     * case-insensitively; tiers silver, gold or platinum). Read from each order delivery's customer
     * tags (Shopify's `customer.tags`); a removed tag drops the floor at the customer's next order delivery.
     */
    TIER_FLOOR_TAGS: tierFloorTagsSchema,
    /** AfterShip's webhook secret(s) (comma-separated during a rotation). Unset: POST /api/webhooks/aftership is not mounted. */
    AFTERSHIP_WEBHOOK_SECRET: webhookSecretList,
    /** EasyPost's webhook secret(s) (comma-separated during a rotation). Unset: POST /api/webhooks/easypost is not mounted. */
    EASYPOST_WEBHOOK_SECRET: webhookSecretList,
    /**
     * SMTP server for proactive delivery-problem emails, e.g. smtp://user:pass@mail.example.com:587
     * (smtps:// for TLS from the start). Unset: no emails are sent.
     */
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    /** The From of those emails, e.g. "Kettle House Support <support@kettle.example>"; required with SMTP_URL. */
    SMTP_FROM: z.string().trim().min(3).max(200).optional(),
    /** Signs session tokens; at least 32 characters. Required unless NODE_ENV is development/test. */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Prefix of every Redis key this app writes. */
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_:-]{1,40}$/, 'must be 1–40 letters, digits, _, : or -')
      .default('loyaldesk:'),
    /** Bull's key prefix for the background queues; the chat bot must use the same (its BULL_PREFIX). */
    BULL_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_:-]{1,40}$/, 'must be 1–40 letters, digits, _, : or -')
      .default('bull'),
    /**
     * The Socket.IO Redis adapter/emitter key of both namespaces (`/agents` here, `/chat` of the chat
     * bot); the chat bot must use the same (its SOCKET_IO_KEY), or agent replies never reach shoppers.
     */
    SOCKET_IO_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_:.-]{1,60}$/, 'must be 1–60 letters, digits, _, :, . or -')
      .default(defaultSocketIoRedisKey),
    /** Extra browser origins allowed to open the agents socket (comma-separated), e.g. a dev server. */
    ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter((origin) => origin !== ''),
      ),
    /** Secure cookies (HTTPS only); default on in production. */
    COOKIE_SECURE: booleanText.optional(),
    /**
     * Create the demo accounts (public passwords) on start: only when asked (`npm start` and the
     * test stack do), and only with NODE_ENV development/test.
     */
    SEED_DEMO_AGENTS: booleanText.default(false),
    /** argon2id memory of new password hashes, KiB (default 19 MiB, OWASP's minimum with 2 passes). */
    PASSWORD_HASH_MEMORY_KIB: z.coerce.number().int().min(1024).max(1_048_576).default(19_456),
    /** argon2id passes of new password hashes. */
    PASSWORD_HASH_ITERATIONS: z.coerce.number().int().min(1).max(10).default(2),
    /** Password checks running at once in this process; more wait briefly, then get 429 login_busy. */
    LOGIN_MAX_CONCURRENT_HASHES: z.coerce.number().int().min(1).max(64).default(4),
    /** Sign-in attempts per client IP a minute, any email (a success gives its attempt back). */
    LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
    /** Sign-in attempts per email and client IP a minute (a success clears them). */
    LOGIN_ATTEMPTS_PER_EMAIL_AND_IP_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(5),
    /** Failed sign-ins per account in 15 minutes, from any IP, before it is locked (1 min, doubling per lockout within a day, at most 30). */
    LOGIN_FAILURES_PER_ACCOUNT_PER_15_MINUTES: z.coerce.number().int().min(1).max(1_000_000).default(10),
    /** Events each agent may send on the `/agents` socket in 10 seconds, over all their sockets (the console sends a few a minute). */
    AGENT_SOCKET_EVENTS_PER_10_SECONDS: z.coerce.number().int().min(1).max(1_000_000).default(40),
    /**
     * Reverse proxies in front of this app that append to X-Forwarded-For (the console's server is
     * one): the client IP is read that many entries from the right. 0: the socket's address.
     */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** How long a session lasts after login (it ends sooner on logout or deactivation). */
    SESSION_HOURS: z.coerce.number().int().min(1).max(720).default(8),
    /** Anonymous POST /api/tickets per IP per hour. */
    TICKET_REQUESTS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(30),
    /** Anonymous POST /api/tickets per email per hour. */
    TICKET_REQUESTS_PER_EMAIL_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(5),
  })
  .transform((env, ctx) => {
    if (env.SEED_DEMO_AGENTS && !isDevelopmentMode(env.NODE_ENV)) {
      ctx.addIssue({
        code: 'custom',
        path: ['SEED_DEMO_AGENTS'],
        message: `creates accounts with public passwords: only with NODE_ENV development or test (NODE_ENV is ${env.NODE_ENV}; unset means production)`,
      });
    }
    // npm start's demo webhook secrets are public: never accepted outside development/test.
    const webhookSecrets = {
      SHOPIFY_WEBHOOK_SECRET: env.SHOPIFY_WEBHOOK_SECRET,
      AFTERSHIP_WEBHOOK_SECRET: env.AFTERSHIP_WEBHOOK_SECRET,
    };
    for (const name of Object.keys(developmentWebhookSecrets) as Array<keyof typeof developmentWebhookSecrets>) {
      if (!isDevelopmentMode(env.NODE_ENV) && webhookSecrets[name].includes(developmentWebhookSecrets[name])) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message:
            "is the repository's public development value, refused unless NODE_ENV is development or test; generate one with `openssl rand -hex 32`",
        });
      }
    }
    const wooCommerceRest = {
      WOOCOMMERCE_URL: env.WOOCOMMERCE_URL,
      WOOCOMMERCE_CONSUMER_KEY: env.WOOCOMMERCE_CONSUMER_KEY,
      WOOCOMMERCE_CONSUMER_SECRET: env.WOOCOMMERCE_CONSUMER_SECRET,
    };
    const given = Object.values(wooCommerceRest).filter((value) => value !== undefined).length;
    if (given > 0 && given < 3) {
      for (const [name, value] of Object.entries(wooCommerceRest)) {
        if (value === undefined)
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: 'is required with the other WOOCOMMERCE_URL/CONSUMER_KEY/CONSUMER_SECRET (all three, or none)',
          });
      }
    }
    if (env.SMTP_URL && !env.SMTP_FROM) {
      ctx.addIssue({
        code: 'custom',
        path: ['SMTP_FROM'],
        message: 'is required with SMTP_URL (the From of proactive emails)',
      });
    }
    return {
      ...env,
      /** The reconciliation's REST access, when all three are given. */
      WOOCOMMERCE_REST:
        env.WOOCOMMERCE_URL && env.WOOCOMMERCE_CONSUMER_KEY && env.WOOCOMMERCE_CONSUMER_SECRET
          ? {
              url: env.WOOCOMMERCE_URL,
              consumerKey: env.WOOCOMMERCE_CONSUMER_KEY,
              consumerSecret: env.WOOCOMMERCE_CONSUMER_SECRET,
            }
          : undefined,
      ...resolveSecrets(env, developmentSecrets, ctx),
      COOKIE_SECURE: env.COOKIE_SECURE ?? !isDevelopmentMode(env.NODE_ENV),
    };
  });

export type TicketingEnv = z.output<typeof ticketingEnvSchema>;

/** Parses the ticketing environment; a ConfigError naming every bad variable. */
export function loadTicketingEnv(source: Record<string, string | undefined> = process.env): TicketingEnv {
  return parseEnv(ticketingEnvSchema, source);
}
