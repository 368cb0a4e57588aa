import type { SurveyQuestion } from '@loyaldesk/contracts/chat-jobs';
import type { HandoffReason, ShopperVerification } from '@loyaldesk/contracts/handoff';
import type { IssueKind } from '@loyaldesk/contracts/issue-kind';
import type { Language } from '@loyaldesk/contracts/language';
import { parcelEmailAttempts, refusesToShare, type ParcelProblem } from '../handoff/parcel-problem.ts';
import { isSensitiveProblem, problemKind } from '../handoff/problem-kind.ts';
import { replyLanguage } from '../i18n/reply-language.ts';
import type { Understanding } from '../nlu/understand.ts';
import { readSurveyScore } from '../survey/survey-flow.ts';
import type { Command } from './commands.ts';
import { isHandedOff, type Conversation, type ConversationPatch, type PendingQuestion } from './conversation.ts';
import { yesOrNo } from './yes-no.ts';

/** What the bot does with one shopper message; one handler per kind carries it out (see `ActionHandlers`). */
export type TurnAction =
  | { kind: 'greet' }
  | { kind: 'menu' }
  | { kind: 'ask_order_number' }
  | { kind: 'ask_email'; orderNumber: string }
  | { kind: 'email_still_needed'; orderNumber: string }
  | { kind: 'verify_email'; orderNumber: string; email: string }
  | { kind: 'show_order'; orderNumber: string }
  | { kind: 'recent_orders' }
  | { kind: 'shipping_cost'; country: string | null }
  | { kind: 'shipping_time'; country: string | null }
  | { kind: 'returns' }
  | { kind: 'problem_offer'; problem: 'order_delayed' | 'wrong_item' | null }
  | {
      kind: 'handoff';
      reason: HandoffReason;
      issueKind: IssueKind;
      /** How the shopper's identity stands, when this turn decided it (refused, not matched). */
      verification?: ShopperVerification;
      /** The verified shopper's order whose tracking is shown before handing off. */
      trackingOf?: string;
    }
  /** A missing or damaged parcel of a named order: the order's email is asked for before a person takes over. */
  | { kind: 'parcel_ask_email'; orderNumber: string; problem: ParcelProblem; failures: number }
  | { kind: 'parcel_verify'; orderNumber: string; email: string; problem: ParcelProblem; failures: number }
  | { kind: 'forward_to_agent'; alreadyWaitingReply: boolean }
  | { kind: 'fallback' }
  | { kind: 'offer_human' }
  | { kind: 'handoff_declined' }
  | { kind: 'thanks' }
  | { kind: 'close' }
  | { kind: 'survey_answer'; question: SurveyQuestion; score: number }
  | { kind: 'survey_invalid'; question: SurveyQuestion }
  | { kind: 'survey_skip' };

export interface TurnInput {
  conversation: Pick<
    Conversation,
    'state' | 'customerId' | 'pending' | 'lastOrderNumber' | 'consecutiveFallbacks' | 'survey' | 'language'
  >;
  text: string;
  /** The quick reply tapped, when it names a known command. */
  command: Command | null;
  /** What the NLU understood; null for a tapped quick reply (not classified). */
  understanding: Understanding | null;
}

export interface TurnPlan {
  action: TurnAction;
  language: Language;
  /** Conversation fields this turn sets whatever the outcome (the service may set more). */
  patch: ConversationPatch;
}

/** Fallbacks in a row after which the bot offers a person. */
export const fallbacksBeforeOffer = 2;

function orderFlow(orderNumber: string, email: string | null, verified: boolean): TurnAction {
  if (email) return { kind: 'verify_email', orderNumber, email };
  return verified ? { kind: 'show_order', orderNumber } : { kind: 'ask_email', orderNumber };
}

function planCommand(command: Command, input: TurnInput): TurnAction {
  const { conversation } = input;
  const verified = conversation.customerId !== null;
  switch (command.kind) {
    case 'order.track':
      if (conversation.lastOrderNumber) return orderFlow(conversation.lastOrderNumber, null, verified);
      return verified ? { kind: 'recent_orders' } : { kind: 'ask_order_number' };
    case 'orders.recent':
      return { kind: 'recent_orders' };
    case 'order.show':
      return orderFlow(command.orderNumber, null, verified);
    case 'shipping.cost':
      return { kind: 'shipping_cost', country: null };
    case 'shipping.time':
      return { kind: 'shipping_time', country: null };
    case 'returns.policy':
      return { kind: 'returns' };
    case 'handoff.request':
    case 'handoff.accept': {
      // "Talk to a person" instead of the parcel's email: the parcel problem, unverified by choice.
      if (conversation.pending?.kind === 'email_for_order' && conversation.pending.parcelProblem)
        return {
          kind: 'handoff',
          reason: 'sensitive_issue',
          issueKind: conversation.pending.parcelProblem,
          verification: 'declined',
        };
      const offer = conversation.pending?.kind === 'handoff_offer' ? conversation.pending : null;
      return { kind: 'handoff', reason: offer?.reason ?? 'requested', issueKind: offer?.issueKind ?? 'general' };
    }
    case 'handoff.decline':
      return { kind: 'handoff_declined' };
    case 'menu':
      return { kind: 'menu' };
    case 'conversation.end':
      return { kind: 'close' };
    case 'survey.answer':
    case 'survey.skip':
      // A survey button from an earlier survey: nothing to answer any more.
      return { kind: 'menu' };
  }
}

/**
 * A missing or damaged parcel: with a named order and an unverified shopper, one question for its
 * email first; a verified shopper is shown the order's tracking and handed off; no order, handed off.
 */
function planParcelProblem(problem: ParcelProblem, orderNumber: string | null, verified: boolean): TurnAction {
  const handoff = { kind: 'handoff', reason: 'sensitive_issue', issueKind: problem } as const;
  if (!orderNumber) return handoff;
  if (verified) return { ...handoff, trackingOf: orderNumber };
  return { kind: 'parcel_ask_email', orderNumber, problem, failures: 0 };
}

/** The shopper's answer to "which email?" for a parcel problem: check it, a refusal, or a failed answer. */
function planParcelAnswer(
  pending: Extract<PendingQuestion, { kind: 'email_for_order' }> & { parcelProblem: ParcelProblem },
  understanding: Understanding,
  text: string,
): TurnAction {
  const problem = pending.parcelProblem;
  const failures = pending.failures ?? 0;
  const email = understanding.entities.emails[0];
  if (email) return { kind: 'parcel_verify', orderNumber: pending.orderNumber, email, problem, failures };
  const handoff = { kind: 'handoff', reason: 'sensitive_issue', issueKind: problem } as const;
  if (refusesToShare(text) || understanding.intent === 'agent.handoff') return { ...handoff, verification: 'declined' };
  if (failures + 1 >= parcelEmailAttempts) return { ...handoff, verification: 'not_matched' };
  return { kind: 'parcel_ask_email', orderNumber: pending.orderNumber, problem, failures: failures + 1 };
}

function planUnderstanding(understanding: Understanding, input: TurnInput): TurnAction {
  const { conversation, text } = input;
  const verified = conversation.customerId !== null;
  const { entities } = understanding;
  const namedOrder = entities.orderNumbers[0] ?? null;
  const email = entities.emails[0] ?? null;
  const pending = conversation.pending;

  // Answers to the bot's own questions come first.
  if (pending?.kind === 'email_for_order' && pending.parcelProblem)
    return planParcelAnswer({ ...pending, parcelProblem: pending.parcelProblem }, understanding, text);
  if (pending?.kind === 'email_for_order' && email)
    return { kind: 'verify_email', orderNumber: namedOrder ?? pending.orderNumber, email };
  if (pending?.kind === 'handoff_offer' || pending?.kind === 'anything_else') {
    const answer = yesOrNo(text);
    if (pending.kind === 'handoff_offer' && answer === 'yes')
      return { kind: 'handoff', reason: pending.reason, issueKind: pending.issueKind };
    if (pending.kind === 'handoff_offer' && answer === 'no') return { kind: 'handoff_declined' };
    if (pending.kind === 'anything_else' && answer === 'yes') return { kind: 'menu' };
    if (pending.kind === 'anything_else' && answer === 'no') return { kind: 'close' };
  }

  const contextOrder =
    namedOrder ?? (pending?.kind === 'email_for_order' ? pending.orderNumber : null) ?? conversation.lastOrderNumber;
  // "my kettle never arrived, order 1038" reads as a status question as often as a problem.
  const problem = problemKind(text);
  switch (understanding.intent) {
    case 'order.status':
    case 'order.tracking':
      if (isSensitiveProblem(problem)) return planParcelProblem(problem, contextOrder, verified);
      if (contextOrder) return orderFlow(contextOrder, email, verified);
      return verified ? { kind: 'recent_orders' } : { kind: 'ask_order_number' };
    case 'order.problem':
      if (isSensitiveProblem(problem)) return planParcelProblem(problem, contextOrder, verified);
      return { kind: 'problem_offer', problem };
    case 'shipping.cost':
      return { kind: 'shipping_cost', country: entities.country };
    case 'shipping.time':
      return { kind: 'shipping_time', country: entities.country };
    case 'returns.policy':
      return { kind: 'returns' };
    case 'agent.handoff':
      return { kind: 'handoff', reason: 'requested', issueKind: problemKind(text) ?? 'general' };
    case 'greeting':
      return { kind: 'greet' };
    case 'thanks':
      return { kind: 'thanks' };
    case 'none':
      // "1042" or "ada@example.com" alone are answers, not nonsense.
      if (namedOrder) return orderFlow(namedOrder, email, verified);
      if (pending?.kind === 'email_for_order') return { kind: 'email_still_needed', orderNumber: pending.orderNumber };
      return conversation.consecutiveFallbacks + 1 >= fallbacksBeforeOffer
        ? { kind: 'offer_human' }
        : { kind: 'fallback' };
  }
}

/** The pending question and fallback count an action leaves behind. */
function followUp(action: TurnAction, input: TurnInput): ConversationPatch {
  const fallbacks =
    action.kind === 'fallback' || action.kind === 'offer_human' ? input.conversation.consecutiveFallbacks + 1 : 0;
  switch (action.kind) {
    case 'ask_email':
    case 'email_still_needed':
    case 'verify_email':
      return { pending: { kind: 'email_for_order', orderNumber: action.orderNumber }, consecutiveFallbacks: fallbacks };
    case 'parcel_ask_email':
    case 'parcel_verify':
      // The check's handler writes what it came to (verified, another try, handed off).
      return {
        pending: {
          kind: 'email_for_order',
          orderNumber: action.orderNumber,
          parcelProblem: action.problem,
          failures: action.failures,
        },
        consecutiveFallbacks: fallbacks,
      };
    case 'offer_human':
      return {
        pending: { kind: 'handoff_offer', reason: 'repeated_fallback', issueKind: 'general' },
        consecutiveFallbacks: fallbacks,
      };
    case 'problem_offer':
      return {
        pending: { kind: 'handoff_offer', reason: 'requested', issueKind: action.problem ?? 'general' },
        consecutiveFallbacks: fallbacks,
      };
    case 'thanks':
      return { pending: { kind: 'anything_else' }, consecutiveFallbacks: fallbacks };
    case 'fallback':
      // A fallback keeps an open question open ("I still need the email…" comes from `none` too).
      return { consecutiveFallbacks: fallbacks };
    default:
      return { pending: null, consecutiveFallbacks: fallbacks };
  }
}

function lastOrderOf(action: TurnAction, understanding: Understanding | null): string | undefined {
  if ('orderNumber' in action) return action.orderNumber;
  if (action.kind === 'handoff' && action.trackingOf) return action.trackingOf;
  return understanding?.entities.orderNumbers[0];
}

/**
 * Decides what the bot does with one shopper message, from the conversation's state, the tapped
 * command or the NLU's understanding. Pure: no I/O, so every rule here has a unit test.
 */
export function planTurn(input: TurnInput): TurnPlan {
  const { conversation, command, understanding, text } = input;
  const language = understanding
    ? replyLanguage(text, understanding.language, conversation.language)
    : conversation.language;
  const patch: ConversationPatch = language === conversation.language ? {} : { language };

  if (isHandedOff(conversation)) {
    const asksAgain =
      command?.kind === 'handoff.request' ||
      command?.kind === 'handoff.accept' ||
      understanding?.intent === 'agent.handoff';
    return { action: { kind: 'forward_to_agent', alreadyWaitingReply: asksAgain }, language, patch };
  }

  if (conversation.state === 'closed') {
    const step = conversation.survey?.step ?? null;
    if (step) {
      if (command?.kind === 'survey.skip') return { action: { kind: 'survey_skip' }, language, patch };
      if (command?.kind === 'survey.answer' && command.question === step) {
        return { action: { kind: 'survey_answer', question: step, score: command.score }, language, patch };
      }
      const score = readSurveyScore(step, text);
      if (score !== null) return { action: { kind: 'survey_answer', question: step, score }, language, patch };
      const asksSomethingNew = command !== null || (understanding !== null && understanding.intent !== 'none');
      if (!asksSomethingNew) return { action: { kind: 'survey_invalid', question: step }, language, patch };
    }
    // A new question after the chat ended reopens it with the bot; an unanswered survey is dropped.
    patch.state = 'bot';
    patch.pending = null;
    if (conversation.survey?.step) patch.survey = { ...conversation.survey, step: null };
  }

  const action = command
    ? planCommand(command, input)
    : understanding
      ? planUnderstanding(understanding, input)
      : { kind: 'fallback' as const };
  const lastOrderNumber = lastOrderOf(action, understanding);
  return {
    action,
    language,
    patch: { ...patch, ...followUp(action, input), ...(lastOrderNumber ? { lastOrderNumber } : {}) },
  };
}

// Actions answered with one reply that leave no question open behind them.
const oneReplyActions: ReadonlySet<TurnAction['kind']> = new Set([
  'show_order',
  'recent_orders',
  'shipping_cost',
  'shipping_time',
  'returns',
  'greet',
  'menu',
]);

/**
 * Whether a planned turn belongs to a multi-turn dialog (the dialog layer runs those through
 * Botkit): it continues one the conversation has open (a pending question such as "which email?",
 * a handoff offer or "anything else?", a survey, a person on the chat, a closed chat) or is not a
 * single question answered in one reply (it asks, offers, hands off, verifies, falls back or
 * changes the conversation's state). Pure.
 * @example isDialogTurn(verifiedBotConversation, planTurn({ …, text: 'where is my order 1042' })) // false
 */
export function isDialogTurn(conversation: Pick<Conversation, 'state' | 'pending'>, plan: TurnPlan): boolean {
  return (
    conversation.state !== 'bot' ||
    conversation.pending !== null ||
    plan.patch.state !== undefined ||
    !oneReplyActions.has(plan.action.kind)
  );
}
