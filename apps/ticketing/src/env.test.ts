import { describe, expect, it } from 'vitest';
import { ConfigError } from '@loyaldesk/platform/errors';
import { loadTicketingEnv } from './env.ts';

const realSecrets = { JWT_SECRET: 'x'.repeat(40), SHOP_WEBHOOK_SECRET: 'y'.repeat(20) };
// The repository's development values (src/env.ts): public, so refused outside development/test.
const repositoryJwtSecret = 'loyaldesk-dev-only-jwt-secret-change-me-0123456789';
const repositoryWebhookSecret = 'loyaldesk-dev-only-shop-webhook-secret';

function configErrorOf(source: Record<string, string | undefined>): ConfigError {
  try {
    loadTicketingEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadTicketingEnv(${JSON.stringify(source)}) succeeded; a ConfigError was expected`);
}

describe('loadTicketingEnv', () => {
  it('reads TIER_FLOOR_TAGS as tag → minimum tier, and names the variable and the bad pair otherwise', () => {
    expect(loadTicketingEnv({ NODE_ENV: 'test' }).TIER_FLOOR_TAGS.size).toBe(0);
    expect([...loadTicketingEnv({ NODE_ENV: 'test', TIER_FLOOR_TAGS: 'VIP=gold, Wholesale=Silver' }).TIER_FLOOR_TAGS]).toEqual([
      ['vip', 'gold'],
      ['wholesale', 'silver'],
    ]);
    const error = configErrorOf({ NODE_ENV: 'test', TIER_FLOOR_TAGS: 'VIP=diamond' });
    expect(error.field).toBe('TIER_FLOOR_TAGS');
    expect(error.message).toContain('"VIP=diamond" must be TAG=tier');
  });

  it('fills development values for the secrets with NODE_ENV development or test, and seeds no demo accounts unless asked', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const env = loadTicketingEnv({ NODE_ENV });
      expect(env.JWT_SECRET).toBe(repositoryJwtSecret);
      expect(env.SHOP_WEBHOOK_SECRET).toBe(repositoryWebhookSecret);
      expect(env.COOKIE_SECURE).toBe(false);
      expect(env.SEED_DEMO_AGENTS).toBe(false);
      expect(env.PORT).toBe(3002);
    }
    expect(loadTicketingEnv({ NODE_ENV: 'development', SEED_DEMO_AGENTS: 'true' }).SEED_DEMO_AGENTS).toBe(true);
  });

  it('requires real secrets when NODE_ENV is unset (production), naming each', () => {
    for (const source of [{}, { NODE_ENV: '' }, { NODE_ENV: 'production' }]) {
      const error = configErrorOf(source);
      expect(error.field).toBe('JWT_SECRET');
      expect(error.message).toMatch(/JWT_SECRET: is required unless NODE_ENV is development or test/);
      expect(error.message).toMatch(/SHOP_WEBHOOK_SECRET: is required/);
      expect(error.message).toContain('openssl rand -hex 32');
    }
    const env = loadTicketingEnv({ ...realSecrets, ALLOWED_ORIGINS: 'http://localhost:5173, https://desk.example' });
    expect(env.NODE_ENV).toBe('production');
    expect(env.JWT_SECRET).toBe(realSecrets.JWT_SECRET);
    expect(env.COOKIE_SECURE).toBe(true);
    expect(env.SEED_DEMO_AGENTS).toBe(false);
    expect(env.ALLOWED_ORIGINS).toEqual(['http://localhost:5173', 'https://desk.example']);
  });

  it("refuses the repository's development secrets outside development/test even when set explicitly", () => {
    const jwt = configErrorOf({ NODE_ENV: 'production', ...realSecrets, JWT_SECRET: repositoryJwtSecret });
    expect(jwt.field).toBe('JWT_SECRET');
    expect(jwt.message).toMatch(/JWT_SECRET: is the repository's public development value/);
    const webhook = configErrorOf({ ...realSecrets, SHOP_WEBHOOK_SECRET: repositoryWebhookSecret });
    expect(webhook.message).toMatch(/SHOP_WEBHOOK_SECRET: is the repository's public development value/);
  });

  it('refuses to seed the demo accounts (public passwords) outside development/test, and an unknown NODE_ENV', () => {
    const seeding = configErrorOf({ ...realSecrets, SEED_DEMO_AGENTS: 'true' });
    expect(seeding.field).toBe('SEED_DEMO_AGENTS');
    expect(seeding.message).toMatch(/SEED_DEMO_AGENTS: creates accounts with public passwords/);
    expect(configErrorOf({ NODE_ENV: 'staging' }).message).toMatch(/NODE_ENV: must be development, test or production/);
  });

  it('refuses a short JWT secret', () => {
    expect(() => loadTicketingEnv({ NODE_ENV: 'test', JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET: must be at least 32/,
    );
  });
  it('reads the security settings, refusing values out of range by name', () => {
    const env = loadTicketingEnv({ NODE_ENV: 'test', TRUST_PROXY_HOPS: '1', SESSION_HOURS: '12', TICKET_REQUESTS_PER_EMAIL_PER_HOUR: '3' });
    expect(env).toMatchObject({
      TRUST_PROXY_HOPS: 1,
      SESSION_HOURS: 12,
      TICKET_REQUESTS_PER_EMAIL_PER_HOUR: 3,
      TICKET_REQUESTS_PER_IP_PER_HOUR: 30,
      PASSWORD_HASH_MEMORY_KIB: 19_456,
      PASSWORD_HASH_ITERATIONS: 2,
      LOGIN_MAX_CONCURRENT_HASHES: 4,
    });
    expect(loadTicketingEnv({ NODE_ENV: 'test' }).TRUST_PROXY_HOPS).toBe(0);
    expect(() => loadTicketingEnv({ NODE_ENV: 'test', TRUST_PROXY_HOPS: 'true' })).toThrow(/TRUST_PROXY_HOPS/);
    expect(() => loadTicketingEnv({ NODE_ENV: 'test', PASSWORD_HASH_MEMORY_KIB: '64' })).toThrow(/PASSWORD_HASH_MEMORY_KIB/);
  });

  it("refuses npm start's public demo webhook secrets (Shopify, AfterShip) outside development/test, even one of a rotation", () => {
    const shopify = configErrorOf({ ...realSecrets, SHOPIFY_WEBHOOK_SECRET: `${'a'.repeat(32)},loyaldesk-dev-only-shopify-webhook-secret` });
    expect(shopify.message).toMatch(/SHOPIFY_WEBHOOK_SECRET: is the repository's public development value/);
    const afterShip = configErrorOf({ ...realSecrets, AFTERSHIP_WEBHOOK_SECRET: 'loyaldesk-dev-only-aftership-webhook-secret' });
    expect(afterShip.message).toMatch(/AFTERSHIP_WEBHOOK_SECRET: is the repository's public development value/);
    expect(loadTicketingEnv({ NODE_ENV: 'development', AFTERSHIP_WEBHOOK_SECRET: 'loyaldesk-dev-only-aftership-webhook-secret' }).AFTERSHIP_WEBHOOK_SECRET).toEqual([
      'loyaldesk-dev-only-aftership-webhook-secret',
    ]);
  });

  it('reads the Shopify secrets as a comma-separated list (a rotation), none by default, and names a short one', () => {
    expect(loadTicketingEnv({ NODE_ENV: 'test' }).SHOPIFY_WEBHOOK_SECRET).toEqual([]);
    expect(loadTicketingEnv({ NODE_ENV: 'test', SHOPIFY_WEBHOOK_SECRET: `${'a'.repeat(32)}, ${'b'.repeat(32)}` }).SHOPIFY_WEBHOOK_SECRET).toEqual([
      'a'.repeat(32),
      'b'.repeat(32),
    ]);
    expect(configErrorOf({ NODE_ENV: 'test', SHOPIFY_WEBHOOK_SECRET: 'short' }).message).toMatch(/SHOPIFY_WEBHOOK_SECRET.*at least 16 characters/);
  });

  it('reads the shop currency as an ISO 4217 code, USD by default, and names a bad one', () => {
    expect(loadTicketingEnv({ NODE_ENV: 'test' }).SHOP_CURRENCY).toBe('USD');
    expect(loadTicketingEnv({ NODE_ENV: 'test', SHOP_CURRENCY: 'TWD' }).SHOP_CURRENCY).toBe('TWD');
    for (const bad of ['twd', 'NTD', 'US$']) expect(configErrorOf({ NODE_ENV: 'test', SHOP_CURRENCY: bad }).message).toMatch(/SHOP_CURRENCY.*ISO 4217/);
  });

  it('reads the WooCommerce secrets as a list, and its REST access only as all three variables, over https', () => {
    const rest = { WOOCOMMERCE_URL: 'https://kettle-house.example/shop', WOOCOMMERCE_CONSUMER_KEY: `ck_${'a'.repeat(40)}`, WOOCOMMERCE_CONSUMER_SECRET: `cs_${'b'.repeat(40)}` };
    const none = loadTicketingEnv({ NODE_ENV: 'test' });
    expect(none.WOOCOMMERCE_WEBHOOK_SECRET).toEqual([]);
    expect(none.WOOCOMMERCE_REST).toBeUndefined();
    expect(none.WOOCOMMERCE_SYNC_INTERVAL_MINUTES).toBe(15);
    expect(loadTicketingEnv({ NODE_ENV: 'test', WOOCOMMERCE_WEBHOOK_SECRET: `${'c'.repeat(20)},${'d'.repeat(20)}` }).WOOCOMMERCE_WEBHOOK_SECRET).toHaveLength(2);
    expect(loadTicketingEnv({ NODE_ENV: 'test', ...rest }).WOOCOMMERCE_REST).toEqual({
      url: rest.WOOCOMMERCE_URL,
      consumerKey: rest.WOOCOMMERCE_CONSUMER_KEY,
      consumerSecret: rest.WOOCOMMERCE_CONSUMER_SECRET,
    });
    expect(configErrorOf({ NODE_ENV: 'test', WOOCOMMERCE_URL: rest.WOOCOMMERCE_URL }).message).toMatch(/WOOCOMMERCE_CONSUMER_KEY: is required with the other/);
    expect(configErrorOf({ NODE_ENV: 'test', ...rest, WOOCOMMERCE_URL: 'http://kettle-house.example' }).message).toMatch(/WOOCOMMERCE_URL: must use https/);
    expect(loadTicketingEnv({ NODE_ENV: 'test', ...rest, WOOCOMMERCE_URL: 'http://127.0.0.1:8080' }).WOOCOMMERCE_REST?.url).toBe('http://127.0.0.1:8080');
    expect(configErrorOf({ NODE_ENV: 'test', ...rest, WOOCOMMERCE_CONSUMER_SECRET: 'hunter2' }).message).toMatch(/WOOCOMMERCE_CONSUMER_SECRET: must be a consumer secret/);
    expect(configErrorOf({ NODE_ENV: 'test', WOOCOMMERCE_SYNC_INTERVAL_MINUTES: '0' }).message).toMatch(/WOOCOMMERCE_SYNC_INTERVAL_MINUTES/);
  });

  it('reads the login and agent socket limits, with the production budgets by default and 0 or text refused by name', () => {
    expect(loadTicketingEnv({ ...realSecrets, NODE_ENV: 'production' })).toMatchObject({
      LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: 30,
      LOGIN_ATTEMPTS_PER_EMAIL_AND_IP_PER_MINUTE: 5,
      LOGIN_FAILURES_PER_ACCOUNT_PER_15_MINUTES: 10,
      AGENT_SOCKET_EVENTS_PER_10_SECONDS: 40,
    });
    const raised = loadTicketingEnv({
      NODE_ENV: 'test',
      LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '100000',
      LOGIN_ATTEMPTS_PER_EMAIL_AND_IP_PER_MINUTE: '20000',
      LOGIN_FAILURES_PER_ACCOUNT_PER_15_MINUTES: '50000',
      AGENT_SOCKET_EVENTS_PER_10_SECONDS: '100000',
    });
    expect(raised).toMatchObject({
      LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: 100_000,
      LOGIN_ATTEMPTS_PER_EMAIL_AND_IP_PER_MINUTE: 20_000,
      LOGIN_FAILURES_PER_ACCOUNT_PER_15_MINUTES: 50_000,
      AGENT_SOCKET_EVENTS_PER_10_SECONDS: 100_000,
    });
    expect(configErrorOf({ NODE_ENV: 'test', LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '0' }).field).toBe('LOGIN_ATTEMPTS_PER_IP_PER_MINUTE');
    expect(configErrorOf({ NODE_ENV: 'test', LOGIN_FAILURES_PER_ACCOUNT_PER_15_MINUTES: 'many' }).field).toBe('LOGIN_FAILURES_PER_ACCOUNT_PER_15_MINUTES');
    expect(configErrorOf({ NODE_ENV: 'test', AGENT_SOCKET_EVENTS_PER_10_SECONDS: '-1' }).field).toBe('AGENT_SOCKET_EVENTS_PER_10_SECONDS');
  });

  it('reads the AfterShip and EasyPost secrets as comma-separated lists, none by default, and names a short one', () => {
    const env = loadTicketingEnv({ NODE_ENV: 'test', AFTERSHIP_WEBHOOK_SECRET: `${'a'.repeat(20)},${'b'.repeat(20)}` });
    expect(env.AFTERSHIP_WEBHOOK_SECRET).toEqual(['a'.repeat(20), 'b'.repeat(20)]);
    expect(env.EASYPOST_WEBHOOK_SECRET).toEqual([]);
    expect(configErrorOf({ NODE_ENV: 'test', EASYPOST_WEBHOOK_SECRET: 'short' }).message).toMatch(/EASYPOST_WEBHOOK_SECRET.*at least 16 characters/);
  });

  it('takes an SMTP server for proactive emails only with a From, and only smtp(s) URLs', () => {
    expect(loadTicketingEnv({ NODE_ENV: 'test' }).SMTP_URL).toBeUndefined();
    const env = loadTicketingEnv({ NODE_ENV: 'test', SMTP_URL: 'smtp://user:pass@mail.example.com:587', SMTP_FROM: 'Support <support@shop.example>' });
    expect(env.SMTP_URL).toBe('smtp://user:pass@mail.example.com:587');
    expect(configErrorOf({ NODE_ENV: 'test', SMTP_URL: 'smtp://mail.example.com' }).message).toMatch(/SMTP_FROM.*required with SMTP_URL/);
    expect(configErrorOf({ NODE_ENV: 'test', SMTP_URL: 'http://mail.example.com', SMTP_FROM: 'x@y.z' }).message).toMatch(/SMTP_URL/);
  });
});
