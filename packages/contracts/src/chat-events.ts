import { z } from 'zod';
import { chatLimits } from './chat-event-names.ts';
import { handoffJobSchema } from './handoff.ts';
import { languageSchema } from './language.ts';

export * from './chat-event-names.ts';

// Socket event payloads of the shopper chat (namespace `/chat`). Names are in ./chat-event-names.ts;
// the chat-bot README lists every event with its direction and payload.

/** Ids that end up in rooms, keys and job ids: the handoff job's rule. */
export const chatIdSchema = handoffJobSchema.shape.conversationId;

/** Where a conversation is: the bot answers, waiting for an agent, an agent is on it, or closed. */
export const conversationStates = ['bot', 'waiting', 'agent', 'closed'] as const;
export const conversationStateSchema = z.enum(conversationStates);
export type ConversationState = z.infer<typeof conversationStateSchema>;

/** A signed session token naming a conversation (opaque to clients). */
export const sessionTokenSchema = z
  .string()
  .min(16, 'is too short to be a session token')
  .max(512)
  .regex(/^[A-Za-z0-9._-]+$/, 'is not a session token');

/** The storefront's signed identity token: `<customerId>.<expiry seconds>.<HMAC-SHA256, base64url>`. */
export const identityTokenSchema = z
  .string()
  .min(16, 'is too short to be an identity token')
  .max(512)
  .regex(/^[A-Za-z0-9_-]+\.\d{1,12}\.[A-Za-z0-9_-]+$/, 'must look like <customerId>.<expiry>.<signature>');

/** What a quick-reply button sends back: a stable, language-independent command such as `handoff.accept`. */
export const quickReplyPayloadSchema = z
  .string()
  .regex(/^[a-z][A-Za-z0-9_.:-]{0,99}$/, 'must be a quick-reply payload such as handoff.accept');

export const quickReplySchema = z.object({
  label: z.string().min(1).max(80),
  payload: quickReplyPayloadSchema,
});
export type QuickReply = z.infer<typeof quickReplySchema>;

export const chatAuthorKinds = ['customer', 'bot', 'agent', 'system'] as const;
export const chatAuthorSchema = z.object({
  kind: z.enum(chatAuthorKinds),
  id: z.string().max(160).optional(),
  name: z.string().max(120).optional(),
});
export type ChatAuthor = z.infer<typeof chatAuthorSchema>;

/** One message of a transcript, as clients see it. Agent messages from ticketing fit it as they are. */
export const chatMessageSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,160}$/, 'must be 1–160 letters, digits, _ or -'),
  author: chatAuthorSchema,
  body: z.string().min(1).max(chatLimits.anyMessageLength),
  at: z.iso.datetime({ offset: true }),
  /** Buttons for the likely next step (bot messages). */
  quickReplies: z.array(quickReplySchema).max(chatLimits.quickReplies).optional(),
  /** Ticketing sends it; only `public` agent messages reach shoppers. */
  visibility: z.enum(['public', 'internal']).optional(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

// ---- client → server ------------------------------------------------------------------------

/** `conversation.start`: a new conversation, or the one a session token names. */
export const startConversationPayloadSchema = z.strictObject({
  sessionToken: sessionTokenSchema.optional(),
  /** From the storefront when the shopper is signed in there: verifies them without an email. */
  identityToken: identityTokenSchema.optional(),
  /** The page's language, used until the shopper writes. */
  language: languageSchema.optional(),
  /** The `data-shop` of the widget's script tag. */
  shop: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1–100 letters, digits, ., _ or -')
    .optional(),
});
export type StartConversationPayload = z.infer<typeof startConversationPayloadSchema>;

/** `message.send`: a typed message, or the label of a tapped quick reply with its payload. */
export const sendMessagePayloadSchema = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(chatLimits.messageLength, `must be at most ${chatLimits.messageLength} characters`),
  /** The client's id for the message: sending it again (after a lost acknowledgement) stores it once. */
  clientId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -')
    .optional(),
  quickReply: quickReplyPayloadSchema.optional(),
});
export type SendMessagePayload = z.infer<typeof sendMessagePayloadSchema>;

/** `typing` (shopper → server). */
export const shopperTypingPayloadSchema = z.strictObject({ typing: z.boolean() });

/** `conversation.end`: no fields (an empty object or nothing). */
export const endConversationPayloadSchema = z.strictObject({}).optional();

// ---- server → client ------------------------------------------------------------------------

/** `queue.position` (ticketing → conversation room): the shopper's place in line. */
export const queuePositionEventSchema = z.object({
  ticketId: chatIdSchema,
  /** 1 = next to be served. */
  position: z.number().int().min(1),
  /** From the recent claim rate; null while there is nothing to estimate from. */
  expectedWaitSeconds: z.number().int().min(0).nullable(),
  conversationId: chatIdSchema.optional(),
});
export type QueuePositionEvent = z.infer<typeof queuePositionEventSchema>;

/** `message.created`: any new message. Ticketing sends agent replies as `{ticketId, message}`. */
export const messageCreatedEventSchema = z.object({
  conversationId: chatIdSchema.optional(),
  ticketId: chatIdSchema.optional(),
  message: chatMessageSchema,
  /**
   * The conversation's language as of this message (the chat bot sends it with the bot's replies):
   * the widget's own words follow it.
   */
  language: languageSchema.optional(),
});
export type MessageCreatedEvent = z.infer<typeof messageCreatedEventSchema>;

/**
 * An agent as shoppers see them: a display name, never the agent's internal id (a shopper has no
 * use for it, and it names the account an attacker would target). Parsing strips an `id` that an
 * older sender still includes.
 */
export const shopperFacingAgentSchema = z.object({
  kind: z.literal('agent'),
  name: z.string().max(120).optional(),
});
export type ShopperFacingAgent = z.infer<typeof shopperFacingAgentSchema>;

/** `message.created` of an agent's public reply, as ticketing sends it into the conversation (room and job). */
export const agentReplyEventSchema = messageCreatedEventSchema.extend({
  ticketId: chatIdSchema,
  message: chatMessageSchema.extend({
    author: shopperFacingAgentSchema,
    visibility: z.literal('public').optional(),
  }),
});
export type AgentReplyEvent = z.infer<typeof agentReplyEventSchema>;

/** `typing` (server → shopper): an agent (ticketing sends it into the room) or the bot is typing. */
export const typingEventSchema = z.object({
  conversationId: chatIdSchema.optional(),
  ticketId: chatIdSchema.optional(),
  author: z.object({ kind: z.enum(['agent', 'bot']), name: z.string().max(120).optional() }),
  typing: z.boolean(),
});
export type TypingEvent = z.infer<typeof typingEventSchema>;

/** `ticket.resolved` (ticketing → conversation room): the bot closes the chat and asks for a rating. */
export const ticketResolvedEventSchema = z.object({
  ticketId: chatIdSchema,
  conversationId: chatIdSchema.optional(),
  resolvedAt: z.iso.datetime({ offset: true }),
});
export type TicketResolvedEvent = z.infer<typeof ticketResolvedEventSchema>;

/** `conversation.updated`: the state or ticket changed (handed off, agent joined, closed, reopened). */
export const conversationUpdatedEventSchema = z.object({
  conversationId: chatIdSchema,
  state: conversationStateSchema,
  ticketId: chatIdSchema.nullable(),
});
export type ConversationUpdatedEvent = z.infer<typeof conversationUpdatedEventSchema>;

/** `message.ack`: the shopper's message is stored under `messageId`. */
export const messageAckEventSchema = z.object({
  messageId: chatMessageSchema.shape.id,
  clientId: z.string().optional(),
});
export type MessageAckEvent = z.infer<typeof messageAckEventSchema>;

/** `conversation.ready`: the conversation and its history (also the `conversation.start` acknowledgement). */
export const conversationReadyEventSchema = z.object({
  conversationId: chatIdSchema,
  sessionToken: sessionTokenSchema,
  /** True when a session token brought back an existing conversation. */
  resumed: z.boolean(),
  state: conversationStateSchema,
  language: languageSchema,
  customerVerified: z.boolean(),
  /** The kept transcript, oldest first (at most `chatLimits.transcriptLength`). */
  messages: z.array(chatMessageSchema),
  /** Messages older than the kept transcript, no longer on the conversation. */
  earlierMessagesDropped: z.number().int().min(0),
  ticketId: chatIdSchema.nullable(),
  queue: queuePositionEventSchema.nullable(),
  /** Messages stored while no socket of the conversation was open (proactive notices), for the unread badge; counted once. */
  unreadCount: z.number().int().min(1).optional(),
});
export type ConversationReadyEvent = z.infer<typeof conversationReadyEventSchema>;

/** `error`: why an event was refused; `field` names the bad field of its payload. */
export const chatErrorEventSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  /** The client event that was refused. */
  event: z.string().optional(),
  clientId: z.string().optional(),
  /** For `loyaldesk:rate_limited`: which limit (e.g. `conversations_per_ip`). */
  limit: z.string().optional(),
  /** For `loyaldesk:rate_limited`: when to try again. */
  retryAfterSeconds: z.number().int().min(0).optional(),
});
export type ChatErrorEvent = z.infer<typeof chatErrorEventSchema>;

/** What an acknowledgement callback receives: the result, or the same error as the `error` event. */
export type ChatAck<Result> = ({ ok: true } & Result) | { ok: false; error: ChatErrorEvent };

/** `shopper.typing` (chat bot → `/agents`, room `ticket:<ticketId>`). */
export const shopperTypingEventSchema = z.object({
  ticketId: chatIdSchema,
  conversationId: chatIdSchema,
  typing: z.boolean(),
});
export type ShopperTypingEvent = z.infer<typeof shopperTypingEventSchema>;

/** `verification.locked` (chat bot → `/agents`, room `staff`): an order's order + email check is locked after repeated failures. */
export const verificationLockedEventSchema = z.object({
  orderNumber: z.string().min(1).max(64),
  /** Failed checks that locked it. */
  attempts: z.number().int().min(1),
  lockedUntil: z.iso.datetime({ offset: true }),
});
export type VerificationLockedEvent = z.infer<typeof verificationLockedEventSchema>;
