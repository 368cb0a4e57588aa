import { describe, expect, it } from 'vitest';
import { ConfigError } from '@loyaldesk/platform/errors';
import { chatAllowedOrigins, loadChatEnv } from './env.ts';

const secret = 'x'.repeat(32);

describe('loadChatEnv', () => {
  it('has working defaults for development', () => {
    const env = loadChatEnv({});
    expect(env.CHAT_PORT).toBe(3001);
    expect(env.CHAT_SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.CHAT_TRUST_PROXY_HOPS).toBe(0);
  });

  it('requires real secrets in production, naming each missing one', () => {
    expect(() => loadChatEnv({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadChatEnv({ NODE_ENV: 'production' })).toThrow(
      /CHAT_SESSION_SECRET: is required in production[\s\S]*SHOP_IDENTITY_SECRET/,
    );
    const env = loadChatEnv({
      NODE_ENV: 'production',
      CHAT_SESSION_SECRET: secret,
      SHOP_IDENTITY_SECRET: secret,
      CHAT_TRUST_PROXY_HOPS: '1',
    });
    expect(env.CHAT_SESSION_SECRET).toBe(secret);
    expect(env.CHAT_TRUST_PROXY_HOPS).toBe(1);
  });

  it('refuses a short secret and a bad port', () => {
    expect(() => loadChatEnv({ CHAT_SESSION_SECRET: 'short' })).toThrow(
      /CHAT_SESSION_SECRET: must be at least 32 characters/,
    );
    expect(() => loadChatEnv({ CHAT_PORT: 'eighty' })).toThrow(/CHAT_PORT/);
  });

  it("allows no other site's pages by default: only the server's own, SHOP_ORIGIN and listed origins", () => {
    expect(chatAllowedOrigins(loadChatEnv({}))).toEqual([]);
    expect(chatAllowedOrigins(loadChatEnv({ SHOP_ORIGIN: 'https://Shop.example/' }))).toEqual(['https://shop.example']);
    expect(
      chatAllowedOrigins(
        loadChatEnv({
          SHOP_ORIGIN: 'https://shop.example',
          CHAT_ALLOWED_ORIGINS: 'https://shop.example, https://m.shop.example',
        }),
      ),
    ).toEqual(['https://shop.example', 'https://m.shop.example']);
    expect(chatAllowedOrigins(loadChatEnv({ CHAT_ALLOWED_ORIGINS: '*' }))).toBe('*');
    expect(() => loadChatEnv({ CHAT_ALLOWED_ORIGINS: 'shop.example' })).toThrow(/CHAT_ALLOWED_ORIGINS: must be \* or/);
    expect(() => loadChatEnv({ SHOP_ORIGIN: 'https://shop.example/cart' })).toThrow(/SHOP_ORIGIN: must be an origin/);
  });

  it('trusts no proxy unless told how many, and refuses the old all-or-nothing CHAT_TRUST_PROXY', () => {
    expect(loadChatEnv({ CHAT_TRUST_PROXY_HOPS: '2' }).CHAT_TRUST_PROXY_HOPS).toBe(2);
    expect(() => loadChatEnv({ CHAT_TRUST_PROXY_HOPS: '-1' })).toThrow(/CHAT_TRUST_PROXY_HOPS/);
    expect(() => loadChatEnv({ CHAT_TRUST_PROXY: 'true' })).toThrow(
      /CHAT_TRUST_PROXY: was replaced by CHAT_TRUST_PROXY_HOPS/,
    );
  });

  it('reads the per-address limits', () => {
    const env = loadChatEnv({ CHAT_CONNECTIONS_PER_IP_PER_MINUTE: '30', CHAT_CONVERSATIONS_PER_IP_PER_HOUR: '10' });
    expect([env.CHAT_CONNECTIONS_PER_IP_PER_MINUTE, env.CHAT_CONVERSATIONS_PER_IP_PER_HOUR]).toEqual([30, 10]);
    expect(loadChatEnv({}).CHAT_CONVERSATIONS_PER_IP_PER_HOUR).toBe(60);
    expect(() => loadChatEnv({ CHAT_CONVERSATIONS_PER_IP_PER_HOUR: '0' })).toThrow(
      /CHAT_CONVERSATIONS_PER_IP_PER_HOUR/,
    );
  });
});
