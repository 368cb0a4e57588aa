import { describe, expect, it } from 'vitest';
import { customerTagsFromShopify, orderInputFromShopify, orderNumberFromName, orderStatusOf, parseShopifyJson, shipmentStatusOf } from './shopify-order-mapping.ts';
import { shopifyOrderSchema } from './shopify-payloads.ts';
import { shopifyFulfillment, shopifyJson, shopifyOrder, shopifyRefund, type ShopifyOrderFixture } from './testing/shopify-fixtures.ts';

const mapped = (fixture: ShopifyOrderFixture) =>
  orderInputFromShopify(shopifyOrderSchema.parse(parseShopifyJson(shopifyJson(shopifyOrder(fixture)))));

describe('customerTagsFromShopify', () => {
  it('splits Shopify\'s comma-separated tags, trimmed, empty and repeated (any case) ones dropped', () => {
    expect(customerTagsFromShopify(' VIP, newsletter,,vip , Wholesale ')).toEqual(['VIP', 'newsletter', 'Wholesale']);
    expect(customerTagsFromShopify('')).toEqual([]);
    expect(customerTagsFromShopify(null)).toBeUndefined();
    expect(customerTagsFromShopify(undefined)).toBeUndefined();
    expect(customerTagsFromShopify(Array.from({ length: 300 }, (_, i) => `t${i}`).join(','))).toHaveLength(250);
  });
});

describe('orderInputFromShopify', () => {
  it('carries the customer\'s tags; a guest checkout says nothing about tags', () => {
    expect(mapped({ tags: 'VIP, newsletter' }).customer.tags).toEqual(['VIP', 'newsletter']);
    const guest = orderInputFromShopify({ ...shopifyOrderSchema.parse(parseShopifyJson(shopifyJson(shopifyOrder()))), customer: null });
    expect(guest.customer).not.toHaveProperty('tags');
  });

  it('keeps 64-bit ids exact (JSON.parse would not) and maps the customer, items, totals and address', () => {
    const body = shopifyJson(shopifyOrder({ id: '820982911946154508', customerId: '9007199254740993' }));
    expect(body).toContain('"customer":{"id":9007199254740993');
    expect(String((JSON.parse(body) as { customer: { id: number } }).customer.id)).toBe('9007199254740992'); // what JSON.parse does
    const order = mapped({ customerId: '9007199254740993' });
    expect(order.customer).toEqual({ id: '9007199254740993', email: 'mei.lin@example.com', name: 'Mei Lin', locale: 'zh-TW', tags: [] });
    expect(order.number).toBe('1038');
    expect(order.status).toBe('paid');
    expect(order.lineItems).toEqual([{ sku: 'KETTLE-BLK', name: 'Gooseneck kettle', quantity: 1, unitPrice: 4999 }]);
    expect(order.totals).toEqual({ subtotal: 4999, shipping: 0, tax: 0, discount: 0, total: 4999, refunded: 0 });
    expect(order.shippingAddress).toMatchObject({ country: 'TW', city: 'Taipei', postalCode: '100' });
    expect(order.updatedAt).toEqual(new Date('2026-11-20T15:15:00Z'));
  });

  it('converts money by the currency’s exponent: JPY has none, KWD three', () => {
    expect(mapped({ currency: 'JPY', price: '4800' }).totals.total).toBe(4800);
    expect(mapped({ currency: 'JPY', price: '4800.00' }).lineItems[0]?.unitPrice).toBe(4800);
    expect(mapped({ currency: 'KWD', price: '15.125' }).totals.total).toBe(15125);
    expect(() => mapped({ currency: 'JPY', price: '4800.50' })).toThrow(/total_price: JPY has 0 decimal places/);
  });

  it('maps fulfillments to shipments with the tracking number, company, URL and raw status', () => {
    const order = mapped({
      fulfillmentStatus: 'fulfilled',
      fulfillments: [shopifyFulfillment({ trackingNumber: '1Z999AA10123456784', shipmentStatus: 'attempted_delivery' })],
    });
    expect(order.status).toBe('shipped');
    expect(order.shipments).toEqual([
      expect.objectContaining({
        id: '1022782888',
        carrier: 'UPS',
        trackingNumber: '1Z999AA10123456784',
        status: 'failed_attempt',
        carrierStatus: 'attempted_delivery',
        trackingUrl: expect.stringMatching(/^https:\/\/www\.ups\.com\//),
      }),
    ]);
  });

  it('counts successful refund transactions only, never past the total', () => {
    expect(mapped({ financialStatus: 'partially_refunded', refunds: [shopifyRefund({ amount: '10.00' })] }).totals.refunded).toBe(1000);
    expect(mapped({ refunds: [shopifyRefund({ amount: '99.00' })] }).totals.refunded).toBe(4999);
  });
});

describe('Shopify statuses in our words', () => {
  it('order status: cancelled and refunded first, then shipping, then payment', () => {
    const shipped = [{ status: 'in_transit' as const }];
    expect(orderStatusOf({ cancelled_at: new Date(), financial_status: 'paid', fulfillment_status: 'fulfilled' }, shipped)).toBe('cancelled');
    expect(orderStatusOf({ financial_status: 'voided', fulfillment_status: null }, [])).toBe('cancelled');
    expect(orderStatusOf({ financial_status: 'refunded', fulfillment_status: 'fulfilled' }, shipped)).toBe('refunded');
    expect(orderStatusOf({ financial_status: 'paid', fulfillment_status: 'fulfilled' }, shipped)).toBe('shipped');
    expect(orderStatusOf({ financial_status: 'paid', fulfillment_status: 'fulfilled' }, [{ status: 'delivered' }])).toBe('delivered');
    expect(orderStatusOf({ financial_status: 'paid', fulfillment_status: 'partial' }, shipped)).toBe('partially_shipped');
    expect(orderStatusOf({ financial_status: 'pending', fulfillment_status: null }, [])).toBe('pending');
    expect(orderStatusOf({ financial_status: 'authorized', fulfillment_status: null }, [])).toBe('processing');
    expect(orderStatusOf({ financial_status: 'partially_refunded', fulfillment_status: null }, [])).toBe('paid');
  });

  it('shipment status: a problem keeps its kind, unknown words are in transit', () => {
    expect(shipmentStatusOf(null)).toBe('label_created');
    expect(shipmentStatusOf('label_printed')).toBe('label_created');
    expect(shipmentStatusOf('in_transit')).toBe('in_transit');
    expect(shipmentStatusOf('carrier_picked_up')).toBe('in_transit');
    expect(shipmentStatusOf('ready_for_pickup')).toBe('out_for_delivery');
    expect(shipmentStatusOf('delivered')).toBe('delivered');
    expect(shipmentStatusOf('failure')).toBe('exception');
    expect(shipmentStatusOf('attempted_delivery')).toBe('failed_attempt');
    expect(shipmentStatusOf('returning_to_sender')).toBe('returned');
    expect(shipmentStatusOf('delayed')).toBe('delayed');
    expect(shipmentStatusOf('something_new')).toBe('in_transit');
  });

  it('order numbers come from the name', () => {
    expect(orderNumberFromName('#1038')).toBe('1038');
    expect(orderNumberFromName('#EU 1038')).toBe('EU-1038');
    expect(() => orderNumberFromName('#')).toThrow(/name: "#" holds no order number/);
  });
});
