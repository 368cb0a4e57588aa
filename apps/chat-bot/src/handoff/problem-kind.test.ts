import { describe, expect, it } from 'vitest';
import { isSensitiveProblem, problemKind } from './problem-kind.ts';

describe('problemKind', () => {
  it.each([
    ['my parcel never arrived, order 1042', 'order_missing'],
    ['tracking says delivered but I have nothing', 'order_missing'],
    ['the mug arrived broken', 'order_damaged'],
    ['box was crushed and the vase is cracked', 'order_damaged'],
    ['you sent me the wrong size', 'wrong_item'],
    ['my order is late', 'order_delayed'],
    ['订单1042显示签收了但我没收到', 'order_missing'],
    ['杯子收到的时候是碎的', 'order_damaged'],
    ['商品寄錯了', 'wrong_item'],
    ['包裹怎麼還沒到', 'order_delayed'],
    ['I have a problem with my order', null],
  ])('reads %s as %s', (text, kind) => {
    expect(problemKind(text)).toBe(kind);
  });

  it('treats missing and damaged parcels as sensitive, the others not', () => {
    expect(isSensitiveProblem('order_missing')).toBe(true);
    expect(isSensitiveProblem('order_damaged')).toBe(true);
    expect(isSensitiveProblem('order_delayed')).toBe(false);
    expect(isSensitiveProblem('wrong_item')).toBe(false);
    expect(isSensitiveProblem(null)).toBe(false);
  });
});
