import { describe, expect, it } from 'vitest';
import { ConfigError } from '@loyaldesk/platform/errors';
import { chatAllowedOrigins, loadChatEnv } from './env.ts';

const secret = 'x'.repeat(32);
const realSecrets = { CHAT_SESSION_SECRET: secret, SHOP_IDENTITY_SECRET: secret };
// The repository's development values (src/env.ts): public, so refused outside development/test.
const repositorySessionSecret = 'loyaldesk-dev-chat-session-secret-change-me';
const repositoryIdentitySecret = 'loyaldesk-dev-shop-identity-secret-change-me';

describe('loadChatEnv', () => {
  it('has working defaults for development and tests: loopback, development secrets, 30-day sessions', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const env = loadChatEnv({ NODE_ENV });
      expect(env.CHAT_PORT).toBe(3001);
      expect(env.CHAT_HOST).toBe('127.0.0.1');
      expect(env.CHAT_SESSION_SECRET).toBe(repositorySessionSecret);
      expect(env.SHOP_IDENTITY_SECRET).toBe(repositoryIdentitySecret);
      expect(env.CHAT_SESSION_MAX_AGE).toBe(30 * 24 * 3600);
      expect(env.CHAT_TRUST_PROXY_HOPS).toBe(0);
    }
  });

  it('requires real secrets when NODE_ENV is unset (production), naming each missing one', () => {
    for (const source of [{}, { NODE_ENV: '' }, { NODE_ENV: 'production' }]) {
      expect(() => loadChatEnv(source)).toThrow(ConfigError);
      expect(() => loadChatEnv(source)).toThrow(
        /CHAT_SESSION_SECRET: is required unless NODE_ENV is development or test[\s\S]*SHOP_IDENTITY_SECRET: is required/,
      );
    }
    const env = loadChatEnv({ ...realSecrets, CHAT_TRUST_PROXY_HOPS: '1' });
    expect(env.NODE_ENV).toBe('production');
    expect(env.CHAT_SESSION_SECRET).toBe(secret);
    expect(env.CHAT_HOST).toBe('127.0.0.1');
    expect(env.CHAT_TRUST_PROXY_HOPS).toBe(1);
  });

  it("refuses the repository's development secrets outside development/test even when set explicitly", () => {
    expect(() => loadChatEnv({ ...realSecrets, CHAT_SESSION_SECRET: repositorySessionSecret })).toThrow(
      /CHAT_SESSION_SECRET: is the repository's public development value/,
    );
    expect(() =>
      loadChatEnv({ NODE_ENV: 'production', ...realSecrets, SHOP_IDENTITY_SECRET: repositoryIdentitySecret }),
    ).toThrow(/SHOP_IDENTITY_SECRET: is the repository's public development value/);
  });

  it('reads the session max age as a duration', () => {
    expect(loadChatEnv({ NODE_ENV: 'test', CHAT_SESSION_MAX_AGE: '12h' }).CHAT_SESSION_MAX_AGE).toBe(12 * 3600);
    expect(loadChatEnv({ NODE_ENV: 'test', CHAT_SESSION_MAX_AGE: '7d' }).CHAT_SESSION_MAX_AGE).toBe(7 * 86_400);
    expect(loadChatEnv({ NODE_ENV: 'test', CHAT_SESSION_MAX_AGE: '900' }).CHAT_SESSION_MAX_AGE).toBe(900);
    expect(() => loadChatEnv({ NODE_ENV: 'test', CHAT_SESSION_MAX_AGE: 'forever' })).toThrow(
      /CHAT_SESSION_MAX_AGE: must be a duration/,
    );
    expect(() => loadChatEnv({ NODE_ENV: 'test', CHAT_SESSION_MAX_AGE: '10' })).toThrow(/CHAT_SESSION_MAX_AGE/);
  });

  it('refuses a short secret and a bad port', () => {
    expect(() => loadChatEnv({ NODE_ENV: 'test', CHAT_SESSION_SECRET: 'short' })).toThrow(
      /CHAT_SESSION_SECRET: must be at least 32 characters/,
    );
    expect(() => loadChatEnv({ NODE_ENV: 'test', CHAT_PORT: 'eighty' })).toThrow(/CHAT_PORT/);
  });

  it("allows no other site's pages by default: only the server's own, SHOP_ORIGIN and listed origins", () => {
    expect(chatAllowedOrigins(loadChatEnv({ NODE_ENV: 'test' }))).toEqual([]);
    expect(chatAllowedOrigins(loadChatEnv({ NODE_ENV: 'test', SHOP_ORIGIN: 'https://Shop.example/' }))).toEqual(['https://shop.example']);
    expect(
      chatAllowedOrigins(
        loadChatEnv({
          NODE_ENV: 'test',
          SHOP_ORIGIN: 'https://shop.example',
          CHAT_ALLOWED_ORIGINS: 'https://shop.example, https://m.shop.example',
        }),
      ),
    ).toEqual(['https://shop.example', 'https://m.shop.example']);
    expect(chatAllowedOrigins(loadChatEnv({ NODE_ENV: 'test', CHAT_ALLOWED_ORIGINS: '*' }))).toBe('*');
    expect(() => loadChatEnv({ NODE_ENV: 'test', CHAT_ALLOWED_ORIGINS: 'shop.example' })).toThrow(/CHAT_ALLOWED_ORIGINS: must be \* or/);
    expect(() => loadChatEnv({ NODE_ENV: 'test', SHOP_ORIGIN: 'https://shop.example/cart' })).toThrow(/SHOP_ORIGIN: must be an origin/);
  });

  it('trusts no proxy unless told how many, and refuses the old all-or-nothing CHAT_TRUST_PROXY', () => {
    expect(loadChatEnv({ NODE_ENV: 'test', CHAT_TRUST_PROXY_HOPS: '2' }).CHAT_TRUST_PROXY_HOPS).toBe(2);
    expect(() => loadChatEnv({ NODE_ENV: 'test', CHAT_TRUST_PROXY_HOPS: '-1' })).toThrow(/CHAT_TRUST_PROXY_HOPS/);
    expect(() => loadChatEnv({ NODE_ENV: 'test', CHAT_TRUST_PROXY: 'true' })).toThrow(
      /CHAT_TRUST_PROXY: was replaced by CHAT_TRUST_PROXY_HOPS/,
    );
  });

  it('reads the per-address limits', () => {
    const env = loadChatEnv({ NODE_ENV: 'test', CHAT_CONNECTIONS_PER_IP_PER_MINUTE: '30', CHAT_CONVERSATIONS_PER_IP_PER_HOUR: '10' });
    expect([env.CHAT_CONNECTIONS_PER_IP_PER_MINUTE, env.CHAT_CONVERSATIONS_PER_IP_PER_HOUR]).toEqual([30, 10]);
    expect(loadChatEnv({ NODE_ENV: 'test' }).CHAT_CONVERSATIONS_PER_IP_PER_HOUR).toBe(60);
    expect(() => loadChatEnv({ NODE_ENV: 'test', CHAT_CONVERSATIONS_PER_IP_PER_HOUR: '0' })).toThrow(
      /CHAT_CONVERSATIONS_PER_IP_PER_HOUR/,
    );
  });
});
