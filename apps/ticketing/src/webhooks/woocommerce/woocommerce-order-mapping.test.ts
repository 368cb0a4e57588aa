import { describe, expect, it } from 'vitest';
import { orderInputSchema, type Order } from '@loyaldesk/customer-profile/schemas';
import { carrierOf, orderInputFromWooCommerce, orderNumberOf, orderStatusOf, shipmentsOf, withTrackingProgress } from './woocommerce-order-mapping.ts';
import { wooOrderSchema } from './woocommerce-payloads.ts';
import { wooOrder, type WooOrderFixture } from './testing/woocommerce-fixtures.ts';

const parse = (fixture: WooOrderFixture, overrides: Record<string, unknown> = {}) => wooOrderSchema.parse({ ...wooOrder(fixture), ...overrides });

describe('orderInputFromWooCommerce', () => {
  it('maps number, customer, dates (UTC without a zone), totals and address into an order ingestion accepts', () => {
    const input = orderInputFromWooCommerce(
      parse({ id: 727, number: 'WC-727', customerId: 26, price: '21.98', quantity: 2, shipping: '10.00', tax: '1.35', discount: '2.00', total: '31.33', refunds: ['5.00'], createdAt: '2026-03-22T19:28:02', modifiedAt: '2026-03-23T08:00:00' }),
    );
    expect(input).toMatchObject({
      number: 'WC-727',
      customer: { id: '26', email: 'mei.lin@example.com', name: 'Mei Lin' },
      placedAt: new Date('2026-03-22T19:28:02Z'),
      updatedAt: new Date('2026-03-23T08:00:00Z'),
      status: 'paid',
      currency: 'USD',
      lineItems: [{ sku: 'KETTLE-BLK', name: 'Gooseneck kettle - Matte black', quantity: 2, unitPrice: 1099 }],
      totals: { subtotal: 2198, shipping: 1000, tax: 135, discount: 200, total: 3133, refunded: 500 },
      shippingAddress: { country: 'TW', name: 'Mei Lin', line1: '1 Zhongxiao East Road', city: 'Taipei', region: 'TPE', postalCode: '100' },
      shipments: [],
    });
    expect(orderInputSchema.safeParse(input).success).toBe(true);
  });

  it('keys a guest (customer_id 0) by email alone', () => {
    const input = orderInputFromWooCommerce(parse({ customerId: 0, email: 'guest@example.com' }));
    expect(input.customer).toEqual({ email: 'guest@example.com', name: 'Mei Lin' });
  });

  it('converts by the currency exponent: yen without decimals, dinars with three', () => {
    expect(orderInputFromWooCommerce(parse({ currency: 'JPY', price: '4800', total: '5300', shipping: '500' })).totals).toMatchObject({ subtotal: 4800, shipping: 500, total: 5300 });
    expect(orderInputFromWooCommerce(parse({ currency: 'KWD', price: '15.125', total: '15.125' })).totals).toMatchObject({ subtotal: 15_125, total: 15_125 });
    expect(() => orderInputFromWooCommerce(parse({ currency: 'JPY', price: '4800.5', total: '4800.5' }))).toThrow(/JPY has 0 decimal places/);
  });

  it('never counts more refunded than the total, and names a field it cannot read', () => {
    expect(orderInputFromWooCommerce(parse({ price: '10.00', total: '10.00', refunds: ['8.00', '8.00'] })).totals.refunded).toBe(1000);
    expect(() => orderInputFromWooCommerce(parse({}, { total: 'ninety' }))).toThrow(expect.objectContaining({ field: 'total' }));
    expect(() => orderInputFromWooCommerce(parse({ email: '' }))).toThrow(expect.objectContaining({ field: 'billing.email' }));
  });

  it('refuses a date that is not WooCommerce’s, naming the field', () => {
    const result = wooOrderSchema.safeParse(wooOrder({ modifiedAt: '23/03/2026' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['date_modified_gmt']);
  });
});

describe('orderStatusOf', () => {
  it('reads every WooCommerce status in our words', () => {
    const none: Array<{ status: 'in_transit' }> = [];
    expect(
      Object.fromEntries(['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'trash', 'checkout-draft', 'some-plugin-status'].map((status) => [status, orderStatusOf(status, none)])),
    ).toEqual({
      pending: 'pending',
      processing: 'paid',
      'on-hold': 'pending',
      completed: 'shipped',
      cancelled: 'cancelled',
      refunded: 'refunded',
      failed: 'pending',
      trash: 'cancelled',
      'checkout-draft': 'pending',
      'some-plugin-status': 'processing',
    });
    expect(orderStatusOf('processing', [{ status: 'in_transit' }])).toBe('shipped');
    expect(orderStatusOf('completed', [{ status: 'delivered' }])).toBe('delivered');
  });
});

describe('shipmentsOf', () => {
  it("turns the Shipment Tracking plugin's items into shipments, leaving out what cannot be tracked", () => {
    const order = parse({
      tracking: [
        { provider: 'royal-mail', trackingNumber: 'AB 1234 5678 GB', shippedAt: 1_763_800_000, trackingId: 'c81e728d' },
        { customProvider: 'Kettle Couriers', customLink: 'javascript:alert(1)', trackingNumber: 'KC-42424242' },
        { provider: 'usps', trackingNumber: '??' },
      ],
    });
    expect(shipmentsOf(order.meta_data)).toEqual([
      { id: 'c81e728d', carrier: 'Royal Mail', trackingNumber: 'AB12345678GB', status: 'in_transit', shippedAt: new Date(1_763_800_000_000), events: [] },
      expect.objectContaining({ carrier: 'Kettle Couriers', trackingNumber: 'KC-42424242', status: 'in_transit' }),
    ]);
    expect(shipmentsOf(order.meta_data)[1]).not.toHaveProperty('trackingUrl');
    expect(shipmentsOf([{ key: '_wc_shipment_tracking_items', value: 'not a list' }])).toEqual([]);
    expect(shipmentsOf([{ key: '_wc_shipment_tracking_items', value: [{ tracking_provider: 'ups' }] }])).toEqual([]);
  });

  it('names carriers as people write them', () => {
    expect([carrierOf({ tracking_provider: 'fedex' }), carrierOf({ tracking_provider: 'australia-post' }), carrierOf({}), carrierOf({ tracking_provider: 'ups', custom_tracking_provider: 'Local Van' })]).toEqual([
      'FedEx',
      'Australia Post',
      'Carrier',
      'Local Van',
    ]);
  });
});

describe('withTrackingProgress', () => {
  it("keeps what a carrier said about a parcel WooCommerce sends again, and a delivered order's status", () => {
    const input = orderInputFromWooCommerce(parse({ status: 'completed', tracking: [{ provider: 'ups', trackingNumber: '1Z999AA10123456784', trackingId: 't1' }] }));
    const deliveredAt = new Date('2026-11-25T10:00:00Z');
    const stored: Pick<Order, 'shipments'> = {
      shipments: [
        { id: 't1', carrier: 'UPS', trackingNumber: '1Z999AA10123456784', status: 'delivered', carrierStatus: 'Delivered', deliveredAt, events: [{ at: deliveredAt, status: 'delivered', description: 'Left at front door' }] },
      ],
    };
    const merged = withTrackingProgress(input, stored);
    expect(merged.status).toBe('delivered');
    expect(merged.shipments?.[0]).toMatchObject({ status: 'delivered', carrierStatus: 'Delivered', deliveredAt, events: [expect.objectContaining({ description: 'Left at front door' })] });
    expect(withTrackingProgress(input, null)).toBe(input);
  });
});

describe('orderNumberOf', () => {
  it('keeps a plugin’s number and refuses one with nothing in it', () => {
    expect(orderNumberOf('#1038')).toBe('1038');
    expect(orderNumberOf('WC 2026/1038')).toBe('WC-2026-1038');
    expect(() => orderNumberOf('///')).toThrow(expect.objectContaining({ field: 'number' }));
  });
});
