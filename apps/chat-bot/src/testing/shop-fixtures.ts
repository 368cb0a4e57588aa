import type { OrderInput } from '@loyaldesk/customer-profile/schemas';

/** Order #1042 of Ada: shipped with UPS, three tracking events, estimated delivery set. */
export const adaOrder: OrderInput = {
  number: '1042',
  customer: { id: 'cus_ada', email: 'ada@example.com', name: 'Ada Lovelace', locale: 'en-CA' },
  placedAt: new Date('2026-03-01T15:00:00Z'),
  status: 'shipped',
  currency: 'USD',
  lineItems: [
    { sku: 'MUG-1', name: 'Stoneware mug', quantity: 2, unitPrice: 2_500 },
    { sku: 'TEA-7', name: 'Jasmine green tea', quantity: 1, unitPrice: 1_200 },
  ],
  totals: { subtotal: 6_200, shipping: 0, tax: 0, discount: 0, total: 6_200, refunded: 0 },
  shippingAddress: { country: 'CA', city: 'Toronto' },
  shipments: [
    {
      id: 'shp_1',
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      status: 'in_transit',
      shippedAt: new Date('2026-03-02T14:00:00Z'),
      estimatedDelivery: new Date('2026-03-09T17:00:00Z'),
      events: [
        {
          at: new Date('2026-03-02T14:00:00Z'),
          status: 'label_created',
          location: 'Toronto, ON',
          description: 'Label created',
        },
        {
          at: new Date('2026-03-03T09:30:00Z'),
          status: 'in_transit',
          location: 'Mississauga, ON',
          description: 'Departed facility',
        },
        {
          at: new Date('2026-03-04T11:15:00Z'),
          status: 'in_transit',
          location: 'Montreal, QC',
          description: 'Arrived at facility',
        },
      ],
    },
  ],
};

/** Another customer's order, for "someone else's order" checks. */
export const boOrder: OrderInput = {
  ...adaOrder,
  number: '2001',
  customer: { id: 'cus_bo', email: 'bo@example.com', name: 'Bo' },
  shipments: [],
  status: 'paid',
};
