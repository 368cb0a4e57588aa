import { randomBytes } from 'node:crypto';
import type { ChatAuthor, ConversationState, QuickReply } from '@loyaldesk/contracts/chat-events';
import type { HandoffReason } from '@loyaldesk/contracts/handoff';
import type { IssueKind } from '@loyaldesk/contracts/issue-kind';
import type { Language } from '@loyaldesk/contracts/language';
import type { SurveyQuestion } from '@loyaldesk/contracts/chat-jobs';

/** One stored transcript message (`at` is a Date here; clients get ISO strings). */
export interface StoredMessage {
  id: string;
  author: ChatAuthor;
  body: string;
  at: Date;
  quickReplies?: QuickReply[];
}

/** What the bot is waiting for from the shopper, if anything. */
export type PendingQuestion =
  | {
      kind: 'email_for_order';
      orderNumber: string;
      /** Asked because of a missing or damaged parcel: a refusal or the last failed answer hands off. */
      parcelProblem?: 'order_missing' | 'order_damaged';
      /** Failed answers so far (parcel problems only). */
      failures?: number;
    }
  | { kind: 'handoff_offer'; reason: HandoffReason; issueKind: IssueKind }
  | { kind: 'anything_else' };

export interface HandoffRecord {
  reason: HandoffReason;
  issueKind: IssueKind;
  requestedAt: Date;
  jobId: string;
  /** Learned from ticketing's events in the room (queue.position, message.created, ticket.resolved). */
  ticketId: string | null;
}

export interface QueueStanding {
  ticketId: string;
  position: number;
  expectedWaitSeconds: number | null;
  at: Date;
}

export interface SurveyRecord {
  /** The question asked and not answered yet; null when the survey is over. */
  step: SurveyQuestion | null;
  answers: Partial<Record<SurveyQuestion, number>>;
  ticketId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** A conversation as the chat bot works with it (`conversations`, `_id` = id). */
export interface Conversation {
  id: string;
  shop: string | null;
  createdAt: Date;
  updatedAt: Date;
  language: Language;
  state: ConversationState;
  /** Set once the shopper is verified (order + email, or the storefront's identity token). */
  customerId: string | null;
  verifiedBy: 'order_email' | 'identity_token' | null;
  pending: PendingQuestion | null;
  /** The order the conversation is about (the last one named). */
  lastOrderNumber: string | null;
  /** `none` answers in a row; two offer a human. */
  consecutiveFallbacks: number;
  handoff: HandoffRecord | null;
  queue: QueueStanding | null;
  closedAt: Date | null;
  survey: SurveyRecord | null;
  /** Every message ever stored (the next message's sequence number; messages are in `conversation_messages`). */
  messageCount: number;
  /** Bumped by every write of the conversation document: writes are conditional on the version read. */
  version: number;
}

/** Fields a change may set (everything but identity, counters and version). */
export type ConversationPatch = Partial<
  Pick<
    Conversation,
    | 'language'
    | 'state'
    | 'customerId'
    | 'verifiedBy'
    | 'pending'
    | 'lastOrderNumber'
    | 'consecutiveFallbacks'
    | 'handoff'
    | 'queue'
    | 'closedAt'
    | 'survey'
  >
>;

/** A conversation with its kept transcript (the last `transcriptLength` messages, oldest first): resume and tests. */
export type ConversationWithTranscript = Conversation & { messages: StoredMessage[] };

/** A new conversation id: "conv_" and 24 hex digits (96 random bits). */
export function newConversationId(): string {
  return `conv_${randomBytes(12).toString('hex')}`;
}

/** A conversation that has just started: with the bot, nobody verified, no messages yet. */
export function newConversation(input: {
  id: string;
  shop: string | null;
  language: Language;
  now: Date;
}): Conversation {
  return {
    id: input.id,
    shop: input.shop,
    createdAt: input.now,
    updatedAt: input.now,
    language: input.language,
    state: 'bot',
    customerId: null,
    verifiedBy: null,
    pending: null,
    lastOrderNumber: null,
    consecutiveFallbacks: 0,
    handoff: null,
    queue: null,
    closedAt: null,
    survey: null,
    messageCount: 0,
    version: 0,
  };
}

/** A new message id: "msg_" and 20 random hex digits (80 random bits). */
export function newMessageId(): string {
  return `msg_${randomBytes(10).toString('hex')}`;
}

/** The states in which a human is on the conversation or about to be. */
export const handedOffStates: readonly ConversationState[] = ['waiting', 'agent'];

/** True while a human is on it or about to be. */
export function isHandedOff(conversation: Pick<Conversation, 'state'>): boolean {
  return handedOffStates.includes(conversation.state);
}
