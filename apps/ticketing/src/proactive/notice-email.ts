import type { DeliveryProblemKind } from '@loyaldesk/contracts/delivery-problem';
import type { Language } from '@loyaldesk/contracts/language';

/** What a delivery-problem email says about the parcel. */
export interface NoticeFacts {
  kind: DeliveryProblemKind;
  orderNumber: string;
  carrier: string;
  trackingNumber: string;
  customerName?: string;
  /** The carrier's latest word, e.g. "Severe weather delay, Anchorage". */
  latestEvent?: string;
  /** The current estimate, when there still is one. */
  estimatedDelivery?: Date;
  trackingUrl?: string;
}

export interface NoticeEmail {
  subject: string;
  text: string;
}

interface NoticeCatalog {
  headline: Record<DeliveryProblemKind, string>;
  subject: (orderNumber: string, headline: string) => string;
  greeting: (name: string | undefined) => string;
  sorry: (headline: string) => string;
  newEstimate: (date: string) => string;
  follow: (url: string) => string;
  onIt: string;
}

const catalogs: Record<Language, NoticeCatalog> = {
  en: {
    headline: {
      failed_attempt: 'the carrier could not deliver your parcel',
      delayed: 'your parcel is delayed',
      exception: 'your parcel is held up in transit',
      returned: 'your parcel is on its way back to us',
      lost: 'the carrier has reported your parcel lost',
      estimate_slipped: 'your parcel will arrive later than we promised',
    },
    subject: (orderNumber, headline) => `Order #${orderNumber}: ${headline}`,
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    sorry: (headline) => `We are sorry: ${headline}.`,
    newEstimate: (date) => `The new estimated delivery date is ${date}.`,
    follow: (url) => `Follow the parcel: ${url}`,
    onIt: 'Someone on our team is already on it and will get back to you. You can also reply to this email or chat with us on our site.',
  },
  'zh-Hans': {
    headline: {
      failed_attempt: '快递员未能成功派送您的包裹',
      delayed: '您的包裹延误了',
      exception: '您的包裹在运输途中遇到异常',
      returned: '您的包裹正在退回给我们',
      lost: '承运商报告您的包裹已丢失',
      estimate_slipped: '您的包裹将晚于我们承诺的时间送达',
    },
    subject: (orderNumber, headline) => `订单 #${orderNumber}：${headline}`,
    greeting: (name) => (name ? `${name}，您好：` : '您好：'),
    sorry: (headline) => `很抱歉，${headline}。`,
    newEstimate: (date) => `新的预计送达日期：${date}。`,
    follow: (url) => `查看物流：${url}`,
    onIt: '我们的客服已经在跟进，会尽快与您联系。您也可以直接回复这封邮件，或在网站上与我们在线沟通。',
  },
  'zh-Hant': {
    headline: {
      failed_attempt: '物流人員未能成功投遞您的包裹',
      delayed: '您的包裹延誤了',
      exception: '您的包裹在運送途中發生異常',
      returned: '您的包裹正在退回給我們',
      lost: '物流業者回報您的包裹已遺失',
      estimate_slipped: '您的包裹將比我們承諾的時間晚送達',
    },
    subject: (orderNumber, headline) => `訂單 #${orderNumber}：${headline}`,
    greeting: (name) => (name ? `${name}，您好：` : '您好：'),
    sorry: (headline) => `很抱歉，${headline}。`,
    newEstimate: (date) => `新的預計送達日期：${date}。`,
    follow: (url) => `查看物流進度：${url}`,
    onIt: '我們的客服已經在處理，會盡快與您聯繫。您也可以直接回覆這封郵件，或在網站上與我們線上聯繫。',
  },
};

/**
 * The email telling a shopper about a delivery problem before they ask, in their language.
 * @example noticeEmail({ kind: 'lost', orderNumber: '1038', carrier: 'UPS', trackingNumber: '1Z…' }, 'zh-Hant').subject
 * // '訂單 #1038：物流業者回報您的包裹已遺失'
 */
export function noticeEmail(facts: NoticeFacts, language: Language): NoticeEmail {
  const text = catalogs[language];
  const headline = text.headline[facts.kind];
  const parcel = `${facts.carrier} ${facts.trackingNumber}${facts.latestEvent ? `: ${facts.latestEvent}` : ''}`;
  const date = facts.estimatedDelivery
    ? new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(facts.estimatedDelivery)
    : undefined;
  const lines = [
    text.greeting(facts.customerName),
    '',
    text.sorry(headline),
    parcel,
    ...(date && facts.kind !== 'lost' && facts.kind !== 'returned' ? [text.newEstimate(date)] : []),
    ...(facts.trackingUrl ? [text.follow(facts.trackingUrl)] : []),
    '',
    text.onIt,
  ];
  return { subject: text.subject(facts.orderNumber, headline), text: lines.join('\n') };
}
