// Wires the ticketing app: environment, servers (found or started), connections, the app, the
// start-up rebuild, demo accounts, the lease sweeper; no logic of its own.
import { createCustomerProfileService } from '@loyaldesk/customer-profile/service';
import { createLogger } from '@loyaldesk/platform/logger';
import { acquireServices } from '@loyaldesk/platform/local-servers';
import { connectMongo, describeDatabaseServer } from '@loyaldesk/platform/mongo';
import { connectRedis } from '@loyaldesk/platform/redis';
import { seedDemoAgents } from './agents/seed-demo-agents.ts';
import { createTicketingApp } from './app.ts';
import { startLeaseSweeper } from './claim/lease-sweeper.ts';
import { loadTicketingEnv } from './env.ts';
import { rebuildQueueFromMongo } from './queue/rebuild-queue.ts';
import { rebuildTicketIndex } from './tickets/rebuild-ticket-index.ts';

const env = loadTicketingEnv();
const logger = createLogger('ticketing', env.LOG_LEVEL);
const services = await acquireServices({ env, logger, persistent: true });
const connection = await connectMongo({ uri: services.mongoUri, dbName: env.MONGODB_DB, logger });
const redis = await connectRedis({ url: services.redisUrl, logger });
const database = await describeDatabaseServer(connection);
logger.info({ database }, `database: ${database.name} ${database.version}`);

const profiles = createCustomerProfileService({ connection, logger });
const ticketing = await createTicketingApp({
  connection,
  redis,
  redisPrefix: env.REDIS_PREFIX,
  profiles,
  logger,
  config: {
    jwtSecret: env.JWT_SECRET,
    webhookSecret: env.SHOP_WEBHOOK_SECRET,
    secureCookies: env.COOKIE_SECURE,
    passwordRounds: env.PASSWORD_ROUNDS,
    allowedOrigins: env.ALLOWED_ORIGINS,
  },
});

// Redis lost its data (or never had it): the queue and the index come back from MongoDB.
if (!(await ticketing.index.isBuilt())) {
  const queued = await rebuildQueueFromMongo({ queue: ticketing.queue, tickets: ticketing.ticketRepository });
  const indexed = await rebuildTicketIndex({ index: ticketing.index, tickets: ticketing.ticketRepository });
  logger.info({ queued, indexed }, 'rebuilt the ticket queue and index from MongoDB');
}

if (env.SEED_DEMO_AGENTS) {
  const logins = await seedDemoAgents(ticketing.agents, { passwordRounds: env.PASSWORD_ROUNDS });
  for (const login of logins) process.stdout.write(`demo ${login.role.padEnd(7)} ${login.email}  password: ${login.password}\n`);
}

const stopSweeper = startLeaseSweeper({ queue: ticketing.queue, tickets: ticketing.ticketRepository, logger });
const port = await ticketing.listen(env.PORT, env.HOST);
process.stdout.write(`ticketing API on http://${env.HOST}:${port}/api (docs: /api/docs)\n`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  stopSweeper();
  await ticketing.close();
  await connection.close().catch(() => undefined);
  redis.disconnect();
  await services.release();
  process.exit(0);
}
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
