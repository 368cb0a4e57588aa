// No zod here: the chat widget bundles this file, and only these names, for the browser.

/** The Socket.IO namespace shoppers' chat widgets connect to (served by the chat bot). */
export const chatNamespace = '/chat';

/**
 * The room of one conversation in {@link chatNamespace}. Every socket of the conversation (a shopper
 * may have several tabs, on several chat-bot instances) is in it; the chat bot and ticketing both
 * emit into it (ticketing with `@socket.io/redis-emitter`).
 * @example conversationRoom('conv_42') // 'conversation:conv_42'
 */
export function conversationRoom(conversationId: string): string {
  return `conversation:${conversationId}`;
}

/** The agents' namespace (served by ticketing) and the room of one ticket in it. */
export const agentsNamespace = '/agents';
export function ticketRoom(ticketId: string): string {
  return `ticket:${ticketId}`;
}

/** The room of {@link agentsNamespace} every signed-in agent, manager and admin socket joins. */
export const agentsStaffRoom = 'staff';

/** The key Socket.IO's Redis adapter and emitter share (their default); every process must agree on it. */
export const defaultSocketIoRedisKey = 'socket.io';

/** Events a shopper's client emits to {@link chatNamespace}. Each may carry an acknowledgement callback. */
export const chatClientEvents = {
  /** Start a conversation, or resume one with its session token. */
  start: 'conversation.start',
  /** A shopper message (typed, or a tapped quick reply). */
  sendMessage: 'message.send',
  /** The shopper started or stopped typing. */
  typing: 'typing',
  /** The shopper ends the chat (bot conversations only). */
  end: 'conversation.end',
} as const;

/** Events the shopper's client receives in {@link chatNamespace}. */
export const chatServerEvents = {
  /** The conversation is ready (answer to `conversation.start` when no callback was given). */
  ready: 'conversation.ready',
  /** A message in the conversation: the shopper's own (from another tab), the bot's, or an agent's. */
  messageCreated: 'message.created',
  /** The shopper's message is stored (when `message.send` came without a callback). */
  messageAck: 'message.ack',
  /** An agent (or the bot) is typing. */
  typing: 'typing',
  /** Place in the ticket queue and expected wait (published by ticketing). */
  queuePosition: 'queue.position',
  /** The conversation's state or ticket changed. */
  conversationUpdated: 'conversation.updated',
  /** The conversation's ticket was resolved (published by ticketing); the bot then asks for a rating. */
  ticketResolved: 'ticket.resolved',
  /** A refused event: bad payload, too long, too many, not started… The connection stays open. */
  error: 'error',
} as const;

/** Events the chat bot emits into {@link agentsNamespace} for agents (rooms {@link ticketRoom}, {@link agentsStaffRoom}). */
export const chatToAgentEvents = {
  /** The shopper of the ticket's conversation started or stopped typing. */
  shopperTyping: 'shopper.typing',
  /** Too many failed order + email checks for one order number: its check is locked (room {@link agentsStaffRoom}). */
  verificationLocked: 'verification.locked',
} as const;

/** Bounds the chat enforces, the same in the widget and on the server. */
export const chatLimits = {
  /** Longest shopper message, in characters (after trimming). */
  messageLength: 2_000,
  /** Longest message any author may put in a transcript (agents write up to this). */
  anyMessageLength: 5_000,
  /** Messages kept on a conversation document (older ones are dropped, see the chat-bot README). */
  transcriptLength: 200,
  /** Quick-reply buttons under one message (an NPS question has eleven: 0–10). */
  quickReplies: 12,
} as const;
