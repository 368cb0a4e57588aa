import { z } from 'zod';
import { defaultSocketIoRedisKey } from '@loyaldesk/contracts/chat-event-names';
import { parseEnv, platformEnvSchema, resolveSecrets } from '@loyaldesk/platform/env';
import { originOf, parseAllowedOrigins, type AllowedOrigins } from './transport/origin-policy.ts';

// Public values, so a local run needs no setup: only with NODE_ENV development/test, refused otherwise.
const developmentSecrets = {
  CHAT_SESSION_SECRET: 'loyaldesk-dev-chat-session-secret-change-me',
  SHOP_IDENTITY_SECRET: 'loyaldesk-dev-shop-identity-secret-change-me',
};

const secret = z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)');
// Key names and prefixes end up in Redis keys and channels: no spaces.
const redisKeyPart = z.string().regex(/^[A-Za-z0-9_:.-]{1,60}$/, 'must be 1–60 letters, digits, _, :, . or -');
const secondsPerUnit = { s: 1, m: 60, h: 3600, d: 86_400 } as const;
/** `30d`, `12h`, `90m`, `3600s` or bare seconds → seconds, between a minute and a year. */
const duration = z
  .string()
  .regex(/^\d{1,9}[smhd]?$/, 'must be a duration such as 30d, 12h, 90m or 3600 (seconds)')
  .transform((text) => {
    const unit = /[smhd]$/.test(text) ? (text.slice(-1) as keyof typeof secondsPerUnit) : 's';
    return Number.parseInt(text, 10) * secondsPerUnit[unit];
  })
  .pipe(
    z
      .number()
      .min(60, 'must be at least a minute')
      .max(366 * 86_400, 'must be at most a year'),
  );
const origins = z.string().transform((value, context): AllowedOrigins => {
  const parsed = parseAllowedOrigins(value);
  if (parsed !== null) return parsed;
  context.addIssue({ code: 'custom', message: 'must be * or comma-separated origins such as https://shop.example' });
  return z.NEVER;
});
const origin = z.string().transform((value, context) => {
  const parsed = originOf(value);
  if (parsed !== null) return parsed;
  context.addIssue({ code: 'custom', message: 'must be an origin such as https://shop.example (no path)' });
  return z.NEVER;
});
const perWindow = z.coerce.number().int().min(1).max(1_000_000);

/** The chat bot's environment: the platform's plus its own variables. */
export const chatEnvSchema = platformEnvSchema
  .extend({
    CHAT_PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
    /** Loopback by default; set 0.0.0.0 (or an interface address) to take connections from other machines. */
    CHAT_HOST: z.string().min(1).default('127.0.0.1'),
    /** Signs shoppers' session tokens (HMAC-SHA256); every instance must share it. */
    CHAT_SESSION_SECRET: secret.optional(),
    /** The storefront's secret for identity tokens (HMAC-SHA256 of `customerId.expiry`). */
    SHOP_IDENTITY_SECRET: secret.optional(),
    /** How long a conversation can be resumed with its session tokens, from the first one, however often they are renewed. */
    CHAT_SESSION_MAX_AGE: duration.default(30 * 86_400),
    /** The storefront's origin (where the widget is embedded): allowed to open the chat socket. */
    SHOP_ORIGIN: origin.optional(),
    /** More origins allowed to open the chat socket (comma-separated), or `*` for any; the server's own pages always are. */
    CHAT_ALLOWED_ORIGINS: origins.optional(),
    /** The shipping policy file (YAML or JSON); default: apps/chat-bot/config/shipping-policy.yaml. */
    SHIPPING_POLICY_FILE: z.string().min(1).optional(),
    /** How many proxies of ours are in front (load balancer, CDN): the client is the entry of X-Forwarded-For after theirs. */
    CHAT_TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** Replaced: `true` trusted the client-written leftmost X-Forwarded-For entry. */
    CHAT_TRUST_PROXY: z
      .undefined({ error: 'was replaced by CHAT_TRUST_PROXY_HOPS, the number of proxies in front (e.g. 1)' })
      .optional(),
    /** Socket connections per client address (an IPv6 /64) per minute. */
    CHAT_CONNECTIONS_PER_IP_PER_MINUTE: perWindow.default(60),
    /** New conversations (stored at the first message) per client address per hour. */
    CHAT_CONVERSATIONS_PER_IP_PER_HOUR: perWindow.default(60),
    /** Bull's key prefix; ticketing must use the same. */
    BULL_PREFIX: z.string().min(1).default('bull'),
    /** Prefix of the chat bot's own Redis keys (verification rate limits); one per deployment or test stack. */
    CHAT_REDIS_PREFIX: redisKeyPart.default('loyaldesk:chat:'),
    /** The Socket.IO Redis adapter/emitter key; ticketing must use the same (its SOCKET_IO_KEY). */
    SOCKET_IO_KEY: redisKeyPart.default(defaultSocketIoRedisKey),
  })
  .transform((env, context) => ({ ...env, ...resolveSecrets(env, developmentSecrets, context) }));

export type ChatEnv = z.infer<typeof chatEnvSchema>;

/** Parses the chat bot's environment; throws a ConfigError naming every bad variable. */
export function loadChatEnv(source: Record<string, string | undefined> = process.env): ChatEnv {
  return parseEnv(chatEnvSchema, source);
}

/** Browser origins allowed to open the chat socket besides the server's own pages: the shop's, and any listed. */
export function chatAllowedOrigins(env: Pick<ChatEnv, 'SHOP_ORIGIN' | 'CHAT_ALLOWED_ORIGINS'>): AllowedOrigins {
  if (env.CHAT_ALLOWED_ORIGINS === '*') return '*';
  const listed = [...(env.SHOP_ORIGIN ? [env.SHOP_ORIGIN] : []), ...(env.CHAT_ALLOWED_ORIGINS ?? [])];
  return [...new Set(listed)];
}
