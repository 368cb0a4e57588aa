// Wires the ticketing app: environment, servers (found or started), connections, the service
// (app, workers, lease sweeper), demo accounts, listening and shutdown; no logic of its own.
import { createCustomerProfileService } from '@loyaldesk/customer-profile/service';
import { loadEnvOrExit } from '@loyaldesk/platform/env';
import { createLogger } from '@loyaldesk/platform/logger';
import { acquireServices } from '@loyaldesk/platform/local-servers';
import { connectMongo, describeDatabaseServer } from '@loyaldesk/platform/mongo';
import { connectRedis } from '@loyaldesk/platform/redis';
import { seedDemoAgents } from './agents/seed-demo-agents.ts';
import { loadTicketingEnv } from './env.ts';
import { startTicketing } from './start-ticketing.ts';

const env = loadEnvOrExit('ticketing', loadTicketingEnv);
const logger = createLogger('ticketing', env.LOG_LEVEL);
const services = await acquireServices({ env, logger, persistent: true });
const connection = await connectMongo({ uri: services.mongoUri, dbName: env.MONGODB_DB, logger });
const redis = await connectRedis({ url: services.redisUrl, logger });
const database = await describeDatabaseServer(connection);
logger.info({ database }, `database: ${database.name} ${database.version}`);

const profiles = createCustomerProfileService({
  connection,
  logger,
  tierFloorTags: env.TIER_FLOOR_TAGS,
  shopCurrency: env.SHOP_CURRENCY,
});
const ticketing = await startTicketing({
  connection,
  redis,
  redisUrl: services.redisUrl,
  redisPrefix: env.REDIS_PREFIX,
  bullPrefix: env.BULL_PREFIX,
  socketIoKey: env.SOCKET_IO_KEY,
  ...(env.WOOCOMMERCE_REST
    ? { wooCommerceSync: { rest: env.WOOCOMMERCE_REST, intervalMs: env.WOOCOMMERCE_SYNC_INTERVAL_MINUTES * 60_000 } }
    : {}),
  profiles,
  logger,
  config: {
    jwtSecret: env.JWT_SECRET,
    webhookSecret: env.SHOP_WEBHOOK_SECRET,
    shopCurrency: env.SHOP_CURRENCY,
    shopifyWebhookSecrets: env.SHOPIFY_WEBHOOK_SECRET,
    wooCommerceWebhookSecrets: env.WOOCOMMERCE_WEBHOOK_SECRET,
    afterShipWebhookSecrets: env.AFTERSHIP_WEBHOOK_SECRET,
    easyPostWebhookSecrets: env.EASYPOST_WEBHOOK_SECRET,
    ...(env.SMTP_URL && env.SMTP_FROM ? { smtp: { url: env.SMTP_URL, from: env.SMTP_FROM } } : {}),
    secureCookies: env.COOKIE_SECURE,
    passwordHashing: { memoryCostKib: env.PASSWORD_HASH_MEMORY_KIB, timeCost: env.PASSWORD_HASH_ITERATIONS },
    maxConcurrentHashes: env.LOGIN_MAX_CONCURRENT_HASHES,
    allowedOrigins: env.ALLOWED_ORIGINS,
    trustProxyHops: env.TRUST_PROXY_HOPS,
    sessionSeconds: env.SESSION_HOURS * 3600,
    loginLimits: {
      failuresPerIp: env.LOGIN_ATTEMPTS_PER_IP_PER_MINUTE,
      failuresPerEmailAndIp: env.LOGIN_ATTEMPTS_PER_EMAIL_AND_IP_PER_MINUTE,
      failuresPerAccount: env.LOGIN_FAILURES_PER_ACCOUNT_PER_15_MINUTES,
    },
    agentEventLimits: { points: env.AGENT_SOCKET_EVENTS_PER_10_SECONDS, durationSeconds: 10 },
    ticketRequestLimits: {
      perIp: env.TICKET_REQUESTS_PER_IP_PER_HOUR,
      perEmail: env.TICKET_REQUESTS_PER_EMAIL_PER_HOUR,
    },
  },
});

if (env.SEED_DEMO_AGENTS) {
  const logins = await seedDemoAgents(ticketing.app.agents, { passwords: ticketing.app.passwords });
  for (const login of logins)
    process.stdout.write(`demo ${login.role.padEnd(7)} ${login.email}  password: ${login.password}\n`);
}

const port = await ticketing.listen(env.PORT, env.HOST);
process.stdout.write(`ticketing API on http://${env.HOST}:${port}/api (docs: /api/docs)\n`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  await ticketing.stop();
  await connection.close().catch(() => undefined);
  redis.disconnect();
  await services.release();
  process.exit(0);
}
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
