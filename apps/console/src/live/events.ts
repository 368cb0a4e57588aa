// Payloads of the `/agents` socket (ticketing's src/live/agent-events.ts and the chat bot's
// `shopper.typing` and `verification.locked`), parsed before they touch state: a payload that does not parse is ignored.
import { z } from 'zod';
import { shopperTypingEventSchema, verificationLockedEventSchema } from '@loyaldesk/contracts/chat-events';
import { messageSchema, ticketStatusSchema, ticketSummarySchema } from '../api/schemas.ts';

export const agentsNamespace = '/agents';

export const serverEvents = {
  queueChanged: 'queue.changed',
  ticketClaimed: 'ticket.claimed',
  ticketUpdated: 'ticket.updated',
  messageCreated: 'message.created',
  slaBreached: 'ticket.sla_breached',
  typing: 'typing',
  shopperTyping: 'shopper.typing',
  verificationLocked: 'verification.locked',
} as const;

export const queueChangedSchema = z.object({
  ticketId: z.string(),
  status: ticketStatusSchema,
  reason: z.enum(['opened', 'claimed', 'assigned', 'released', 'resolved', 'reopened', 'reranked']),
  deadline: z.string(),
});
export type QueueChanged = z.infer<typeof queueChangedSchema>;

export const ticketClaimedSchema = z.object({ ticketId: z.string(), agentId: z.string(), at: z.string() });
export type TicketClaimed = z.infer<typeof ticketClaimedSchema>;

export const messageCreatedSchema = z.object({ ticketId: z.string(), message: messageSchema });
export type MessageCreated = z.infer<typeof messageCreatedSchema>;

export const slaBreachedSchema = z.object({
  ticketId: z.string(),
  kind: z.enum(['firstResponse', 'resolution']),
  at: z.string(),
  tier: z.string(),
  assigneeId: z.string().nullable(),
  explanation: z.string(),
});
export type SlaBreached = z.infer<typeof slaBreachedSchema>;

export const agentTypingSchema = z.object({ ticketId: z.string(), agentId: z.string(), name: z.string(), typing: z.boolean() });
export type AgentTyping = z.infer<typeof agentTypingSchema>;

export { shopperTypingEventSchema, verificationLockedEventSchema };
export const ticketUpdatedSchema = ticketSummarySchema;
