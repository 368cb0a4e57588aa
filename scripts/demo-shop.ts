// npm run demo:shop — plays a shop against a running `npm start`: a signed Shopify orders/create for
// a new demo customer, its fulfillments/create with a tracking number, then an AfterShip tracking
// update turning the parcel into a carrier exception. Prints what to look at in the chat and the console.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { parseEnv } from '@loyaldesk/platform/env';
import { developmentWebhookSecrets } from '@loyaldesk/ticketing/development-webhook-secrets';

const firstSecret = (fallback: string) =>
  z
    .string()
    .default('')
    .transform((value) => value.split(',')[0]?.trim() || fallback);

const env = parseEnv(
  z.object({
    TICKETING_PORT: z.coerce.number().int().min(1).max(65535).default(3002),
    CHAT_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
    CONSOLE_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** Where ticketing runs; default: npm start's. */
    TICKETING_URL: z.url({ protocol: /^https?$/ }).optional(),
    CHAT_URL: z.url({ protocol: /^https?$/ }).optional(),
    CONSOLE_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** The first of ticketing's secrets signs; default: the dev ones npm start gives ticketing. */
    SHOPIFY_WEBHOOK_SECRET: firstSecret(developmentWebhookSecrets.SHOPIFY_WEBHOOK_SECRET),
    AFTERSHIP_WEBHOOK_SECRET: firstSecret(developmentWebhookSecrets.AFTERSHIP_WEBHOOK_SECRET),
  }),
);
const ticketingUrl = (env.TICKETING_URL ?? `http://127.0.0.1:${env.TICKETING_PORT}`).replace(/\/$/, '');
const chatUrl = (env.CHAT_URL ?? `http://127.0.0.1:${env.CHAT_PORT}`).replace(/\/$/, '');
const consoleUrl = (env.CONSOLE_URL ?? `http://127.0.0.1:${env.CONSOLE_PORT}`).replace(/\/$/, '');
const say = (line: string): void => void process.stdout.write(`${line}\n`);

/** A failure the person running the demo can act on. */
class DemoStepError extends Error {}

const base64Hmac = (secret: string, body: string): string => createHmac('sha256', secret).update(body).digest('base64');

async function post(step: string, path: string, body: string, headers: Record<string, string>): Promise<unknown> {
  const url = `${ticketingUrl}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new DemoStepError(
      `${step}: cannot reach ticketing at ${ticketingUrl} (${error instanceof Error ? error.message : String(error)}). Is \`npm start\` running? Elsewhere, set TICKETING_URL.`,
    );
  }
  const text = await response.text();
  if (response.ok) return text ? (JSON.parse(text) as unknown) : null;
  const hint =
    response.status === 404
      ? `${path} is not mounted: ticketing has no secret for it. \`npm start\` sets dev ones; elsewhere set the webhook secret variables on ticketing.`
      : response.status === 401
        ? 'the signature was refused: sign with the secret ticketing has (SHOPIFY_WEBHOOK_SECRET / AFTERSHIP_WEBHOOK_SECRET, the same value for this command).'
        : response.status === 409
          ? 'ticketing does not have the order yet; run the command again.'
          : "see ticketing's output.";
  throw new DemoStepError(`${step}: ${url} answered ${response.status} ${text.slice(0, 300)}\n  ${hint}`);
}

function shopifyHeaders(topic: string, body: string, eventId: string): Record<string, string> {
  return {
    'X-Shopify-Topic': topic,
    'X-Shopify-Event-Id': eventId,
    'X-Shopify-Shop-Domain': 'demo-kettle-house.myshopify.com',
    'X-Shopify-Hmac-Sha256': base64Hmac(env.SHOPIFY_WEBHOOK_SECRET, body),
  };
}

// One new demo order per run: numbers from the clock, ids as Shopify writes them (bare 64-bit JSON numbers).
const now = Date.now();
const stamp = Math.floor(now / 1000) % 10_000_000;
const orderNumber = String(80_000_000 + stamp);
const orderId = `${820_982_911_900_000_000n + BigInt(stamp)}`;
const customerId = `${7_100_000_000_000n + BigInt(stamp)}`;
const fulfillmentId = `${5_100_000_000_000n + BigInt(stamp)}`;
const trackingNumber = `1ZDEMO${String(stamp).padStart(7, '0')}`;
const email = `mei.lin+${stamp}@example.com`;
const at = (minutesAgo: number): string => new Date(now - minutesAgo * 60_000).toISOString();
const lineItemId = '866550311766439020';
/** `json` with each of `ids` (unique digit strings) written as a bare number, beyond 2^53 exactly. */
const bare = (json: string, ids: readonly string[]): string =>
  ids.reduce((text, id) => text.replaceAll(`"${id}"`, id), json);

const order = bare(
  JSON.stringify({
    id: orderId,
    name: `#${orderNumber}`,
    order_number: Number(orderNumber),
    email,
    created_at: at(3 * 24 * 60),
    updated_at: at(3 * 24 * 60),
    currency: 'USD',
    financial_status: 'paid',
    fulfillment_status: null,
    customer_locale: 'zh-TW',
    subtotal_price: '89.00',
    total_price: '89.00',
    total_tax: '0.00',
    total_discounts: '0.00',
    line_items: [{ id: lineItemId, title: 'Gooseneck kettle', sku: 'KETTLE-BLK', quantity: 1, price: '89.00' }],
    shipping_address: {
      name: 'Mei Lin',
      address1: '1 Zhongxiao East Road',
      city: 'Taipei',
      zip: '100',
      country: 'Taiwan',
      country_code: 'TW',
    },
    customer: { id: customerId, email, first_name: 'Mei', last_name: 'Lin', tags: '' },
    fulfillments: [],
    refunds: [],
  }),
  [orderId, customerId, lineItemId],
);
const fulfillment = bare(
  JSON.stringify({
    id: fulfillmentId,
    order_id: orderId,
    name: `#${orderNumber}.1`,
    status: 'success',
    created_at: at(2 * 24 * 60),
    updated_at: at(2 * 24 * 60),
    tracking_company: 'UPS',
    shipment_status: 'in_transit',
    tracking_number: trackingNumber,
    tracking_url: `https://www.ups.com/track?tracknum=${trackingNumber}`,
  }),
  [fulfillmentId, orderId],
);
const exception = JSON.stringify({
  event: 'tracking_update',
  event_id: `demo-${stamp}-exception`,
  ts: Math.floor(now / 1000),
  msg: {
    tracking_number: trackingNumber,
    slug: 'ups',
    tag: 'Exception',
    subtag: 'Exception_007',
    subtag_message: 'Incorrect address',
    updated_at: at(1),
    courier_tracking_link: `https://www.ups.com/track?tracknum=${trackingNumber}`,
    checkpoints: [
      {
        checkpoint_time: at(2 * 24 * 60 - 60),
        tag: 'InTransit',
        message: 'Departed facility',
        city: 'Louisville',
        country_iso3: 'USA',
      },
      {
        checkpoint_time: at(30),
        tag: 'Exception',
        subtag: 'Exception_007',
        message: 'Address incomplete: parcel held at the carrier',
        city: 'Taipei',
        country_iso3: 'TWN',
      },
    ],
  },
});

try {
  say(`shop      order #${orderNumber} for ${email} (new customer, Shopify id ${orderId})`);
  const created = await post(
    'Shopify orders/create',
    '/api/webhooks/shopify',
    order,
    shopifyHeaders('orders/create', order, `demo-${stamp}-order`),
  );
  say(`          orders/create → ${JSON.stringify(created)}`);
  const shipped = await post(
    'Shopify fulfillments/create',
    '/api/webhooks/shopify',
    fulfillment,
    shopifyHeaders('fulfillments/create', fulfillment, `demo-${stamp}-fulfillment`),
  );
  say(`          fulfillments/create (UPS ${trackingNumber}) → ${JSON.stringify(shipped)}`);
  const tracked = await post('AfterShip exception', '/api/webhooks/aftership', exception, {
    'aftership-hmac-sha256': base64Hmac(env.AFTERSHIP_WEBHOOK_SECRET, exception),
  });
  say(`carrier   AfterShip exception (incorrect address) → ${JSON.stringify(tracked)}`);
  say('');
  say('Now look:');
  say(`  chat     ${chatUrl}/?lang=zh-Hant  ask "我的訂單 ${orderNumber} 到哪裡了？", then give ${email}`);
  say(
    `  console  ${consoleUrl}/  sign in as agent@demo.loyaldesk / demo-agent-password: the queue has a proactive ticket for order #${orderNumber} (carrier exception), ranked with its explanation`,
  );
} catch (error) {
  process.stderr.write(`demo:shop: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
