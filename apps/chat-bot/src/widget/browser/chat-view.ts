import type { ChatMessage, ConversationState, QueuePositionEvent, QuickReply } from '@loyaldesk/contracts/chat-events';
import type { Language } from '@loyaldesk/contracts/language';
import { initials } from './author.ts';
import { button, element, icon, icons } from './dom.ts';
import { createMessageList, type Delivery, type Typist } from './message-list.ts';
import { createQuickReplies } from './quick-replies.ts';
import { widgetPalette, widgetStyles } from './styles.ts';
import type { UiStrings } from './ui-strings.ts';

export interface ChatViewHandlers {
  send(text: string): void;
  retry(id: string): void;
  quickReply(reply: QuickReply): void;
  typing(): void;
  endChat(): void;
  /** The panel was opened or closed (by the shopper or by the widget). */
  openChanged(open: boolean): void;
}

export interface ChatViewOptions {
  strings: UiStrings;
  language: Language;
  /** The shop's name for the header (`data-shop-name`). */
  shopName: string | undefined;
  /** The shop's colour (`data-accent`, `#rrggbb`). */
  accent: string | undefined;
  maxLength: number;
}

export type Connection = 'connecting' | 'online' | 'offline';

// At this width and below the panel covers the screen (styles.ts), so it behaves as a modal dialog.
const fullScreenQuery = '(max-width: 480px)';

/**
 * The widget's DOM, in a shadow root so the shop's CSS and ours never meet: a launcher with an
 * unread badge, and a dialog with a header (shop, assistant or agent, online state), the waiting
 * banner, the transcript, quick replies or a survey scale, and the composer.
 */
export function createChatView(host: HTMLElement, options: ChatViewOptions, handlers: ChatViewHandlers) {
  let { strings, language } = options;
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.append(element('style', undefined, widgetStyles(widgetPalette(options.accent))));
  const root = element('div', 'root');
  root.lang = language;

  const launcher = button('launcher');
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'loyaldesk-panel');
  const badge = element('span', 'badge');
  badge.hidden = true;
  badge.setAttribute('aria-hidden', 'true'); // the launcher's name carries the count
  launcher.append(icon(icons.chat, 28, 'when-closed'), icon(icons.chevronDown, 32, 'when-open'), badge);

  const panel = element('div', 'panel');
  panel.id = 'loyaldesk-panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-labelledby', 'loyaldesk-title');
  panel.setAttribute('aria-describedby', 'loyaldesk-sub');

  // Header: who the shopper is talking to, and whether they are there.
  const header = element('div', 'header');
  const headerAvatar = element('span', 'avatar');
  headerAvatar.setAttribute('aria-hidden', 'true');
  const who = element('div', 'who');
  const title = element('h2');
  title.id = 'loyaldesk-title';
  const sub = element('p', 'sub');
  sub.id = 'loyaldesk-sub';
  const dot = element('span', 'dot');
  dot.setAttribute('aria-hidden', 'true');
  const subText = element('span');
  sub.append(dot, subText);
  who.append(title, sub);
  // Ending the chat (which asks for a rating) is a quiet link under the composer, not a header
  // button competing with the shop's name.
  const footer = element('div', 'footer');
  footer.hidden = true;
  const endButton = button('link');
  footer.append(endButton);
  const closeButton = button('icon-button');
  closeButton.append(icon(icons.close, 22));
  header.append(headerAvatar, who, closeButton);

  const connectionBar = element('div', 'connection');
  connectionBar.setAttribute('role', 'status');
  connectionBar.hidden = true;

  const queueBanner = element('div', 'queue');
  queueBanner.setAttribute('role', 'status'); // a new place in line is read out as it changes
  queueBanner.hidden = true;
  const queueText = element('div');
  const pulse = element('span', 'pulse');
  pulse.setAttribute('aria-hidden', 'true');
  queueBanner.append(pulse, queueText);

  const list = createMessageList(strings, language, (id) => handlers.retry(id));
  const quick = createQuickReplies(strings, (reply) => handlers.quickReply(reply));
  const errorLine = element('div', 'error');
  errorLine.setAttribute('role', 'alert');

  const form = element('form', 'composer');
  const field = element('div', 'field');
  const inputLabel = element('label', 'sr-only');
  inputLabel.htmlFor = 'loyaldesk-input';
  const input = element('textarea');
  input.id = 'loyaldesk-input';
  input.rows = 1;
  input.maxLength = options.maxLength;
  input.enterKeyHint = 'send';
  field.append(inputLabel, input);
  const sendButton = button('send');
  sendButton.type = 'submit';
  sendButton.append(icon(icons.send, 20));
  form.append(field, sendButton);

  // One polite live region, fed only with messages that arrive live: re-rendering the history
  // after a reconnect must not read the whole conversation out again.
  const announcer = element('div', 'sr-only');
  announcer.setAttribute('aria-live', 'polite');
  announcer.setAttribute('aria-atomic', 'true');

  panel.append(header, connectionBar, queueBanner, list.element, quick.element, errorLine, form, footer);
  root.append(launcher, panel, announcer);
  shadow.append(root);

  let opened = false;
  let state: ConversationState = 'bot';
  let agentName: string | undefined;
  let connection: Connection = 'connecting';
  let unread = 0;
  let shopperWrote = false;
  let queue: QueuePositionEvent | null = null;

  /** The widget's own words (the transcript's are the bot's and agents'), in `language`. */
  function renderChrome(): void {
    root.lang = language;
    title.textContent = options.shopName ?? strings.title;
    endButton.textContent = strings.endChat;
    closeButton.setAttribute('aria-label', strings.close);
    inputLabel.textContent = strings.inputLabel;
    input.placeholder = strings.placeholder;
    sendButton.setAttribute('aria-label', strings.send);
  }
  renderChrome();

  function renderHeader(): void {
    const withAgent = state === 'agent' || (state === 'closed' && agentName !== undefined);
    headerAvatar.replaceChildren();
    if (withAgent) headerAvatar.textContent = initials(agentName ?? strings.agent);
    else headerAvatar.append(icon(icons.bot, 22));
    const name = withAgent ? (agentName ?? strings.agent) : strings.assistant;
    const status =
      connection === 'offline'
        ? strings.offlineStatus
        : state === 'waiting'
          ? strings.waitingStatus
          : state === 'closed'
            ? strings.closedStatus
            : withAgent
              ? strings.agentStatus
              : strings.assistantStatus;
    subText.textContent = `${name} · ${status}`;
    dot.classList.toggle('off', connection !== 'online' || state === 'closed');
    footer.hidden = state !== 'bot' || !shopperWrote;
  }
  renderHeader();

  function renderLauncher(): void {
    badge.textContent = unread > 9 ? '9+' : String(unread);
    badge.hidden = unread === 0 || opened;
    launcher.setAttribute('aria-label', unread > 0 && !opened ? strings.launcherUnread(unread) : strings.launcher);
  }
  renderLauncher();

  function renderQueue(): void {
    queueBanner.hidden = state !== 'waiting';
    if (state !== 'waiting') return;
    const minutes =
      queue && queue.expectedWaitSeconds !== null ? Math.max(1, Math.round(queue.expectedWaitSeconds / 60)) : null;
    const place = element('strong', undefined, queue ? strings.queuePlace(queue.position) : strings.waiting);
    queueText.replaceChildren(
      place,
      element('span', undefined, strings.queueWait(minutes)),
      element('p', 'hint', strings.queueHint),
    );
  }

  const fullScreen = (): boolean => window.matchMedia(fullScreenQuery).matches;

  function open(focus: boolean): void {
    if (!opened) {
      opened = true;
      root.classList.add('open');
      launcher.setAttribute('aria-expanded', 'true');
      panel.setAttribute('aria-modal', String(fullScreen()));
      renderLauncher();
      list.scrollToEnd();
      handlers.openChanged(true);
    }
    if (focus) input.focus();
  }

  function close(): void {
    if (!opened) return;
    opened = false;
    root.classList.remove('open');
    launcher.setAttribute('aria-expanded', 'false');
    renderLauncher();
    handlers.openChanged(false);
    launcher.focus();
  }

  launcher.addEventListener('click', () => (opened ? close() : open(true)));
  closeButton.addEventListener('click', close);
  endButton.addEventListener('click', () => handlers.endChat());
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && opened) {
      event.stopPropagation();
      close();
      return;
    }
    // Full screen, the page behind is hidden: keep Tab inside the dialog.
    if (event.key === 'Tab' && opened && fullScreen()) {
      const focusable = Array.from(panel.querySelectorAll<HTMLElement>('button, textarea, [tabindex="0"]')).filter(
        (node) => !node.hidden && node.offsetParent !== null,
      );
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && shadow.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && shadow.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  });

  function grow(): void {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    grow();
    handlers.send(text);
  });
  input.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter is a new line; never while an IME is composing (Chinese input).
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener('input', () => {
    grow();
    handlers.typing();
  });

  let announceTimer: ReturnType<typeof setTimeout> | undefined;
  function announce(text: string): void {
    // Emptied first so the same words twice are still read twice.
    announcer.textContent = '';
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      announcer.textContent = text;
    }, 50);
  }

  return {
    open: (focus = true) => open(focus),
    close,
    isOpen: (): boolean => opened,

    /** Adds or updates a message; `live` ones (not history) are announced and update the header. */
    showMessage(
      message: ChatMessage,
      options: { delivery?: Delivery; replaces?: string; live?: boolean } = {},
    ): void {
      const stick = list.nearBottom();
      list.show(message, options);
      const kind = message.author.kind;
      if (kind === 'agent') {
        agentName = message.author.name ?? agentName;
        renderHeader();
      }
      if (kind === 'customer') {
        if (!options.replaces) quick.clear();
        if (!shopperWrote) {
          shopperWrote = true;
          renderHeader();
        }
        return;
      }
      list.setTyping(null);
      quick.show(message.quickReplies ?? []);
      // The buttons take room from the transcript: keep its newest message in view.
      if (stick) list.scrollToEnd();
      if (options.live) {
        const author = kind === 'agent' ? (message.author.name ?? strings.agent) : strings.assistant;
        announce(strings.announce(author, message.body));
      }
    },
    setDelivery: (id: string, delivery: Delivery) => list.setDelivery(id, delivery),
    messageBody: (id: string) => list.body(id),
    clearMessages(): void {
      list.clear();
      quick.clear();
      shopperWrote = false;
    },
    note: (text: string) => list.note(text),
    setTyping(typist: Typist | null): void {
      if (typist?.kind === 'agent' && typist.name) {
        agentName = typist.name;
        renderHeader();
      }
      list.setTyping(typist);
    },
    setState(next: ConversationState, standing: QueuePositionEvent | null): void {
      state = next;
      queue = standing;
      renderHeader();
      renderQueue();
    },
    /** The conversation's language (as the server reports it): every word of the widget's own follows. */
    setLanguage(nextStrings: UiStrings, nextLanguage: Language): void {
      if (nextLanguage === language) return;
      strings = nextStrings;
      language = nextLanguage;
      renderChrome();
      renderHeader();
      renderLauncher();
      renderQueue();
      list.setLocale(strings, language);
      quick.setStrings(strings);
    },
    setConnection(next: Connection, text: string | null): void {
      connection = next;
      renderHeader();
      connectionBar.textContent = text ?? '';
      connectionBar.hidden = !text;
    },
    setError(text: string | null): void {
      errorLine.textContent = text ?? '';
    },
    setUnread(count: number): void {
      unread = count;
      renderLauncher();
    },
  };
}

export type ChatView = ReturnType<typeof createChatView>;
