import { z } from 'zod';
import { defaultSocketIoRedisKey } from '@loyaldesk/contracts/chat-event-names';
import { parseEnv, platformEnvSchema } from '@loyaldesk/platform/env';

// Development-only secrets, so `npm start` works with no setup; production must set its own.
const developmentSessionSecret = 'loyaldesk-dev-chat-session-secret-change-me';
const developmentIdentitySecret = 'loyaldesk-dev-shop-identity-secret-change-me';

const secret = z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)');
// Key names and prefixes end up in Redis keys and channels: no spaces.
const redisKeyPart = z.string().regex(/^[A-Za-z0-9_:.-]{1,60}$/, 'must be 1–60 letters, digits, _, :, . or -');
const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** The chat bot's environment: the platform's plus its own variables. */
export const chatEnvSchema = platformEnvSchema
  .extend({
    CHAT_PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
    CHAT_HOST: z.string().min(1).default('0.0.0.0'),
    /** Signs shoppers' session tokens (HMAC-SHA256); every instance must share it. */
    CHAT_SESSION_SECRET: secret.optional(),
    /** The storefront's secret for identity tokens (HMAC-SHA256 of `customerId.expiry`). */
    SHOP_IDENTITY_SECRET: secret.optional(),
    /** Origins allowed to open the chat socket: `*` or a comma-separated list of origins. */
    CHAT_ALLOWED_ORIGINS: z.string().min(1).default('*'),
    /** The shipping policy file (YAML or JSON); default: apps/chat-bot/config/shipping-policy.yaml. */
    SHIPPING_POLICY_FILE: z.string().min(1).optional(),
    /** Read the shopper's IP from X-Forwarded-For (behind a load balancer). */
    CHAT_TRUST_PROXY: flag.default(false),
    /** Bull's key prefix; ticketing must use the same. */
    BULL_PREFIX: z.string().min(1).default('bull'),
    /** Prefix of the chat bot's own Redis keys (verification rate limits); one per deployment or test stack. */
    CHAT_REDIS_PREFIX: redisKeyPart.default('loyaldesk:chat:'),
    /** The Socket.IO Redis adapter/emitter key; ticketing must use the same (its SOCKET_IO_KEY). */
    SOCKET_IO_KEY: redisKeyPart.default(defaultSocketIoRedisKey),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV !== 'production') return;
    for (const name of ['CHAT_SESSION_SECRET', 'SHOP_IDENTITY_SECRET'] as const) {
      if (!env[name]) context.addIssue({ code: 'custom', path: [name], message: 'is required in production' });
    }
  })
  .transform((env) => ({
    ...env,
    CHAT_SESSION_SECRET: env.CHAT_SESSION_SECRET ?? developmentSessionSecret,
    SHOP_IDENTITY_SECRET: env.SHOP_IDENTITY_SECRET ?? developmentIdentitySecret,
  }));

export type ChatEnv = z.infer<typeof chatEnvSchema>;

/** Parses the chat bot's environment; throws a ConfigError naming every bad variable. */
export function loadChatEnv(source: Record<string, string | undefined> = process.env): ChatEnv {
  return parseEnv(chatEnvSchema, source);
}
