import fc from 'fast-check';
import { z } from 'zod';
import { BareNumber, shopifyFulfillment, shopifyOrder, shopifyRefund } from '@loyaldesk/customer-profile/shopify-fixtures';
import { shopifyFulfillmentSchema, shopifyOrderSchema, shopifyRefundSchema } from '@loyaldesk/customer-profile/shopify';
import { afterShipTrackingSchema, afterShipWebhookSchema } from '@loyaldesk/ticketing/aftership-payloads';
import { easyPostEventSchema, easyPostTrackerSchema } from '@loyaldesk/ticketing/easypost-payloads';
import { afterShipWebhook, easyPostTrackerEvent } from '@loyaldesk/ticketing/tracking-fixtures';
import { wooOrder } from '@loyaldesk/ticketing/woocommerce-fixtures';
import { wooOrderSchema } from '@loyaldesk/ticketing/woocommerce-payloads';
import { payloadMix } from './hostile-values.ts';
import { encodedBody } from './http-encoding.ts';
import { requestArbitrary, type HttpTarget, type WebhookProvider } from './http-targets.ts';
import { arbitraryFromJsonSchema, type JsonSchema } from './json-schema-arbitrary.ts';
import { RawJson } from './raw-json.ts';

// The shop-platform and carrier webhooks (Shopify, WooCommerce, AfterShip, EasyPost): bodies from
// their payload zod schemas and from documented-shape fixtures, each signed the way its provider
// signs (most validly, so the payload reaches parsing and ingestion; some not).

/** The signing secrets the fuzz stack gives ticketing (`*_WEBHOOK_SECRET`), by provider. */
export const fuzzWebhookSecrets: Record<WebhookProvider, string> = {
  loyaldesk: 'fuzz-shop-webhook-secret-0123456789',
  shopify: 'shpss_fuzz0123456789abcdef0123456789',
  woocommerce: 'wc-fuzz-webhook-secret-0123456789',
  aftership: 'aftership-fuzz-secret-0123456789',
  easypost: 'easypost-fuzz-secret-0123456789',
};

/** The values webhook bodies draw on, so deliveries meet stored orders and shipments. */
export interface WebhookKnownValues {
  orderNumbers: readonly string[];
  trackingNumbers: readonly string[];
  emails: readonly string[];
}

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** A fixture value with Shopify's bare 64-bit numbers kept as digits on the wire. */
function withBareNumbers(value: unknown): unknown {
  if (value instanceof BareNumber) return new RawJson(Buffer.from(value.digits), `bare ${value.digits}`);
  if (Array.isArray(value)) return value.map(withBareNumbers);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withBareNumbers(item)]));
  return value;
}

const id64 = fc.oneof(fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }).map(String), fc.constantFrom('820982911946154508', '9007199254740993'));
const isoTime = fc.date({ noInvalidDate: true, min: new Date('2025-01-01'), max: new Date('2027-12-31') }).map((date) => date.toISOString());
const fuzzOrderName = fc.integer({ min: 5000, max: 5040 }).map((number) => `#${number}`);

/** A header value: mostly one of `valid`, sometimes empty, huge or odd. */
function headerValue(valid: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 18, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', 'x'.repeat(300), '__proto__', 'orders/create;x', 'ORDERS/CREATE', '../../x') },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((text) => text.replace(/[^\x20-\x7e]/g, '?')) },
  );
}

/** Optional headers: each name present with its value about 9 times in 10. */
function headers(entries: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<Record<string, string>> {
  return fc.record(Object.fromEntries(Object.entries(entries).map(([name, value]) => [name, fc.option(value, { freq: 9 })]))).map((picked) =>
    Object.fromEntries(Object.entries(picked).filter((entry): entry is [string, string] => entry[1] !== null)),
  );
}

function signedTarget(provider: WebhookProvider, path: string, body: fc.Arbitrary<unknown>, extraHeaders: fc.Arbitrary<Record<string, string>>): HttpTarget {
  return {
    kind: 'http',
    app: 'ticketing',
    name: `POST ${path}`,
    requiredRole: 'public',
    namesProblems: true,
    requests: requestArbitrary({ method: 'POST', path: fc.constant(path), role: 'public', body: encodedBody(payloadMix(body)), extraHeaders, signed: provider }),
  };
}

function shopifyTarget(known: WebhookKnownValues): HttpTarget {
  const orderSchema = jsonSchemaOf(shopifyOrderSchema);
  const fixtureOrder = fc
    .record({
      id: id64,
      name: fc.oneof(fuzzOrderName, fc.constantFrom(...known.orderNumbers).map((number) => `#${number}`)),
      customerId: id64,
      email: fc.constantFrom(...known.emails, 'new.shopper@example.com'),
      // Mostly amounts the currency's exponent takes (JPY 0, KWD 3), some it refuses.
      money: fc.constantFrom('USD 49.99', 'USD 129.00', 'EUR 0.00', 'JPY 4800', 'KWD 15.125', 'USD 1e3', 'USD -5', 'JPY 4800.50').map((text) => text.split(' ')),
      createdAt: isoTime,
      updatedAt: isoTime,
      financialStatus: fc.constantFrom('paid', 'pending', 'refunded', 'voided', 'authorized', 'partially_paid'),
      fulfillmentStatus: fc.constantFrom(null, 'fulfilled', 'partial'),
      tags: fc.constantFrom('', 'VIP', 'vip, newsletter', ' , ,', 'Wholesale,VIP'),
    })
    .map(({ money: [currency, price], ...fixture }) => withBareNumbers(shopifyOrder({ ...fixture, ...(currency ? { currency } : {}), ...(price ? { price } : {}) })));
  const fixtureFulfillment = fc
    .record({
      id: id64,
      orderId: id64,
      orderName: fc.oneof(fuzzOrderName, fc.constantFrom(...known.orderNumbers).map((number) => `#${number}`)),
      trackingNumber: fc.constantFrom(...known.trackingNumbers, '1Z2345', 'has space', ''),
      shipmentStatus: fc.constantFrom(null, 'in_transit', 'delivered', 'failure', 'attempted_delivery', 'delayed', 'something_new'),
      createdAt: isoTime,
    })
    .map((fixture) => withBareNumbers(shopifyFulfillment(fixture)));
  const fixtureRefund = fc
    .record({ id: id64, orderId: id64, amount: fc.constantFrom('1.00', '49.99', '100000.00', '0', 'abc') })
    .map((fixture) => withBareNumbers(shopifyRefund(fixture)));
  const body = fc.oneof(
    fixtureOrder,
    fixtureFulfillment,
    fixtureRefund,
    arbitraryFromJsonSchema(orderSchema),
    arbitraryFromJsonSchema(jsonSchemaOf(shopifyFulfillmentSchema)),
    arbitraryFromJsonSchema(jsonSchemaOf(shopifyRefundSchema)),
  );
  const topics = ['orders/create', 'orders/updated', 'orders/cancelled', 'orders/paid', 'fulfillments/create', 'fulfillments/update', 'refunds/create', 'customers/update', 'app/uninstalled'];
  return signedTarget(
    'shopify',
    '/api/webhooks/shopify',
    body,
    headers({
      'x-shopify-topic': headerValue(topics),
      'x-shopify-event-id': headerValue(['6f1c5c6e-0000-4000-8000-000000000001', '6f1c5c6e-0000-4000-8000-000000000002', 'evt with spaces', 'a'.repeat(101)]),
      'x-shopify-shop-domain': fc.constant('kettle-house.myshopify.com'),
    }),
  );
}

function wooCommerceTarget(known: WebhookKnownValues): HttpTarget {
  const fixture = fc
    .record({
      id: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 5000, max: 5040 })),
      status: fc.constantFrom('processing', 'completed', 'pending', 'cancelled', 'refunded', 'on-hold', 'trash', 'bogus'),
      email: fc.constantFrom(...known.emails, 'woo.shopper@example.com'),
      currency: fc.constantFrom('USD', 'JPY', 'KWD'),
      price: fc.constantFrom('49.99', '4800', '15.125', '0.00', 'x'),
      createdAt: isoTime.map((time) => time.slice(0, 19)),
      modifiedAt: isoTime.map((time) => time.slice(0, 19)),
      refunds: fc.constantFrom('', '-5.00', '-49.99', 'abc').map((refund) => (refund === '' ? [] : [refund])),
      tracking: fc.option(fc.constantFrom(...known.trackingNumbers, 'UNKNOWN12345'), { freq: 2 }).map((trackingNumber) => (trackingNumber === null ? [] : [{ trackingNumber, provider: 'UPS' }])),
    })
    .map((order) => wooOrder(order));
  // The unsigned form post WooCommerce sends when a webhook is saved.
  const ping = fc.constantFrom('webhook_id=12', 'webhook_id=', 'webhook_id=12&x=1').map((text) => new RawJson(Buffer.from(text), 'webhook ping'));
  return signedTarget(
    'woocommerce',
    '/api/webhooks/woocommerce',
    fc.oneof({ weight: 3, arbitrary: fixture }, { weight: 3, arbitrary: arbitraryFromJsonSchema(jsonSchemaOf(wooOrderSchema)) }, { weight: 1, arbitrary: ping }),
    headers({
      'x-wc-webhook-topic': headerValue(['order.created', 'order.updated', 'order.restored', 'order.deleted', 'product.updated', 'action.woocommerce_order_status_changed']),
      'x-wc-webhook-delivery-id': headerValue(['2f8c1f0b2b6e4f1c9d0e7a5b3c2d1e0f', 'e3b0c44298fc1c149afbf4c8996fb924', '']),
      'x-wc-webhook-source': fc.constant('https://kettle-house.example/'),
    }),
  );
}

function afterShipTarget(known: WebhookKnownValues): HttpTarget {
  const tags = ['InfoReceived', 'InTransit', 'OutForDelivery', 'AttemptFail', 'Delivered', 'Exception', 'Expired', 'Pending', 'AvailableForPickup', 'Bogus'];
  const fixture = fc
    .record({
      trackingNumber: fc.constantFrom(...known.trackingNumbers, 'UNKNOWN12345'),
      tag: fc.constantFrom(...tags),
      checkpoints: fc.array(fc.record({ at: isoTime, tag: fc.constantFrom(...tags), message: fc.constantFrom('Departed facility', 'Held at customs', '') }), { maxLength: 4 }),
      updatedAt: isoTime,
      estimatedDelivery: fc.option(isoTime, { freq: 2 }),
      event: fc.constantFrom('tracking_update', 'edd_revise', 'bogus_event'),
    })
    .map((webhook) => afterShipWebhook(webhook));
  const generated = fc
    .tuple(arbitraryFromJsonSchema(jsonSchemaOf(afterShipWebhookSchema)), arbitraryFromJsonSchema(jsonSchemaOf(afterShipTrackingSchema)))
    .map(([event, msg]) => (typeof event === 'object' && event !== null && !Array.isArray(event) ? { ...event, msg } : event));
  return signedTarget('aftership', '/api/webhooks/aftership', fc.oneof(fixture, generated, arbitraryFromJsonSchema(jsonSchemaOf(afterShipWebhookSchema))), fc.constant({}));
}

function easyPostTarget(known: WebhookKnownValues): HttpTarget {
  const statuses = ['pre_transit', 'in_transit', 'out_for_delivery', 'delivered', 'available_for_pickup', 'return_to_sender', 'failure', 'cancelled', 'error', 'unknown', 'bogus'];
  const fixture = fc
    .record({
      id: fc.constantFrom('evt_1', 'evt_2', 'evt_3').chain((prefix) => fc.nat({ max: 50 }).map((n) => `${prefix}${n}`)),
      trackingCode: fc.constantFrom(...known.trackingNumbers, 'UNKNOWN12345'),
      status: fc.constantFrom(...statuses),
      details: fc.array(fc.record({ at: isoTime, status: fc.constantFrom(...statuses), message: fc.constantFrom('Arrived at facility', '') }), { maxLength: 4 }),
      updatedAt: isoTime,
      estDeliveryDate: fc.option(isoTime, { freq: 2 }),
      description: fc.constantFrom('tracker.updated', 'tracker.created', 'batch.updated'),
    })
    .map((event) => easyPostTrackerEvent(event));
  const generated = fc
    .tuple(arbitraryFromJsonSchema(jsonSchemaOf(easyPostEventSchema)), arbitraryFromJsonSchema(jsonSchemaOf(easyPostTrackerSchema)))
    .map(([event, result]) => (typeof event === 'object' && event !== null && !Array.isArray(event) ? { ...event, description: 'tracker.updated', result } : event));
  return signedTarget('easypost', '/api/webhooks/easypost', fc.oneof(fixture, generated), fc.constant({}));
}

/** One target per shop-platform and carrier webhook, each body signed as its provider signs. */
export function webhookTargets(known: WebhookKnownValues): HttpTarget[] {
  return [shopifyTarget(known), wooCommerceTarget(known), afterShipTarget(known), easyPostTarget(known)];
}
