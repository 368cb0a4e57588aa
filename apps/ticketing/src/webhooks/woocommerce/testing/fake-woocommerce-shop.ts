// Test-only: a local HTTP server answering GET /wp-json/wc/v3/orders as WooCommerce does: basic
// auth, modified_after / dates_are_gmt / orderby=modified / order / per_page / page, X-WP-Total and
// X-WP-TotalPages headers, WooCommerce-shaped error bodies.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeShopRequest {
  modifiedAfter: string | null;
  page: number;
  perPage: number;
}

export interface FakeWooCommerceShop {
  /** The shop's address, e.g. http://127.0.0.1:41234/shop (WordPress in a folder). */
  url: string;
  /** Adds or replaces an order (by `id`); anything JSON, malformed orders included. */
  put(order: Record<string, unknown>): void;
  /** Authorized order list requests, in arrival order. */
  requests: FakeShopRequest[];
  /** Requests refused for their credentials. */
  unauthorized: number;
  /** The `nth` list request from now (1: the next) answers 500, once. */
  failRequest(nth: number): void;
  close(): Promise<void>;
}

const orderbyOptions = new Set(['date', 'id', 'include', 'title', 'slug', 'modified']);

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

function wooError(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { code, message, data: { status } });
}

/** Starts the fake shop on a free loopback port; `consumerKey`/`consumerSecret` are the only credentials it takes. */
export async function startFakeWooCommerceShop(credentials: { consumerKey: string; consumerSecret: string }): Promise<FakeWooCommerceShop> {
  const orders = new Map<unknown, Record<string, unknown>>();
  const requests: FakeShopRequest[] = [];
  let failingRequest: number | undefined;
  const expectedAuth = `Basic ${Buffer.from(`${credentials.consumerKey}:${credentials.consumerSecret}`).toString('base64')}`;
  let unauthorized = 0;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://shop.test');
    if (req.method !== 'GET' || url.pathname !== '/shop/wp-json/wc/v3/orders') {
      wooError(res, 404, 'rest_no_route', 'No route was found matching the URL and request method.');
      return;
    }
    if (req.headers.authorization !== expectedAuth) {
      unauthorized += 1;
      wooError(res, 401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
      return;
    }
    const params = url.searchParams;
    const page = Number(params.get('page') ?? '1');
    const perPage = Number(params.get('per_page') ?? '10');
    const orderby = params.get('orderby') ?? 'date';
    const modifiedAfter = params.get('modified_after');
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100 || !Number.isInteger(page) || page < 1 || !orderbyOptions.has(orderby)) {
      wooError(res, 400, 'rest_invalid_param', 'Invalid parameter(s): per_page, page or orderby');
      return;
    }
    if (params.get('dates_are_gmt') !== 'true' || (modifiedAfter !== null && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(modifiedAfter))) {
      wooError(res, 400, 'rest_invalid_param', 'Invalid parameter(s): modified_after');
      return;
    }
    requests.push({ modifiedAfter, page, perPage });
    if (failingRequest === requests.length) {
      wooError(res, 500, 'internal_server_error', 'There has been a critical error on this website.');
      return;
    }
    const modifiedOf = (order: Record<string, unknown>): string => String(order['date_modified_gmt'] ?? '');
    const matching = [...orders.values()]
      .filter((order) => modifiedAfter === null || modifiedOf(order) > modifiedAfter)
      .sort((a, b) => (params.get('order') === 'asc' ? 1 : -1) * (modifiedOf(a).localeCompare(modifiedOf(b)) || Number(a['id']) - Number(b['id'])));
    const totalPages = Math.ceil(matching.length / perPage);
    send(res, 200, matching.slice((page - 1) * perPage, page * perPage), {
      'X-WP-Total': String(matching.length),
      'X-WP-TotalPages': String(totalPages),
    });
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/shop`,
    put: (order) => {
      orders.set(order['id'], order);
    },
    requests,
    get unauthorized() {
      return unauthorized;
    },
    failRequest: (nth) => {
      failingRequest = requests.length + nth;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
