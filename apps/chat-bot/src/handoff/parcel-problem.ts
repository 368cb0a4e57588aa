import { namedOrdersLimit, type ShopperVerification } from '@loyaldesk/contracts/handoff';
import type { StoredMessage } from '../conversations/conversation.ts';
import { yesOrNo } from '../conversations/yes-no.ts';
import { extractOrderNumbers } from '../nlu/entities/index.ts';
import type { OrderCheck } from '../identity/order-verification.ts';

/** A parcel problem a person must handle (the bot cannot fix it), after the bot tried to verify the shopper. */
export type ParcelProblem = 'order_missing' | 'order_damaged';

/** Answers to "which email?" that fail (no email, or no match) before the bot hands off unverified. */
export const parcelEmailAttempts = 2;

// "I don't want to say", "rather not", "not telling", "不想说", "不方便告訴你", "拒绝".
const refusal =
  /\b(don'?t|do not|won'?t|will not|wouldn'?t|rather not|not going to|prefer not|not comfortable|no way|not telling|refuse)\b.*\b(say|tell|share|give|telling|sharing|giving|to)\b|\b(rather not|prefer not|not telling|none of your business|refuse)\b|不想(说|說|告诉|告訴|给|給|提供)|不(方便|愿意|願意)(说|說|告诉|告訴|给|給|提供)|不告诉|不告訴|不给|不給|拒绝|拒絕|保密/i;

/**
 * Whether the shopper declines to give the order's email: a whole-message "no", or a refusal in words.
 * @example refusesToShare("I don't want to say") // true
 */
export function refusesToShare(text: string): boolean {
  return yesOrNo(text) === 'no' || refusal.test(text.normalize('NFKC').replace(/[’]/g, "'"));
}

/** What the bot does once an order + email check for a parcel problem came back. */
export type ParcelCheckNext = 'hand_off_verified' | 'ask_again' | 'hand_off_unverified';

/**
 * After a check of the order's email: verified → hand off verified; a miss asks once more until
 * `parcelEmailAttempts` answers failed; a locked order or used-up allowance hands off unverified
 * at once (no check can succeed for a while). Pure.
 * @example afterParcelCheck('not_matched', 0) // 'ask_again'
 */
export function afterParcelCheck(status: OrderCheck['status'] | 'limited', failuresBefore: number): ParcelCheckNext {
  if (status === 'verified') return 'hand_off_verified';
  if (status === 'not_matched' && failuresBefore + 1 < parcelEmailAttempts) return 'ask_again';
  return 'hand_off_unverified';
}

/**
 * The order numbers the shopper named in a transcript, oldest first, each once (the latest
 * `namedOrdersLimit` when there are more). Only the shopper's messages count: the bot repeats
 * numbers it was given, and agents may name others. Pure.
 * @example namedOrderNumbers([{ author: { kind: 'customer' }, body: 'order 1038 never came', … }]) // ['1038']
 */
export function namedOrderNumbers(messages: readonly Pick<StoredMessage, 'author' | 'body'>[]): string[] {
  const numbers: string[] = [];
  for (const message of messages) {
    if (message.author.kind !== 'customer') continue;
    for (const number of extractOrderNumbers(message.body)) {
      const seen = numbers.indexOf(number);
      if (seen >= 0) numbers.splice(seen, 1);
      numbers.push(number);
    }
  }
  return numbers.slice(-namedOrdersLimit);
}

/**
 * How a handoff marks the shopper: what the turn decided, else verified when the conversation has a
 * customer, else never asked. Pure.
 */
export function shopperVerificationOf(
  decided: ShopperVerification | undefined,
  customerId: string | null,
): ShopperVerification {
  if (customerId) return 'verified';
  return decided && decided !== 'verified' ? decided : 'not_asked';
}
