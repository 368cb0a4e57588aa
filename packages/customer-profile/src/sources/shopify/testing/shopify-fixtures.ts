// Test-only: Shopify webhook bodies in the documented REST shape (our own fixtures), written as
// Shopify writes them: ids as bare 64-bit JSON numbers, money as decimal strings.

/** A value written into the JSON as a bare number, digits exactly as given (beyond 2^53 too). */
export class BareNumber {
  constructor(readonly digits: string) {}
}

/** JSON text of `value`, with each BareNumber as a bare number literal. */
export function shopifyJson(value: unknown): string {
  const marker = '@@bare-number:';
  const text = JSON.stringify(value, (_key, item: unknown) => (item instanceof BareNumber ? `${marker}${item.digits}` : item));
  return text.replace(new RegExp(`"${marker}(\\d+)"`, 'g'), '$1');
}

export interface ShopifyOrderFixture {
  id?: string;
  name?: string;
  customerId?: string;
  email?: string;
  currency?: string;
  price?: string;
  createdAt?: string;
  updatedAt?: string;
  financialStatus?: string;
  fulfillmentStatus?: string | null;
  locale?: string;
  tags?: string;
  fulfillments?: unknown[];
  refunds?: unknown[];
}

/** An `orders/create` / `orders/updated` body: one line item at `price`, no shipping or tax. */
export function shopifyOrder(fixture: ShopifyOrderFixture = {}): Record<string, unknown> {
  const price = fixture.price ?? '49.99';
  const createdAt = fixture.createdAt ?? '2026-11-20T10:15:00-05:00';
  return {
    id: new BareNumber(fixture.id ?? '820982911946154508'),
    admin_graphql_api_id: `gid://shopify/Order/${fixture.id ?? '820982911946154508'}`,
    name: fixture.name ?? '#1038',
    order_number: 1038,
    email: fixture.email ?? 'mei.lin@example.com',
    created_at: createdAt,
    updated_at: fixture.updatedAt ?? createdAt,
    processed_at: createdAt,
    cancelled_at: null,
    currency: fixture.currency ?? 'USD',
    presentment_currency: fixture.currency ?? 'USD',
    financial_status: fixture.financialStatus ?? 'paid',
    fulfillment_status: fixture.fulfillmentStatus ?? null,
    customer_locale: fixture.locale ?? 'zh-TW',
    subtotal_price: price,
    total_price: price,
    total_tax: '0.00',
    total_discounts: '0.00',
    total_shipping_price_set: { shop_money: { amount: '0.00', currency_code: fixture.currency ?? 'USD' } },
    line_items: [
      {
        id: new BareNumber('866550311766439020'),
        variant_id: new BareNumber('808950810'),
        product_id: new BareNumber('632910392'),
        title: 'Gooseneck kettle',
        name: 'Gooseneck kettle - Matte black',
        sku: 'KETTLE-BLK',
        quantity: 1,
        price,
      },
    ],
    shipping_address: {
      first_name: 'Mei',
      last_name: 'Lin',
      name: 'Mei Lin',
      address1: '1 Zhongxiao East Road',
      city: 'Taipei',
      province: 'Taipei City',
      zip: '100',
      country: 'Taiwan',
      country_code: 'TW',
    },
    customer: {
      id: new BareNumber(fixture.customerId ?? '207119551'),
      email: fixture.email ?? 'mei.lin@example.com',
      first_name: 'Mei',
      last_name: 'Lin',
      tags: fixture.tags ?? '',
    },
    fulfillments: fixture.fulfillments ?? [],
    refunds: fixture.refunds ?? [],
  };
}

export interface ShopifyFulfillmentFixture {
  id?: string;
  orderId?: string;
  orderName?: string;
  trackingNumber?: string;
  shipmentStatus?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

/** A `fulfillments/create` / `fulfillments/update` body. */
export function shopifyFulfillment(fixture: ShopifyFulfillmentFixture = {}): Record<string, unknown> {
  const createdAt = fixture.createdAt ?? '2026-11-21T09:00:00-05:00';
  return {
    id: new BareNumber(fixture.id ?? '1022782888'),
    order_id: new BareNumber(fixture.orderId ?? '820982911946154508'),
    status: 'success',
    created_at: createdAt,
    updated_at: fixture.updatedAt ?? createdAt,
    service: 'manual',
    tracking_company: 'UPS',
    shipment_status: fixture.shipmentStatus === undefined ? 'in_transit' : fixture.shipmentStatus,
    tracking_number: fixture.trackingNumber ?? '1Z2345',
    tracking_numbers: [fixture.trackingNumber ?? '1Z2345'],
    tracking_url: `https://www.ups.com/WebTracking?loc=en_US&tracknum=${fixture.trackingNumber ?? '1Z2345'}`,
    tracking_urls: [],
    name: `${fixture.orderName ?? '#1038'}.1`,
    line_items: [],
  };
}

/** A `refunds/create` body refunding `amount`. */
export function shopifyRefund(fixture: { id?: string; orderId?: string; amount: string; processedAt?: string }): Record<string, unknown> {
  const at = fixture.processedAt ?? '2026-11-25T12:00:00-05:00';
  return {
    id: new BareNumber(fixture.id ?? '929361462'),
    order_id: new BareNumber(fixture.orderId ?? '820982911946154508'),
    created_at: at,
    processed_at: at,
    note: 'Dented',
    refund_line_items: [],
    transactions: [
      { id: new BareNumber('1068278595'), kind: 'refund', status: 'success', amount: fixture.amount, currency: 'USD' },
    ],
  };
}
