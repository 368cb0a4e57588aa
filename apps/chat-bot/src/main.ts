import { loadEnvOrExit } from '@loyaldesk/platform/env';
import { createLogger } from '@loyaldesk/platform/logger';
import { acquireServices } from '@loyaldesk/platform/local-servers';
import { connectMongo } from '@loyaldesk/platform/mongo';
import { connectRedis } from '@loyaldesk/platform/redis';
import { loadShippingPolicy } from './answers/shipping-policy.ts';
import { createChatApp } from './app.ts';
import { chatAllowedOrigins, loadChatEnv } from './env.ts';

// Wiring only: environment → servers → connections → app → listen; stop cleanly on a signal.
const env = loadEnvOrExit('chat-bot', loadChatEnv);
const logger = createLogger('chat-bot', env.LOG_LEVEL);
const policy = await loadShippingPolicy(env.SHIPPING_POLICY_FILE);
const services = await acquireServices({ env, logger, persistent: true });
const connection = await connectMongo({ uri: services.mongoUri, dbName: env.MONGODB_DB, logger });
const redis = await connectRedis({ url: services.redisUrl, logger });
const app = await createChatApp({
  connection,
  redis,
  redisUrl: services.redisUrl,
  logger,
  policy,
  sessionSecret: env.CHAT_SESSION_SECRET,
  identitySecret: env.SHOP_IDENTITY_SECRET,
  options: {
    bullPrefix: env.BULL_PREFIX,
    keyPrefix: env.CHAT_REDIS_PREFIX,
    socketIoKey: env.SOCKET_IO_KEY,
    allowedOrigins: chatAllowedOrigins(env),
    trustedProxyHops: env.CHAT_TRUST_PROXY_HOPS,
    sessionMaxAgeSeconds: env.CHAT_SESSION_MAX_AGE,
    addressLimits: {
      connectionsPerMinute: env.CHAT_CONNECTIONS_PER_IP_PER_MINUTE,
      conversationsPerHour: env.CHAT_CONVERSATIONS_PER_IP_PER_HOUR,
    },
  },
});
const { url } = await app.listen(env.CHAT_PORT, env.CHAT_HOST);
logger.info({ url }, `chat bot listening: demo shop ${url}/, widget ${url}/widget.js`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping chat bot');
  await app.close();
  redis.disconnect();
  await connection.close();
  await services.release();
  process.exit(0);
}
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
