import { createHash } from 'node:crypto';
import type { ChainableCommander, Redis } from 'ioredis';

export type ScriptArg = string | number;

/** A Lua script run by its SHA1 (EVALSHA), loaded on first use or after the server forgot it. */
export interface LuaScript {
  run(redis: Redis, keys: readonly string[], args: readonly ScriptArg[]): Promise<unknown>;
  /** Adds a run to a pipeline; call {@link LuaScript.load} first, as pipelines cannot retry. */
  queue(pipeline: ChainableCommander, keys: readonly string[], args: readonly ScriptArg[]): void;
  load(redis: Redis): Promise<void>;
}

/** Wraps Lua source so callers run it in one round trip without shipping the source each time. */
export function defineLuaScript(source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return {
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return redis.eval(source, keys.length, ...keys, ...args);
      }
    },
    queue(pipeline, keys, args) {
      pipeline.evalsha(sha, keys.length, ...keys, ...args);
    },
    async load(redis) {
      await redis.script('LOAD', source);
    },
  };
}
