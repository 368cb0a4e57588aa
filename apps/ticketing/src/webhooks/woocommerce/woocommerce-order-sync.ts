import type { Db } from 'mongodb';
import { validationErrorFrom } from '@loyaldesk/customer-profile/service';
import { AppError } from '@loyaldesk/platform/errors';
import type { Logger } from '@loyaldesk/platform/logger';
import { ingestWooCommerceOrder, type WooCommerceIngestionDeps } from './ingest-woocommerce-order.ts';
import { wooOrderSchema } from './woocommerce-payloads.ts';
import { fetchWooCommerceOrders, wooOrdersUrl, type WooCommerceRestConfig } from './woocommerce-rest-client.ts';
import { createWooCommerceStore } from './woocommerce-store.ts';

export interface WooCommerceSyncDeps extends WooCommerceIngestionDeps {
  db: Db;
  rest: WooCommerceRestConfig;
  clock?: () => Date;
  logger?: Logger;
  /** Orders per request (WooCommerce allows 1–100; default 100). */
  perPage?: number;
  /** How far back the very first run reads (default 30 days); older orders are the import's job. */
  firstRunLookbackMs?: number;
  /** Requests one run makes at most (default 1000); the next run carries on from the cursor. */
  maxRequests?: number;
}

type SyncOutcome = 'created' | 'updated' | 'unchanged' | 'stale' | 'ignored';

export interface WooCommerceSyncReport {
  /** The shop's orders collection URL (no credentials). */
  shop: string;
  /** Orders modified after this were read. */
  from: Date;
  /** The newest modification stored: where the next run starts (null: nothing found). */
  modifiedUpTo: Date | null;
  requests: number;
  outcomes: Record<SyncOutcome, number>;
  /** Orders that could not be stored, with the reason; the run went on without them. */
  skipped: Array<{ id?: number; number?: string; field?: string; message: string }>;
  /** False when the run stopped at `maxRequests` with pages left. */
  complete: boolean;
}

const defaultLookbackMs = 30 * 24 * 3600 * 1000;
/** WooCommerce's `modified_after` is exclusive and to the second: re-reading the cursor's own second misses nothing. */
const overlapMs = 1000;

function idOf(raw: unknown): number | undefined {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? raw.id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
}

/**
 * Reconciles the shop's orders with ours, for the webhooks WooCommerce failed to deliver (it never
 * retries, and disables a webhook after repeated failures): reads the orders modified since the
 * last run, oldest modification first, ingests each through `ingestOrder` (idempotent: an order
 * already stored counts as unchanged), and moves the cursor in MongoDB after each page is stored.
 * It pages by cursor (each request starts after the newest modification stored) rather than by
 * page number alone, so an order modified during the run cannot shift another out of sight;
 * `X-WP-TotalPages` says when the last page was read. A malformed order is skipped and reported;
 * a failure of the shop or of our database ends the run, to be resumed from the cursor.
 */
export async function syncWooCommerceOrders(deps: WooCommerceSyncDeps): Promise<WooCommerceSyncReport> {
  const clock = deps.clock ?? (() => new Date());
  const store = createWooCommerceStore(deps.db);
  const shop = wooOrdersUrl(deps.rest.url).href;
  const perPage = deps.perPage ?? 100;
  const maxRequests = deps.maxRequests ?? 1000;
  const cursor = (await store.syncCursor(shop)) ?? new Date(clock().getTime() - (deps.firstRunLookbackMs ?? defaultLookbackMs));
  const report: WooCommerceSyncReport = {
    shop,
    from: new Date(cursor.getTime() - overlapMs),
    modifiedUpTo: null,
    requests: 0,
    outcomes: { created: 0, updated: 0, unchanged: 0, stale: 0, ignored: 0 },
    skipped: [],
    complete: false,
  };
  let modifiedAfter = report.from;
  let page = 1;
  while (report.requests < maxRequests) {
    const result = await fetchWooCommerceOrders(deps.rest, { modifiedAfter, page, perPage });
    report.requests += 1;
    let newest: Date | undefined;
    for (const raw of result.orders) {
      const parsed = wooOrderSchema.safeParse(raw);
      const id = idOf(raw);
      if (!parsed.success) {
        const error = validationErrorFrom(parsed.error, 'WooCommerce order');
        report.skipped.push({ ...(id === undefined ? {} : { id }), ...(error.field ? { field: error.field } : {}), message: error.message });
        continue;
      }
      const order = parsed.data;
      const modified = order.date_modified_gmt ?? order.date_created_gmt;
      if (!newest || modified > newest) newest = modified;
      try {
        const outcome = await ingestWooCommerceOrder(deps, store, order);
        report.outcomes[outcome.orderOutcome] += 1;
      } catch (error) {
        // A refusal of this order (bad field, an order moving between customers) skips it; anything else ends the run.
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        report.skipped.push({ id: order.id, number: order.number, ...(error.field ? { field: error.field } : {}), message: error.message });
      }
    }
    if (newest) {
      await store.advanceSyncCursor(shop, newest, clock());
      if (!report.modifiedUpTo || newest > report.modifiedUpTo) report.modifiedUpTo = newest;
    }
    if (result.orders.length === 0 || page >= result.totalPages) {
      report.complete = true;
      break;
    }
    const next = newest ? new Date(newest.getTime() - overlapMs) : undefined;
    if (next && next > modifiedAfter) {
      modifiedAfter = next;
      page = 1;
    } else {
      // A whole page in one second (or unreadable): step through that second's pages by number.
      page += 1;
    }
  }
  for (const skipped of report.skipped) deps.logger?.warn({ shop, ...skipped }, 'WooCommerce order skipped by the reconciliation');
  deps.logger?.info({ shop, requests: report.requests, outcomes: report.outcomes, skipped: report.skipped.length, complete: report.complete }, 'WooCommerce orders reconciled');
  return report;
}
