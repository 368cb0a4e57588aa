import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ticketSchemasWith } from '@loyaldesk/contracts/tickets-api';

/**
 * A ticket as ticketing keeps it: the API's ticket (`@loyaldesk/contracts/tickets-api`) with its
 * timestamps as Dates. The stored document maps to this (see ticket-repository); JSON sends the
 * Dates as the ISO strings of the contract.
 */
export const {
  ticket: ticketSchema,
  ticketMessage: ticketMessageSchema,
  statusChange: statusChangeSchema,
  ticketSurvey: ticketSurveySchema,
} = ticketSchemasWith(z.date());
export type Ticket = z.infer<typeof ticketSchema>;
export type TicketMessage = z.infer<typeof ticketMessageSchema>;
export type StatusChange = z.infer<typeof statusChangeSchema>;
export type TicketSurvey = z.infer<typeof ticketSurveySchema>;

/** A new ticket id: "tkt_" and 20 hex digits (80 random bits). */
export function newTicketId(): string {
  return `tkt_${randomBytes(10).toString('hex')}`;
}

/** A new message id: "msg_" and 16 hex digits. */
export function newMessageId(): string {
  return `msg_${randomBytes(8).toString('hex')}`;
}

/**
 * The id of an agent's message the console named (`clientMessageId`): the same for every retry of
 * it by that agent on that ticket, so it is stored once.
 * @example agentMessageId('tkt_1', 'agt_1', 'c-42') === agentMessageId('tkt_1', 'agt_1', 'c-42') // true
 */
export function agentMessageId(ticketId: string, agentId: string, clientMessageId: string): string {
  return `msg_${createHash('sha256').update(`${ticketId}\0${agentId}\0${clientMessageId}`).digest('hex').slice(0, 16)}`;
}
