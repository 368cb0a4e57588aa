import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Order } from '@loyaldesk/customer-profile/schemas';
import type { OrderLockout } from './order-lockout.ts';

export interface OrderVerifierOptions {
  getOrder: (orderNumber: string) => Promise<Order | null>;
  /**
   * Every check takes at least this long, so a wrong email for an existing order and an order that
   * does not exist cannot be told apart by timing (the database read itself varies a little).
   */
  minimumMilliseconds: number;
  /** Failed checks per order number; a locked order is not checked at all. */
  lockout: Pick<OrderLockout, 'state' | 'recordFailure'>;
}

/** What a check of "order number + email" found. */
export type OrderCheck =
  | { status: 'verified'; order: Order }
  /** No such order, or not its email: the same answer for both. */
  | { status: 'not_matched' }
  /** Too many failed checks for this order number lately (whether or not it exists). */
  | { status: 'locked'; retryAfterSeconds: number };

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
     * The order when `email` is the order's email. The same work happens whether or not the order
     * exists (one read, one hash, one constant-time compare, the minimum wait, a failure counted);
     * a locked order number is refused before any of it.
     */
    async verify(orderNumber: string, email: string): Promise<OrderCheck> {
      const lock = await options.lockout.state(orderNumber);
      if (lock.locked) return { status: 'locked', retryAfterSeconds: lock.retryAfterSeconds };
      const started = performance.now();
      const order = await options.getOrder(orderNumber);
      const expected = order ? emailDigest(order.email) : absentOrderDigest;
      const matches = timingSafeEqual(emailDigest(email), expected);
      const wait = options.minimumMilliseconds - (performance.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (matches && order) return { status: 'verified', order };
      await options.lockout.recordFailure(orderNumber);
      return { status: 'not_matched' };
    },
  };
}
