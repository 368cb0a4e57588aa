import type { DeliveryProblemKind } from '@loyaldesk/contracts/delivery-problem';
import type { Language } from '@loyaldesk/contracts/language';
import { formatDay } from '../i18n/format.ts';

/** What a notice says, in the conversation's language. */
export interface NoticeFacts {
  kind: DeliveryProblemKind;
  orderNumber: string;
  carrier: string;
  trackingNumber: string;
  since: Date;
  /** A person works on it (the shop's policy opened a proactive ticket). */
  personOnIt: boolean;
}

const problem: Record<Language, Record<DeliveryProblemKind, string>> = {
  en: {
    failed_attempt: 'could not deliver your parcel',
    delayed: 'reports your parcel is delayed',
    exception: 'reports a problem with your parcel',
    returned: 'is returning your parcel to us',
    lost: 'reports your parcel lost',
    estimate_slipped: 'has moved your delivery date later',
  },
  'zh-Hans': {
    failed_attempt: '未能投递您的包裹',
    delayed: '报告您的包裹延误',
    exception: '报告您的包裹出现异常',
    returned: '正在将您的包裹退回给我们',
    lost: '报告您的包裹已丢失',
    estimate_slipped: '推迟了您的预计送达日期',
  },
  'zh-Hant': {
    failed_attempt: '未能投遞您的包裹',
    delayed: '回報您的包裹延誤',
    exception: '回報您的包裹出現異常',
    returned: '正在將您的包裹退回給我們',
    lost: '回報您的包裹已遺失',
    estimate_slipped: '延後了您的預計送達日期',
  },
};

/**
 * The message ticketing's notice becomes in the shopper's chat: what the carrier reports, since
 * when, and who acts on it.
 * @example deliveryNoticeText({ kind: 'exception', orderNumber: '1038', carrier: 'UPS', … }, 'en', 'UTC') // 'Order #1038: UPS reports a problem with your parcel (1Z…) since Dec 5. …'
 */
export function deliveryNoticeText(facts: NoticeFacts, language: Language, timeZone: string): string {
  const since = formatDay(facts.since, timeZone, language);
  const what = problem[language][facts.kind];
  switch (language) {
    case 'en':
      return `Order #${facts.orderNumber}: ${facts.carrier} ${what} (${facts.trackingNumber}) since ${since}. ${
        facts.personOnIt ? 'A person on our team is already on it; you can reply here.' : 'We are keeping an eye on it; you can reply here.'
      }`;
    case 'zh-Hans':
      return `订单 #${facts.orderNumber}：${facts.carrier} 自${since}起${what}（${facts.trackingNumber}）。${
        facts.personOnIt ? '我们的客服人员已在处理，您可以在这里回复。' : '我们正在跟进，您可以在这里回复。'
      }`;
    case 'zh-Hant':
      return `訂單 #${facts.orderNumber}：${facts.carrier} 自${since}起${what}（${facts.trackingNumber}）。${
        facts.personOnIt ? '我們的客服人員已在處理，您可以在這裡回覆。' : '我們正在追蹤，您可以在這裡回覆。'
      }`;
  }
}

/**
 * What the bot says when the shopper asks about an order whose parcel is in trouble: it knows
 * already, and says since when and that a person is on it.
 * @example proactiveAwarenessText({ kind: 'delayed', orderNumber: '1038', … personOnIt: true }, 'en', 'UTC') // 'I can see your parcel for order #1038 has been held up since Dec 5 …'
 */
export function proactiveAwarenessText(facts: NoticeFacts, language: Language, timeZone: string): string {
  const since = formatDay(facts.since, timeZone, language);
  const what = problem[language][facts.kind];
  switch (language) {
    case 'en':
      return `I can see your parcel for order #${facts.orderNumber} has been held up since ${since} (${facts.carrier} ${what}). ${
        facts.personOnIt ? 'A person on our team is already on it.' : 'We are keeping an eye on it.'
      }`;
    case 'zh-Hans':
      return `我看到您订单 #${facts.orderNumber} 的包裹自${since}起受阻（${facts.carrier} ${what}）。${
        facts.personOnIt ? '我们的客服人员已在处理。' : '我们正在跟进。'
      }`;
    case 'zh-Hant':
      return `我看到您訂單 #${facts.orderNumber} 的包裹自${since}起受阻（${facts.carrier} ${what}）。${
        facts.personOnIt ? '我們的客服人員已在處理。' : '我們正在追蹤。'
      }`;
  }
}
