// Readers for what the server sends the widget. The contracts' zod schemas are the source of truth,
// but bundling zod (and the schemas) into the widget grows it from ~55 KB to ~460 KB minified,
// so the widget checks the same shapes by hand here, and server-events.test.ts holds these
// readers to the schemas: whatever a schema accepts, the reader accepts unchanged.
import type {
  ChatErrorEvent,
  ChatMessage,
  ConversationReadyEvent,
  ConversationState,
  ConversationUpdatedEvent,
  MessageAckEvent,
  MessageCreatedEvent,
  QueuePositionEvent,
  QuickReply,
  TypingEvent,
} from '@loyaldesk/contracts/chat-events';
import type { Language } from '@loyaldesk/contracts/language';

type Fields = Record<string, unknown>;

const authorKinds: ReadonlySet<string> = new Set(['customer', 'bot', 'agent', 'system']);
const states: ReadonlySet<string> = new Set(['bot', 'waiting', 'agent', 'closed']);
const languages: ReadonlySet<string> = new Set(['en', 'zh-Hans', 'zh-Hant']);

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isText(value: unknown, min = 1): value is string {
  return typeof value === 'string' && value.length >= min;
}
function isWholeNumber(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}
function isOptional<T>(value: unknown, check: (item: unknown) => item is T): value is T | undefined {
  return value === undefined || check(value);
}
function isId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,160}$/.test(value);
}
function isTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function readQuickReply(value: unknown): QuickReply | null {
  if (!isFields(value) || !isText(value['label']) || !isText(value['payload'])) return null;
  return { label: value['label'], payload: value['payload'] };
}

/** A transcript message, or null when it is not one. */
export function readChatMessage(value: unknown): ChatMessage | null {
  if (!isFields(value) || !isId(value['id']) || !isText(value['body']) || !isTime(value['at'])) return null;
  const author = value['author'];
  if (!isFields(author) || typeof author['kind'] !== 'string' || !authorKinds.has(author['kind'])) return null;
  if (!isOptional(author['name'], isText) || !isOptional(author['id'], isText)) return null;
  const replies = value['quickReplies'];
  const quickReplies = Array.isArray(replies) ? replies.map(readQuickReply) : undefined;
  if (replies !== undefined && (!quickReplies || quickReplies.some((reply) => reply === null))) return null;
  const visibility = value['visibility'];
  if (visibility !== undefined && visibility !== 'public' && visibility !== 'internal') return null;
  return {
    id: value['id'],
    author: {
      kind: author['kind'] as ChatMessage['author']['kind'],
      ...(author['id'] === undefined ? {} : { id: author['id'] }),
      ...(author['name'] === undefined ? {} : { name: author['name'] }),
    },
    body: value['body'],
    at: value['at'],
    ...(quickReplies ? { quickReplies: quickReplies.filter((reply) => reply !== null) } : {}),
    ...(visibility === undefined ? {} : { visibility }),
  };
}

/** `queue.position`. */
export function readQueuePosition(value: unknown): QueuePositionEvent | null {
  if (!isFields(value) || !isId(value['ticketId']) || !isWholeNumber(value['position'], 1)) return null;
  const wait = value['expectedWaitSeconds'];
  if (wait !== null && !isWholeNumber(wait, 0)) return null;
  if (!isOptional(value['conversationId'], isId)) return null;
  return {
    ticketId: value['ticketId'],
    position: value['position'],
    expectedWaitSeconds: wait,
    ...(value['conversationId'] === undefined ? {} : { conversationId: value['conversationId'] }),
  };
}

function readState(value: unknown): ConversationState | null {
  return typeof value === 'string' && states.has(value) ? (value as ConversationState) : null;
}

/** The `conversation.start` acknowledgement (or `conversation.ready`). */
export function readConversationReady(value: unknown): ConversationReadyEvent | null {
  if (!isFields(value) || !isId(value['conversationId']) || !isText(value['sessionToken'], 16)) return null;
  const state = readState(value['state']);
  const language = value['language'];
  if (!state || typeof language !== 'string' || !languages.has(language)) return null;
  if (typeof value['resumed'] !== 'boolean' || typeof value['customerVerified'] !== 'boolean') return null;
  if (!isWholeNumber(value['earlierMessagesDropped'], 0) || !Array.isArray(value['messages'])) return null;
  const messages = value['messages'].map(readChatMessage);
  const ticketId = value['ticketId'];
  if (messages.some((message) => message === null) || (ticketId !== null && !isId(ticketId))) return null;
  const queue = value['queue'] === null ? null : readQueuePosition(value['queue']);
  if (value['queue'] !== null && !queue) return null;
  if (value['unreadCount'] !== undefined && !isWholeNumber(value['unreadCount'], 1)) return null;
  return {
    conversationId: value['conversationId'],
    sessionToken: value['sessionToken'],
    resumed: value['resumed'],
    state,
    language: language as Language,
    customerVerified: value['customerVerified'],
    messages: messages.filter((message) => message !== null),
    earlierMessagesDropped: value['earlierMessagesDropped'],
    ticketId,
    queue,
    ...(isWholeNumber(value['unreadCount'], 1) ? { unreadCount: value['unreadCount'] } : {}),
  };
}

function roomIds(value: Fields): { conversationId?: string; ticketId?: string } {
  const { conversationId, ticketId } = value;
  return {
    ...(typeof conversationId === 'string' ? { conversationId } : {}),
    ...(typeof ticketId === 'string' ? { ticketId } : {}),
  };
}

/** `message.created`. */
export function readMessageCreated(value: unknown): MessageCreatedEvent | null {
  if (!isFields(value) || !isOptional(value['conversationId'], isId) || !isOptional(value['ticketId'], isId))
    return null;
  const message = readChatMessage(value['message']);
  const language = value['language'];
  if (language !== undefined && (typeof language !== 'string' || !languages.has(language))) return null;
  if (!message) return null;
  return { ...roomIds(value), message, ...(language === undefined ? {} : { language: language as Language }) };
}

/** `typing` (server → shopper). */
export function readTyping(value: unknown): TypingEvent | null {
  if (!isFields(value) || typeof value['typing'] !== 'boolean') return null;
  const author = value['author'];
  if (!isFields(author) || (author['kind'] !== 'agent' && author['kind'] !== 'bot')) return null;
  if (!isOptional(author['name'], isText)) return null;
  if (!isOptional(value['conversationId'], isId) || !isOptional(value['ticketId'], isId)) return null;
  return {
    ...roomIds(value),
    author: { kind: author['kind'], ...(author['name'] === undefined ? {} : { name: author['name'] }) },
    typing: value['typing'],
  };
}

/** `conversation.updated`. */
export function readConversationUpdated(value: unknown): ConversationUpdatedEvent | null {
  if (!isFields(value) || !isId(value['conversationId'])) return null;
  const state = readState(value['state']);
  const ticketId = value['ticketId'];
  if (!state || (ticketId !== null && !isId(ticketId))) return null;
  return { conversationId: value['conversationId'], state, ticketId };
}

/** The `message.send` acknowledgement (or `message.ack`). */
export function readMessageAck(value: unknown): MessageAckEvent | null {
  if (!isFields(value) || !isId(value['messageId']) || !isOptional(value['clientId'], isText)) return null;
  return {
    messageId: value['messageId'],
    ...(value['clientId'] === undefined ? {} : { clientId: value['clientId'] }),
  };
}

/** `error`, the `error` of a refused acknowledgement, and the `data` of a refused connection. */
export function readChatError(value: unknown): ChatErrorEvent | null {
  if (!isFields(value) || typeof value['code'] !== 'string' || typeof value['message'] !== 'string') return null;
  if (!isOptional(value['field'], isText) || !isOptional(value['clientId'], isText)) return null;
  if (!isOptional(value['event'], isText) || !isOptional(value['limit'], isText)) return null;
  const retryAfterSeconds = value['retryAfterSeconds'];
  if (retryAfterSeconds !== undefined && !isWholeNumber(retryAfterSeconds, 0)) return null;
  return {
    code: value['code'],
    message: value['message'],
    ...(value['field'] === undefined ? {} : { field: value['field'] }),
    ...(value['event'] === undefined ? {} : { event: value['event'] }),
    ...(value['clientId'] === undefined ? {} : { clientId: value['clientId'] }),
    ...(value['limit'] === undefined ? {} : { limit: value['limit'] }),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}

/**
 * An acknowledgement `{ok: true, …result}` read with `read`, or `{ok: false, error}`; null when it
 * is neither.
 */
export function readAck<Result>(
  value: unknown,
  read: (value: unknown) => Result | null,
): { ok: true; result: Result } | { ok: false; error: ChatErrorEvent } | null {
  if (!isFields(value)) return null;
  if (value['ok'] === false) {
    const error = readChatError(value['error']);
    return error ? { ok: false, error } : null;
  }
  if (value['ok'] !== true) return null;
  const result = read(value);
  return result === null ? null : { ok: true, result };
}
