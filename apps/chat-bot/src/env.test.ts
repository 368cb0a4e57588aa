import { describe, expect, it } from 'vitest';
import { ConfigError } from '@loyaldesk/platform/errors';
import { loadChatEnv } from './env.ts';

const secret = 'x'.repeat(32);

describe('loadChatEnv', () => {
  it('has working defaults for development', () => {
    const env = loadChatEnv({});
    expect(env.CHAT_PORT).toBe(3001);
    expect(env.CHAT_SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.CHAT_TRUST_PROXY).toBe(false);
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
      CHAT_TRUST_PROXY: 'true',
    });
    expect(env.CHAT_SESSION_SECRET).toBe(secret);
    expect(env.CHAT_TRUST_PROXY).toBe(true);
  });

  it('refuses a short secret and a bad port', () => {
    expect(() => loadChatEnv({ CHAT_SESSION_SECRET: 'short' })).toThrow(
      /CHAT_SESSION_SECRET: must be at least 32 characters/,
    );
    expect(() => loadChatEnv({ CHAT_PORT: 'eighty' })).toThrow(/CHAT_PORT/);
  });
});
