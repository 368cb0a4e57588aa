import {
  agentsStaffRoom,
  chatToAgentEvents,
  verificationLockedEventSchema,
  type VerificationLockedEvent,
} from '@loyaldesk/contracts/chat-events';
import type { AgentRoomEmitter } from '../handoff/agent-relay.ts';
import type { OrderLocked } from './order-lockout.ts';

/**
 * Tells every signed-in agent and manager (ticketing's `/agents`, room `staff`) that an order's
 * check got locked: someone is guessing its email, and its owner may ask them for help.
 */
export function alertVerificationLocked(agents: AgentRoomEmitter, locked: OrderLocked): void {
  const payload: VerificationLockedEvent = verificationLockedEventSchema.parse({
    orderNumber: locked.orderNumber,
    attempts: locked.attempts,
    lockedUntil: locked.lockedUntil.toISOString(),
  });
  agents.to(agentsStaffRoom).emit(chatToAgentEvents.verificationLocked, payload);
}
