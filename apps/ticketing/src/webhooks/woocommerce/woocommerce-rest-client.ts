import { z } from 'zod';
import { AppError } from '@loyaldesk/platform/errors';

/** Hosts that may be reached over plain http (a test's local server); any other shop needs https. */
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The shop's address: https, or http on a loopback host only (credentials travel in every request). */
export const wooCommerceUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be the shop address, such as https://shop.example' })
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || loopbackHosts.has(url.hostname);
  }, 'must use https (http only for 127.0.0.1 or localhost)')
  .refine((value) => new URL(value).username === '' && new URL(value).password === '', 'must not hold credentials');

/** REST API credentials of a WooCommerce shop (WooCommerce → Settings → Advanced → REST API, read access). */
export interface WooCommerceRestConfig {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  /** Per request (default 30 s). */
  timeoutMs?: number;
}

export interface WooCommerceOrdersPage {
  /** The page's orders, unparsed: one malformed order must not cost the others. */
  orders: unknown[];
  totalPages: number;
}

/** The shop's REST API failed or refused (credentials, permissions, an error page): the run stops. */
export class WooCommerceRestError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('woocommerce_unavailable', message, { status: 502, cause });
  }
}

const pageHeadersSchema = z.object({
  totalPages: z.coerce.number().int().nonnegative().max(1_000_000),
});
const pageBodySchema = z.array(z.unknown()).max(100);
const wooErrorSchema = z.object({ code: z.string().max(200), message: z.string().max(2000) });

/** A page of 100 orders is a few MB at most; a shop (or something posing as one) sending more is cut off. */
const maxPageBytes = 32 * 1024 * 1024;

async function readBounded(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxPageBytes) {
      await reader.cancel();
      throw new WooCommerceRestError(`WooCommerce answered with more than ${maxPageBytes} bytes for one page`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** "2026-11-20T15:04:05": WooCommerce reads a zone-less date as GMT with `dates_are_gmt=true`. */
function wooGmtDate(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/** The collection URL under the shop's address (WordPress may live in a folder: https://example.com/shop/). */
export function wooOrdersUrl(shopUrl: string): URL {
  const base = new URL(shopUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL('wp-json/wc/v3/orders', base);
}

/**
 * One page of the shop's orders modified after `modifiedAfter` (exclusive), oldest modification
 * first: GET /wp-json/wc/v3/orders?modified_after=…&dates_are_gmt=true&orderby=modified&order=asc.
 * Basic auth over https; redirects are refused so the credentials go nowhere else. Throws
 * WooCommerceRestError with the shop's own error code when it answers anything but 200.
 */
export async function fetchWooCommerceOrders(
  config: WooCommerceRestConfig,
  query: { modifiedAfter: Date; page: number; perPage: number },
): Promise<WooCommerceOrdersPage> {
  const url = wooOrdersUrl(wooCommerceUrlSchema.parse(config.url));
  url.search = new URLSearchParams({
    modified_after: wooGmtDate(query.modifiedAfter),
    dates_are_gmt: 'true',
    orderby: 'modified',
    order: 'asc',
    per_page: String(query.perPage),
    page: String(query.page),
  }).toString();
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        Authorization: `Basic ${Buffer.from(`${config.consumerKey}:${config.consumerSecret}`).toString('base64')}`,
        Accept: 'application/json',
      },
      redirect: 'error',
      signal: AbortSignal.timeout(config.timeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new WooCommerceRestError(`WooCommerce at ${url.origin} did not answer (${error instanceof Error ? error.message : 'network error'})`, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(await readBounded(response)) as unknown;
  } catch (error) {
    if (error instanceof WooCommerceRestError) throw error;
    throw new WooCommerceRestError(`WooCommerce answered ${response.status} with something other than JSON`, error);
  }
  if (response.status !== 200) {
    const wooError = wooErrorSchema.safeParse(json);
    const detail = wooError.success ? `${wooError.data.code}: ${wooError.data.message}` : 'no error body';
    throw new WooCommerceRestError(`WooCommerce answered ${response.status} (${detail})`);
  }
  const orders = pageBodySchema.safeParse(json);
  if (!orders.success) throw new WooCommerceRestError('WooCommerce answered 200 without a list of at most 100 orders');
  const headers = pageHeadersSchema.safeParse({ totalPages: response.headers.get('x-wp-totalpages') ?? undefined });
  if (!headers.success) throw new WooCommerceRestError('WooCommerce answered without a valid X-WP-TotalPages header');
  return { orders: orders.data, totalPages: headers.data.totalPages };
}
