import { describe, expect, it } from 'vitest';
import { languageOfLocale } from './notice-language.ts';
import { noticeEmail } from './notice-email.ts';

const facts = {
  kind: 'delayed' as const,
  orderNumber: '1038',
  carrier: 'UPS',
  trackingNumber: '1Z999AA10123456784',
  customerName: '林美玲',
  latestEvent: 'Severe weather delay, Anchorage',
  estimatedDelivery: new Date('2026-12-08T00:00:00Z'),
};

describe('noticeEmail', () => {
  it('tells the shopper in Traditional Chinese, with the new estimate', () => {
    const email = noticeEmail(facts, 'zh-Hant');
    expect(email.subject).toBe('訂單 #1038：您的包裹延誤了');
    expect(email.text).toContain('林美玲，您好：');
    expect(email.text).toContain('很抱歉，您的包裹延誤了。');
    expect(email.text).toContain('新的預計送達日期：2026年12月8日。');
  });

  it('speaks Simplified Chinese and English too, and gives no estimate for a lost parcel', () => {
    expect(noticeEmail({ ...facts, kind: 'lost' }, 'zh-Hans').subject).toBe('订单 #1038：承运商报告您的包裹已丢失');
    const english = noticeEmail({ ...facts, kind: 'lost', customerName: 'Grace' }, 'en');
    expect(english.subject).toBe('Order #1038: the carrier has reported your parcel lost');
    expect(english.text).toContain('Hello Grace,');
    expect(english.text).not.toContain('estimated delivery');
  });
});

describe('languageOfLocale', () => {
  it('reads Traditional from zh-Hant and its regions, Simplified from other Chinese, English otherwise', () => {
    expect(languageOfLocale('zh-TW')).toBe('zh-Hant');
    expect(languageOfLocale('zh-Hant-CN')).toBe('zh-Hant');
    expect(languageOfLocale('zh_HK')).toBe('zh-Hant');
    expect(languageOfLocale('zh-Hans-HK')).toBe('zh-Hans');
    expect(languageOfLocale('zh-CN')).toBe('zh-Hans');
    expect(languageOfLocale('en-GB')).toBe('en');
    expect(languageOfLocale(undefined)).toBe('en');
  });
});
