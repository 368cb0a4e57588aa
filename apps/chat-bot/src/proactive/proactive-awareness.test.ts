import { describe, expect, it } from 'vitest';
import type { CustomerNotice } from './customer-notices-store.ts';
import { noticeToMention } from './proactive-awareness.ts';

const now = new Date('2026-12-08T00:00:00.000Z');
const notice = (orderNumber: string, daysAgo: number): CustomerNotice => ({
  key: `ntc_${orderNumber.padStart(24, '0')}`,
  kind: 'delayed',
  orderNumber,
  carrier: 'UPS',
  trackingNumber: `1Z${orderNumber}`,
  since: new Date(now.getTime() - (daysAgo + 1) * 86_400_000),
  ticketId: 'tkt_pro_1',
  notifiedAt: new Date(now.getTime() - daysAgo * 86_400_000),
});

describe('noticeToMention', () => {
  it('picks the newest recent notice of the order asked about, or of any order when none is named', () => {
    const notices = [notice('1040', 1), notice('1038', 3)];
    expect(noticeToMention(notices, '1038', now)?.orderNumber).toBe('1038');
    expect(noticeToMention(notices, null, now)?.orderNumber).toBe('1040');
    expect(noticeToMention(notices, '1099', now)).toBeNull();
  });

  it('leaves notices older than 30 days alone', () => {
    expect(noticeToMention([notice('1038', 31)], '1038', now)).toBeNull();
  });
});
