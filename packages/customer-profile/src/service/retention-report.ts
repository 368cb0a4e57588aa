import { retentionReport, type CustomerPurchases, type Period, type RetentionReport } from '../metrics/retention.ts';
import { countsAsPurchase } from '../schemas/order.ts';
import type { CustomerProfileCollections } from './models.ts';

/**
 * Retention metrics for a period over every customer's purchases. Reads each customer's compact
 * ledger once (a scan of the customers collection): a report, not a hot path; dashboards cache it.
 */
export async function computeRetentionReport(
  collections: CustomerProfileCollections,
  period: Period,
  activeWindowDays: number,
): Promise<RetentionReport> {
  const customers: CustomerPurchases[] = [];
  for await (const document of collections.customers.find({}, { projection: { ledger: 1 }, batchSize: 2000 })) {
    customers.push({
      customerId: document._id,
      purchases: (document.ledger ?? [])
        .filter((entry) => countsAsPurchase(entry.status))
        .map((entry) => ({ placedAt: entry.placedAt, net: entry.net })),
    });
  }
  return retentionReport(customers, period, activeWindowDays);
}
