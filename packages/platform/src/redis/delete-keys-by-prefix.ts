import type { Redis } from 'ioredis';

/** `text` with the glob characters of a SCAN `MATCH` pattern escaped, so it matches itself only. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/**
 * Deletes every key that starts with `prefix` (UNLINK, a SCAN page at a time) and returns how many
 * it deleted. A SCAN walks the whole keyspace: for tests, benchmarks and maintenance commands,
 * never a request path. A client made with ioredis's `keyPrefix` has it put before `prefix`, as
 * for its other commands (SCAN patterns and the keys it returns are otherwise left as they are).
 * @example await deleteKeysByPrefix(redis, 'test_ab12cd:') // 42
 */
export async function deleteKeysByPrefix(redis: Redis, prefix: string): Promise<number> {
  const clientPrefix = redis.options.keyPrefix ?? '';
  const pattern = `${escapeGlob(clientPrefix + prefix)}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    // The client adds its keyPrefix to UNLINK's keys again, so it is taken off what SCAN returned.
    if (keys.length > 0) deleted += await redis.unlink(...keys.map((key) => key.slice(clientPrefix.length)));
  } while (cursor !== '0');
  return deleted;
}
