import { Agent, request } from 'node:http';
import { createLogger } from '@loyaldesk/platform/logger';
import { orderInputFromShopify, parseShopifyJson, shopifyOrderSchema } from '@loyaldesk/customer-profile/shopify';
import { shopifyJson, shopifyOrder } from '@loyaldesk/customer-profile/shopify-fixtures';
import { createCustomerProfileService } from '@loyaldesk/customer-profile/service';
import type { OrderInput } from '@loyaldesk/customer-profile/schemas';
import { createTicketingApp } from '@loyaldesk/ticketing/app';
import { ingestOrder } from '@loyaldesk/ticketing/ingest-order';
import { signShopifyWebhook } from '@loyaldesk/ticketing/shopify-signature';
import type { Benchmark, BenchContext, Measure } from '../lib/benchmark.ts';
import { formatNumber, formatTable } from '../lib/table.ts';

const secret = 'bench-shopify-secret-0123456789abcdef';

type Side = 'webhook' | 'ingestOrder';

interface SideRound {
  ordersPerSecond: number;
  /** This process's CPU (user + system) per order, ms: the app and, for the webhook, the HTTP client too. */
  cpuMsPerOrder: number;
}

/**
 * Shopify order webhooks through the whole endpoint (HTTP, HMAC, lossless parse, mapping,
 * dedupe, ingestion) against the bare ingestion use case with the order already mapped, on the
 * same database in the same run: what the way in costs on top of storing an order.
 */
export const webhooksBenchmark: Benchmark = {
  name: 'webhooks',
  description: 'Shopify orders/create webhooks per second (closed loop) vs bare ingestOrder on the same database',
  run: runWebhooks,
};

async function runWebhooks(context: BenchContext): Promise<Measure[]> {
  const { env, print, signal } = context;
  const database = await context.openDatabase();
  print(`database: ${database.description}; ${database.redisDescription}`);
  const orders = env.BENCH_WEBHOOK_ORDERS;
  const concurrency = env.BENCH_WEBHOOK_CONCURRENCY;
  print(
    `${formatNumber(orders)} new orders per side per round, ${concurrency} in flight, ${env.BENCH_WEBHOOK_ROUNDS} rounds, sides alternating first`,
  );

  const profiles = createCustomerProfileService({ connection: database.connection });
  const app = await createTicketingApp({
    connection: database.connection,
    redis: database.redis,
    redisPrefix: database.redisPrefix,
    profiles,
    logger: createLogger('bench-webhooks', 'silent'),
    config: {
      jwtSecret: 'bench-jwt-secret-that-is-long-enough-0123456789',
      webhookSecret: 'bench-shop-webhook-secret',
      secureCookies: false,
      shopifyWebhookSecrets: [secret],
    },
  });
  const port = await app.listen(0, '127.0.0.1');
  context.onCleanup('ticketing app', () => app.close());
  const url = new URL(`http://127.0.0.1:${port}/api/webhooks/shopify`);
  // Shopify's client does not run on our server, but this one shares the process: node's own HTTP
  // client on kept-alive sockets costs less per request than fetch (WHATWG streams), so more of
  // the figure is the endpoint's and less the load generator's.
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  context.onCleanup('HTTP client sockets', async () => agent.destroy());
  const post = (body: Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        { method: 'POST', agent, headers: { ...headers, 'Content-Length': String(body.length) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  let serial = 0;
  /** A new order of a new customer (both sides create, never update). */
  const nextBody = (): string => {
    serial++;
    const id = `${9_100_000_000_000_000_000n + BigInt(serial)}`;
    return shopifyJson(
      shopifyOrder({
        id,
        name: `#B${serial}`,
        customerId: id,
        email: `bench.${serial}@example.com`,
        price: `${(serial % 400) + 10}.99`,
      }),
    );
  };
  const deps = { profiles, tickets: app.tickets };

  const runSide = async (side: Side, count = orders): Promise<SideRound> => {
    const bodies = Array.from({ length: count }, nextBody);
    // The baseline gets its orders mapped before the clock starts: what it measures is storing them.
    const inputs: OrderInput[] =
      side === 'ingestOrder'
        ? bodies.map((body) => orderInputFromShopify(shopifyOrderSchema.parse(parseShopifyJson(body))))
        : [];
    // Likewise the webhooks are signed before it starts: signing is Shopify's work, not the endpoint's.
    const deliveries =
      side === 'webhook'
        ? bodies.map((text, i) => {
            const body = Buffer.from(text);
            const headers = {
              'Content-Type': 'application/json',
              'X-Shopify-Topic': 'orders/create',
              'X-Shopify-Event-Id': `bench-${i}-${body.length}-${serial}`,
              'X-Shopify-Hmac-Sha256': signShopifyWebhook(secret, body),
            };
            return { body, headers };
          })
        : [];
    let next = 0;
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    const worker = async (): Promise<void> => {
      for (let i = next++; i < count && !signal.aborted; i = next++) {
        if (side === 'ingestOrder') {
          await ingestOrder(deps, inputs[i]);
          continue;
        }
        const delivery = deliveries[i];
        if (!delivery) continue;
        const answer = await post(delivery.body, delivery.headers);
        if (answer.status !== 200) throw new Error(`webhook answered ${answer.status}: ${answer.text}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    return { ordersPerSecond: count / seconds, cpuMsPerOrder: (cpu.user + cpu.system) / 1000 / count };
  };

  // One untimed round per side first: both paths' code compiled by the JIT and their connections
  // open, so the rounds compare a running server's costs, not its first requests' (a first timed
  // round ran the webhook at 0.37–0.58× against 0.63–0.85× in the rounds after it).
  const warmupOrders = orders;
  for (const side of ['webhook', 'ingestOrder'] as const) await runSide(side, warmupOrders);
  print(`warm-up: ${formatNumber(warmupOrders)} orders per side, untimed`);
  const rounds: Record<Side, SideRound[]> = { webhook: [], ingestOrder: [] };
  for (let round = 0; round < env.BENCH_WEBHOOK_ROUNDS && !signal.aborted; round++) {
    const order: Side[] = round % 2 === 0 ? ['webhook', 'ingestOrder'] : ['ingestOrder', 'webhook'];
    for (const side of order) rounds[side].push(await runSide(side));
    const line = (side: Side): string =>
      `${side} ${formatNumber(Math.round(rounds[side][round]?.ordersPerSecond ?? 0))}/s, ${(rounds[side][round]?.cpuMsPerOrder ?? 0).toFixed(2)} ms CPU/order`;
    // Each round's two sides ran back to back: their ratio shows how much the machine's load moved the medians.
    const pair =
      (rounds.webhook[round]?.ordersPerSecond ?? 0) / (rounds.ingestOrder[round]?.ordersPerSecond ?? Number.NaN);
    print(`round ${round + 1}: ${line('webhook')}; ${line('ingestOrder')}; ratio ${pair.toFixed(2)}`);
  }

  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  const webhook = {
    rate: median(rounds.webhook.map((r) => r.ordersPerSecond)),
    cpu: median(rounds.webhook.map((r) => r.cpuMsPerOrder)),
  };
  const bare = {
    rate: median(rounds.ingestOrder.map((r) => r.ordersPerSecond)),
    cpu: median(rounds.ingestOrder.map((r) => r.cpuMsPerOrder)),
  };
  print(
    '\n' +
      formatTable(
        ['median of rounds', 'webhook', 'bare ingestOrder', 'webhook / bare', 'target'],
        [
          [
            'orders per second',
            formatNumber(Math.round(webhook.rate)),
            formatNumber(Math.round(bare.rate)),
            (webhook.rate / bare.rate).toFixed(2),
            '≥ 0.70',
          ],
          [
            'CPU ms per order (this process)',
            webhook.cpu.toFixed(2),
            bare.cpu.toFixed(2),
            (webhook.cpu / bare.cpu).toFixed(2),
            '—',
          ],
        ],
        { indent: '  ' },
      ),
  );
  return [
    {
      measure: 'orders_per_second.shopify_webhook',
      value: webhook.rate,
      unit: 'orders/s',
      baseline: bare.rate,
      rounds: rounds.webhook.map((r) => r.ordersPerSecond),
      baselineRounds: rounds.ingestOrder.map((r) => r.ordersPerSecond),
    },
    {
      measure: 'cpu_ms_per_order.shopify_webhook',
      value: webhook.cpu,
      unit: 'ms',
      baseline: bare.cpu,
      rounds: rounds.webhook.map((r) => r.cpuMsPerOrder),
      baselineRounds: rounds.ingestOrder.map((r) => r.cpuMsPerOrder),
    },
  ];
}
