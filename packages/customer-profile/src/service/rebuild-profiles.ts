import type { AnyBulkWriteOperation } from 'mongodb';
import { deriveCustomer, mergeOrder, orderFacts, type CustomerBasis } from '../rules/customer-state.ts';
import { valueBucketCount } from '../rules/value.ts';
import type { ProfilePolicy } from '../schemas/policy.ts';
import { absentCustomerFields, customerToDocument, orderFromDocument } from './documents.ts';
import type { CustomerDocument, CustomerProfileCollections } from './models.ts';

export interface RebuildProgress {
  phase: 'orders' | 'customers';
  done: number;
  total: number;
}

export interface RebuildResult {
  orders: number;
  customers: number;
  durationMs: number;
}

/**
 * Recomputes every customer (stats, tier and its history, value, recent orders) and the value
 * histogram from the orders collection: the repair for a crash between an order write and its
 * customer write. Reads each order once; holds one compact ledger per customer in memory.
 * Run it while ingestion is paused: an order ingested during the rebuild may be overwritten.
 */
export async function rebuildProfiles(
  collections: CustomerProfileCollections,
  policy: ProfilePolicy,
  now: Date,
  histogramId: string,
  onProgress?: (progress: RebuildProgress) => void,
): Promise<RebuildResult> {
  const started = Date.now();
  const totalOrders = await collections.orders.estimatedDocumentCount();
  const bases = new Map<string, CustomerBasis>();
  let done = 0;
  for await (const document of collections.orders.find({}, { batchSize: 2000 })) {
    const facts = orderFacts(orderFromDocument(document));
    const merged = mergeOrder(bases.get(facts.customerId), facts);
    if (merged) bases.set(facts.customerId, merged);
    done++;
    if (done % 5000 === 0) onProgress?.({ phase: 'orders', done, total: totalOrders });
  }
  onProgress?.({ phase: 'orders', done, total: totalOrders });

  const counts = new Array<number>(valueBucketCount).fill(0);
  let batch: AnyBulkWriteOperation<CustomerDocument>[] = [];
  let written = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await collections.customers.bulkWrite(batch, { ordered: false });
    written += batch.length;
    batch = [];
    onProgress?.({ phase: 'customers', done: written, total: bases.size });
  };
  for (const basis of bases.values()) {
    const customer = deriveCustomer(basis, policy, now);
    counts[customer.value.bucket] = (counts[customer.value.bucket] ?? 0) + 1;
    // $set of the derived fields only: `feedback` (survey answers, not derived from orders) is left
    // out, so it survives the rebuild.
    const { _id, version: _version, feedback: _feedback, ...fields } = customerToDocument(customer);
    // $inc version so an ingester holding the old version retries instead of overwriting this.
    const absent = absentCustomerFields(customer);
    const unset = Object.keys(absent).length > 0 ? { $unset: absent } : {};
    batch.push({ updateOne: { filter: { _id }, update: { $set: fields, ...unset, $inc: { version: 1 } }, upsert: true } });
    // FerretDB 1.24 never answers an update command of 100+ operations that match existing
    // documents (99 return at once), so bulks stay well under that.
    if (batch.length >= 50) await flush();
  }
  await flush();
  await collections.valueHistograms.updateOne({ _id: histogramId }, { $set: { counts } }, { upsert: true });
  return { orders: done, customers: bases.size, durationMs: Date.now() - started };
}
