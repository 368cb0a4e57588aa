import type { Order } from '@loyaldesk/customer-profile/schemas';
import { orderAnswer } from '../answers/order-answers.ts';
import * as replies from '../answers/dialog-replies.ts';
import { replyWith, type ActionHandler } from '../conversations/action-handler.ts';
import type { ConversationPatch } from '../conversations/conversation.ts';
import { catalogFor } from '../i18n/catalogs.ts';
import type { OrderVerifier } from './order-verification.ts';
import type { VerificationLimiter } from './verification-limiter.ts';

/** The turn's patch once the shopper gave the order's email: they are its customer, and the order is the one talked about. */
export function verifiedByOrderEmail(
  patch: ConversationPatch,
  order: Pick<Order, 'customerId' | 'number'>,
): ConversationPatch {
  return {
    ...patch,
    customerId: order.customerId,
    verifiedBy: 'order_email',
    pending: null,
    lastOrderNumber: order.number,
  };
}

/**
 * `verify_email`: checks an order number + email (within the conversation's and the address's
 * allowance); a match verifies the shopper as the order's customer and shows the order.
 */
export function createVerifyEmailHandler(deps: {
  limiter: VerificationLimiter;
  verifier: OrderVerifier;
  timeZone: string;
}): ActionHandler<'verify_email'> {
  return async (action, turn) => {
    const { conversation, language } = turn;
    const allowance = await deps.limiter.consume(conversation.id, turn.origin.ip);
    if (!allowance.allowed)
      return replyWith(turn, replies.verificationLimitedReply(language, allowance.retryAfterSeconds));
    const check = await deps.verifier.verify(action.orderNumber, action.email);
    if (check.status === 'locked')
      return replyWith(turn, replies.verificationLockedReply(language, action.orderNumber, check.retryAfterSeconds));
    if (check.status !== 'verified') return replyWith(turn, replies.verificationFailedReply(language));
    const order = check.order;
    const answer = orderAnswer(order, language, deps.timeZone);
    return {
      replies: [{ ...answer, body: `${catalogFor(language).verified()}\n${answer.body}` }],
      patch: verifiedByOrderEmail(turn.patch, order),
    };
  };
}
