// Test-only: WooCommerce REST v3 orders in the documented shape (our own fixtures), written as
// WooCommerce writes them: money as decimal strings, `*_gmt` dates in UTC without a zone, a line's
// `price` as a float, refunds as negative totals, tracking in the Shipment Tracking plugin's meta.

export interface WooTrackingFixture {
  provider?: string;
  customProvider?: string;
  customLink?: string;
  trackingNumber: string;
  /** Unix seconds. */
  shippedAt?: number;
  trackingId?: string;
}

export interface WooOrderFixture {
  id?: number;
  number?: string;
  status?: string;
  customerId?: number;
  email?: string;
  currency?: string;
  /** The one line's subtotal (quantity 1 unless given). */
  price?: string;
  quantity?: number;
  shipping?: string;
  tax?: string;
  discount?: string;
  total?: string;
  createdAt?: string;
  modifiedAt?: string;
  refunds?: string[];
  tracking?: WooTrackingFixture[];
}

/** A WooCommerce order as `order.created` / `order.updated` and GET /wc/v3/orders carry it. */
export function wooOrder(fixture: WooOrderFixture = {}): Record<string, unknown> {
  const id = fixture.id ?? 1038;
  const currency = fixture.currency ?? 'USD';
  const price = fixture.price ?? '49.99';
  const quantity = fixture.quantity ?? 1;
  const createdAt = fixture.createdAt ?? '2026-11-20T15:15:00';
  const modifiedAt = fixture.modifiedAt ?? createdAt;
  const lineTotal = (Number(price) * 1).toFixed(currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2);
  return {
    id,
    parent_id: 0,
    number: fixture.number ?? String(id),
    order_key: `wc_order_${id}abc`,
    created_via: 'checkout',
    version: '9.4.2',
    status: fixture.status ?? 'processing',
    currency,
    date_created: createdAt,
    date_created_gmt: createdAt,
    date_modified: modifiedAt,
    date_modified_gmt: modifiedAt,
    discount_total: fixture.discount ?? '0.00',
    discount_tax: '0.00',
    shipping_total: fixture.shipping ?? '0.00',
    shipping_tax: '0.00',
    cart_tax: '0.00',
    total: fixture.total ?? lineTotal,
    total_tax: fixture.tax ?? '0.00',
    prices_include_tax: false,
    customer_id: fixture.customerId ?? 207,
    customer_ip_address: '203.0.113.7',
    customer_user_agent: 'Mozilla/5.0',
    customer_note: '',
    billing: {
      first_name: 'Mei',
      last_name: 'Lin',
      company: '',
      address_1: '1 Zhongxiao East Road',
      address_2: '',
      city: 'Taipei',
      state: '',
      postcode: '100',
      country: 'TW',
      email: fixture.email ?? 'mei.lin@example.com',
      phone: '',
    },
    shipping: {
      first_name: 'Mei',
      last_name: 'Lin',
      company: '',
      address_1: '1 Zhongxiao East Road',
      address_2: '',
      city: 'Taipei',
      state: 'TPE',
      postcode: '100',
      country: 'TW',
    },
    payment_method: 'stripe',
    payment_method_title: 'Credit card',
    transaction_id: 'ch_3Nabc',
    date_paid_gmt: createdAt,
    date_completed_gmt: null,
    cart_hash: 'a1b2c3',
    meta_data: [
      { id: 9001, key: 'is_vat_exempt', value: 'no' },
      ...(fixture.tracking
        ? [
            {
              id: 9002,
              key: '_wc_shipment_tracking_items',
              value: fixture.tracking.map((item) => ({
                tracking_provider: item.provider ?? '',
                custom_tracking_provider: item.customProvider ?? '',
                custom_tracking_link: item.customLink ?? '',
                tracking_number: item.trackingNumber,
                date_shipped: String(item.shippedAt ?? 1_763_800_000),
                tracking_id: item.trackingId ?? `a1b2c3${item.trackingNumber.slice(-4)}`,
              })),
            },
          ]
        : []),
    ],
    line_items: [
      {
        id: 315,
        name: 'Gooseneck kettle - Matte black',
        product_id: 93,
        variation_id: 0,
        quantity,
        tax_class: '',
        subtotal: price,
        subtotal_tax: '0.00',
        total: price,
        total_tax: '0.00',
        taxes: [],
        meta_data: [],
        sku: 'KETTLE-BLK',
        price: Number(price) / quantity,
      },
    ],
    tax_lines: [],
    shipping_lines: [],
    fee_lines: [],
    coupon_lines: [],
    refunds: (fixture.refunds ?? []).map((total, index) => ({ id: 800 + index, reason: 'Dented', total: `-${total}` })),
    _links: { self: [{ href: `https://kettle-house.example/wp-json/wc/v3/orders/${id}` }] },
  };
}
