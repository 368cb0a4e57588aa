import type { Language } from '@loyaldesk/contracts/language';
import type { BotReply } from '../answers/bot-reply.ts';
import type { Conversation, ConversationPatch, StoredMessage } from './conversation.ts';
import type { TurnAction } from './plan-turn.ts';

/** Where a shopper message came from, for the per-IP verification limit. */
export interface TurnOrigin {
  ip: string;
}

export type TurnActionKind = TurnAction['kind'];
export type TurnActionOf<K extends TurnActionKind> = Extract<TurnAction, { kind: K }>;

/** What a handler gets besides its action: the turn as planned. */
export interface TurnContext {
  conversation: Conversation;
  /** The shopper message being answered; null for a turn without one (the shopper ended the chat). */
  message: StoredMessage | null;
  language: Language;
  /** Conversation fields the plan sets whatever the outcome. */
  patch: ConversationPatch;
  origin: TurnOrigin;
  /**
   * Stores the held shopper message now, before the handler acts on the transcript (a handoff
   * summarises it; a relay forwards it). 'missing' when the conversation no longer exists.
   */
  storeShopperMessage(): Promise<'stored' | 'missing'>;
}

/**
 * What carrying out an action came to: the bot's replies, and the conversation fields still to
 * write (null when the handler wrote what it changes itself, or nothing is to be written).
 */
export interface ActionResult {
  replies: BotReply[];
  patch: ConversationPatch | null;
  /** The conversation as the handler left it, when the handler wrote it itself (a handoff). */
  changed?: Conversation;
}

/** Carries out one kind of action. */
export type ActionHandler<K extends TurnActionKind> = (
  action: TurnActionOf<K>,
  turn: TurnContext,
) => ActionResult | Promise<ActionResult>;

/** One handler for each of the kinds `K`. */
export type ActionHandlers<K extends TurnActionKind = TurnActionKind> = { [P in K]: ActionHandler<P> };

/** The usual result: one reply, and the plan's fields written with it. */
export function replyWith(turn: Pick<TurnContext, 'patch'>, reply: BotReply): ActionResult {
  return { replies: [reply], patch: turn.patch };
}

/** Runs the handler for the action's kind. */
export function carryOut<K extends TurnActionKind>(
  handlers: ActionHandlers,
  kind: K,
  action: TurnActionOf<K>,
  turn: TurnContext,
): ActionResult | Promise<ActionResult> {
  const handler: ActionHandler<K> = handlers[kind];
  return handler(action, turn);
}
