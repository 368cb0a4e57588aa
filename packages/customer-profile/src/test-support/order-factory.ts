import type { OrderInput } from '../schemas/order.ts';

/** A valid order for tests; override any field. Amounts in cents. */
export function makeOrder(overrides: Partial<OrderInput> & { number: string }): OrderInput {
  const unitPrice = 2_500;
  return {
    customer: { id: 'cus_test', email: 'ada@example.com', name: 'Ada Lovelace', locale: 'en-GB' },
    placedAt: new Date('2026-03-01T10:00:00Z'),
    status: 'paid',
    currency: 'USD',
    lineItems: [{ sku: 'MUG-1', name: 'Mug', quantity: 2, unitPrice }],
    totals: { subtotal: 2 * unitPrice, shipping: 500, tax: 0, discount: 0, total: 2 * unitPrice + 500, refunded: 0 },
    shippingAddress: { country: 'GB', city: 'London' },
    shipments: [],
    ...overrides,
  };
}
