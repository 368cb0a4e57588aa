import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseEnv, platformEnvSchema } from './env.ts';
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
