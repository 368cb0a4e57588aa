import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../conversations/conversation.ts';
import { afterParcelCheck, namedOrderNumbers, refusesToShare, shopperVerificationOf } from './parcel-problem.ts';

describe('parcel problems: the one question for the email', () => {
  it('reads refusals in English and Chinese, and not an answer, as declining', () => {
    for (const text of [
      "I don't want to say",
      'no',
      'Nope.',
      "I'd rather not",
      'not telling you',
      '不想说',
      '不方便告訴你',
      '不要',
    ])
      expect(refusesToShare(text), text).toBe(true);
    for (const text of ['bob@example.com', 'it is my work email', 'yes', 'hang on, checking'])
      expect(refusesToShare(text), text).toBe(false);
  });

  it('hands off verified on a match, asks once more after one miss, and hands off unverified after two', () => {
    expect(afterParcelCheck('verified', 0)).toBe('hand_off_verified');
    expect(afterParcelCheck('verified', 1)).toBe('hand_off_verified');
    expect(afterParcelCheck('not_matched', 0)).toBe('ask_again');
    expect(afterParcelCheck('not_matched', 1)).toBe('hand_off_unverified');
  });

  it('hands off unverified at once when the order is locked or the allowance used up', () => {
    expect(afterParcelCheck('locked', 0)).toBe('hand_off_unverified');
    expect(afterParcelCheck('limited', 0)).toBe('hand_off_unverified');
  });

  it('marks the shopper verified whenever the conversation has a customer, else as the turn decided', () => {
    expect(shopperVerificationOf(undefined, 'cus_1')).toBe('verified');
    expect(shopperVerificationOf('declined', 'cus_1')).toBe('verified');
    expect(shopperVerificationOf('declined', null)).toBe('declined');
    expect(shopperVerificationOf('not_matched', null)).toBe('not_matched');
    expect(shopperVerificationOf(undefined, null)).toBe('not_asked');
    expect(shopperVerificationOf('verified', null)).toBe('not_asked');
  });
});

describe('namedOrderNumbers', () => {
  const at = new Date(0);
  const message = (kind: StoredMessage['author']['kind'], body: string) => ({
    author: { kind } as StoredMessage['author'],
    body,
    at,
  });

  it('lists every order number the shopper named, oldest first, once each, ignoring the bot', () => {
    expect(
      namedOrderNumbers([
        message('customer', 'my kettle never arrived, order 1038'),
        message('bot', 'Please tell me the email address you used for order #1038.'),
        message('customer', 'also #1040 and order 1038 again'),
        message('bot', 'Order #9999 is not yours'),
        message('customer', '订单1041也没收到'),
      ]),
    ).toEqual(['1040', '1038', '1041']);
  });

  it('keeps the latest twenty', () => {
    const many = Array.from({ length: 25 }, (_, index) => message('customer', `order ${2000 + index}`));
    const numbers = namedOrderNumbers(many);
    expect(numbers).toHaveLength(20);
    expect(numbers[0]).toBe('2005');
    expect(numbers.at(-1)).toBe('2024');
  });
});
