// Test-only: the whole app on a real test database and Redis, listening on a free port.
import { pino } from 'pino';
import { Redis } from 'ioredis';
import type { AgentRole } from '@loyaldesk/contracts/agents-api';
import { createCustomerProfileService, type CustomerProfileService, type CustomerProfileServiceOptions } from '@loyaldesk/customer-profile/service';
import { connectMongo } from '@loyaldesk/platform/mongo';
import {
  createTestDatabase,
  createTestRedis,
  startOutageProxy,
  type OutageProxy,
  type TestDatabase,
  type TestRedis,
} from '@loyaldesk/platform/testing';
import { seedDemoAgents, type DemoLogin } from '../agents/seed-demo-agents.ts';
import { createTicketingApp, type TicketingApp, type TicketingAppConfig, type TicketingAppDeps } from '../app.ts';
import type { PasswordHashing } from '../auth/password.ts';
import { startTicketing, type StartTicketingDeps, type Ticketing } from '../start-ticketing.ts';

export const testWebhookSecret = 'test-shop-webhook-secret-0123';
const testJwtSecret = 'test-jwt-secret-that-is-long-enough-0123456789';

/** Cheap argon2id for tests (argon2's floor is 8 KiB; 1 MiB keeps it realistic enough). */
export const testPasswordHashing: PasswordHashing = { memoryCostKib: 1024, timeCost: 1 };

export interface TestApp {
  ticketing: TicketingApp;
  db: TestDatabase;
  redis: TestRedis;
  profiles: CustomerProfileService;
  baseUrl: string;
  logins: Record<AgentRole, DemoLogin>;
  stop(): Promise<void>;
}

type TestAppOptions = Partial<Pick<TicketingAppDeps, 'onTicketChanged' | 'getDashboard' | 'clock' | 'getJobCounts' | 'queueBoard'>> & {
  loginLimits?: TicketingAppConfig['loginLimits'];
  /** Overrides of the app's config (limits, trusted proxy hops, hashing…). */
  config?: Partial<TicketingAppConfig>;
  /** The shop's currency (default USD): orders in any other are refused. */
  shopCurrency?: string;
  /** The shop's tag → minimum tier setting (TIER_FLOOR_TAGS); default none. */
  tierFloorTags?: CustomerProfileServiceOptions['tierFloorTags'];
};

function testConfig(options: TestAppOptions): TicketingAppConfig {
  return {
    jwtSecret: testJwtSecret,
    webhookSecret: testWebhookSecret,
    secureCookies: false,
    passwordHashing: testPasswordHashing,
    ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
    ...options.config,
  };
}

/** Starts the app on port 0 with the demo accounts (cheap password hashing). */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const [db, redis] = await Promise.all([createTestDatabase(), createTestRedis()]);
  const profiles = createCustomerProfileService({
    connection: db.connection,
    ...(options.shopCurrency ? { shopCurrency: options.shopCurrency } : {}),
    ...(options.tierFloorTags ? { tierFloorTags: options.tierFloorTags } : {}),
  });
  const { loginLimits: _loginLimits, config: _config, shopCurrency: _shopCurrency, tierFloorTags: _tierFloorTags, ...deps } = options;
  const ticketing = await createTicketingApp({
    connection: db.connection,
    redis: redis.redis,
    redisPrefix: redis.prefix,
    profiles,
    logger: pino({ level: 'silent' }),
    config: testConfig(options),
    ...deps,
  });
  const port = await ticketing.listen(0);
  const seeded = await seedDemoAgents(ticketing.agents, { passwords: ticketing.passwords });
  const logins = Object.fromEntries(seeded.map((login) => [login.role, login])) as Record<AgentRole, DemoLogin>;
  return {
    ticketing,
    db,
    redis,
    profiles,
    baseUrl: `http://127.0.0.1:${port}`,
    logins,
    async stop() {
      await ticketing.close();
      await Promise.all([db.drop(), redis.cleanup()]);
    },
  };
}

/**
 * Another instance of the same deployment: the same database, Redis keys and Socket.IO adapter
 * channel as `app`, its own HTTP and socket server (as behind a load balancer).
 */
export async function startSecondInstance(app: TestApp, options: TestAppOptions = {}): Promise<{ ticketing: TicketingApp; baseUrl: string; stop(): Promise<void> }> {
  const ticketing = await createTicketingApp({
    connection: app.db.connection,
    redis: app.redis.redis,
    redisPrefix: app.redis.prefix,
    profiles: app.profiles,
    logger: pino({ level: 'silent' }),
    config: testConfig(options),
  });
  const port = await ticketing.listen(0);
  return { ticketing, baseUrl: `http://127.0.0.1:${port}`, stop: () => ticketing.close() };
}

/** The whole wired service (workers, metrics, SLA timers) started as main.ts starts it. */
export interface WiredTestApp extends TestApp {
  service: Ticketing;
  /** With `throughOutageProxies`: the service's links to the database and Redis, to cut and restore. */
  links: { database: OutageProxy; redis: OutageProxy } | null;
}

/** Starts the wired service on port 0 on a test database and Redis, with the demo accounts. */
export async function startWiredTestApp(
  options: {
    clock?: () => Date;
    leaseSweepIntervalMs?: number;
    redisResyncIntervalMs?: number;
    throughOutageProxies?: boolean;
    wooCommerceSync?: StartTicketingDeps['wooCommerceSync'];
  } = {},
): Promise<WiredTestApp> {
  const { throughOutageProxies, ...serviceOptions } = options;
  const [db, redis] = await Promise.all([createTestDatabase(), createTestRedis()]);
  const logger = pino({ level: 'silent' });
  // The service reaches the real servers through proxies a test can cut (an outage); the test directly.
  const links = throughOutageProxies
    ? { database: await startOutageProxy(db.uri), redis: await startOutageProxy(redis.url) }
    : null;
  const connection = links
    ? await connectMongo({ uri: links.database.url, dbName: db.dbName, attempts: 3 })
    : db.connection;
  const serviceRedis = links
    ? new Redis(links.redis.url, { maxRetriesPerRequest: 3 }).on('error', () => undefined)
    : redis.redis;
  const profiles = createCustomerProfileService({ connection, logger });
  const service = await startTicketing({
    connection,
    redis: serviceRedis,
    redisUrl: links?.redis.url ?? redis.url,
    redisPrefix: redis.prefix,
    // Bull adds its own ':' after the prefix: its keys stay under the test's prefix (cleaned up with it).
    bullPrefix: redis.prefix.replace(/:$/, ''),
    profiles,
    logger,
    config: testConfig({}),
    ...serviceOptions,
  });
  const port = await service.listen(0);
  const seeded = await seedDemoAgents(service.app.agents, { passwords: service.app.passwords });
  const logins = Object.fromEntries(seeded.map((login) => [login.role, login])) as Record<AgentRole, DemoLogin>;
  return {
    service,
    links,
    ticketing: service.app,
    db,
    redis,
    profiles,
    baseUrl: `http://127.0.0.1:${port}`,
    logins,
    async stop() {
      links?.database.restore();
      links?.redis.restore();
      await service.stop();
      if (links) {
        serviceRedis.disconnect();
        await connection.close();
        await Promise.all([links.database.close(), links.redis.close()]);
      }
      await Promise.all([db.drop(), redis.cleanup()]);
    },
  };
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

/** A small HTTP client that keeps the session cookie, like a browser tab of the console. */
export interface ApiClient {
  cookie: string | undefined;
  request(
    method: string,
    path: string,
    options?: { json?: unknown; raw?: string | Buffer; headers?: Record<string, string>; csrf?: boolean },
  ): Promise<ApiResponse>;
}

export function apiClient(baseUrl: string): ApiClient {
  const client: ApiClient = {
    cookie: undefined,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.csrf !== false) headers['X-Requested-With'] = 'loyaldesk-test';
      if (client.cookie) headers['Cookie'] = client.cookie;
      let body: string | Buffer | undefined;
      if (options.raw !== undefined) {
        body = options.raw;
        headers['Content-Type'] ??= 'application/json';
      } else if (options.json !== undefined) {
        body = JSON.stringify(options.json);
        headers['Content-Type'] = 'application/json';
      }
      const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const setCookie = response.headers.get('set-cookie');
      if (setCookie) {
        const pair = setCookie.split(';')[0] ?? '';
        client.cookie = pair.endsWith('=') ? undefined : pair;
      }
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON (the docs page)
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
  };
  return client;
}

/** A client signed in as the demo account of `role`. */
export async function signedInClient(app: TestApp, role: AgentRole): Promise<ApiClient> {
  const client = apiClient(app.baseUrl);
  const login = app.logins[role];
  const response = await client.request('POST', '/api/auth/login', {
    json: { email: login.email, password: login.password },
  });
  if (response.status !== 200)
    throw new Error(`login as ${role} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return client;
}

/** The error body's fields, for assertions. */
export function errorOf(response: ApiResponse): { code?: string; message?: string; field?: string; errorId?: string } {
  const body = response.body as {
    error?: { code?: string; message?: string; field?: string; errorId?: string };
  } | null;
  return body?.error ?? {};
}
