import { deepStrictEqual } from 'node:assert/strict';
import type { Collection } from 'mongodb';
import { createProgressBar } from '@loyaldesk/platform/cli';
import { valueBucketCount, valuePercentile } from '@loyaldesk/customer-profile/rules';
import type { CustomerProfile } from '@loyaldesk/customer-profile/schemas';
import {
  createCustomerProfileService,
  valueHistogramId,
  type CustomerProfileService,
} from '@loyaldesk/customer-profile/service';
import {
  createProfileDataset,
  customerDocument,
  customerIdAt,
  orderDocument,
  orderNumberAt,
  type CustomerDocument,
  type GeneratedCustomer,
  type OrderDocument,
} from '../datasets/profile-dataset.ts';
import type { Benchmark, BenchContext, Measure } from '../lib/benchmark.ts';
import { createBulkWriter } from '../lib/bulk-writer.ts';
import { compareLatency, type LatencyStats } from '../lib/latency.ts';
import { createRandom } from '../lib/random.ts';
import { formatCount, formatNumber, formatTable, type Cell } from '../lib/table.ts';

const reads = ['getOrder', 'getCustomer'] as const;
type Read = (typeof reads)[number];
const stats = ['p50', 'p99', 'mean'] as const;

interface SizeResult {
  orders: number;
  customers: number;
  latency: Record<Read, { service: LatencyStats; raw: LatencyStats }>;
}

interface LoadResult {
  from: number;
  to: number;
  customers: number;
  seconds: number;
}

/** The read paths of the customer-profile service against the bare driver, as the orders collection grows. */
export const profileBenchmark: Benchmark = {
  name: 'profile',
  description: 'customer-profile reads (getOrder, getCustomer) vs raw findOne({_id}) as orders grow 10k → 1M',
  run: runProfile,
};

async function runProfile(context: BenchContext): Promise<Measure[]> {
  const { env, signal, print } = context;
  const sizes = env.BENCH_PROFILE_ORDERS;
  const database = await context.openDatabase();
  print(`database: ${database.description}; database ${database.dbName}`);
  print(
    `sizes: ${sizes.map(formatCount).join(' → ')} orders; ${env.BENCH_SAMPLES} timed calls per side per read, ` +
      `alternating service and raw; batches of ${env.BENCH_LOAD_BATCH} orders`,
  );

  const service = createCustomerProfileService({ connection: database.connection });
  await service.init();
  const db = database.connection.db;
  if (!db) throw new Error('the database connection is not open');
  const raw = {
    orders: db.collection<OrderDocument>('orders'),
    customers: db.collection<CustomerDocument>('customers'),
  };

  const now = new Date();
  const dataset = createProfileDataset({ seed: 20_240_601, now });
  const histogram = new Array<number>(valueBucketCount).fill(0);
  const loads: LoadResult[] = [];
  const results: SizeResult[] = [];

  for (const size of sizes) {
    const before = { orders: dataset.orderCount, customers: dataset.customerCount };
    const started = process.hrtime.bigint();
    const samples = await load({ dataset, raw, histogram, target: size, batchSize: env.BENCH_LOAD_BATCH, signal });
    await db
      .collection<{ _id: string; counts: number[] }>('customer_value_histograms')
      .updateOne({ _id: valueHistogramId }, { $set: { counts: histogram } });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    loads.push({ from: before.orders, to: size, customers: dataset.customerCount - before.customers, seconds });
    print(
      `\nloaded ${formatCount(before.orders)} → ${formatCount(size)} orders ` +
        `(${formatNumber(dataset.customerCount - before.customers)} customers) in ${seconds.toFixed(1)} s`,
    );

    await verifyReads(service, samples, histogram);
    print(
      `verified: getOrder and getCustomer return exactly the generated order and profile (${samples.length} customers checked)`,
    );

    const latency = await measureReads({
      service,
      raw,
      orderCount: dataset.orderCount,
      customerCount: dataset.customerCount,
      samples: env.BENCH_SAMPLES,
      seed: size,
      signal,
    });
    results.push({ orders: dataset.orderCount, customers: dataset.customerCount, latency });
    print(
      `\nat ${formatCount(size)} orders (${formatNumber(dataset.customerCount)} customers), microseconds per call:`,
    );
    print(sizeTable(latency));
  }

  print(`\nservice / raw (same server, same collection, same run):`);
  print(ratioTable(results));
  const first = results[0];
  const last = results[results.length - 1];
  if (first && last && last !== first) {
    print(
      `\ngrowth ${formatCount(first.orders)} → ${formatCount(last.orders)} orders (latency at ${formatCount(last.orders)} / at ${formatCount(first.orders)}):`,
    );
    print(growthTable(first, last));
  }
  print(`\nload (insertMany, ordered: false, straight into the service's collections):`);
  print(loadTable(loads));
  return measures(results, loads);
}

/** Generates and writes customers and their orders until `target` orders exist; returns a few customers to verify reads with. */
async function load(options: {
  dataset: ReturnType<typeof createProfileDataset>;
  raw: { orders: Collection<OrderDocument>; customers: Collection<CustomerDocument> };
  histogram: number[];
  target: number;
  batchSize: number;
  signal: AbortSignal;
}): Promise<GeneratedCustomer[]> {
  const { dataset, raw, histogram, target, batchSize, signal } = options;
  const total = target - dataset.orderCount;
  const progress = createProgressBar(`loading orders to ${formatCount(target)}`, total);
  let stored = 0;
  // Two writes in flight: one being stored while the next batch is generated (2 cores here).
  const writer = createBulkWriter(2);
  const kept: GeneratedCustomer[] = [];
  let orders: OrderDocument[] = [];
  let customers: CustomerDocument[] = [];

  const flushOrders = async (): Promise<void> => {
    const batch = orders;
    orders = [];
    if (batch.length === 0) return;
    await writer.submit(async () => {
      const result = await raw.orders.insertMany(batch, { ordered: false });
      if (result.insertedCount !== batch.length)
        throw new Error(`inserted ${result.insertedCount} of ${batch.length} orders`);
      stored += batch.length;
      progress.update(stored);
    });
  };
  const flushCustomers = async (): Promise<void> => {
    const batch = customers;
    customers = [];
    if (batch.length === 0) return;
    await writer.submit(async () => {
      const result = await raw.customers.insertMany(batch, { ordered: false });
      if (result.insertedCount !== batch.length)
        throw new Error(`inserted ${result.insertedCount} of ${batch.length} customers`);
    });
  };

  try {
    while (dataset.orderCount < target) {
      const generated = dataset.nextCustomer(target - dataset.orderCount);
      for (const order of generated.orders) orders.push(orderDocument(order));
      customers.push(customerDocument(generated.customer));
      const bucket = generated.customer.value.bucket;
      histogram[bucket] = (histogram[bucket] ?? 0) + 1;
      // The first, one in the middle and the last (often cut short to end on the exact size).
      if (
        kept.length === 0 ||
        dataset.orderCount === target ||
        (kept.length === 1 && dataset.orderCount >= target - total / 2)
      ) {
        kept.push(generated);
      }
      if (orders.length >= batchSize) {
        signal.throwIfAborted();
        await flushOrders();
      }
      // Customer documents carry their ledger and recent orders: about 4× an order, so smaller batches.
      if (customers.length >= batchSize / 4) await flushCustomers();
    }
    await flushOrders();
    await flushCustomers();
    await writer.drain();
  } finally {
    progress.stop();
  }
  return kept;
}

/** Fails unless the service reads back exactly what was generated: proves the documents are in the shape it stores. */
async function verifyReads(
  service: CustomerProfileService,
  samples: readonly GeneratedCustomer[],
  histogram: readonly number[],
): Promise<void> {
  for (const { customer, orders } of samples) {
    for (const order of orders) deepStrictEqual(await service.getOrder(`#${order.number}`), order);
    const { ledger: _ledger, version: _version, identityFrom: _identityFrom, ...shown } = customer;
    const expected: CustomerProfile = {
      ...shown,
      value: { ...customer.value, percentile: valuePercentile(histogram, customer.value.bucket) },
    };
    deepStrictEqual(await service.getCustomer(customer.id), expected);
  }
}

async function measureReads(options: {
  service: CustomerProfileService;
  raw: { orders: Collection<OrderDocument>; customers: Collection<CustomerDocument> };
  orderCount: number;
  customerCount: number;
  samples: number;
  seed: number;
  signal: AbortSignal;
}): Promise<SizeResult['latency']> {
  const { service, raw, samples, signal } = options;
  const warmup = Math.min(500, Math.ceil(samples / 5));
  const random = createRandom(options.seed);
  // Each side gets its own uniformly random keys, so neither reads a document the other just pulled into a cache.
  const keys = (count: number, at: (index: number) => string): { measured: string[]; baseline: string[] } => {
    const draw = (): string[] => Array.from({ length: warmup + samples }, () => at(Math.floor(random() * count)));
    return { measured: draw(), baseline: draw() };
  };
  const found = (what: string, key: string) => (value: unknown) => {
    if (value === null) throw new Error(`${what} ${key} not found: the load and the reads disagree`);
  };
  const key = (list: readonly string[], i: number): string => list[i] ?? '';

  const orderKeys = keys(options.orderCount, orderNumberAt);
  const getOrder = await compareLatency({
    warmup,
    samples,
    signal,
    measured: (i) => service.getOrder(key(orderKeys.measured, i)).then(found('order', key(orderKeys.measured, i))),
    baseline: (i) =>
      raw.orders.findOne({ _id: key(orderKeys.baseline, i) }).then(found('order', key(orderKeys.baseline, i))),
  });
  const customerKeys = keys(options.customerCount, customerIdAt);
  const getCustomer = await compareLatency({
    warmup,
    samples,
    signal,
    measured: (i) =>
      service.getCustomer(key(customerKeys.measured, i)).then(found('customer', key(customerKeys.measured, i))),
    baseline: (i) =>
      raw.customers
        .findOne({ _id: key(customerKeys.baseline, i) })
        .then(found('customer', key(customerKeys.baseline, i))),
  });
  return {
    getOrder: { service: getOrder.measured, raw: getOrder.baseline },
    getCustomer: { service: getCustomer.measured, raw: getCustomer.baseline },
  };
}

function sizeTable(latency: SizeResult['latency']): string {
  const rows: Cell[][] = [];
  for (const read of reads) {
    const { service, raw } = latency[read];
    rows.push([read, 'service', service.p50, service.p99, service.mean, service.min, service.max]);
    rows.push(['', 'raw findOne', raw.p50, raw.p99, raw.mean, raw.min, raw.max]);
  }
  return formatTable(['read', 'path', 'p50', 'p99', 'mean', 'min', 'max'], rows, { indent: '  ' });
}

function ratioTable(results: readonly SizeResult[]): string {
  const rows: Cell[][] = [];
  for (const read of reads) {
    for (const result of results) {
      const { service, raw } = result.latency[read];
      rows.push([
        read,
        formatCount(result.orders),
        service.p50,
        raw.p50,
        ratioCell(service.p50, raw.p50),
        service.p99,
        raw.p99,
        ratioCell(service.p99, raw.p99),
        ratioCell(service.mean, raw.mean),
      ]);
    }
  }
  return formatTable(
    [
      'read',
      'orders',
      'service p50 µs',
      'raw p50 µs',
      'p50 ratio',
      'service p99 µs',
      'raw p99 µs',
      'p99 ratio',
      'mean ratio',
    ],
    rows,
    { indent: '  ' },
  );
}

function growthTable(first: SizeResult, last: SizeResult): string {
  const rows: Cell[][] = [];
  for (const read of reads) {
    for (const stat of ['p50', 'p99'] as const) {
      const service = last.latency[read].service[stat] / first.latency[read].service[stat];
      const raw = last.latency[read].raw[stat] / first.latency[read].raw[stat];
      rows.push([read, stat, `${service.toFixed(2)}×`, `${raw.toFixed(2)}×`, ratioCell(service, raw)]);
    }
  }
  return formatTable(['read', 'stat', 'service growth', 'raw growth', 'service / raw'], rows, { indent: '  ' });
}

function loadTable(loads: readonly LoadResult[]): string {
  const rows: Cell[][] = loads.map((load) => {
    const orders = load.to - load.from;
    return [
      `${formatCount(load.from)} → ${formatCount(load.to)}`,
      orders,
      load.customers,
      Math.round(load.seconds * 10) / 10,
      Math.round(orders / load.seconds),
      Math.round(((load.seconds * 1e6) / orders) * 10) / 10,
    ];
  });
  return formatTable(['phase', 'orders', 'customers', 'seconds', 'orders/s', 'µs/order'], rows, { indent: '  ' });
}

function ratioCell(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}×`;
}

function measures(results: readonly SizeResult[], loads: readonly LoadResult[]): Measure[] {
  const list: Measure[] = [];
  for (const result of results) {
    for (const read of reads) {
      for (const stat of stats) {
        list.push({
          measure: `${read}.${stat}@${formatCount(result.orders)}`,
          value: result.latency[read].service[stat],
          unit: 'us',
          baseline: result.latency[read].raw[stat],
        });
      }
    }
  }
  const first = results[0];
  const last = results[results.length - 1];
  if (first && last && last !== first) {
    const span = `${formatCount(first.orders)}_to_${formatCount(last.orders)}`;
    for (const read of reads) {
      for (const stat of ['p50', 'p99'] as const) {
        list.push({
          measure: `${read}.${stat}.growth_${span}`,
          value: last.latency[read].service[stat] / first.latency[read].service[stat],
          unit: 'x',
          baseline: last.latency[read].raw[stat] / first.latency[read].raw[stat],
        });
      }
    }
  }
  const firstLoad = loads[0];
  for (const load of loads) {
    const perOrder = (entry: LoadResult): number => (entry.seconds * 1e6) / (entry.to - entry.from);
    list.push({ measure: `load.seconds@${formatCount(load.to)}`, value: load.seconds, unit: 's', baseline: null });
    // Insert cost per order in this phase against the first (small) phase: how writes slow as the collection grows.
    list.push({
      measure: `load.us_per_order@${formatCount(load.to)}`,
      value: perOrder(load),
      unit: 'us',
      baseline: firstLoad && firstLoad !== load ? perOrder(firstLoad) : null,
    });
  }
  return list;
}
