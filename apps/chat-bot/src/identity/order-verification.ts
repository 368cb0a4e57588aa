import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Order } from '@loyaldesk/customer-profile/schemas';

export interface OrderVerifierOptions {
  getOrder: (orderNumber: string) => Promise<Order | null>;
  /**
   * Every check takes at least this long, so a wrong email for an existing order and an order that
   * does not exist cannot be told apart by timing (the database read itself varies a little).
   */
  minimumMilliseconds: number;
}

function emailDigest(email: string): Buffer {
  return createHash('sha256').update(email.trim().toLowerCase()).digest();
}

/** Checks "order number + the order's email" and reveals nothing when they do not match. */
export type OrderVerifier = ReturnType<typeof createOrderVerifier>;

export function createOrderVerifier(options: OrderVerifierOptions) {
  // Compared against when there is no order, so both paths hash, compare and wait the same.
  const absentOrderDigest = createHash('sha256').update(randomBytes(32)).digest();
  return {
    /**
     * The order when `email` is the order's email, else null. The same work happens whether or not
     * the order exists (one read, one hash, one constant-time compare, then the minimum wait).
     */
    async verify(orderNumber: string, email: string): Promise<Order | null> {
      const started = performance.now();
      const order = await options.getOrder(orderNumber);
      const expected = order ? emailDigest(order.email) : absentOrderDigest;
      const matches = timingSafeEqual(emailDigest(email), expected);
      const wait = options.minimumMilliseconds - (performance.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return matches && order ? order : null;
    },
  };
}
