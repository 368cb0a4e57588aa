import type { CustomerProfileService } from '@loyaldesk/customer-profile/service';
import { replyWith, type ActionHandlers } from '../conversations/action-handler.ts';
import * as replies from './dialog-replies.ts';
import { orderAnswer, recentOrdersAnswer } from './order-answers.ts';
import { deliveryTimeAnswer, returnsAnswer, shippingCostAnswer } from './shipping-answers.ts';
import type { ShippingPolicy } from './shipping-policy.ts';

/** Actions answered from the catalog alone. */
export type CatalogAnswerKind =
  'greet' | 'menu' | 'ask_order_number' | 'ask_email' | 'email_still_needed' | 'fallback' | 'thanks';

/** Actions answered from the shop's data (orders, shipping policy). */
export type ShopAnswerKind = 'show_order' | 'recent_orders' | 'shipping_cost' | 'shipping_time' | 'returns';

/** The bot's own questions and small talk: one reply each, no I/O. */
export const catalogAnswerHandlers: ActionHandlers<CatalogAnswerKind> = {
  greet: (_action, turn) =>
    replyWith(turn, replies.greetingReply(turn.language, turn.conversation.customerId !== null)),
  menu: (_action, turn) => replyWith(turn, replies.menuReply(turn.language, turn.conversation.customerId !== null)),
  ask_order_number: (_action, turn) => replyWith(turn, replies.askOrderNumberReply(turn.language)),
  ask_email: (action, turn) => replyWith(turn, replies.askEmailReply(turn.language, action.orderNumber)),
  email_still_needed: (action, turn) =>
    replyWith(turn, replies.emailStillNeededReply(turn.language, action.orderNumber)),
  fallback: (_action, turn) =>
    replyWith(turn, replies.fallbackReply(turn.language, turn.conversation.customerId !== null)),
  thanks: (_action, turn) => replyWith(turn, replies.thanksReply(turn.language)),
};

/** Answers from the shop's orders and shipping policy. */
export function createShopAnswerHandlers(deps: {
  profiles: Pick<CustomerProfileService, 'getOrder' | 'getCustomer'>;
  policy: ShippingPolicy;
  clock: () => Date;
}): ActionHandlers<ShopAnswerKind> {
  const { profiles, policy, clock } = deps;
  const timeZone = policy.timeZone;
  return {
    async show_order(action, turn) {
      const { conversation, language } = turn;
      // Only a verified shopper's own orders; anything else gets the same "which email?" as an unknown order.
      const order = conversation.customerId ? await profiles.getOrder(action.orderNumber) : null;
      if (order && order.customerId === conversation.customerId) {
        return {
          replies: [orderAnswer(order, language, timeZone)],
          patch: { ...turn.patch, pending: null, lastOrderNumber: order.number },
        };
      }
      return {
        replies: [replies.askEmailReply(language, action.orderNumber)],
        patch: { ...turn.patch, pending: { kind: 'email_for_order', orderNumber: action.orderNumber } },
      };
    },
    async recent_orders(_action, turn) {
      const { conversation, language } = turn;
      const customer = conversation.customerId ? await profiles.getCustomer(conversation.customerId) : null;
      if (!customer) return replyWith(turn, replies.recentOrdersNeedVerificationReply(language));
      return replyWith(turn, recentOrdersAnswer(customer.recentOrders, language, timeZone));
    },
    shipping_cost: (action, turn) => replyWith(turn, shippingCostAnswer(policy, action.country, turn.language)),
    shipping_time: (action, turn) =>
      replyWith(turn, deliveryTimeAnswer(policy, action.country, clock(), turn.language)),
    returns: (_action, turn) => replyWith(turn, returnsAnswer(policy, turn.language)),
  };
}
