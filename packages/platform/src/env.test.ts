import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isDevelopmentMode, parseEnv, platformEnvSchema, resolveSecrets } from './env.ts';
import { ConfigError } from './errors.ts';

describe('parseEnv', () => {
  it('applies defaults and keeps valid values', () => {
    const env = parseEnv(platformEnvSchema, { MONGODB_URI: 'mongodb://db.example:27017', LOG_LEVEL: 'debug' });
    expect(env.MONGODB_URI).toBe('mongodb://db.example:27017');
    expect(env.LOG_LEVEL).toBe('debug');
    expect(env.MONGODB_DB).toBe('loyaldesk');
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv(platformEnvSchema, { REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it('names the bad variable and what is expected', () => {
    let error: unknown;
    try {
      parseEnv(platformEnvSchema, { MONGODB_URI: 'postgres://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe('MONGODB_URI');
    expect((error as ConfigError).message).toContain('MONGODB_URI: must be a MongoDB connection string');
  });

  it('lets an app extend the platform schema', () => {
    const appSchema = platformEnvSchema.extend({ PORT: z.coerce.number().int().min(1).max(65535).default(3000) });
    expect(parseEnv(appSchema, { PORT: '8080' }).PORT).toBe(8080);
    expect(() => parseEnv(appSchema, { PORT: '0' })).toThrow(/PORT/);
  });
});

describe('NODE_ENV and secrets', () => {
  const schema = platformEnvSchema
    .extend({ API_SECRET: z.string().optional() })
    .transform((env, context) => ({ ...env, ...resolveSecrets(env, { API_SECRET: 'public-dev-value' }, context) }));

  it('treats an unset or empty NODE_ENV as production and refuses other values', () => {
    expect(parseEnv(platformEnvSchema, {}).NODE_ENV).toBe('production');
    expect(parseEnv(platformEnvSchema, { NODE_ENV: '' }).NODE_ENV).toBe('production');
    expect(() => parseEnv(platformEnvSchema, { NODE_ENV: 'staging' })).toThrow(
      /NODE_ENV: must be development, test or production/,
    );
    expect(['development', 'test', 'production'].map((mode) => isDevelopmentMode(mode as 'test'))).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('fills the development value only with NODE_ENV development or test', () => {
    expect(parseEnv(schema, { NODE_ENV: 'development' }).API_SECRET).toBe('public-dev-value');
    expect(parseEnv(schema, { NODE_ENV: 'test', API_SECRET: 'own-secret' }).API_SECRET).toBe('own-secret');
    expect(parseEnv(schema, { API_SECRET: 'own-secret' }).API_SECRET).toBe('own-secret');
  });

  it('requires the secret otherwise, and refuses the development value even when set explicitly', () => {
    let error: unknown;
    try {
      parseEnv(schema, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe('API_SECRET');
    expect((error as ConfigError).message).toMatch(/API_SECRET: is required unless NODE_ENV is development or test/);
    expect(() => parseEnv(schema, { NODE_ENV: 'production', API_SECRET: 'public-dev-value' })).toThrow(
      /API_SECRET: is the repository's public development value/,
    );
  });
});
