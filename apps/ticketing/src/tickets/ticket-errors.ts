import type { TicketStatus } from '@loyaldesk/contracts/tickets-api';
import { AppError } from '@loyaldesk/platform/errors';

/** The ticket is not in a status the action applies to (e.g. resolving a closed ticket). */
export class InvalidTransitionError extends AppError {
  constructor(action: string, status: TicketStatus, allowed: readonly TicketStatus[]) {
    super(
      'invalid_transition',
      `Cannot ${action.replace(/_/g, ' ')} a ticket that is ${status}${allowed.length > 0 ? ` (only when ${allowed.join(' or ')})` : ''}`,
      { status: 409 },
    );
  }
}

/** Another write changed the ticket between our read and our write, too often to retry. */
export class TicketConflictError extends AppError {
  constructor(ticketId: string) {
    super('ticket_conflict', `Ticket ${ticketId} was changed by someone else at the same time; reload and try again`, {
      status: 409,
    });
  }
}

/** The ticket holds the most messages it may. */
export class MessageLimitError extends AppError {
  constructor(ticketId: string, limit: number) {
    super(
      'ticket_message_limit',
      `Ticket ${ticketId} already has ${limit} messages, the most one ticket holds; open a new ticket to continue`,
      { status: 409 },
    );
  }
}

/** An agent acting on a ticket that is assigned to someone else. */
export class NotAssigneeError extends AppError {
  constructor(action: string) {
    super('not_assignee', `Only the assigned agent or a manager can ${action.replace(/_/g, ' ')} this ticket`, {
      status: 403,
    });
  }
}

/** No ticket with that id. */
export class TicketNotFoundError extends AppError {
  constructor(ticketId: string) {
    super('ticket_not_found', `Ticket ${ticketId} was not found`, { status: 404, field: 'ticketId' });
  }
}
