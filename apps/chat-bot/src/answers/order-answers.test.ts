import { describe, expect, it } from 'vitest';
import { orderSchema, type Order } from '@loyaldesk/customer-profile/schemas';
import { adaOrder } from '../testing/shop-fixtures.ts';
import { orderAnswer, recentOrdersAnswer } from './order-answers.ts';

const order: Order = orderSchema.parse({
  ...adaOrder,
  customerId: 'cus_ada',
  email: 'ada@example.com',
  sourceUpdatedAt: adaOrder.placedAt,
  ingestedAt: adaOrder.placedAt,
});

describe('orderAnswer', () => {
  it('shows status, items, and per parcel the carrier, tracking number, ETA and latest events (newest first)', () => {
    const answer = orderAnswer(order, 'en', 'America/Toronto');
    expect(answer.body).toBe(
      [
        'Order #1042: shipped (placed Mar 1, total $62.00).',
        'Items: 2 × Stoneware mug, 1 × Jasmine green tea.',
        'Parcel: UPS 1Z999AA10123456784, in transit, estimated delivery Mar 9.',
        '  • Mar 4, 6:15 AM, Montreal, QC: Arrived at facility',
        '  • Mar 3, 4:30 AM, Mississauga, ON: Departed facility',
        '  • Mar 2, 9:00 AM, Toronto, ON: Label created',
      ].join('\n'),
    );
    expect(answer.quickReplies?.map((reply) => reply.payload)).toEqual([
      'orders.recent',
      'handoff.request',
      'conversation.end',
    ]);
  });

  it('says when an order has not shipped, and when a parcel was delivered', () => {
    expect(orderAnswer({ ...order, shipments: [] }, 'zh-Hans', 'America/Toronto').body).toContain('订单尚未发货');
    const delivered = {
      ...order,
      shipments: order.shipments.map((shipment) => ({
        ...shipment,
        status: 'delivered' as const,
        deliveredAt: new Date('2026-03-08T18:00:00Z'),
      })),
    };
    expect(orderAnswer(delivered, 'en', 'America/Toronto').body).toContain(
      'UPS 1Z999AA10123456784, delivered, delivered Mar 8.',
    );
  });

  it('names the statuses carrier tracking reports, without an estimate once a parcel is lost or returned', () => {
    const withStatus = (status: Order['shipments'][number]['status']): Order => ({
      ...order,
      shipments: order.shipments.map((shipment) => ({ ...shipment, status })),
    });
    expect(orderAnswer(withStatus('lost'), 'zh-Hant', 'Asia/Taipei').body).toContain('UPS 1Z999AA10123456784，已回報遺失，暫無預計送達時間。');
    expect(orderAnswer(withStatus('returned'), 'zh-Hans', 'Asia/Shanghai').body).toContain('正在退回，');
    expect(orderAnswer(withStatus('failed_attempt'), 'en', 'America/Toronto').body).toContain(
      'delivery attempted, nobody was in, estimated delivery Mar 9.',
    );
  });
});

describe('recentOrdersAnswer', () => {
  it('lists the newest first with a button per order', () => {
    const recent = [
      {
        orderId: '1001',
        placedAt: new Date('2026-01-01T12:00:00Z'),
        status: 'delivered' as const,
        total: 1000,
        currency: 'USD',
        itemCount: 1,
        shipments: [],
        sourceUpdatedAt: new Date(),
      },
      {
        orderId: '1042',
        placedAt: new Date('2026-03-01T12:00:00Z'),
        status: 'shipped' as const,
        total: 6200,
        currency: 'USD',
        itemCount: 3,
        shipments: [],
        sourceUpdatedAt: new Date(),
      },
    ];
    const answer = recentOrdersAnswer(recent, 'en', 'America/Toronto');
    expect(answer.body).toBe(
      'Your recent orders:\n• #1042: shipped, $62.00 (Mar 1)\n• #1001: delivered, $10.00 (Jan 1)',
    );
    expect(answer.quickReplies?.map((reply) => reply.payload)).toEqual(['order.show:1042', 'order.show:1001']);
    expect(recentOrdersAnswer([], 'zh-Hant', 'UTC').body).toBe('您的帳戶裡還沒有訂單。');
  });
});
