import { z } from 'zod';
import { skillSchema } from '@loyaldesk/contracts/agents-api';
import { namedOrderSchema, namedOrdersLimit, shopperVerificationSchema } from '@loyaldesk/contracts/handoff';
import { issueKindSchema } from '@loyaldesk/contracts/issue-kind';
import { languageSchema } from '@loyaldesk/contracts/language';
import type { SlaPolicy } from '@loyaldesk/contracts/policies';
import {
  customerIdSchema,
  messageAuthorSchema,
  messageVisibilitySchema,
  ticketChannelSchema,
  ticketIdSchema,
  proactiveTicketSchema,
  ticketLimits,
  type Actor,
} from '@loyaldesk/contracts/tickets-api';
import type { Tier } from '@loyaldesk/contracts/tier';
import { defaultSkillFor, routingGroupsFor } from '../ranked-queue/routing-group.ts';
import type { TicketQueue } from '../ranked-queue/ticket-queue.ts';
import { computeDeadline, type TicketDeadline } from '../ranking/deadline.ts';
import { issueKindLabels } from '../ranking/explain-deadline.ts';
import type { TicketRepository } from './ticket-repository.ts';
import { newMessageId, newTicketId, type Ticket } from './ticket.ts';

/** A request for a human: from a chat handoff, a web form or an email gateway. */
export const openTicketInputSchema = z.object({
  /** A natural id makes the request retry-safe (e.g. derived from the conversation); default: a new one. */
  id: ticketIdSchema.optional(),
  customerId: customerIdSchema.optional(),
  language: languageSchema,
  issueKind: issueKindSchema,
  /** Default: the skill the issue kind calls for. */
  skill: skillSchema.optional(),
  /** Default: `chat` when a conversation id is given, else `web`. */
  channel: ticketChannelSchema.optional(),
  conversationId: z.string().max(160).optional(),
  /** Default: the issue kind in words ("Missing parcel"). */
  subject: z.string().trim().min(1).max(ticketLimits.subjectLength).optional(),
  /** The first messages (the shopper's request, a bot transcript summary), oldest first. */
  messages: z
    .array(
      z.object({
        author: messageAuthorSchema,
        visibility: messageVisibilitySchema.default('public'),
        body: z.string().trim().min(1).max(ticketLimits.messageLength),
        at: z.date().optional(),
      }),
    )
    .max(ticketLimits.messagesPerTicket)
    .optional(),
  requester: z.object({ email: z.string().max(254), name: z.string().max(120).optional() }).optional(),
  orderNumber: z.string().max(64).optional(),
  /** A chat handoff's order numbers named in the conversation, each marked verified or not. */
  namedOrders: z.array(namedOrderSchema).max(namedOrdersLimit).optional(),
  /** A chat handoff's account of whether the shopper was verified. */
  shopperVerification: shopperVerificationSchema.optional(),
  /** When the shopper first wrote; default: now (the ticket's creation). */
  firstShopperMessageAt: z.date().optional(),
  /** Set when the desk opens the ticket itself for a delivery problem (see proactive/). */
  proactive: proactiveTicketSchema.optional(),
});
export type OpenTicketInput = z.infer<typeof openTicketInputSchema>;

/** What ranking needs from the customer profile. */
export interface CustomerStanding {
  tier: Tier;
  valuePercentile: number | null;
  /** How agents see the customer in lists: their name, else their email. */
  name?: string | null;
}

export interface OpenTicketDeps {
  tickets: TicketRepository;
  queue: TicketQueue;
  policy: () => Promise<SlaPolicy>;
  /** The customer's tier and value percentile, or null for a customer the shop does not know. */
  customerStanding: (customerId: string) => Promise<CustomerStanding | null>;
  clock?: () => Date;
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// A shopper the shop does not know yet is ranked as the entry tier with no value adjustment.
const unknownCustomer: CustomerStanding = { tier: 'bronze', valuePercentile: null };

/**
 * The ticket {@link openTicket} stores for `input`, ranked as `ranked` says: every field set, the
 * opening history entry, no reply yet. Pure, so fixtures and benchmarks build the same document.
 */
export function newOpenTicket(
  input: OpenTicketInput,
  ranked: TicketDeadline,
  createdAt: Date,
  by: Actor,
  customerName: string | null = null,
): Ticket {
  return {
    id: input.id ?? newTicketId(),
    status: 'open',
    customerId: input.customerId ?? null,
    customerName,
    language: input.language,
    skill: input.skill ?? defaultSkillFor(input.issueKind),
    issueKind: input.issueKind,
    createdAt,
    deadline: ranked.deadline,
    resolutionDeadline: ranked.resolutionDeadline,
    breakdown: ranked.breakdown,
    explanation: ranked.explanation,
    assigneeId: null,
    assignedAt: null,
    history: [{ from: null, to: 'open', by, at: createdAt, action: 'open' }],
    channel: input.channel ?? (input.conversationId ? 'chat' : 'web'),
    conversationId: input.conversationId ?? null,
    subject: input.subject ?? sentenceCase(issueKindLabels[input.issueKind]),
    requester: input.requester ?? null,
    orderNumber: input.orderNumber ?? null,
    ...(input.namedOrders ? { namedOrders: input.namedOrders } : {}),
    ...(input.shopperVerification ? { shopperVerification: input.shopperVerification } : {}),
    ...(input.proactive ? { proactive: input.proactive } : {}),
    messages: (input.messages ?? []).map((message) => ({
      id: newMessageId(),
      author: message.author,
      visibility: message.visibility,
      body: message.body,
      at: message.at ?? createdAt,
    })),
    firstShopperMessageAt: input.firstShopperMessageAt ?? createdAt,
    firstRepliedAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    slaBreaches: { firstResponse: null, resolution: null },
    survey: null,
    updatedAt: createdAt,
    version: 0,
  };
}

/**
 * Opens a ticket: ranks it (deadline, breakdown, explanation), stores it, then queues it.
 * Retry-safe with a natural `id`: a second call returns the stored ticket and makes sure it is
 * queued if still open (a crash between the two writes loses nothing).
 */
export async function openTicket(
  deps: OpenTicketDeps,
  input: OpenTicketInput,
  by: Actor = { kind: 'system' },
): Promise<{ ticket: Ticket; created: boolean }> {
  const createdAt = (deps.clock ?? (() => new Date()))();
  const [standing, policy] = await Promise.all([
    input.customerId ? deps.customerStanding(input.customerId) : Promise.resolve(null),
    deps.policy(),
  ]);
  const { tier, valuePercentile } = standing ?? unknownCustomer;
  const ranked = computeDeadline({ createdAt, tier, valuePercentile, issueKind: input.issueKind }, policy);
  const ticket = newOpenTicket(input, ranked, createdAt, by, standing?.name ?? null);
  const stored = await deps.tickets.insertIfAbsent(ticket);
  if (stored.ticket.status === 'open') {
    await deps.queue.enqueue({
      ticketId: stored.ticket.id,
      deadline: stored.ticket.deadline,
      groups: routingGroupsFor(stored.ticket),
    });
  }
  return stored;
}
