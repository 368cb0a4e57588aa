import { z } from 'zod';
import type { Db } from 'mongodb';
import { validationErrorFrom } from '@loyaldesk/customer-profile/service';
import type { CustomerProfileService } from '@loyaldesk/customer-profile/service';
import { AppError } from '@loyaldesk/platform/errors';
import { defineRoute, type RouteDefinition } from '../../http/route.ts';
import { ingestOrder, type OrderIngestOutcome, type OrderIngestionDeps } from '../../orders/ingest-order.ts';
import { orderInputWith } from '../../orders/order-input.ts';
import {
  orderInputFromShopify,
  orderNumberOfFulfillment,
  parseShopifyJson,
  refundedAmount,
  shipmentOf,
  shopifyFulfillmentSchema,
  shopifyOrderSchema,
  shopifyRefundSchema,
} from '@loyaldesk/customer-profile/shopify';
import { shopifyHmacHeader, verifyShopifyWebhook } from './shopify-signature.ts';
import { createShopifyWebhookStore, type ShopifyWebhookStore } from './shopify-webhook-store.ts';
import { parseWebhookPayload } from '../webhook-body.ts';

/** Topics that carry a whole order. */
const orderTopics = new Set(['orders/create', 'orders/updated', 'orders/cancelled', 'orders/paid', 'orders/fulfilled', 'orders/partially_fulfilled']);
const fulfillmentTopics = new Set(['fulfillments/create', 'fulfillments/update']);
const refundTopic = 'refunds/create';

const shopifyHeadersSchema = z.object({
  topic: z.string().trim().min(1, 'X-Shopify-Topic is required').max(100),
  /** One id per event, the same on every retry and on each of the deliveries one action may make (a UUID). */
  eventId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, 'X-Shopify-Event-Id must be 1–100 letters, digits, _ or -')
    .optional(),
});

export const shopifyWebhookResponseSchema = z.object({
  topic: z.string(),
  outcome: z.enum(['created', 'updated', 'unchanged', 'stale', 'duplicate', 'ignored']),
  orderNumber: z.string().optional(),
  rerankedTickets: z.number().int().optional(),
});
type ShopifyWebhookResponse = z.infer<typeof shopifyWebhookResponseSchema>;

export interface ShopifyWebhookDeps extends OrderIngestionDeps {
  profiles: Pick<CustomerProfileService, 'ingestOrder' | 'getOrder'>;
  db: Db;
  /** The app's webhook signing secrets (several during a rotation). */
  secrets: readonly string[];
  clock?: () => Date;
}

/** A fulfillment or refund for an order not stored yet: 409, so Shopify delivers it again later. */
function orderNotYetKnown(reference: string): AppError {
  return new AppError('order_not_yet_known', `Order ${reference} has not arrived yet; Shopify's retry will apply this`, { status: 409 });
}

async function applyDelivery(
  deps: ShopifyWebhookDeps,
  store: ShopifyWebhookStore,
  delivery: { topic: string; eventId: string | undefined; now: Date },
  json: unknown,
): Promise<ShopifyWebhookResponse> {
  const { topic, eventId, now } = delivery;
  const answer = async (
    shopifyOrderId: string,
    outcome: OrderIngestOutcome,
    refundId?: string,
  ): Promise<ShopifyWebhookResponse> => {
    // An order the ingestion created or changed cannot be a copy of an applied delivery (a copy finds
    // its own version stored: unchanged, or stale): its record needs no duplicate check.
    const provedNew = !refundId && (outcome.orderOutcome === 'created' || outcome.orderOutcome === 'updated');
    const recorded = provedNew
      ? await store.recordNew(shopifyOrderId, { number: outcome.orderNumber, eventId }, now).then(() => 'applied' as const)
      : await store.recordApplied(shopifyOrderId, { number: outcome.orderNumber, eventId, refundId }, now);
    return {
      topic,
      outcome: recorded === 'already_applied' ? 'duplicate' : outcome.orderOutcome,
      orderNumber: outcome.orderNumber,
      rerankedTickets: outcome.rerankedTickets,
    };
  };

  // Orders and fulfillments are applied again harmlessly (ingestion keeps the newest version), so a
  // duplicate is found after applying it, with no read first; a refund adds up, so it checks first.
  if (orderTopics.has(topic)) {
    const order = parseWebhookPayload(shopifyOrderSchema, json, 'Shopify order');
    return answer(order.id, await ingestOrder(deps, orderInputFromShopify(order)));
  }
  if (fulfillmentTopics.has(topic)) {
    const fulfillment = parseWebhookPayload(shopifyFulfillmentSchema, json, 'Shopify fulfillment');
    const number = orderNumberOfFulfillment(fulfillment);
    const stored = await deps.profiles.getOrder(number);
    if (!stored) throw orderNotYetKnown(number);
    const shipment = shipmentOf(fulfillment);
    const others = stored.shipments.filter((existing) => existing.id !== fulfillment.id);
    const shipments = shipment ? [...others, shipment] : others;
    const status =
      stored.status === 'shipped' && shipments.length > 0 && shipments.every((each) => each.status === 'delivered') ? 'delivered' : stored.status;
    const outcome = await ingestOrder(deps, orderInputWith(stored, { shipments, status, updatedAt: fulfillment.updated_at ?? fulfillment.created_at }));
    return answer(fulfillment.order_id, outcome);
  }
  if (topic === refundTopic) {
    const refund = parseWebhookPayload(shopifyRefundSchema, json, 'Shopify refund');
    const known = await store.order(refund.order_id);
    const stored = known ? await deps.profiles.getOrder(known.number) : null;
    if (!known || !stored) throw orderNotYetKnown(`id ${refund.order_id}`);
    if ((eventId && known.hasEvent(eventId)) || known.hasRefund(refund.id)) return { topic, outcome: 'duplicate', orderNumber: known.number };
    const refunded = Math.min(stored.totals.total, stored.totals.refunded + refundedAmount([refund], stored.currency));
    const outcome = await ingestOrder(
      deps,
      orderInputWith(stored, {
        totals: { ...stored.totals, refunded },
        status: refunded === stored.totals.total && stored.totals.total > 0 ? 'refunded' : stored.status,
        updatedAt: refund.processed_at ?? refund.created_at,
      }),
    );
    return answer(refund.order_id, outcome, refund.id);
  }
  return { topic, outcome: 'ignored' };
}

/**
 * Shopify's order webhooks, one endpoint for every topic (dispatched on `X-Shopify-Topic`). The
 * HMAC is checked over the raw bytes before anything is parsed; an event id already applied is
 * answered at once; an older `updated_at` never overwrites a newer one (ingestion's rule).
 */
export function shopifyWebhookRoutes(deps: ShopifyWebhookDeps): RouteDefinition[] {
  const store = createShopifyWebhookStore(deps.db);
  const clock = deps.clock ?? (() => new Date());
  return [
    defineRoute({
      method: 'post',
      path: '/webhooks/shopify',
      summary: 'Receive a Shopify webhook (orders, fulfillments, refunds)',
      description: `Header ${shopifyHmacHeader}: base64 HMAC-SHA256 of the raw body with the app's secret. Topics: orders/create, orders/updated, orders/cancelled, fulfillments/create, fulfillments/update, refunds/create (others are acknowledged and ignored). X-Shopify-Event-Id deduplicates (a duplicate answers outcome duplicate); a fulfillment or refund for an order not yet received gets 409 so Shopify retries it.`,
      tag: 'webhooks',
      access: 'public',
      csrf: false,
      rawBody: true,
      response: shopifyWebhookResponseSchema,
      errors: [400, 401, 409],
      handler: async ({ req }) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        verifyShopifyWebhook(deps.secrets, raw, req.get(shopifyHmacHeader));
        const headers = shopifyHeadersSchema.safeParse({
          topic: req.get('x-shopify-topic') ?? '',
          eventId: req.get('x-shopify-event-id') ?? req.get('x-shopify-webhook-id'),
        });
        if (!headers.success) throw validationErrorFrom(headers.error, 'Shopify headers');
        const { topic, eventId } = headers.data;
        return applyDelivery(deps, store, { topic, eventId, now: clock() }, parseShopifyJson(raw.toString('utf8')));
      },
    }),
  ];
}
