import { z } from 'zod';
import { AppError } from '@loyaldesk/platform/errors';
import { tierTimeline } from '../rules/tier.ts';
import type { LedgerEntry } from '../schemas/customer.ts';
import { orderNet, type ParsedOrderInput } from '../schemas/order.ts';
import { guestCustomerId, type CustomerProfileService } from '../service/customer-profile-service.ts';
import { createDemoData, demoCustomerCount } from './demo-data.ts';

/** The settings document that records what the demo seed wrote, so a re-run resumes or extends instead of redoing. */
export const seedMarkerId = 'demo-seed';

const countsSchema = z.record(z.string(), z.number().int());

const seedMarkerSchema = z.object({
  seed: z.number().int(),
  now: z.coerce.date(),
  /** Customers at positions below this are fully written. */
  done: z.number().int().min(0),
  /** What those customers' orders were when written, so the closing report needs no scan of the orders. */
  orders: z.number().int().min(0).default(0),
  ordersByStatus: countsSchema.default({}),
  shipmentsByStatus: countsSchema.default({}),
  /** Each customer's tier when it was written. */
  customersByTier: countsSchema.default({}),
});
export type SeedMarker = z.infer<typeof seedMarkerSchema>;

export interface SeedDatabaseOptions {
  seed: number;
  /** Total customers wanted, demo customers included. */
  customers: number;
  /** Reference time; defaults to the one recorded by an earlier run, else `clock()`. */
  now?: Date;
  /** Orders per bulk write (whole customers each). */
  batchSize?: number;
  /** Bulk writes in flight at once; they hold disjoint customers, so they never contend. */
  concurrency?: number;
  /** Seed even into a database holding other data, another seed's or another reference time's. */
  force?: boolean;
  clock?: () => Date;
  onProgress?: (progress: { done: number; total: number; orders: number }) => void;
}

export interface SeedDatabaseResult {
  seed: number;
  now: Date;
  /** Positions [from, to) written by this run; from === to when there was nothing left to do. */
  from: number;
  to: number;
  /** Orders this run generated and handed to ingestion, and how many were accepted. */
  generated: number;
  ingested: number;
  rejected: Array<{ order: string; code: string; field: string | undefined; message: string }>;
}

/**
 * Seeds the demo shop: the fixed demo customers, then generated ones, in bulk batches.
 *
 * Idempotent and resumable: the run records its seed, reference time and progress in the
 * settings document {@link seedMarkerId}. Re-running with the same seed continues where the last
 * run stopped (after a crash or Ctrl-C) or extends to a larger `customers`, and does nothing when
 * everything is there. Whatever is written twice (the batch in flight when a run died) goes
 * through `bulkIngestOrders`, which makes a repeated delivery a no-op. A database with data the
 * seed did not write, or written with another seed or reference time, is refused unless `force`.
 */
export async function seedDatabase(
  service: CustomerProfileService,
  options: SeedDatabaseOptions,
): Promise<SeedDatabaseResult> {
  if (!Number.isInteger(options.customers) || options.customers < demoCustomerCount) {
    throw new AppError(
      'invalid_seed_options',
      `customers must be a whole number of at least ${demoCustomerCount} (the demo customers)`,
      {
        status: 400,
        field: 'customers',
      },
    );
  }
  const { Settings, Orders } = service.models;
  const stored = await Settings.findById(seedMarkerId).lean();
  const parsedMarker = stored ? seedMarkerSchema.safeParse(stored.value) : undefined;
  const marker = parsedMarker?.success ? parsedMarker.data : undefined;
  const clock = options.clock ?? (() => new Date());
  const now = options.now ?? marker?.now ?? truncateToSecond(clock());

  let from = 0;
  if (marker) {
    const sameSeed = marker.seed === options.seed;
    const sameNow = marker.now.getTime() === now.getTime();
    if (sameSeed && sameNow) {
      from = Math.min(marker.done, options.customers);
    } else if (!options.force) {
      const what = sameSeed
        ? `the reference time ${marker.now.toISOString()} (this run asked for ${now.toISOString()})`
        : `--seed ${marker.seed} (this run asked for --seed ${options.seed})`;
      throw new AppError(
        'seed_mismatch',
        `This database was seeded with ${what}. Run again with the same values to resume or extend it, ` +
          'seed into an empty database (delete .data/ or set MONGODB_DB), or pass --force to write over it.',
        { status: 409 },
      );
    }
  } else if (!options.force) {
    // Any one order will do: counting them would scan the collection on FerretDB.
    if (await Orders.exists({})) {
      throw new AppError(
        'database_not_empty',
        'This database already holds orders that the demo seed did not write. Seed into an empty database ' +
          '(delete .data/ or set MONGODB_DB to a new name), or pass --force to add the demo data to them.',
        { status: 409 },
      );
    }
  }

  const result: SeedDatabaseResult = {
    seed: options.seed,
    now,
    from,
    to: from,
    generated: 0,
    ingested: 0,
    rejected: [],
  };
  if (from >= options.customers) return result;

  const fresh = !marker || marker.seed !== options.seed || marker.now.getTime() !== now.getTime();
  await Settings.updateOne(
    { _id: seedMarkerId },
    fresh
      ? {
          $set: {
            value: {
              seed: options.seed,
              now,
              done: from,
              orders: 0,
              ordersByStatus: {},
              shipmentsByStatus: {},
              customersByTier: {},
            },
            updatedAt: new Date(),
          },
        }
      : { $set: { updatedAt: new Date() } },
    { upsert: true },
  );
  const data = createDemoData({ seed: options.seed, now });
  const policy = await service.getProfilePolicy();
  options.onProgress?.({ done: from, total: options.customers, orders: 0 });

  type Written = { to: number; numbers: string[]; orders: ParsedOrderInput[]; outcome: Promise<BulkOutcome> };
  const inFlight: Written[] = [];
  // Batches finish in the order they started, so `done` only ever covers fully written customers.
  const settleOldest = async (): Promise<void> => {
    const batch = inFlight.shift();
    if (!batch) return;
    const outcome = await batch.outcome;
    result.ingested += outcome.ingested;
    const rejected = new Set<number>();
    for (const { index, error } of outcome.rejected) {
      rejected.add(index);
      result.rejected.push({
        order: batch.numbers[index] ?? `#${index}`,
        code: error.code,
        field: error.field,
        message: error.message,
      });
    }
    const inc: Record<string, number> = {};
    const add = (key: string): void => {
      inc[key] = (inc[key] ?? 0) + 1;
    };
    const ledgers = new Map<string, LedgerEntry[]>();
    batch.orders.forEach((order, index) => {
      if (rejected.has(index)) return;
      add('value.orders');
      add(`value.ordersByStatus.${order.status}`);
      for (const shipment of order.shipments) add(`value.shipmentsByStatus.${shipment.status}`);
      const customerId = order.customer.id ?? guestCustomerId(order.customer.email);
      const ledger = ledgers.get(customerId) ?? [];
      ledger.push({
        orderId: order.number,
        placedAt: order.placedAt,
        status: order.status,
        net: orderNet(order),
        sourceUpdatedAt: order.updatedAt ?? order.placedAt,
      });
      ledgers.set(customerId, ledger);
    });
    // The same rule the service applied a moment ago: counting tiers in the database instead would
    // scan every customer (over a minute per 100,000 on FerretDB).
    const writtenAt = clock();
    for (const ledger of ledgers.values())
      add(`value.customersByTier.${tierTimeline(ledger, policy, writtenAt, 'USD').tier}`);
    // One write: the progress and the counts of what it covers move together, even across a crash.
    await Settings.updateOne(
      { _id: seedMarkerId },
      { $set: { 'value.done': batch.to, updatedAt: new Date() }, $inc: inc },
    );
    result.to = batch.to;
    options.onProgress?.({ done: batch.to, total: options.customers, orders: result.generated });
  };

  const concurrency = Math.max(1, options.concurrency ?? 2);
  // The generator runs while earlier batches are on the wire, so generation and writing overlap.
  for (const batch of data.batches({ from, to: options.customers, batchSize: options.batchSize ?? 1000 })) {
    while (inFlight.length >= concurrency) await settleOldest();
    result.generated += batch.orders.length;
    const outcome = service.bulkIngestOrders(batch.orders);
    // Handled when its turn comes; this only keeps an early failure from counting as unhandled meanwhile.
    outcome.catch(() => undefined);
    inFlight.push({ to: batch.to, numbers: batch.orders.map((order) => order.number), orders: batch.orders, outcome });
  }
  while (inFlight.length > 0) await settleOldest();
  return result;
}

type BulkOutcome = Awaited<ReturnType<CustomerProfileService['bulkIngestOrders']>>;

function truncateToSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** What the demo seed wrote into this database, over all its runs. */
export interface SeededDataSummary {
  seed: number;
  now: Date;
  customers: number;
  orders: number;
  ordersByStatus: Record<string, number>;
  shipmentsByStatus: Record<string, number>;
  /** Each customer's tier when it was written (tiers move as orders age out of the window). */
  customersByTier: Record<string, number>;
}

/**
 * The counts recorded as the data was written: one document read. Counting in the collections
 * instead would scan them, which takes minutes on FerretDB at 100,000 customers (about 1 ms per
 * order with its tracking events, 0.7 ms per customer).
 */
export async function summarizeSeededData(service: CustomerProfileService): Promise<SeededDataSummary | undefined> {
  const stored = await service.models.Settings.findById(seedMarkerId).lean();
  const parsed = stored ? seedMarkerSchema.safeParse(stored.value) : undefined;
  if (!parsed?.success) return undefined;
  const { done, ...counts } = parsed.data;
  return { ...counts, customers: done };
}
