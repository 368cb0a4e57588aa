import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { issueKindSchema } from '@loyaldesk/contracts/issue-kind';
import { languageSchema } from '@loyaldesk/contracts/language';
import { skillSchema } from '../queue/routing-group.ts';
import { deadlineBreakdownSchema } from '../ranking/deadline-breakdown.ts';

// Ids end up in Redis members ("<ticket>:<agent>") and key names, so no ':' or spaces.
const idPattern = /^[A-Za-z0-9_-]{1,160}$/;
const idMessage = 'must be 1–160 letters, digits, _ or -';

export const ticketIdSchema = z.string().regex(idPattern, idMessage);
export const agentIdSchema = z.string().regex(idPattern, idMessage);
export const customerIdSchema = z.string().regex(idPattern, idMessage);

/** open → assigned → pending (waiting on the shopper) → resolved → closed; reopen goes back to open. */
export const ticketStatuses = ['open', 'assigned', 'pending', 'resolved', 'closed'] as const;
export const ticketStatusSchema = z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

/** Who made a change: an agent (by id), the system (a worker, a timer) or the shopper. */
export const actorSchema = z.object({
  kind: z.enum(['agent', 'system', 'customer']),
  id: z.string().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** One status change, kept in order on the ticket. */
export const statusChangeSchema = z.object({
  from: ticketStatusSchema.nullable(),
  to: ticketStatusSchema,
  by: actorSchema,
  at: z.date(),
});
export type StatusChange = z.infer<typeof statusChangeSchema>;

/** A ticket as the desk works with it (the stored document maps to this; see ticket-repository). */
export const ticketSchema = z.object({
  id: ticketIdSchema,
  status: ticketStatusSchema,
  /** Null when the shopper is not a known customer (an unverified chat, a web form). */
  customerId: customerIdSchema.nullable(),
  language: languageSchema,
  skill: skillSchema,
  issueKind: issueKindSchema,
  createdAt: z.date(),
  /** First response due: the queue's order. */
  deadline: z.date(),
  resolutionDeadline: z.date(),
  breakdown: deadlineBreakdownSchema,
  explanation: z.string(),
  assigneeId: agentIdSchema.nullable(),
  assignedAt: z.date().nullable(),
  history: z.array(statusChangeSchema),
});
export type Ticket = z.infer<typeof ticketSchema>;

/** A new ticket id: "tkt_" and 20 hex digits (80 random bits). */
export function newTicketId(): string {
  return `tkt_${randomBytes(10).toString('hex')}`;
}
