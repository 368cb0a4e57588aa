import { Redis } from 'ioredis';
import type { Logger } from '@loyaldesk/platform/logger';
import { redisOptions } from '@loyaldesk/platform/redis';

/**
 * The Redis client the Socket.IO adapter and emitter publish with. Both call `publish` and drop the
 * promise, so a publish that fails (Redis unreachable past the retries, or a client already
 * closed) would be an unhandled rejection, which ends a Node process. Here every publish gets a
 * handler that logs the failure: the message is lost for other instances (as with Redis down),
 * the process is not.
 */
export function createRoomPublisher(url: string, logger: Logger): Redis {
  // Auto-pipelining: publishes made in one tick go out in one socket write. A group commit answers
  // many turns at once, and each turn's `message.created` publish was a write syscall of its own.
  const client = new Redis(url, { ...redisOptions({ url }), enableAutoPipelining: true });
  client.on('error', (error: Error) => logger.warn({ err: error.message }, 'socket.io redis publisher error'));
  const publish = client.publish.bind(client) as (
    channel: string | Buffer,
    message: string | Buffer,
  ) => Promise<number>;
  Object.assign(client, {
    publish(channel: string | Buffer, message: string | Buffer): Promise<number> {
      const result = publish(channel, message);
      result.catch((error: unknown) =>
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'socket.io publish failed'),
      );
      return result;
    },
  });
  return client;
}
