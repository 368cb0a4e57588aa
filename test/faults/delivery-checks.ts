import { auditAssignments, type HistoryEntry } from './assignment-audit.ts';
import type { AgentReplyRecord, ClaimRecord, HandoffRecord, ShopperMessageRecord } from './fault-records.ts';

/** A `conversation_messages` document, reduced to what the checks read. */
export interface StoredMessage {
  conversationId: string;
  /** The message id (the document's `_id` is `<conversationId>:<seq>`). */
  id: string;
}

/** A `tickets` document, reduced. */
export interface StoredTicket {
  id: string;
  conversationId: string | null;
  messageIds: string[];
  history: HistoryEntry[];
}

/** A `conversations` document, reduced. */
export interface StoredConversation {
  id: string;
  state: string;
  /** `handoff` is set: the chat bot handed it to a person. */
  handedOff: boolean;
}

export interface DatabaseSnapshot {
  messages: StoredMessage[];
  tickets: StoredTicket[];
  conversations: StoredConversation[];
}

/** One check's outcome: how many things it looked at, how many of them failed, the first failures. */
export interface CheckResult {
  name: string;
  pass: boolean;
  checked: number;
  failed: number;
  /** The first 10 failures, each naming the id. */
  sample: string[];
}

const sampleSize = 10;

/** A check's result from its failures (one line each); `failedItems` when one item can fail in several ways. */
export function checkResult(name: string, checked: number, failures: readonly string[], failedItems = failures.length): CheckResult {
  return { name, pass: failures.length === 0, checked, failed: failedItems, sample: failures.slice(0, sampleSize) };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const value = key(item);
    if (value === null) continue;
    const group = groups.get(value);
    if (group) group.push(item);
    else groups.set(value, [item]);
  }
  return groups;
}

function ackedAt(record: ShopperMessageRecord): string {
  return `acknowledged at ${((record.ackedAtMs ?? 0) / 1000).toFixed(1)} s`;
}

/** Every acknowledged shopper message: one message id per clientId, stored exactly once, in its conversation. */
export function checkAcknowledgedStoredOnce(records: readonly ShopperMessageRecord[], snapshot: DatabaseSnapshot): CheckResult {
  const stored = groupBy(snapshot.messages, (message) => message.id);
  const acked = records.filter((record) => record.ackedAtMs !== null);
  const failures: string[] = [];
  let failedRecords = 0;
  for (const record of acked) {
    const before = failures.length;
    const ids = [...new Set(record.messageIds)];
    if (ids.length > 1) failures.push(`clientId ${record.clientId}: acknowledged as ${ids.join(' and ')}`);
    for (const id of ids) {
      const copies = stored.get(id) ?? [];
      if (copies.length !== 1) failures.push(`${id}: stored ${copies.length} times (conversation ${record.conversationId}, ${ackedAt(record)})`);
      else if (copies[0]?.conversationId !== record.conversationId) {
        failures.push(`${id}: stored in ${copies[0]?.conversationId ?? '?'}, acknowledged in ${record.conversationId}`);
      }
    }
    if (failures.length > before) failedRecords++;
  }
  return checkResult('acknowledged shopper messages stored exactly once', acked.length, failures, failedRecords);
}

/**
 * Every acknowledged message a shopper wrote after the handoff (and before the agent asked to
 * resolve: later ones may rightly go to the survey) is on the conversation's ticket exactly once.
 */
export function checkHandedOffMessagesOnTicket(
  records: readonly ShopperMessageRecord[],
  resolveRequestedAtMs: ReadonlyMap<string, number>,
  snapshot: DatabaseSnapshot,
): CheckResult {
  const ticketsByConversation = groupBy(snapshot.tickets, (ticket) => ticket.conversationId);
  const expected = expectedOnTicket(records, resolveRequestedAtMs);
  const failures: string[] = [];
  for (const record of expected) {
    const id = record.messageIds[0] ?? '?';
    const tickets = ticketsByConversation.get(record.conversationId) ?? [];
    if (tickets.length === 0) {
      failures.push(`${id}: conversation ${record.conversationId} has no ticket (${ackedAt(record)})`);
      continue;
    }
    const copies = tickets.reduce((count, ticket) => count + ticket.messageIds.filter((messageId) => messageId === id).length, 0);
    if (copies !== 1) failures.push(`${id}: on ticket ${tickets.map((ticket) => ticket.id).join(', ')} ${copies} times (${ackedAt(record)})`);
  }
  return checkResult('handed-off shopper messages on their ticket exactly once', expected.length, failures);
}

/** The acknowledged `ticket` messages acknowledged before their conversation's first resolve request. */
export function expectedOnTicket(
  records: readonly ShopperMessageRecord[],
  resolveRequestedAtMs: ReadonlyMap<string, number>,
): ShopperMessageRecord[] {
  return records.filter((record) => {
    if (record.kind !== 'ticket' || record.ackedAtMs === null) return false;
    const resolveAt = resolveRequestedAtMs.get(record.conversationId);
    return resolveAt === undefined || record.ackedAtMs < resolveAt;
  });
}

/** Every agent reply on a chat ticket that got a 2xx is in the conversation's messages exactly once. */
export function checkRepliesInConversation(replies: readonly AgentReplyRecord[], snapshot: DatabaseSnapshot): CheckResult {
  const stored = groupBy(snapshot.messages, (message) => message.id);
  const failures: string[] = [];
  const onChatTickets = replies.filter((reply) => reply.conversationId !== null);
  for (const reply of onChatTickets) {
    if (reply.messageId === null) {
      failures.push(`reply "${reply.body}" on ${reply.ticketId}: 2xx without the message in the response`);
      continue;
    }
    const copies = stored.get(reply.messageId) ?? [];
    if (copies.length !== 1) {
      failures.push(`${reply.messageId}: in the conversation ${copies.length} times (ticket ${reply.ticketId}, 2xx at ${(reply.atMs / 1000).toFixed(1)} s)`);
    }
    else if (copies[0]?.conversationId !== reply.conversationId) {
      failures.push(`${reply.messageId}: in ${copies[0]?.conversationId ?? '?'}, not ${reply.conversationId ?? '?'}`);
    }
  }
  return checkResult('agent replies (2xx) in the conversation exactly once', onChatTickets.length, failures);
}

/** The conversations handed off: seen so by their shopper, or with `handoff` set in the database. */
export function handedOffConversations(handoffs: readonly HandoffRecord[], snapshot: DatabaseSnapshot): Set<string> {
  const ids = new Set(handoffs.map((handoff) => handoff.conversationId));
  for (const conversation of snapshot.conversations) if (conversation.handedOff) ids.add(conversation.id);
  return ids;
}

/** One ticket per handed-off conversation. */
export function checkOneTicketPerHandoff(handedOff: ReadonlySet<string>, snapshot: DatabaseSnapshot): CheckResult {
  const ticketsByConversation = groupBy(snapshot.tickets, (ticket) => ticket.conversationId);
  const failures: string[] = [];
  for (const conversationId of handedOff) {
    const tickets = ticketsByConversation.get(conversationId) ?? [];
    if (tickets.length !== 1) {
      failures.push(`${conversationId}: ${tickets.length} tickets${tickets.length > 0 ? ` (${tickets.map((ticket) => ticket.id).join(', ')})` : ''}`);
    }
  }
  return checkResult('one ticket per handoff', handedOff.size, failures);
}

/** No ticket held by two agents at once (its history, and what claim-next answered). */
export function checkNoDoubleAssignment(claims: readonly ClaimRecord[], snapshot: DatabaseSnapshot): CheckResult {
  const grants = groupBy(claims, (claim) => claim.ticketId);
  const failures: string[] = [];
  const failedTickets = new Set<string>();
  const known = new Set<string>();
  for (const ticket of snapshot.tickets) {
    known.add(ticket.id);
    const problems = auditAssignments(ticket.id, ticket.history, grants.get(ticket.id) ?? []);
    if (problems.length > 0) failedTickets.add(ticket.id);
    failures.push(...problems);
  }
  for (const [ticketId] of grants) {
    if (known.has(ticketId)) continue;
    failedTickets.add(ticketId);
    failures.push(`${ticketId}: claimed, but not in the database`);
  }
  return checkResult('no ticket assigned twice', snapshot.tickets.length, failures, failedTickets.size);
}
