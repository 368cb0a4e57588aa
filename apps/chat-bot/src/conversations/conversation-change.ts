import type { ConversationState } from '@loyaldesk/contracts/chat-events';
import type { Conversation, ConversationPatch } from './conversation.ts';

/**
 * A change of a conversation, decided on the conversation as it is stored now (the store reads it
 * again and decides again when another writer got there first): the fields to set, or null for
 * no write at all.
 */
export type ConversationChange = (current: Conversation) => ConversationPatch | null;

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Only the fields of `patch` that change anything (a turn's "pending: null" when nothing was
 * pending sets nothing). Pure.
 * @example changedFields(conversation, { pending: null, lastOrderNumber: '1042' }) // { lastOrderNumber: '1042' } when nothing was pending
 */
export function changedFields(conversation: Conversation, patch: ConversationPatch): ConversationPatch {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined && !sameValue(conversation[key as keyof ConversationPatch], value)) changed[key] = value;
  }
  return changed as ConversationPatch;
}

/** Sets the fields of `patch` that differ, whatever the state. */
export function setFields(patch: ConversationPatch): ConversationChange {
  return (current) => changedFields(current, patch);
}

/** Sets `patch` only while the conversation is in one of `from`: of racing callers, one applies it. */
export function transitionFrom(from: readonly ConversationState[], patch: ConversationPatch): ConversationChange {
  return (current) => (from.includes(current.state) ? patch : null);
}

/** Records the ticket id the first time ticketing names it (a handoff with no ticket id yet). */
export function ticketIdIfUnknown(ticketId: string): ConversationChange {
  return (current) =>
    current.handoff && current.handoff.ticketId === null ? { handoff: { ...current.handoff, ticketId } } : null;
}
