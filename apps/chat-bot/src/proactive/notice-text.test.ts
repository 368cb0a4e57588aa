import { describe, expect, it } from 'vitest';
import { deliveryNoticeText, proactiveAwarenessText } from './notice-text.ts';

const facts = {
  kind: 'exception' as const,
  orderNumber: '1038',
  carrier: 'UPS',
  trackingNumber: '1Z999AA10123456784',
  since: new Date('2026-12-05T15:00:00.000Z'),
  personOnIt: true,
};

describe('deliveryNoticeText', () => {
  it('tells the shopper what the carrier reports and since when, in the conversation language', () => {
    expect(deliveryNoticeText(facts, 'en', 'UTC')).toBe(
      'Order #1038: UPS reports a problem with your parcel (1Z999AA10123456784) since Dec 5. A person on our team is already on it; you can reply here.',
    );
    expect(deliveryNoticeText(facts, 'zh-Hant', 'Asia/Taipei')).toBe(
      '訂單 #1038：UPS 自12月5日起回報您的包裹出現異常（1Z999AA10123456784）。我們的客服人員已在處理，您可以在這裡回覆。',
    );
    expect(deliveryNoticeText({ ...facts, kind: 'lost', personOnIt: false }, 'zh-Hans', 'Asia/Shanghai')).toBe(
      '订单 #1038：UPS 自12月5日起报告您的包裹已丢失（1Z999AA10123456784）。我们正在跟进，您可以在这里回复。',
    );
  });
});

describe('proactiveAwarenessText', () => {
  it('says the parcel has been held up since the day it began and that a person is on it', () => {
    expect(proactiveAwarenessText({ ...facts, kind: 'delayed' }, 'en', 'UTC')).toBe(
      'I can see your parcel for order #1038 has been held up since Dec 5 (UPS reports your parcel is delayed). A person on our team is already on it.',
    );
    expect(proactiveAwarenessText(facts, 'zh-Hant', 'Asia/Taipei')).toBe(
      '我看到您訂單 #1038 的包裹自12月5日起受阻（UPS 回報您的包裹出現異常）。我們的客服人員已在處理。',
    );
  });
});
