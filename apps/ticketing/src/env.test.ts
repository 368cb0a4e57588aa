import { describe, expect, it } from 'vitest';
import { ConfigError } from '@loyaldesk/platform/errors';
import { loadTicketingEnv } from './env.ts';

describe('loadTicketingEnv', () => {
  it('fills development defaults for the secrets outside production', () => {
    const env = loadTicketingEnv({ NODE_ENV: 'development' });
    expect(env.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.SHOP_WEBHOOK_SECRET.length).toBeGreaterThanOrEqual(16);
    expect(env.COOKIE_SECURE).toBe(false);
    expect(env.SEED_DEMO_AGENTS).toBe(true);
    expect(env.PORT).toBe(3002);
  });

  it('requires real secrets in production and names them', () => {
    try {
      loadTicketingEnv({ NODE_ENV: 'production' });
      expect.unreachable('production without secrets must fail');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toMatch(/JWT_SECRET: is required in production/);
      expect((error as ConfigError).message).toMatch(/SHOP_WEBHOOK_SECRET/);
    }
    const env = loadTicketingEnv({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      SHOP_WEBHOOK_SECRET: 'y'.repeat(20),
      ALLOWED_ORIGINS: 'http://localhost:5173, https://desk.example',
    });
    expect(env.COOKIE_SECURE).toBe(true);
    expect(env.SEED_DEMO_AGENTS).toBe(false);
    expect(env.ALLOWED_ORIGINS).toEqual(['http://localhost:5173', 'https://desk.example']);
  });

  it('refuses a short JWT secret', () => {
    expect(() => loadTicketingEnv({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32/);
  });
  it('reads the security settings, refusing values out of range by name', () => {
    const env = loadTicketingEnv({ TRUST_PROXY_HOPS: '1', SESSION_HOURS: '12', TICKET_REQUESTS_PER_EMAIL_PER_HOUR: '3' });
    expect(env).toMatchObject({
      TRUST_PROXY_HOPS: 1,
      SESSION_HOURS: 12,
      TICKET_REQUESTS_PER_EMAIL_PER_HOUR: 3,
      TICKET_REQUESTS_PER_IP_PER_HOUR: 30,
      PASSWORD_HASH_MEMORY_KIB: 19_456,
      PASSWORD_HASH_ITERATIONS: 2,
      LOGIN_MAX_CONCURRENT_HASHES: 4,
    });
    expect(loadTicketingEnv({}).TRUST_PROXY_HOPS).toBe(0);
    expect(() => loadTicketingEnv({ TRUST_PROXY_HOPS: 'true' })).toThrow(/TRUST_PROXY_HOPS/);
    expect(() => loadTicketingEnv({ PASSWORD_HASH_MEMORY_KIB: '64' })).toThrow(/PASSWORD_HASH_MEMORY_KIB/);
  });
});
