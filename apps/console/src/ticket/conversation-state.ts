import type { TicketMessage } from '@loyaldesk/contracts/tickets-api';

/** Where an agent's message stands: being sent, stored by ticketing (sent), seen answered, or failed. */
export type DeliveryState = 'sending' | 'sent' | 'delivered' | 'failed';

/** A message as the conversation shows it: stored ones, plus the agent's own still on their way. */
export interface ShownMessage extends TicketMessage {
  delivery?: DeliveryState;
  /** For a local message: the text to send again on retry, and whether it is a note. */
  localId?: string;
}

/**
 * Merges stored messages (the ticket, `message.created` events) with what is shown: one copy per
 * id, oldest first; a local message is replaced by its stored copy once the API answers with it.
 */
export function mergeMessages(shown: readonly ShownMessage[], incoming: readonly TicketMessage[]): ShownMessage[] {
  const byId = new Map<string, ShownMessage>();
  for (const message of shown) byId.set(message.id, message);
  for (const message of incoming) {
    const existing = byId.get(message.id);
    byId.set(message.id, existing?.delivery ? { ...message, delivery: existing.delivery } : { ...message });
  }
  return [...byId.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1));
}

/** The stored message a local one became: the newest agent message with its body not shown yet. */
export function storedCopyOf(local: ShownMessage, stored: readonly TicketMessage[], shownIds: ReadonlySet<string>): TicketMessage | undefined {
  return [...stored]
    .reverse()
    .find(
      (message) =>
        !shownIds.has(message.id) &&
        message.author.kind === 'agent' &&
        message.visibility === local.visibility &&
        message.body === local.body,
    );
}

/**
 * Delivery of the agent's public replies: stored = sent; once the shopper wrote after it, it has
 * reached them (delivered). Notes and other authors carry no state.
 */
export function withDeliveryStates(messages: readonly ShownMessage[]): ShownMessage[] {
  let shopperWroteAfter = false;
  const out: ShownMessage[] = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (!message) continue;
    if (message.author.kind === 'customer') shopperWroteAfter = true;
    if (message.author.kind === 'agent' && message.visibility === 'public' && message.delivery !== 'sending' && message.delivery !== 'failed') {
      out.push({ ...message, delivery: shopperWroteAfter ? 'delivered' : 'sent' });
    } else {
      out.push(message);
    }
  }
  return out.reverse();
}
