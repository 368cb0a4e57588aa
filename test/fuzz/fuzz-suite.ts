import { randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import { z } from 'zod';
import { signIdentityToken } from '@loyaldesk/chat-bot/identity-token';
import { demoOrders } from '@loyaldesk/customer-profile/seed';
import { chatNamespace } from '@loyaldesk/contracts/chat-event-names';
import { signInAgent, type AgentSession } from '../support/agent-session.ts';
import { demoShopper, seedDemoShop } from '../support/demo-shop.ts';
import type { Stack, StackAppName, StackOptions } from '../support/stack.ts';
import { fuzzHttpTarget, fuzzSocketTarget, type FuzzOptions, type FuzzStack, type TargetResult } from './fuzz-runner.ts';
import { chatBotTargets, targetsFromOpenApi, ticketingExtraTargets, type HttpTarget, type KnownValues } from './http-targets.ts';
import type { JsonSchema } from './json-schema-arbitrary.ts';
import { trackMemory, type MemoryTrack } from './process-watch.ts';
import { agentSocketTargets, chatSocketTargets, type AgentIdentity, type SocketTarget } from './socket-targets.ts';
import { fuzzWebhookSecrets, webhookTargets } from './webhook-targets.ts';
const identitySecret = 'fuzz-shop-identity-secret-0123456789abcdef';

/** The environment the fuzz stack runs with: known secrets, so signed webhooks and identity tokens reach the handlers. */
export const fuzzStackOptions: StackOptions = {
  env: {
    // Limits lifted so the payloads reach the handlers (the limits have tests of their own).
    ticketing: {
      SHOP_WEBHOOK_SECRET: fuzzWebhookSecrets.loyaldesk,
      // Every webhook mounted, so signed deliveries reach parsing and ingestion.
      SHOPIFY_WEBHOOK_SECRET: fuzzWebhookSecrets.shopify,
      WOOCOMMERCE_WEBHOOK_SECRET: fuzzWebhookSecrets.woocommerce,
      AFTERSHIP_WEBHOOK_SECRET: fuzzWebhookSecrets.aftership,
      EASYPOST_WEBHOOK_SECRET: fuzzWebhookSecrets.easypost,
      TIER_FLOOR_TAGS: 'VIP=gold,Wholesale=silver',
      LOG_LEVEL: 'warn',
      TICKET_REQUESTS_PER_IP_PER_HOUR: '100000',
      TICKET_REQUESTS_PER_EMAIL_PER_HOUR: '10000',
      LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '1000000',
      LOGIN_ATTEMPTS_PER_EMAIL_AND_IP_PER_MINUTE: '1000000',
      LOGIN_FAILURES_PER_ACCOUNT_PER_15_MINUTES: '1000000',
      // 8 hashing at once and 16 waiting: the fuzzer's 16 in flight never get login_busy.
      LOGIN_MAX_CONCURRENT_HASHES: '8',
      AGENT_SOCKET_EVENTS_PER_10_SECONDS: '1000000',
    },
    'chat-bot': {
      SHOP_IDENTITY_SECRET: identitySecret,
      LOG_LEVEL: 'warn',
      CHAT_CONNECTIONS_PER_IP_PER_MINUTE: '100000',
      CHAT_CONVERSATIONS_PER_IP_PER_HOUR: '100000',
    },
  },
};

export type FuzzTarget = HttpTarget | SocketTarget;

export interface FuzzSuiteResult {
  /** How many targets there were (results has fewer when a crash stopped the run). */
  targetCount: number;
  results: TargetResult[];
  memory: Record<StackAppName, MemoryTrack>;
  durationMs: number;
}

const demoEmails = [
  demoShopper.email,
  'grace.thompson@example.org',
  'zhang.wei@example.com',
  'sam.rivera@example.com',
  'agent@demo.loyaldesk',
];

// An anonymous request learns the new ticket's id only.
const ticketCreatedSchema = z.object({ ticketId: z.string() });
const agentsSchema = z.object({ agents: z.array(z.object({ id: z.string() })) });
const agentCreatedSchema = z.object({ agent: z.object({ id: z.string() }) });
const queuesSchema = z.object({ jobs: z.record(z.string(), z.unknown()) });
const readySchema = z.object({ ok: z.literal(true), sessionToken: z.string() });

const throwawayRoles = ['agent', 'manager', 'admin', 'agent', 'manager', 'admin'] as const;

/**
 * Accounts for the agent admin routes to deactivate, re-role and rename (each signed in once, so a
 * deactivation has sessions to end): the demo agent and manager the harness signs in as stay as they are.
 */
async function createThrowawayAgents(ticketingUrl: string, admin: AgentSession): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, role] of throwawayRoles.entries()) {
    const email = `fuzz-target-${index}-${randomBytes(4).toString('hex')}@fuzz.loyaldesk`;
    const password = randomBytes(18).toString('base64url');
    const created = await admin.expect('post', '/agents', agentCreatedSchema, {
      email,
      name: `Fuzz target ${index}`,
      role,
      languages: ['en'],
      skills: ['general'],
      password,
    });
    const login = await fetch(`${ticketingUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'loyaldesk-fuzz' },
      body: JSON.stringify({ email, password }),
    });
    if (login.status !== 200) throw new Error(`sign-in of throwaway agent ${email} failed: ${login.status} ${await login.text()}`);
    ids.push(created.agent.id);
  }
  return ids;
}

async function openTickets(ticketingUrl: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const withOrder = index % 2 === 0;
    const response = await fetch(`${ticketingUrl}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'loyaldesk-fuzz' },
      body: JSON.stringify({
        email: withOrder ? demoShopper.email : (demoEmails[index % demoEmails.length] ?? demoShopper.email),
        subject: `fuzz seed ticket ${index}`,
        message: 'Where is my parcel?',
        language: 'en',
        ...(withOrder ? { orderNumber: demoShopper.orderNumber } : {}),
      }),
    });
    ids.push(ticketCreatedSchema.parse(await response.json()).ticketId);
  }
  return ids;
}

async function chatSessionTokens(chatUrl: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let index = 0; index < count; index++) {
    const socket = io(`${chatUrl}${chatNamespace}`, { transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      const reply: unknown = await socket.timeout(30_000).emitWithAck('conversation.start', {});
      tokens.push(readySchema.parse(reply).sessionToken);
    } finally {
      socket.disconnect();
    }
  }
  return tokens;
}

/**
 * Everything under fuzz, in run order: ticketing's documented routes (policy edits first, while
 * few tickets are open; logout and login last), its other
 * routes (the admin board's queue-stopping actions last), the chat bot's, then the socket events.
 */
export async function fuzzTargets(
  stack: Pick<Stack, 'ticketingUrl'>,
  known: KnownValues & { sessionTokens: string[]; identityTokens: string[]; trackingNumbers: string[] },
): Promise<FuzzTarget[]> {
  const document = (await (await fetch(`${stack.ticketingUrl}/api/openapi.json`)).json()) as JsonSchema;
  // The providers' webhooks are documented without a body schema (they read raw bytes): their
  // targets generate from the payload schemas and sign as each provider does.
  const webhooks = webhookTargets({ orderNumbers: known.orderNumbers, trackingNumbers: known.trackingNumbers, emails: known.emails });
  const webhookNames = new Set(webhooks.map((target) => target.name));
  const documented = targetsFromOpenApi(document, known).filter((target) => !webhookNames.has(target.name));
  const rank = (target: HttpTarget): number =>
    target.name.includes('/api/policy/') ? 0 : target.name === 'POST /api/auth/logout' ? 2 : target.name === 'POST /api/auth/login' ? 3 : 1;
  documented.sort((a, b) => rank(a) - rank(b));
  return [
    ...documented,
    ...webhooks,
    ...ticketingExtraTargets(known),
    ...chatBotTargets(),
    ...chatSocketTargets(known),
    ...agentSocketTargets(known),
  ];
}

/**
 * Seeds the stack (demo shop, a few tickets and chats), signs in the demo agent, manager and admin,
 * creates throwaway accounts for the agent admin routes to change (never the demo agent or manager
 * it signs in as), then fuzzes every target with `options.runs` payloads each (each app's targets in turn, the two
 * apps side by side), tracking both apps' memory. Stops early when an app process is gone.
 * @example const { results } = await runFuzzSuite(stack, { runs: 1000, concurrency: 16, seed: 1, answerTimeoutMs: 30_000 });
 */
export async function runFuzzSuite(stack: Stack, options: FuzzOptions & { only?: (target: FuzzTarget) => boolean }): Promise<FuzzSuiteResult> {
  const started = Date.now();
  await seedDemoShop(stack);
  const sessions = await Promise.all((['agent', 'manager', 'admin'] as const).map((role) => signInAgent(stack.ticketingUrl, role)));
  const cookies = Object.fromEntries(sessions.map((session) => [session.agent.role, session.cookie])) as Record<AgentIdentity, string>;
  const [admin] = sessions.slice(2);
  if (!admin) throw new Error('no admin session');
  const changeableAgentIds = [...(await createThrowawayAgents(stack.ticketingUrl, admin)), admin.agent.id];
  const agentIds = agentsSchema.parse((await admin.get('/agents')).body).agents.map((agent) => agent.id);
  const queueNames = Object.keys(queuesSchema.parse((await admin.get('/admin/queues')).body).jobs);
  const [, manager] = sessions;
  if (!manager) throw new Error('no manager session');
  const slaPolicy = z.object({ policy: z.unknown() }).parse((await manager.get('/policy/sla')).body).policy;
  const tierPolicy = z.object({ policy: z.unknown() }).parse((await manager.get('/policy/tiers')).body).policy;
  const ticketIds = await openTickets(stack.ticketingUrl, 12);
  const sessionTokens = await chatSessionTokens(stack.chatUrl, 2);
  const identityTokens = [signIdentityToken(identitySecret, demoShopper.customerId, new Date(Date.now() + 24 * 3_600_000))];
  const shopOrders = demoOrders(new Date());
  const trackingNumbers = [...new Set(shopOrders.flatMap((order) => (order.shipments ?? []).map((shipment) => shipment.trackingNumber)))].slice(0, 20);
  const targets = (
    await fuzzTargets(stack, {
      ticketIds,
      agentIds,
      changeableAgentIds,
      emails: demoEmails,
      orderNumbers: [demoShopper.orderNumber, '1001', '1046'],
      customerIds: [demoShopper.customerId],
      queueNames,
      // The policies in force: their cross-field rules are not in the JSON Schema the generator reads.
      validBodies: {
        'PUT /api/policy/sla': [slaPolicy],
        'PUT /api/policy/tiers': [tierPolicy],
        // Real orders of the demo shop: deliveries that pass the order schema reach the ingestion.
        'POST /api/webhooks/orders': shopOrders
          .slice(0, 20)
          .map((order, index) => JSON.parse(JSON.stringify({ id: `evt_fuzz_${index}`, type: 'order.updated', order })) as unknown),
      },
      sessionTokens,
      identityTokens,
      trackingNumbers,
    })
  ).filter(options.only ?? (() => true));

  const fuzzStack: FuzzStack = {
    urls: { ticketing: stack.ticketingUrl, 'chat-bot': stack.chatUrl },
    pids: stack.pids,
    cookies,
    webhookSecrets: fuzzWebhookSecrets,
  };
  const memory = { ticketing: trackMemory(stack.pids.ticketing), 'chat-bot': trackMemory(stack.pids['chat-bot']) };
  const results: Array<TargetResult | undefined> = targets.map(() => undefined);
  let crashed = false;
  // Two lanes, one per app: the chat bot's targets run beside ticketing's (each app gets a core),
  // each lane one target at a time.
  const lane = async (app: StackAppName): Promise<void> => {
    for (const [index, target] of targets.entries()) {
      if (target.app !== app || crashed) continue;
      options.progress?.(`[${index + 1}/${targets.length}] ${target.name} (${target.app}): ${options.runs} payloads…`);
      const result = target.kind === 'http' ? await fuzzHttpTarget(target, fuzzStack, options) : await fuzzSocketTarget(target, fuzzStack, options);
      results[index] = result;
      options.progress?.(
        `    [${index + 1}] ${target.name}: ${result.sent} sent in ${(result.durationMs / 1000).toFixed(1)} s: 2xx ${result.classes['2xx']}, 4xx ${result.classes['4xx']}, 5xx ${result.classes['5xx']}, other ${result.classes.other}, failures ${result.failures}` +
          (result.crashed.length > 0 ? `, CRASHED: ${result.crashed.join(', ')}` : ''),
      );
      if (result.crashed.length > 0) crashed = true;
      if (target.name === 'POST /api/auth/logout') {
        // Logout ended the harness's sessions on the server: fresh ones for what follows.
        const fresh = await Promise.all((['agent', 'manager', 'admin'] as const).map((role) => signInAgent(stack.ticketingUrl, role)));
        for (const session of fresh) cookies[session.agent.role as AgentIdentity] = session.cookie;
      }
    }
  };
  let memoryResult: Record<StackAppName, MemoryTrack>;
  try {
    await Promise.all([lane('ticketing'), lane('chat-bot')]);
  } finally {
    memoryResult = { ticketing: memory.ticketing.stop(), 'chat-bot': memory['chat-bot'].stop() };
  }
  return {
    targetCount: targets.length,
    results: results.filter((result) => result !== undefined),
    memory: memoryResult,
    durationMs: Date.now() - started,
  };
}
