import { describe, expect, it } from 'vitest';
import { extractOrderNumbers } from './order-number.ts';

describe('extractOrderNumbers', () => {
  it.each([
    ['1042', ['1042']],
    ['#1042', ['1042']],
    ['order 1042', ['1042']],
    ['Order No. 1042 please', ['1042']],
    ['my order number is 9032', ['9032']],
    ['订单1042到哪了', ['1042']],
    ['訂單號 1042', ['1042']],
    ['訂單號：1042 還沒到', ['1042']],
    ['订单编号：A-1042', ['A-1042']],
    ['我的订单1042到哪了', ['1042']],
    ['order 311 status', ['311']],
    ['orders #1042 and #1043', ['1042', '1043']],
    ['5530這張單完成了沒', ['5530']],
  ])('finds the order number in %j', (text, expected) => {
    expect(extractOrderNumbers(text)).toEqual(expected);
  });

  it.each([
    'how much is shipping on a $4000 order',
    'I need it within 2 days',
    'free shipping over 1000 dollars?',
    'I ordered in 2024',
    '寄到加拿大要3天',
    '买满5000元包邮吗',
    'is 30% off still on',
    'I need it by 2025-12-20',
    'call me on 0412 345 678',
    'can you recommend a good laptop under 1000',
  ])('finds none in %j', (text) => {
    expect(extractOrderNumbers(text)).toEqual([]);
  });

  it('does not take a number that belongs to a longer token', () => {
    expect(extractOrderNumbers('SF1234567890123')).toEqual([]);
    expect(extractOrderNumbers('version 2.1042')).toEqual([]);
  });
});
