// npm start — runs loyaldesk locally: the database and Redis (found or started, data in .data/),
// demo data on first run, then every app as its own process; Ctrl-C stops everything.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createCustomerProfileService } from '@loyaldesk/customer-profile/service';
import { seedDatabase, summarizeSeededData } from '@loyaldesk/customer-profile/seed';
import { createProgressBar } from '@loyaldesk/platform/cli';
import { parseEnv, platformEnvSchema } from '@loyaldesk/platform/env';
import { createLogger } from '@loyaldesk/platform/logger';
import { acquireServices, repoRoot, spawnSupervised, type SupervisedProcess } from '@loyaldesk/platform/local-servers';
import { connectMongo, describeDatabaseServer } from '@loyaldesk/platform/mongo';
import { ensureConsoleBuilt } from '@loyaldesk/console/build';
import { buildChatServer } from '@loyaldesk/chat-bot/build';
import { developmentWebhookSecrets } from '@loyaldesk/ticketing/development-webhook-secrets';

const env = parseEnv(
  platformEnvSchema.extend({
    /** Customers the demo seed writes on first run. */
    DEMO_CUSTOMERS: z.coerce.number().int().min(10).max(1_000_000).default(2000),
    TICKETING_PORT: z.coerce.number().int().min(1).max(65535).default(3002),
    CHAT_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
    CONSOLE_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  }),
);
const logger = createLogger('start', env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
const say = (line: string): void => void process.stdout.write(`${line}\n`);

const services = await acquireServices({ env, logger, persistent: true, publish: true });
const apps: Array<{ name: string; process: SupervisedProcess }> = [];
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('\nStopping…');
    await Promise.all(apps.map((app) => app.process.stop()));
    await services.release();
    say('Stopped: no loyaldesk process is left running.');
  }
  process.exit(code);
}
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

try {
  const connection = await connectMongo({ uri: services.mongoUri, dbName: env.MONGODB_DB, logger });
  const database = await describeDatabaseServer(connection);
  say(`database  ${database.name} ${database.version} at ${services.mongoUri} (db ${env.MONGODB_DB})`);
  say(
    `redis     ${services.redisUrl}${services.started.length ? '' : ' (from the environment or a running npm start)'}`,
  );

  const profiles = createCustomerProfileService({ connection });
  await profiles.init();
  if (
    !(await summarizeSeededData(profiles)) &&
    (await profiles.models.Customers.findOne({}, { _id: 1 }).lean()) === null
  ) {
    say(`First run: seeding ${env.DEMO_CUSTOMERS.toLocaleString('en-US')} demo customers…`);
    let bar: ReturnType<typeof createProgressBar> | undefined;
    await seedDatabase(profiles, {
      seed: 42,
      customers: env.DEMO_CUSTOMERS,
      onProgress: ({ done, total }) => {
        bar ??= createProgressBar('customers', total);
        bar.update(done);
      },
    });
    bar?.stop();
  }
  const summary = await summarizeSeededData(profiles);
  if (summary) {
    say(
      `demo data ${summary.customers.toLocaleString('en-US')} customers, ${summary.orders.toLocaleString('en-US')} orders (seed ${summary.seed})`,
    );
  }
  await connection.close();

  // A local demo: development mode (the repository's dev secrets unless set, refused anywhere else)
  // and the demo accounts, whatever NODE_ENV this shell has.
  if (env.NODE_ENV !== 'development' && process.env['NODE_ENV']) {
    say(`note      npm start runs the apps with NODE_ENV=development (not ${env.NODE_ENV}) and demo accounts`);
  }
  const childEnv = {
    ...process.env,
    NODE_ENV: 'development',
    SEED_DEMO_AGENTS: 'true',
    MONGODB_URI: services.mongoUri,
    REDIS_URL: services.redisUrl,
    MONGODB_DB: env.MONGODB_DB,
  };
  // The console is served from its Vite build: build it first when dist is missing or stale.
  if (existsSync(path.join(repoRoot, 'apps/console/server/main.ts'))) {
    await ensureConsoleBuilt({ onLine: (line) => say(`console   ${line}`) });
  }
  // The chat bot runs from its bundle (plain JavaScript, no TypeScript loader: ~30 MB less per process).
  const chatBuild = await buildChatServer();
  say(`chat-bot  built ${path.relative(repoRoot, chatBuild.entry)} in ${chatBuild.milliseconds} ms`);
  const ticketingUrl = `http://127.0.0.1:${env.TICKETING_PORT}`;
  const allApps: Array<{ name: string; main: string; env: Record<string, string> }> = [
    {
      name: 'ticketing',
      main: 'apps/ticketing/src/main.ts',
      // The console's server proxies /api (one hop): login limits must see each agent's own address.
      // The Shopify and AfterShip webhooks are on with public dev secrets unless the shell sets real
      // ones (ticketing refuses the dev ones outside development), so `npm run demo:shop` works as is.
      env: {
        PORT: String(env.TICKETING_PORT),
        TRUST_PROXY_HOPS: process.env['TRUST_PROXY_HOPS'] ?? '1',
        SHOPIFY_WEBHOOK_SECRET:
          process.env['SHOPIFY_WEBHOOK_SECRET'] || developmentWebhookSecrets.SHOPIFY_WEBHOOK_SECRET,
        AFTERSHIP_WEBHOOK_SECRET:
          process.env['AFTERSHIP_WEBHOOK_SECRET'] || developmentWebhookSecrets.AFTERSHIP_WEBHOOK_SECRET,
      },
    },
    {
      name: 'chat-bot',
      main: path.relative(repoRoot, chatBuild.entry),
      env: { CHAT_PORT: String(env.CHAT_PORT) },
    },
    {
      name: 'console',
      main: 'apps/console/server/main.ts',
      env: { CONSOLE_PORT: String(env.CONSOLE_PORT), TICKETING_URL: ticketingUrl },
    },
  ];
  const appEntries = allApps.filter((app) => existsSync(path.join(repoRoot, app.main)));
  for (const app of appEntries) {
    const loader = app.main.endsWith('.ts') ? ['--import', 'tsx'] : [];
    const child = spawnSupervised(process.execPath, [...loader, path.join(repoRoot, app.main)], {
      cwd: repoRoot,
      env: { ...childEnv, ...app.env },
      forward: app.name,
    });
    child.child.once('exit', (code) => {
      if (!stopping) {
        say(
          `${app.name} exited (code ${String(code)}); stopping everything. Its last output:\n${child.recentOutput()}`,
        );
        void stop(1);
      }
    });
    apps.push({ name: app.name, process: child });
  }
  say('');
  say(`chat widget + demo storefront  http://127.0.0.1:${env.CHAT_PORT}/`);
  say(`agent console + dashboard      http://127.0.0.1:${env.CONSOLE_PORT}/`);
  say(`agent API + docs               http://127.0.0.1:${env.TICKETING_PORT}/api/docs`);
  say('demo shopper                   order 1042, alice.walker@example.com');
  say(
    'shop webhooks demo             npm run demo:shop (another terminal): Shopify order + shipment, AfterShip exception',
  );
  say(`shop webhook URLs              ${ticketingUrl}/api/webhooks/{shopify,woocommerce,aftership,easypost}`);
  say('demo logins are printed by ticketing below. Press Ctrl-C to stop.');
} catch (error) {
  process.stderr.write(`start: ${error instanceof Error ? error.message : String(error)}\n`);
  await stop(1);
}
