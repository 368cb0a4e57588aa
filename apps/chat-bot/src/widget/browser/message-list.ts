import type { ChatMessage } from '@loyaldesk/contracts/chat-events';
import type { Language } from '@loyaldesk/contracts/language';
import { initials } from './author.ts';
import { button, element, icon, icons } from './dom.ts';
import { timeLabel } from './time-label.ts';
import type { UiStrings } from './ui-strings.ts';

/** Where one of the shopper's own messages is: on its way, stored by the server, or refused / timed out. */
export type Delivery = 'sending' | 'sent' | 'failed';

/** Who is typing, as the header and the typing row name them. */
export interface Typist {
  kind: 'bot' | 'agent';
  name?: string | undefined;
}

interface Row {
  node: HTMLLIElement;
  message: ChatMessage;
  group: string;
  delivery?: Delivery;
}

// Messages of one author closer together than this share one label and one time.
const groupGapMs = 5 * 60_000;

/**
 * The transcript: bubbles grouped by author, with times, the shopper's delivery states (retry on
 * failure), notes, and the typing dots. `onRetry` gets the id of a failed message.
 */
export function createMessageList(initialStrings: UiStrings, initialLanguage: Language, onRetry: (id: string) => void) {
  let strings = initialStrings;
  let language = initialLanguage;
  const scroller = element('div', 'scroller');
  // Focusable so keyboard users can scroll the transcript (axe: scrollable-region-focusable).
  scroller.tabIndex = 0;
  scroller.setAttribute('role', 'region');
  scroller.setAttribute('aria-label', strings.messagesLabel);
  const list = element('ol', 'messages');
  const typingRow = element('li', 'row typing');
  typingRow.hidden = true;
  list.append(typingRow);
  scroller.append(list);
  const rows = new Map<string, Row>();

  const authorName = (message: ChatMessage): string =>
    message.author.kind === 'customer'
      ? strings.you
      : message.author.kind === 'agent'
        ? (message.author.name ?? strings.agent)
        : strings.assistant;

  function avatar(kind: 'bot' | 'agent', name: string | undefined): HTMLElement {
    const node = element('span', `avatar small ${kind}`);
    node.setAttribute('aria-hidden', 'true');
    if (kind === 'agent') node.textContent = initials(name ?? strings.agent);
    else node.append(icon(icons.bot, 16));
    return node;
  }

  const nearBottom = (): boolean => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  const scrollToEnd = (): void => {
    scroller.scrollTop = scroller.scrollHeight;
  };

  function render(row: Row): void {
    const { message, node } = row;
    const kind = message.author.kind;
    node.className = [
      'row',
      kind,
      ...Array.from(node.classList).filter((name) => ['cont', 'has-next', 'latest'].includes(name)),
      ...(row.delivery && row.delivery !== 'sent' ? [row.delivery] : []),
    ].join(' ');
    const stack = element('div', 'stack');
    const name = authorName(message);
    // Every bubble says who wrote it to a screen reader; sighted readers see the label once per group.
    if (kind === 'customer') stack.append(element('span', 'sr-only', `${name}:`));
    else stack.append(element('span', 'author', name));
    stack.append(element('div', 'bubble', message.body));
    const meta = element('div', 'meta');
    const time = element('time', undefined, timeLabel(message.at, new Date(), language));
    time.dateTime = message.at;
    meta.append(time);
    if (row.delivery) {
      const state = row.delivery === 'sending' ? strings.sending : row.delivery === 'sent' ? strings.sent : strings.failed;
      meta.append(element('span', 'delivery', `· ${state}`));
      if (row.delivery === 'failed') {
        const retry = button('retry', { text: strings.retry });
        retry.addEventListener('click', () => onRetry(message.id));
        meta.append(retry);
      }
    }
    stack.append(meta);
    const slot = element('span', 'avatar-slot');
    if (kind === 'bot' || kind === 'agent') slot.append(avatar(kind, message.author.name));
    node.replaceChildren(...(kind === 'customer' ? [stack] : [slot, stack]));
  }

  function lastRow(): Row | undefined {
    for (let node = typingRow.previousElementSibling; node; node = node.previousElementSibling) {
      const id = node instanceof HTMLElement ? node.dataset['id'] : undefined;
      const row = id ? rows.get(id) : undefined;
      if (row) return row;
      if (node.classList.contains('note')) return undefined;
    }
    return undefined;
  }

  return {
    element: scroller,

    /** Adds `message`, or updates the one with its id (or with `replaces`, an optimistic local id). */
    show(message: ChatMessage, options: { delivery?: Delivery; replaces?: string } = {}): void {
      const stick = nearBottom();
      const replaced = options.replaces ? rows.get(options.replaces) : undefined;
      const existing = rows.get(message.id);
      if (replaced && existing && replaced !== existing) {
        // Already shown under its stored id (history after a reconnect): drop the optimistic copy.
        replaced.node.remove();
        rows.delete(options.replaces ?? '');
      }
      const row = existing ?? replaced;
      if (row) {
        if (options.replaces) rows.delete(options.replaces);
        row.message = message;
        if (options.delivery) row.delivery = options.delivery;
        row.node.dataset['id'] = message.id;
        rows.set(message.id, row);
        render(row);
        return;
      }
      const group = `${message.author.kind}:${message.author.name ?? ''}`;
      const fresh: Row = {
        node: element('li'),
        message,
        group,
        ...(options.delivery ? { delivery: options.delivery } : {}),
      };
      fresh.node.dataset['id'] = message.id;
      const previous = lastRow();
      if (previous && previous.group === group && Date.parse(message.at) - Date.parse(previous.message.at) < groupGapMs) {
        fresh.node.classList.add('cont');
        previous.node.classList.add('has-next');
      }
      if (message.author.kind === 'customer') {
        for (const other of rows.values()) other.node.classList.remove('latest');
        fresh.node.classList.add('latest');
      }
      rows.set(message.id, fresh);
      render(fresh);
      typingRow.before(fresh.node);
      if (stick || message.author.kind === 'customer') scrollToEnd();
    },

    /** The conversation's language changed: the labels of every shown message follow it. */
    setLocale(nextStrings: UiStrings, nextLanguage: Language): void {
      strings = nextStrings;
      language = nextLanguage;
      scroller.setAttribute('aria-label', strings.messagesLabel);
      for (const row of rows.values()) render(row);
    },

    setDelivery(id: string, delivery: Delivery): void {
      const row = rows.get(id);
      if (!row) return;
      row.delivery = delivery;
      render(row);
    },

    /** The text of a shown message (for retries). */
    body(id: string): string | undefined {
      return rows.get(id)?.message.body;
    },

    note(text: string): void {
      typingRow.before(element('li', 'note', text));
      scrollToEnd();
    },

    clear(): void {
      rows.clear();
      list.replaceChildren(typingRow);
    },

    setTyping(typist: Typist | null): void {
      typingRow.hidden = !typist;
      if (!typist) {
        typingRow.replaceChildren();
        return;
      }
      const stick = nearBottom();
      const label = typist.kind === 'agent' ? strings.agentTyping(typist.name) : strings.botTyping;
      const stack = element('div', 'stack');
      const dots = element('div', 'bubble');
      dots.append(element('i'), element('i'), element('i'), element('span', 'sr-only', label));
      stack.append(dots);
      const slot = element('span', 'avatar-slot');
      slot.append(avatar(typist.kind, typist.name));
      typingRow.replaceChildren(slot, stack);
      if (stick) scrollToEnd();
    },

    scrollToEnd,
    nearBottom,
  };
}

export type MessageList = ReturnType<typeof createMessageList>;
