import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from 'mongodb';
import { validationErrorFrom } from '@loyaldesk/customer-profile/service';
import { defineRoute, type RouteDefinition } from '../../http/route.ts';
import { ingestOrder } from '../../orders/ingest-order.ts';
import { orderInputWith } from '../../orders/order-input.ts';
import { createWebhookDeliveryStore } from '../webhook-delivery-store.ts';
import { ingestWooCommerceOrder, type WooCommerceIngestionDeps, type WooCommerceOrderOutcome } from './ingest-woocommerce-order.ts';
import { wooDeletedOrderSchema, wooOrderSchema } from './woocommerce-payloads.ts';
import { isWooCommercePing, verifyWooCommerceWebhook, wooCommerceSignatureHeader } from './woocommerce-signature.ts';
import { createWooCommerceStore, type WooCommerceStore } from './woocommerce-store.ts';
import { parseWebhookJson, parseWebhookPayload } from '../webhook-body.ts';

/** Topics that carry a whole order (`order.restored`: back from the trash). */
const orderTopics = new Set(['order.created', 'order.updated', 'order.restored']);
const deletedTopic = 'order.deleted';

const wooHeadersSchema = z.object({
  topic: z.string().trim().min(1, 'X-WC-Webhook-Topic is required').max(100),
  deliveryId: z.string().trim().min(1).max(200).optional(),
});

export const wooCommerceWebhookResponseSchema = z.object({
  topic: z.string(),
  outcome: z.enum(['created', 'updated', 'unchanged', 'stale', 'duplicate', 'ignored', 'ping']),
  orderNumber: z.string().optional(),
  rerankedTickets: z.number().int().optional(),
});
type WooCommerceWebhookResponse = z.infer<typeof wooCommerceWebhookResponseSchema>;

export interface WooCommerceWebhookDeps extends WooCommerceIngestionDeps {
  db: Db;
  /** The webhooks' signing secrets (several during a rotation). */
  secrets: readonly string[];
  clock?: () => Date;
}

/**
 * `order.deleted` (trashed or deleted for good) carries the id only: the stored order becomes
 * cancelled, as of now, so a WooCommerce update older than the deletion cannot bring it back,
 * while `order.restored` (modified later) does. An order never stored has nothing to cancel.
 */
async function cancelDeletedOrder(deps: WooCommerceWebhookDeps, store: WooCommerceStore, wooOrderId: number, now: Date): Promise<WooCommerceOrderOutcome | undefined> {
  const number = await store.orderNumberOf(wooOrderId);
  const stored = number ? await deps.profiles.getOrder(number) : null;
  if (!stored) return undefined;
  const updatedAt = new Date(Math.max(now.getTime(), stored.sourceUpdatedAt.getTime() + 1));
  return ingestOrder(deps, orderInputWith(stored, { status: 'cancelled', updatedAt }));
}

/**
 * WooCommerce's order webhooks, one endpoint for every topic (dispatched on `X-WC-Webhook-Topic`).
 * The unsigned ping sent when a webhook is saved gets 200; everything else needs the HMAC, checked
 * over the raw bytes before anything is parsed. A delivery seen already is answered at once; an
 * older `date_modified_gmt` never overwrites a newer one (ingestion's rule).
 */
export function wooCommerceWebhookRoutes(deps: WooCommerceWebhookDeps): { routes: RouteDefinition[]; init: () => Promise<void> } {
  const deliveries = createWebhookDeliveryStore(deps.db, 'woocommerce');
  const store = createWooCommerceStore(deps.db);
  const clock = deps.clock ?? (() => new Date());

  async function applyDelivery(topic: string, json: unknown): Promise<WooCommerceWebhookResponse> {
    let outcome: WooCommerceOrderOutcome | undefined;
    if (orderTopics.has(topic)) {
      outcome = await ingestWooCommerceOrder(deps, store, parseWebhookPayload(wooOrderSchema, json, 'WooCommerce order'));
    } else if (topic === deletedTopic) {
      outcome = await cancelDeletedOrder(deps, store, parseWebhookPayload(wooDeletedOrderSchema, json, 'WooCommerce order').id, clock());
    }
    if (!outcome) return { topic, outcome: 'ignored' };
    return { topic, outcome: outcome.orderOutcome, orderNumber: outcome.orderNumber, rerankedTickets: outcome.rerankedTickets };
  }

  const routes = [
    defineRoute({
      method: 'post',
      path: '/webhooks/woocommerce',
      summary: 'Receive a WooCommerce webhook (orders)',
      description: `Header ${wooCommerceSignatureHeader}: base64 HMAC-SHA256 of the raw body with the webhook's secret. Topics: order.created, order.updated, order.restored, order.deleted (the order becomes cancelled); others are acknowledged and ignored. The unsigned "webhook_id=N" ping sent when a webhook is saved gets 200. X-WC-Webhook-Delivery-ID deduplicates.`,
      tag: 'webhooks',
      access: 'public',
      csrf: false,
      rawBody: true,
      response: wooCommerceWebhookResponseSchema,
      errors: [400, 401],
      handler: async ({ req }) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const signature = req.get(wooCommerceSignatureHeader);
        if (!signature && isWooCommercePing(raw)) return { topic: 'ping', outcome: 'ping' as const };
        verifyWooCommerceWebhook(deps.secrets, raw, signature);
        const headers = wooHeadersSchema.safeParse({
          topic: req.get('x-wc-webhook-topic') ?? '',
          deliveryId: req.get('x-wc-webhook-delivery-id'),
        });
        if (!headers.success) throw validationErrorFrom(headers.error, 'WooCommerce headers');
        const { topic, deliveryId } = headers.data;
        // WooCommerce's delivery id hashes the webhook id and the current second only, so two
        // events of one webhook in the same second share it: the body's digest tells them apart.
        const deliveryKey = deliveryId ? `${deliveryId}:${createHash('sha256').update(raw).digest('hex').slice(0, 32)}` : undefined;
        if (deliveryKey && (await deliveries.wasApplied(deliveryKey))) return { topic, outcome: 'duplicate' as const };
        const result = await applyDelivery(topic, parseWebhookJson(raw));
        if (deliveryKey) await deliveries.markApplied(deliveryKey, topic, clock());
        return result;
      },
    }),
  ];
  return { routes, init: () => deliveries.init() };
}
