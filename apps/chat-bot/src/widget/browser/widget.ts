// The embeddable chat widget:
//   <script src="https://chat.example/widget.js" data-shop="my-shop" async></script>
// optional: data-shop-name="My Shop", data-accent="#0f6b5c", data-language="zh-Hant",
// data-identity-token="<token>"; any element with data-loyaldesk-open opens the chat.
// Bundled for the browser by esbuild (see ../build-widget.ts); plain TypeScript and socket.io-client.
import { io } from 'socket.io-client';
import { chatClientEvents, chatLimits, chatNamespace, chatServerEvents } from '@loyaldesk/contracts/chat-event-names';
import type { ChatMessage, ConversationState, QueuePositionEvent, QuickReply } from '@loyaldesk/contracts/chat-events';
import type { Language } from '@loyaldesk/contracts/language';
import { createChatView } from './chat-view.ts';
import {
  readAck,
  readChatError,
  readConversationReady,
  readConversationUpdated,
  readMessageAck,
  readMessageCreated,
  readQueuePosition,
  readTyping,
} from './server-events.ts';
import { uiStrings, widgetLanguage } from './ui-strings.ts';

interface Outgoing {
  clientId: string;
  text: string;
  quickReply?: string;
  at: string;
  failed: boolean;
  /** Automatic re-sends after the server said it could not store it yet. */
  resends: number;
}

// A message the server could not store (a database or Redis outage) is sent again by itself, same
// client id, after the wait the server names, this many times; then the shopper's retry button.
const maxAutomaticResends = 8;

// An acknowledgement comes after the message is stored; past this the shopper may retry (the
// same client id is stored once however often it is sent).
const ackTimeoutMs = 10_000;
const startTimeoutMs = 15_000;
// A typing indicator whose "stopped" event was lost must not stay forever.
const typingTimeoutMs = 15_000;

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
}

function randomId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** localStorage / sessionStorage that shrug when storage is blocked: the chat works, it just will not resume. */
function storedValue(storage: () => Storage, key: string) {
  return {
    read(): string | undefined {
      try {
        return storage().getItem(key) ?? undefined;
      } catch {
        return undefined;
      }
    },
    write(value: string | null): void {
      try {
        if (value === null) storage().removeItem(key);
        else storage().setItem(key, value);
      } catch {
        // see read
      }
    },
  };
}

function start(script: HTMLScriptElement | null): void {
  if (!script || document.querySelector('[data-loyaldesk-widget]')) return;
  const origin = new URL(script.src, location.href).origin;
  const shop = script.dataset['shop'] ?? 'default';
  const identityToken = script.dataset['identityToken'];
  // `||`, not `??`: a page without a lang attribute has documentElement.lang === ''.
  // The page's language until the server reports the conversation's (which follows what the shopper writes).
  let language = widgetLanguage(script.dataset['language'] || document.documentElement.lang || navigator.language);
  let strings = uiStrings(language);
  // The session token lives as long as the conversation (30 days); whether the panel is open only
  // for this tab, so the next page of the shop opens the chat where the shopper left it.
  const sessionToken = storedValue(() => localStorage, `loyaldesk-chat:${shop}`);
  const panelOpen = storedValue(() => sessionStorage, `loyaldesk-chat-open:${shop}`);

  // A custom element, not a div: page rules such as `div { … }` do not reach the host.
  const host = document.createElement('loyaldesk-chat');
  host.setAttribute('data-loyaldesk-widget', '');
  document.body.append(host);

  const outbox = new Map<string, Outgoing>();
  let ready = false;
  let state: ConversationState = 'bot';
  let queue: QueuePositionEvent | null = null;
  let unread = 0;
  let typingSentAt = 0;
  let typingStopTimer: ReturnType<typeof setTimeout> | undefined;
  let typingShownTimer: ReturnType<typeof setTimeout> | undefined;
  const socket = io(`${origin}${chatNamespace}`, { autoConnect: false, transports: ['websocket', 'polling'] });

  const view = createChatView(
    host,
    {
      strings,
      language,
      shopName: script.dataset['shopName'],
      accent: script.dataset['accent'],
      maxLength: chatLimits.messageLength,
    },
    {
      send: (text) => submit(text),
      retry: (id) => {
        const message = outbox.get(id);
        if (!message) return;
        message.failed = false;
        message.resends = 0;
        view.setDelivery(id, 'sending');
        view.setError(null);
        if (ready) deliver(message);
      },
      quickReply: (reply: QuickReply) => submit(reply.label, reply.payload),
      typing: () => {
        if (!ready) return;
        const now = Date.now();
        if (now - typingSentAt > 2000) {
          typingSentAt = now;
          socket.emit(chatClientEvents.typing, { typing: true });
        }
        clearTimeout(typingStopTimer);
        typingStopTimer = setTimeout(() => {
          typingSentAt = 0;
          if (ready) socket.emit(chatClientEvents.typing, { typing: false });
        }, 3000);
      },
      endChat: () => {
        if (ready) socket.emit(chatClientEvents.end, {});
      },
      openChanged: (open) => {
        panelOpen.write(open ? '1' : null);
        if (open) {
          unread = 0;
          view.setUnread(0);
          if (!socket.connected && !socket.active) socket.connect();
        }
      },
    },
  );

  function adoptLanguage(next: Language): void {
    if (next === language) return;
    language = next;
    strings = uiStrings(next);
    view.setLanguage(strings, next);
  }

  function localMessage(message: Outgoing): ChatMessage {
    return { id: message.clientId, author: { kind: 'customer' }, body: message.text, at: message.at };
  }

  function submit(text: string, quickReply?: string): void {
    view.setError(null);
    const message: Outgoing = {
      clientId: randomId(),
      text,
      ...(quickReply ? { quickReply } : {}),
      at: new Date().toISOString(),
      failed: false,
      resends: 0,
    };
    outbox.set(message.clientId, message);
    view.showMessage(localMessage(message), { delivery: 'sending' });
    if (ready) deliver(message);
  }

  function fail(message: Outgoing): void {
    message.failed = true;
    view.setDelivery(message.clientId, 'failed');
  }

  function deliver(message: Outgoing): void {
    const payload = {
      text: message.text,
      clientId: message.clientId,
      ...(message.quickReply ? { quickReply: message.quickReply } : {}),
    };
    socket.timeout(ackTimeoutMs).emit(chatClientEvents.sendMessage, payload, (timedOut: Error | null, raw: unknown) => {
      if (!outbox.has(message.clientId)) return; // confirmed by an earlier attempt
      if (timedOut) {
        // Offline: it goes again on reconnect. Online but unanswered: the shopper decides.
        if (socket.connected) fail(message);
        return;
      }
      const ack = readAck(raw, readMessageAck);
      if (ack && !ack.ok && ack.error.retryAfterSeconds !== undefined && message.resends < maxAutomaticResends) {
        message.resends++;
        setTimeout(() => {
          if (outbox.has(message.clientId) && socket.connected) deliver(message);
        }, ack.error.retryAfterSeconds * 1000);
        return;
      }
      if (!ack?.ok) {
        if (ack) showError(ack.error.code, ack.error.message, ack.error.field);
        fail(message);
        return;
      }
      message.resends = 0;
      outbox.delete(message.clientId);
      view.showMessage(
        { ...localMessage(message), id: ack.result.messageId },
        { replaces: message.clientId, delivery: 'sent' },
      );
    });
  }

  function showError(code: string, message: string, field?: string): void {
    if (code === 'loyaldesk:rate_limited' && field !== 'identityToken') view.setError(strings.slowDown);
    else if (code === 'loyaldesk:validation_failed' && field === 'text')
      view.setError(strings.tooLong(chatLimits.messageLength));
    else view.setError(message);
  }

  function setState(next: ConversationState, live: boolean): void {
    if (live && next === 'agent' && state === 'waiting') view.note(strings.withAgent);
    if (next !== 'waiting') queue = null;
    state = next;
    view.setState(next, queue);
  }

  socket.on('connect', () => {
    const token = sessionToken.read();
    const payload = {
      language,
      shop,
      ...(token ? { sessionToken: token } : {}),
      ...(identityToken ? { identityToken } : {}),
    };
    socket.timeout(startTimeoutMs).emit(chatClientEvents.start, payload, (timedOut: Error | null, raw: unknown) => {
      if (timedOut) {
        // Start over on a fresh connection rather than chat on a socket that never joined its room.
        socket.disconnect().connect();
        return;
      }
      const ack = readAck(raw, readConversationReady);
      if (!ack?.ok) {
        view.setError(ack ? ack.error.message : strings.reconnecting);
        return;
      }
      const conversation = ack.result;
      sessionToken.write(conversation.sessionToken);
      ready = true;
      adoptLanguage(conversation.language);
      view.clearMessages();
      if (conversation.earlierMessagesDropped > 0) view.note(strings.earlierDropped(conversation.earlierMessagesDropped));
      for (const message of conversation.messages)
        view.showMessage(message, message.author.kind === 'customer' ? { delivery: 'sent' } : {});
      queue = conversation.queue;
      // Notices that came while the shopper was away: the badge shows them until the panel opens.
      if (conversation.unreadCount && !view.isOpen()) {
        unread += conversation.unreadCount;
        view.setUnread(unread);
      }
      setState(conversation.state, false);
      view.setConnection('online', null);
      view.setError(null);
      // Messages written while offline go now, under the same client ids (stored once on the server).
      for (const message of outbox.values()) {
        view.showMessage(localMessage(message), { delivery: message.failed ? 'failed' : 'sending' });
        if (!message.failed) deliver(message);
      }
    });
  });
  socket.on('disconnect', (reason) => {
    ready = false;
    view.setTyping(null);
    view.setConnection('offline', strings.reconnecting);
    // The server closed this socket (e.g. an oversized frame): socket.io-client does not retry that by itself.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error: Error & { data?: unknown }) => {
    view.setConnection('offline', strings.reconnecting);
    // Refused by the server (too many connections from this network), not lost: socket.io-client
    // does not retry that by itself, so the widget does when the server says it may.
    const refusal = readChatError(error.data);
    if (!refusal || socket.active) return;
    showError(refusal.code, refusal.message, refusal.field);
    setTimeout(
      () => {
        if (!socket.connected && !socket.active) socket.connect();
      },
      (refusal.retryAfterSeconds ?? 5) * 1000,
    );
  });

  socket.on(chatServerEvents.messageCreated, (raw: unknown) => {
    const event = readMessageCreated(raw);
    if (!event || event.message.visibility === 'internal') return;
    const { message } = event;
    if (event.language) adoptLanguage(event.language);
    if (message.author.kind === 'customer') {
      view.showMessage(message, { delivery: 'sent' }); // written in another tab
      return;
    }
    clearTimeout(typingShownTimer);
    // An agent's reply is proof they took the ticket, even if conversation.updated comes later.
    if (message.author.kind === 'agent' && state === 'waiting') setState('agent', true);
    view.showMessage(message, { live: true });
    if (!view.isOpen()) {
      unread += 1;
      view.setUnread(unread);
    }
  });
  socket.on(chatServerEvents.typing, (raw: unknown) => {
    const event = readTyping(raw);
    if (!event) return;
    clearTimeout(typingShownTimer);
    view.setTyping(event.typing ? event.author : null);
    if (event.typing) typingShownTimer = setTimeout(() => view.setTyping(null), typingTimeoutMs);
  });
  socket.on(chatServerEvents.queuePosition, (raw: unknown) => {
    const event = readQueuePosition(raw);
    if (!event) return;
    queue = event;
    setState('waiting', true);
  });
  socket.on(chatServerEvents.conversationUpdated, (raw: unknown) => {
    const event = readConversationUpdated(raw);
    if (event) setState(event.state, true);
  });
  socket.on(chatServerEvents.error, (raw: unknown) => {
    const error = readChatError(raw);
    if (!error) return;
    const pending = error.clientId ? outbox.get(error.clientId) : undefined;
    // A refusal with a wait is re-sent by the acknowledgement's handler, not failed.
    if (error.retryAfterSeconds !== undefined && pending) return;
    if (pending) fail(pending);
    showError(error.code, error.message, error.field);
  });

  // Links such as "Chat with us" on the shop's own pages.
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-loyaldesk-open]') : null;
    if (!target) return;
    event.preventDefault();
    view.open(true);
  });

  // A shopper who already chatted: resume now (for unread counts), and reopen the panel if this
  // tab had it open, without taking focus from the page.
  if (sessionToken.read()) socket.connect();
  if (panelOpen.read()) view.open(false);
}

// document.currentScript is only set while this file runs, so it is read now, not on DOMContentLoaded.
const widgetScript = findScript();
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => start(widgetScript));
else start(widgetScript);
