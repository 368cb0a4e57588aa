import type { SurveyQuestion } from '@loyaldesk/contracts/chat-jobs';
import type { HandoffReason } from '@loyaldesk/contracts/handoff';
import type { Language } from '@loyaldesk/contracts/language';
import { surveyScales } from '../i18n/catalog.ts';
import { catalogFor } from '../i18n/catalogs.ts';
import { button, type BotReply } from './bot-reply.ts';

// The bot's conversational replies (no shop data), each with buttons for the likely next step.

function menuButtons(language: Language, verified: boolean) {
  const text = catalogFor(language).labels;
  return [
    verified ? button(text.recentOrders, { kind: 'orders.recent' }) : button(text.trackOrder, { kind: 'order.track' }),
    button(text.shippingCost, { kind: 'shipping.cost' }),
    button(text.deliveryTime, { kind: 'shipping.time' }),
    button(text.returns, { kind: 'returns.policy' }),
    button(text.talkToPerson, { kind: 'handoff.request' }),
  ];
}

function talkToPerson(language: Language) {
  return [button(catalogFor(language).labels.talkToPerson, { kind: 'handoff.request' })];
}

export function greetingReply(language: Language, verified: boolean): BotReply {
  return { body: catalogFor(language).greeting({ verified }), language, quickReplies: menuButtons(language, verified) };
}

export function menuReply(language: Language, verified: boolean): BotReply {
  return { body: catalogFor(language).menu(), language, quickReplies: menuButtons(language, verified) };
}

export function fallbackReply(language: Language, verified: boolean): BotReply {
  return { body: catalogFor(language).fallback(), language, quickReplies: menuButtons(language, verified) };
}

export function askOrderNumberReply(language: Language): BotReply {
  return { body: catalogFor(language).askOrderNumber(), language, quickReplies: talkToPerson(language) };
}

export function askEmailReply(language: Language, orderNumber: string): BotReply {
  return { body: catalogFor(language).askEmail(orderNumber), language, quickReplies: talkToPerson(language) };
}

export function emailStillNeededReply(language: Language, orderNumber: string): BotReply {
  return { body: catalogFor(language).emailStillNeeded(orderNumber), language, quickReplies: talkToPerson(language) };
}

/** The one reply to every failed check: it must not differ between "no such order" and "wrong email". */
export function verificationFailedReply(language: Language): BotReply {
  return { body: catalogFor(language).verificationFailed(), language, quickReplies: talkToPerson(language) };
}

export function verificationLimitedReply(language: Language, retryAfterSeconds: number): BotReply {
  return {
    body: catalogFor(language).verificationLimited(retryAfterSeconds),
    language,
    quickReplies: talkToPerson(language),
  };
}

/** The order's check is locked: the same for an order that does not exist (a lock counts every order number). */
export function verificationLockedReply(language: Language, orderNumber: string, retryAfterSeconds: number): BotReply {
  return {
    body: catalogFor(language).verificationLocked(orderNumber, Math.max(1, Math.ceil(retryAfterSeconds / 60))),
    language,
    quickReplies: talkToPerson(language),
  };
}

export function recentOrdersNeedVerificationReply(language: Language): BotReply {
  return { body: catalogFor(language).recentOrdersNeedVerification(), language, quickReplies: talkToPerson(language) };
}

export function offerHumanReply(language: Language): BotReply {
  const text = catalogFor(language);
  return {
    body: text.offerHuman(),
    language,
    quickReplies: [
      button(text.labels.yesConnect, { kind: 'handoff.accept' }),
      button(text.labels.noRephrase, { kind: 'handoff.decline' }),
    ],
  };
}

export function handoffDeclinedReply(language: Language): BotReply {
  return { body: catalogFor(language).handoffDeclined(), language };
}

export function handoffStartedReply(language: Language, reason: HandoffReason): BotReply {
  return { body: catalogFor(language).handoffStarted(reason), language };
}

export function alreadyWaitingReply(language: Language, position: number | null): BotReply {
  return { body: catalogFor(language).alreadyWaiting(position), language };
}

export function problemOfferReply(language: Language, problem: 'order_delayed' | 'wrong_item' | null): BotReply {
  const text = catalogFor(language);
  if (problem === 'order_delayed') {
    return {
      body: text.problemDelayed(),
      language,
      quickReplies: [
        button(text.labels.trackOrder, { kind: 'order.track' }),
        button(text.labels.talkToPerson, { kind: 'handoff.accept' }),
      ],
    };
  }
  return {
    body: problem === 'wrong_item' ? text.problemWrongItem() : text.problemOther(),
    language,
    quickReplies: [
      button(text.labels.yesConnect, { kind: 'handoff.accept' }),
      button(text.labels.somethingElse, { kind: 'menu' }),
    ],
  };
}

export function thanksReply(language: Language): BotReply {
  const text = catalogFor(language);
  return {
    body: text.thanks(),
    language,
    quickReplies: [
      button(text.labels.somethingElse, { kind: 'menu' }),
      button(text.labels.thatsAll, { kind: 'conversation.end' }),
    ],
  };
}

/** A survey question with one button per point of its scale and a skip button; `lead` goes first (e.g. "Glad I could help!"). */
export function surveyQuestionReply(language: Language, question: SurveyQuestion, lead?: string): BotReply {
  const text = catalogFor(language);
  const { min, max } = surveyScales[question];
  const scale = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  return {
    body: lead ? `${lead}\n${text.surveyQuestion(question)}` : text.surveyQuestion(question),
    language,
    quickReplies: [
      ...scale.map((score) => button(String(score), { kind: 'survey.answer', question, score })),
      ...(scale.length < 12 ? [button(text.labels.skip, { kind: 'survey.skip' })] : []),
    ],
  };
}

export function surveyInvalidReply(language: Language, question: SurveyQuestion): BotReply {
  const reply = surveyQuestionReply(language, question);
  return { ...reply, body: catalogFor(language).surveyInvalid(question) };
}

export function surveyThanksReply(language: Language): BotReply {
  return { body: catalogFor(language).surveyThanks(), language };
}

export function parcelAskEmailReply(
  language: Language,
  orderNumber: string,
  problem: 'order_missing' | 'order_damaged',
  again: boolean,
): BotReply {
  const text = catalogFor(language);
  return {
    body: again ? text.parcelAskEmailAgain(orderNumber) : text.parcelAskEmail(orderNumber, problem),
    language,
    quickReplies: talkToPerson(language),
  };
}

export function parcelNotVerifiedReply(language: Language): BotReply {
  return { body: catalogFor(language).parcelNotVerified(), language };
}
