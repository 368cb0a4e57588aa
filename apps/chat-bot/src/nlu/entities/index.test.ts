import { describe, expect, it } from 'vitest';
import { extractEntities, maskEntities } from './index.ts';

describe('extractEntities', () => {
  it('reads everything in one message', () => {
    expect(extractEntities('Order #1042, email JANE@example.com, UPS 1Z999AA10123456784, shipping to Canada')).toEqual({
      orderNumbers: ['1042'],
      emails: ['jane@example.com'],
      trackingNumbers: [{ number: '1Z999AA10123456784', carrier: 'UPS' }],
      country: 'CA',
    });
  });

  it('never reads digits inside an email or a tracking number as an order number', () => {
    expect(extractEntities('jane1042@example.com').orderNumbers).toEqual([]);
    expect(extractEntities('SF1234567890123').orderNumbers).toEqual([]);
  });

  it('returns empty lists and a null country when nothing is mentioned', () => {
    expect(extractEntities('hello')).toEqual({ orderNumbers: [], emails: [], trackingNumbers: [], country: null });
  });
});

describe('maskEntities', () => {
  it('replaces entities by placeholder words, keeping the rest', () => {
    expect(maskEntities('订单1042到哪了').replace(/\s+/g, ' ')).toBe('订单 ordernumber 到哪了');
    expect(maskEntities('track 1Z999AA10123456784 for a@b.co').replace(/\s+/g, ' ').trim()).toBe(
      'track trackingnumber for emailaddress',
    );
  });
});
