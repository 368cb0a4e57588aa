import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { AppError, DuplicateKeyError, ValidationError, isDuplicateKeyError } from '@loyaldesk/platform/errors';
import type { MongoBulkWriteError } from 'mongodb';
import { applyOrderToCustomer, buildCustomerFromOrders, customerAsOf, orderFacts, type OrderFacts } from '../rules/customer-state.ts';
import { applyTrackingReport, keepTrackedState, normalizeTrackingNumber } from '../rules/shipment-tracking.ts';
import type { Period, RetentionReport } from '../metrics/retention.ts';
import { rebuildProfiles, type RebuildProgress, type RebuildResult } from './rebuild-profiles.ts';
import { computeRetentionReport } from './retention-report.ts';
import { valueBucketCount } from '../rules/value.ts';
import {
  feedbackInputSchema,
  feedbackSourceLimit,
  type Customer,
  type CustomerFeedback,
  type CustomerFeedbackSummary,
  type CustomerProfile,
  type FeedbackAnswers,
} from '../schemas/customer.ts';
import {
  countsAsPurchase,
  orderInputSchema,
  orderNumberSchema,
  trackingReportSchema,
  type Order,
  type ParsedOrderInput,
  type Shipment,
  type TrackingReport,
} from '../schemas/order.ts';
import { defaultProfilePolicy, profilePolicySchema, type ProfilePolicy, type Tier, type TierFloorTags } from '../schemas/policy.ts';
import { tierFloorOf } from '../rules/tier-floor.ts';
import {
  absentCustomerFields,
  customerFromDocument,
  customerToDocument,
  feedbackSummary,
  orderFromDocument,
  orderToDocument,
  toProfile,
} from './documents.ts';
import {
  customerProfileCollections,
  customerProfileModels,
  type CustomerDocument,
  type CustomerProfileModels,
} from './models.ts';

export const valueHistogramId = 'historicalLtv';

/** Where each survey answer goes in a customer's `feedback` (fixed names: no data in keys). */
const feedbackFields = [
  ['nps', 'lastNps'],
  ['csat', 'lastCsat'],
  ['ces', 'lastCes'],
] as const satisfies ReadonlyArray<readonly [keyof FeedbackAnswers, keyof CustomerFeedback]>;

/** `next` (derived from orders) with the feedback of the stored `before`, which the rules never carry. */
function withFeedbackOf(before: Customer | undefined, next: Customer): Customer {
  return before?.feedback ? { ...next, feedback: before.feedback } : next;
}

const profilePolicyId = 'profile-policy';

/** A filter on an order's `revision` as read (absent on an order never rewritten). */
function revisionIs(revision: number | undefined): { revision: number | { $exists: false } } {
  return { revision: revision ?? { $exists: false } };
}

export interface CustomerProfileServiceOptions {
  connection: Connection;
  /** The shop's currency; orders in any other are refused (sums across currencies mean nothing). */
  shopCurrency?: string;
  clock?: () => Date;
  logger?: Logger;
  /**
   * The shop's tag → minimum tier setting (see `tierFloorTagsSchema`): an ingested order whose
   * customer carries such a tag stores that floor. Readers need not know it (the floor is stored).
   */
  tierFloorTags?: TierFloorTags;
}

export interface IngestResult {
  order: Order;
  /** created: new order; updated: a newer version replaced it; unchanged: same version again; stale: an older version, ignored. */
  orderOutcome: 'created' | 'updated' | 'unchanged' | 'stale';
  customer: CustomerProfile;
  customerChanged: boolean;
  tierChange?: { from: Tier | null; to: Tier };
  valueBucketChange?: { from: number | null; to: number };
}

/** A shipment a tracking report was applied to: the order after it, the shipment before and after. */
export interface TrackedShipmentChange {
  order: Order;
  before: Shipment;
  after: Shipment;
  /** False when the report told nothing new (a repeat, or only events already stored). */
  changed: boolean;
}

/** An ingested order that counts as a purchase: what repurchase-after-support metrics are told of. */
export interface IngestedPurchase {
  customerId: string;
  placedAt: Date;
}

/** What `bulkIngestOrders` did: orders ingested, the purchases among them, and invalid orders by index. */
export interface BulkIngestResult {
  ingested: number;
  /** Every ingested order that counts as a purchase (a re-import reports them again: recording one is idempotent). */
  purchases: IngestedPurchase[];
  /** Customers whose tier or value bucket changed (new customers too): their open tickets need re-ranking. */
  standingChanged: string[];
  rejected: Array<{ index: number; error: AppError }>;
}

/** The guest customer id for an email: deterministic, so a guest's orders find their customer by `_id`. */
export function guestCustomerId(email: string): string {
  return `guest_${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 20)}`;
}

/** Turns a zod failure into a ValidationError naming the first bad field. */
export function validationErrorFrom(error: z.ZodError, what: string): ValidationError {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || undefined;
  return new ValidationError(`Invalid ${what}: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid input'}`, field, error);
}

/** The customer-profile service: the one place customers, orders, tiers and value are read and written. */
export type CustomerProfileService = ReturnType<typeof createCustomerProfileService>;

/**
 * Creates the service on a connection.
 * @example const profiles = createCustomerProfileService({ connection }); await profiles.init();
 */
export function createCustomerProfileService(options: CustomerProfileServiceOptions) {
  const models: CustomerProfileModels = customerProfileModels(options.connection);
  const { orders, customers, valueHistograms, settings, shipmentTracking } = customerProfileCollections(options.connection);
  const clock = options.clock ?? (() => new Date());
  const shopCurrency = options.shopCurrency ?? 'USD';
  const tierFloorTags: TierFloorTags = options.tierFloorTags ?? new Map();

  let histogramReady: Promise<void> | undefined;
  let histogramCache: { counts: number[]; readAt: number } | undefined;
  let policyCache: { policy: ProfilePolicy; readAt: number } | undefined;
  const cacheMs = 2000;

  function ensureHistogram(): Promise<void> {
    histogramReady ??= valueHistograms
      .insertOne({ _id: valueHistogramId, counts: new Array<number>(valueBucketCount).fill(0) })
      .then(() => undefined)
      .catch((error: unknown) => {
        if (!isDuplicateKeyError(error)) {
          histogramReady = undefined;
          throw error;
        }
      });
    return histogramReady;
  }

  async function histogramCounts(): Promise<number[]> {
    const now = Date.now();
    if (histogramCache && now - histogramCache.readAt < cacheMs) return histogramCache.counts;
    const document = await valueHistograms.findOne({ _id: valueHistogramId });
    const counts = document?.counts ?? [];
    histogramCache = { counts, readAt: now };
    return counts;
  }

  async function getProfilePolicy(): Promise<ProfilePolicy> {
    const now = Date.now();
    if (policyCache && now - policyCache.readAt < cacheMs) return policyCache.policy;
    const document = await settings.findOne({ _id: profilePolicyId });
    // A stored policy that no longer parses (an older shape) falls back to the defaults.
    const parsed = document ? profilePolicySchema.safeParse(document.value) : undefined;
    const policy = parsed?.success ? parsed.data : defaultProfilePolicy;
    policyCache = { policy, readAt: now };
    return policy;
  }

  function customerTagsOf(tags: readonly string[], at: Date): NonNullable<Order['customerTags']> {
    const floor = tierFloorOf(tags, tierFloorTags);
    return { tags: [...tags], ...(floor ? { tierFloor: floor } : {}), at };
  }

  function toOrder(parsed: ParsedOrderInput, customerId: string, now: Date): Order {
    return {
      number: parsed.number,
      customerId,
      email: parsed.customer.email,
      ...(parsed.customer.name ? { customerName: parsed.customer.name } : {}),
      ...(parsed.customer.locale ? { customerLocale: parsed.customer.locale } : {}),
      ...(parsed.customer.tags ? { customerTags: customerTagsOf(parsed.customer.tags, parsed.updatedAt ?? parsed.placedAt) } : {}),
      placedAt: parsed.placedAt,
      sourceUpdatedAt: parsed.updatedAt ?? parsed.placedAt,
      ingestedAt: now,
      status: parsed.status,
      currency: parsed.currency,
      lineItems: parsed.lineItems,
      totals: parsed.totals,
      ...(parsed.shippingAddress ? { shippingAddress: parsed.shippingAddress } : {}),
      shipments: parsed.shipments,
    };
  }

  async function upsertOrder(parsed: ParsedOrderInput, customerId: string): Promise<{ stored: Order; outcome: IngestResult['orderOutcome'] }> {
    const order = toOrder(parsed, customerId, clock());
    const document = orderToDocument(order);
    try {
      await orders.insertOne(document);
      return { stored: order, outcome: 'created' };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    for (let attempt = 0; attempt < 50; attempt++) {
      const existing = await orders.findOne({ _id: order.number });
      if (!existing) throw new AppError('order_write_conflict', `Order ${order.number} could not be stored; retry`, { status: 503 });
      if (existing.customerId !== customerId) {
        throw new AppError(
          'order_customer_mismatch',
          `Order ${order.number} belongs to another customer; an order cannot move between customers`,
          { status: 409, field: 'customer' },
        );
      }
      if (existing.sourceUpdatedAt.getTime() >= document.sourceUpdatedAt.getTime()) {
        const outcome = existing.sourceUpdatedAt.getTime() === document.sourceUpdatedAt.getTime() ? 'unchanged' : 'stale';
        return { stored: orderFromDocument(existing), outcome };
      }
      // What tracking providers reported stays (a shop platform re-sends shipments without it);
      // conditional on the revision read, so a tracking write meanwhile is never overwritten.
      const { _id, ...fields } = { ...document, shipments: keepTrackedState(existing.shipments, document.shipments) };
      const updated = await orders.findOneAndUpdate(
        { _id, sourceUpdatedAt: existing.sourceUpdatedAt, ...revisionIs(existing.revision) },
        { $set: fields, $inc: { revision: 1 } },
        { returnDocument: 'after' },
      );
      if (updated) return { stored: orderFromDocument(updated), outcome: 'updated' };
    }
    throw new AppError('order_update_contention', `Order ${order.number} is being updated too often; retry`, { status: 503 });
  }

  /** One shipment of one order after a report, written by compare-and-set on the order's revision; null when gone. */
  async function applyReportToOrder(orderNumber: string, shipmentId: string, report: TrackingReport): Promise<TrackedShipmentChange | null> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const document = await orders.findOne({ _id: orderNumber });
      const before = document?.shipments.find((shipment) => shipment.id === shipmentId);
      if (!document || !before) return null;
      const after = applyTrackingReport(before, report);
      if (isDeepStrictEqual(after, before)) return { order: orderFromDocument(document), before, after, changed: false };
      const shipments = document.shipments.map((shipment) => (shipment.id === shipmentId ? after : shipment));
      const updated = await orders.findOneAndUpdate(
        { _id: orderNumber, ...revisionIs(document.revision) },
        { $set: { shipments }, $inc: { revision: 1 } },
        { returnDocument: 'after' },
      );
      if (updated) {
        const order = orderFromDocument(updated);
        await refreshRecentShipments(order);
        return { order, before, after, changed: true };
      }
    }
    throw new AppError('order_update_contention', `Order ${orderNumber} is being updated too often; retry`, { status: 503 });
  }

  /**
   * The customer's recent-orders copy of an order's shipments after a tracking write (the desk's
   * customer 360 shows it), compare-and-set on the customer's version; nothing when the order is
   * not among the recent ones.
   */
  async function refreshRecentShipments(order: Order): Promise<void> {
    const shipments = orderFacts(order).recent.shipments;
    for (let attempt = 0; attempt < 50; attempt++) {
      const document = await customers.findOne({ _id: order.customerId });
      const recent = document?.recentOrders.find((entry) => entry.orderId === order.number);
      if (!document || !recent || isDeepStrictEqual(recent.shipments, shipments)) return;
      const recentOrders = document.recentOrders.map((entry) => (entry.orderId === order.number ? { ...entry, shipments } : entry));
      const written = await customers.findOneAndUpdate(
        { _id: document._id, version: document.version },
        { $set: { recentOrders, version: document.version + 1 } },
      );
      if (written) return;
    }
    throw new AppError('customer_update_contention', `Customer ${order.customerId} is being updated too often; retry`, { status: 503 });
  }

  /** Links each of the orders' tracking numbers to its shipment (idempotent: a set per number). */
  async function linkTrackingNumbers(linked: ReadonlyArray<Pick<Order, 'number' | 'shipments'>>): Promise<void> {
    const links = linked.flatMap((order) => order.shipments.map((shipment) => ({ order, shipment })));
    if (links.length === 0) return;
    await shipmentTracking.bulkWrite(
      links.map(({ order, shipment }) => ({
        updateOne: {
          filter: { _id: normalizeTrackingNumber(shipment.trackingNumber) },
          update: { $addToSet: { shipments: { orderNumber: order.number, shipmentId: shipment.id } } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  /** Applies an order's facts to its customer with optimistic concurrency (compare-and-set on `version`). */
  async function applyToCustomer(facts: OrderFacts): Promise<{ before: Customer | undefined; after: Customer; changed: boolean }> {
    const policy = await getProfilePolicy();
    for (let attempt = 0; attempt < 500; attempt++) {
      const document = await customers.findOne({ _id: facts.customerId });
      const before = document ? customerFromDocument(document) : undefined;
      const next = applyOrderToCustomer(before, facts, policy, clock());
      if (!next) {
        if (!before) throw new AppError('customer_missing', `Customer ${facts.customerId} vanished during ingestion`);
        return { before, after: before, changed: false };
      }
      const version = (before?.version ?? 0) + 1;
      // `feedback` is not derived from orders and has its own atomic writes (recordFeedback), which
      // leave `version` alone: it is never in this $set, so this compare-and-set neither overwrites
      // nor waits for a survey answer written meanwhile.
      const { _id, feedback: _feedback, ...fields } = customerToDocument({ ...next, version });
      const after = withFeedbackOf(before, { ...next, version });
      try {
        if (!before) {
          await customers.insertOne({ _id, ...fields });
          return { before, after, changed: true };
        }
        const absent = absentCustomerFields(next);
        const written = await customers.findOneAndUpdate(
          { _id, version: before.version },
          Object.keys(absent).length > 0 ? { $set: fields, $unset: absent } : { $set: fields },
        );
        if (written) return { before, after, changed: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const holder = await customers.findOne({ _id });
        // Another writer created this customer first: go round again. Otherwise the email is taken.
        if (!holder || holder.email !== fields.email) {
          throw new DuplicateKeyError(`The email ${fields.email} already belongs to another customer`, 'customer.email', error);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * (attempt + 1))));
    }
    throw new AppError('customer_update_contention', `Customer ${facts.customerId} is being updated too often; retry`, { status: 503 });
  }

  /**
   * The stored customer as of now under `policy` (`customerAsOf`), keeping its feedback, which
   * the rules (derived from orders) know nothing about.
   */
  function customerNow(document: CustomerDocument, policy: ProfilePolicy): Customer {
    const stored = customerFromDocument(document);
    return withFeedbackOf(stored, customerAsOf(stored, policy, clock()));
  }

  function parseOrder(input: unknown): ParsedOrderInput {
    const result = orderInputSchema.safeParse(input);
    if (!result.success) throw validationErrorFrom(result.error, 'order');
    if (result.data.currency !== shopCurrency) {
      throw new ValidationError(`Invalid order: currency: orders must be in the shop currency ${shopCurrency}`, 'currency');
    }
    return result.data;
  }

  async function ingestOrder(input: unknown): Promise<IngestResult> {
    return service.ingestOrder(input);
  }

  /** Indexes (within the batch) of the writes that failed on a unique key; rethrows anything else. */
  function duplicateIndexes(error: unknown): Set<number> {
    const writeErrors = (error as Partial<MongoBulkWriteError>).writeErrors;
    const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
    if (list.length === 0 || list.some((e) => e.code !== 11000)) throw error;
    return new Set(list.map((e) => e.index));
  }

  const service = {
    models,

    /** Creates indexes and the value histogram; safe to call on every start. */
    async init(): Promise<void> {
      await Promise.all([models.Orders.createIndexes(), models.Customers.createIndexes()]);
      await ensureHistogram();
    },

    /**
     * Ingests one order from any source (webhook, import, seed). Idempotent: the same delivery
     * twice, or concurrently, counts once; a newer version of an order replaces the older one and
     * re-derives the customer; an older one is ignored. Throws ValidationError on bad input.
     */
    async ingestOrder(input: unknown): Promise<IngestResult> {
      const parsed = parseOrder(input);
      await ensureHistogram();
      const customerId = parsed.customer.id ?? guestCustomerId(parsed.customer.email);
      const { stored, outcome } = await upsertOrder(parsed, customerId);
      await linkTrackingNumbers([stored]);
      const { before, after, changed } = await applyToCustomer(orderFacts(stored));

      const fromBucket = before?.value.bucket ?? null;
      const bucketMoved = changed && fromBucket !== after.value.bucket;
      if (bucketMoved) {
        const inc: Record<string, number> = { [`counts.${after.value.bucket}`]: 1 };
        if (fromBucket !== null) inc[`counts.${fromBucket}`] = -1;
        await valueHistograms.updateOne({ _id: valueHistogramId }, { $inc: inc });
      }
      return {
        order: stored,
        orderOutcome: outcome,
        customer: toProfile(after, await histogramCounts()),
        customerChanged: changed,
        ...(changed && before?.tier !== after.tier ? { tierChange: { from: before?.tier ?? null, to: after.tier } } : {}),
        ...(bucketMoved ? { valueBucketChange: { from: fromBucket, to: after.value.bucket } } : {}),
      };
    },

    /** An order by number ("#1042" or "1042"), or null. */
    async getOrder(number: string): Promise<Order | null> {
      const parsed = orderNumberSchema.safeParse(number);
      if (!parsed.success) return null;
      const document = await orders.findOne({ _id: parsed.data });
      return document ? orderFromDocument(document) : null;
    },

    /** The shipments carrying a tracking number: one `_id` read of the lookup every ingestion writes. */
    async shipmentsByTrackingNumber(trackingNumber: string): Promise<Array<{ orderNumber: string; shipmentId: string }>> {
      const document = await shipmentTracking.findOne({ _id: normalizeTrackingNumber(trackingNumber) });
      return document?.shipments ?? [];
    },

    /**
     * Applies a tracking provider's report to every shipment carrying its tracking number (found
     * by `_id`, never by a scan): events once each in time order, status from the newest report,
     * estimate revisions kept (see `applyTrackingReport`). Each order is written with a
     * compare-and-set on its revision, so a concurrent ingestion or report is never overwritten.
     * An empty list when no stored order carries the number. Throws ValidationError on a bad report.
     */
    async recordTrackingReport(trackingNumber: string, input: unknown): Promise<TrackedShipmentChange[]> {
      const parsed = trackingReportSchema.safeParse(input);
      if (!parsed.success) throw validationErrorFrom(parsed.error, 'tracking report');
      const report = parsed.data;
      const changes: TrackedShipmentChange[] = [];
      for (const link of await service.shipmentsByTrackingNumber(trackingNumber)) {
        const change = await applyReportToOrder(link.orderNumber, link.shipmentId, report);
        if (change) changes.push(change);
      }
      return changes;
    },

    /**
     * A customer's profile (tier, value and percentile, stats, recent orders) as of now under the
     * current policy (see `customerAsOf`), or null.
     */
    async getCustomer(customerId: string): Promise<CustomerProfile | null> {
      const [document, counts, policy] = await Promise.all([
        customers.findOne({ _id: customerId }),
        histogramCounts(),
        getProfilePolicy(),
      ]);
      return document ? toProfile(customerNow(document, policy), counts) : null;
    },

    /** A customer by email: an index lookup on MongoDB, a scan on FerretDB; keep it off hot paths. */
    async getCustomerByEmail(email: string): Promise<CustomerProfile | null> {
      const document = await customers.findOne({ email: email.trim().toLowerCase() });
      if (!document) return null;
      const [counts, policy] = await Promise.all([histogramCounts(), getProfilePolicy()]);
      return toProfile(customerNow(document, policy), counts);
    },

    getProfilePolicy,

    /** Validates and stores a new policy. Reads apply it at once (`customerAsOf`); stored customers follow at their next order or `rebuildProfiles`. */
    async updateProfilePolicy(input: unknown): Promise<ProfilePolicy> {
      const result = profilePolicySchema.safeParse(input);
      if (!result.success) throw validationErrorFrom(result.error, 'profile policy');
      await settings.updateOne(
        { _id: profilePolicyId },
        { $set: { value: result.data, updatedAt: clock() } },
        { upsert: true },
      );
      policyCache = undefined;
      return result.data;
    },

    /** The shop's value histogram (counts per bucket), for percentiles computed elsewhere. */
    valueHistogram: histogramCounts,

    /**
     * Ingests many orders at once (seed, import): new customers and their orders are written with
     * a few bulk inserts; orders of customers or order numbers that already exist go through
     * `ingestOrder`, so the result is the same as ingesting each order alone. Invalid orders are
     * reported by their index in `inputs`, never thrown.
     */
    async bulkIngestOrders(inputs: readonly unknown[]): Promise<BulkIngestResult> {
      await ensureHistogram();
      const rejected: Array<{ index: number; error: AppError }> = [];
      const toAppError = (error: unknown): AppError =>
        error instanceof AppError ? error : new AppError('ingest_failed', error instanceof Error ? error.message : String(error));
      const now = clock();
      const groups = new Map<string, Array<{ index: number; input: unknown; order: Order }>>();
      inputs.forEach((input, index) => {
        try {
          const parsed = parseOrder(input);
          const customerId = parsed.customer.id ?? guestCustomerId(parsed.customer.email);
          const group = groups.get(customerId) ?? [];
          group.push({ index, input, order: toOrder(parsed, customerId, now) });
          groups.set(customerId, group);
        } catch (error) {
          rejected.push({ index, error: toAppError(error) });
        }
      });

      // 1. Insert every order; the ones that exist already send their customer down the slow path.
      const flat = [...groups.values()].flat();
      const slowCustomers = new Set<string>();
      const seenNumbers = new Set<string>();
      for (const entry of flat) {
        if (seenNumbers.has(entry.order.number)) slowCustomers.add(entry.order.customerId);
        seenNumbers.add(entry.order.number);
      }
      const freshOrders = flat.filter((entry) => !slowCustomers.has(entry.order.customerId));
      if (freshOrders.length > 0) {
        const notInserted = new Set<number>();
        try {
          await orders.insertMany(freshOrders.map((entry) => orderToDocument(entry.order)), { ordered: false });
        } catch (error) {
          for (const i of duplicateIndexes(error)) {
            const entry = freshOrders[i];
            notInserted.add(i);
            if (entry) slowCustomers.add(entry.order.customerId);
          }
        }
        // The slow path (ingestOrder) links its own orders' tracking numbers.
        await linkTrackingNumbers(freshOrders.filter((_, i) => !notInserted.has(i)).map((entry) => entry.order));
      }

      // 2. Insert new customers built from their orders; existing ones take the slow path too.
      const policy = await getProfilePolicy();
      const freshCustomers = [...groups.entries()]
        .filter(([customerId]) => !slowCustomers.has(customerId))
        .map(([customerId, group]) => ({ customerId, customer: buildCustomerFromOrders(group.map((e) => orderFacts(e.order)), policy, now) }));
      const built = freshCustomers.flatMap((c) => (c.customer ? [{ customerId: c.customerId, customer: { ...c.customer, version: 1 } }] : []));
      let insertedCustomers = built;
      if (built.length > 0) {
        try {
          await customers.insertMany(built.map((c) => customerToDocument(c.customer)), { ordered: false });
        } catch (error) {
          const failed = duplicateIndexes(error);
          insertedCustomers = built.filter((_, i) => !failed.has(i));
          built.forEach((c, i) => {
            if (failed.has(i)) slowCustomers.add(c.customerId);
          });
        }
      }
      if (insertedCustomers.length > 0) {
        const inc: Record<string, number> = {};
        for (const { customer } of insertedCustomers) {
          const key = `counts.${customer.value.bucket}`;
          inc[key] = (inc[key] ?? 0) + 1;
        }
        await valueHistograms.updateOne({ _id: valueHistogramId }, { $inc: inc });
      }

      // 3. The slow path: one order at a time, exactly as a webhook delivery would be.
      let ingested = 0;
      const purchases: IngestedPurchase[] = [];
      const counted = (order: Order): void => {
        ingested++;
        if (countsAsPurchase(order.status)) purchases.push({ customerId: order.customerId, placedAt: order.placedAt });
      };
      const standingChanged = new Set<string>();
      for (const { customerId } of insertedCustomers) {
        standingChanged.add(customerId);
        for (const entry of groups.get(customerId) ?? []) counted(entry.order);
      }
      for (const customerId of slowCustomers) {
        for (const entry of groups.get(customerId) ?? []) {
          try {
            const result = await ingestOrder(entry.input);
            if (result.tierChange || result.valueBucketChange) standingChanged.add(customerId);
            counted(entry.order);
          } catch (error) {
            rejected.push({ index: entry.index, error: toAppError(error) });
          }
        }
      }
      rejected.sort((a, b) => a.index - b.index);
      return { ingested, purchases, standingChanged: [...standingChanged], rejected };
    },

    /**
     * Records one survey's answers on its customer (`feedback`: the latest score per question and
     * the number of surveys answered); the desk reads them in the profile. Idempotent and
     * order-independent, so a queue may deliver a survey's answers any number of times, in any
     * order, also interleaved with other surveys:
     *
     * - the survey is counted once: the count goes up only while `sourceId` is not among the last
     *   {@link feedbackSourceLimit} source ids, and the same update adds it there (a redelivery
     *   after 20 newer surveys of the same customer would count again: queues redeliver within
     *   minutes, customers answer a survey per chat);
     * - each answer replaces the stored one only when it is newer (`answeredAt`), so a late
     *   delivery of an older survey does not hide a newer score, and a repeat changes nothing.
     *
     * Each step is one atomic update of the customer document by `_id` (no read-modify-write, no
     * compare-and-set on `version`: order ingestion never writes `feedback`, so neither waits for
     * the other). Answers a survey did not carry keep their earlier score. Returns null when there
     * is no such customer (nothing is created: a customer is made from orders).
     * @example await profiles.recordFeedback('cus_42', { csat: 5, nps: 9 }, new Date(), 'conv_7');
     */
    async recordFeedback(
      customerId: string,
      answers: FeedbackAnswers,
      answeredAt: Date | string,
      sourceId: string,
    ): Promise<{ counted: boolean; feedback: CustomerFeedbackSummary } | null> {
      const result = feedbackInputSchema.safeParse({ customerId, answers, answeredAt, sourceId });
      if (!result.success) throw validationErrorFrom(result.error, 'survey feedback');
      const input = result.data;
      const counted = await customers.updateOne(
        { _id: input.customerId, 'feedback.recentSources': { $ne: input.sourceId } },
        {
          $inc: { 'feedback.responses': 1 },
          $push: { 'feedback.recentSources': { $each: [input.sourceId], $slice: -feedbackSourceLimit } },
        },
      );
      // FerretDB 1.24 ignores `$slice` (silently: the list would grow forever), so the oldest ids
      // are dropped one at a time while the list is longer than the limit; each pop is conditional
      // on that length, so concurrent trims never go below it. On MongoDB nothing matches.
      for (let extra = 0; counted.modifiedCount > 0 && extra < 10; extra++) {
        const trimmed = await customers.updateOne(
          { _id: input.customerId, [`feedback.recentSources.${feedbackSourceLimit}`]: { $exists: true } },
          { $pop: { 'feedback.recentSources': -1 } },
        );
        if (trimmed.modifiedCount === 0) break;
      }
      for (const [question, field] of feedbackFields) {
        const score = input.answers[question];
        if (score === undefined) continue;
        // Missing, or older than this answer: take it. Equal time: the same answer again, a no-op.
        await customers.updateOne(
          {
            _id: input.customerId,
            $or: [{ [`feedback.${field}`]: { $exists: false } }, { [`feedback.${field}.at`]: { $lt: input.answeredAt } }],
          },
          { $set: { [`feedback.${field}`]: { score, at: input.answeredAt } } },
        );
      }
      const document = await customers.findOne({ _id: input.customerId });
      if (!document?.feedback) return null;
      return { counted: counted.modifiedCount > 0, feedback: feedbackSummary(document.feedback) };
    },

    /** Recomputes all customers and the value histogram from the orders (`npm run profiles:rebuild`). */
    async rebuildProfiles(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildResult> {
      await ensureHistogram();
      const result = await rebuildProfiles(
        { orders, customers, valueHistograms, settings, shipmentTracking },
        await getProfilePolicy(),
        clock(),
        valueHistogramId,
        onProgress,
      );
      histogramCache = undefined;
      return result;
    },

    /** CRR, churn, repeat purchase rate, purchase frequency, AOV and average LTV for a period. */
    async retentionReport(period: Period, activeWindowDays = 365): Promise<RetentionReport> {
      return computeRetentionReport({ orders, customers, valueHistograms, settings, shipmentTracking }, period, activeWindowDays);
    },
  };
  return service;
}
