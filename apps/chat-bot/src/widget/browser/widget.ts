// The embeddable chat widget: `<script src="https://chat.example/widget.js" data-shop="my-shop" async></script>`.
// Bundled for the browser by esbuild (see ../build-widget.ts); plain TypeScript and socket.io-client.
import { io } from 'socket.io-client';
import { chatClientEvents, chatLimits, chatNamespace, chatServerEvents } from '@loyaldesk/contracts/chat-event-names';
import type {
  ChatAck,
  ChatErrorEvent,
  ConversationReadyEvent,
  ConversationUpdatedEvent,
  MessageAckEvent,
  MessageCreatedEvent,
  QueuePositionEvent,
  QuickReply,
  TypingEvent,
} from '@loyaldesk/contracts/chat-events';
import { createChatView } from './chat-view.ts';
import { uiStrings, widgetLanguage } from './ui-strings.ts';

interface Outgoing {
  clientId: string;
  text: string;
  quickReply?: string;
}

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

function start(script: HTMLScriptElement | null): void {
  if (!script || document.querySelector('[data-loyaldesk-widget]')) return;
  const origin = new URL(script.src, location.href).origin;
  const shop = script.dataset['shop'] ?? 'default';
  const identityToken = script.dataset['identityToken'];
  const language = widgetLanguage(script.dataset['language'] ?? document.documentElement.lang ?? navigator.language);
  const strings = uiStrings(language);
  const storageKey = `loyaldesk-chat:${shop}`;
  const readToken = (): string | undefined => {
    try {
      return localStorage.getItem(storageKey) ?? undefined;
    } catch {
      return undefined; // storage blocked: the chat still works, it just will not resume
    }
  };
  const writeToken = (token: string): void => {
    try {
      localStorage.setItem(storageKey, token);
    } catch {
      // see readToken
    }
  };

  const host = document.createElement('div');
  host.setAttribute('data-loyaldesk-widget', '');
  document.body.append(host);

  const unsent: Outgoing[] = [];
  let ready = false;
  let typingSentAt = 0;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  const socket = io(`${origin}${chatNamespace}`, { autoConnect: false, transports: ['websocket', 'polling'] });

  const view = createChatView(host, strings, chatLimits.messageLength, {
    send: (text) => submit({ clientId: randomId(), text }),
    quickReply: (reply: QuickReply) => submit({ clientId: randomId(), text: reply.label, quickReply: reply.payload }),
    typing: () => {
      if (!ready) return;
      const now = Date.now();
      if (now - typingSentAt > 2000) {
        typingSentAt = now;
        socket.emit(chatClientEvents.typing, { typing: true });
      }
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => {
        typingSentAt = 0;
        socket.emit(chatClientEvents.typing, { typing: false });
      }, 3000);
    },
    endChat: () => {
      if (ready) socket.emit(chatClientEvents.end, {});
    },
  });

  function submit(message: Outgoing): void {
    view.setError(null);
    view.showMessage(
      { id: message.clientId, author: { kind: 'customer' }, body: message.text, at: new Date().toISOString() },
      { pending: true },
    );
    unsent.push(message);
    if (ready) deliver(message);
    else view.setError(strings.notSent);
  }

  function deliver(message: Outgoing): void {
    const payload = {
      text: message.text,
      clientId: message.clientId,
      ...(message.quickReply ? { quickReply: message.quickReply } : {}),
    };
    socket.emit(chatClientEvents.sendMessage, payload, (response: ChatAck<MessageAckEvent>) => {
      if (!response.ok) return;
      const index = unsent.findIndex((item) => item.clientId === message.clientId);
      if (index >= 0) unsent.splice(index, 1);
      view.showMessage(
        { id: response.messageId, author: { kind: 'customer' }, body: message.text, at: new Date().toISOString() },
        { localId: message.clientId },
      );
    });
  }

  function showState(state: ConversationReadyEvent['state'], queue: QueuePositionEvent | null): void {
    if (queue && state === 'waiting') {
      view.setStatus(
        strings.queuePosition(
          queue.position,
          queue.expectedWaitSeconds === null ? null : Math.max(1, Math.round(queue.expectedWaitSeconds / 60)),
        ),
      );
    } else if (state === 'waiting') view.setStatus(strings.waiting);
    else if (state === 'agent') view.setStatus(strings.withAgent);
    else if (state === 'closed') view.setStatus(strings.closed);
    else view.setStatus(null);
  }

  socket.on('connect', () => {
    view.setStatus(strings.connecting);
    const token = readToken();
    const payload = {
      language,
      shop,
      ...(token ? { sessionToken: token } : {}),
      ...(identityToken ? { identityToken } : {}),
    };
    socket.emit(chatClientEvents.start, payload, (response: ChatAck<ConversationReadyEvent>) => {
      if (!response.ok) {
        view.setError(response.error.message);
        return;
      }
      writeToken(response.sessionToken);
      ready = true;
      view.clearMessages();
      if (response.earlierMessagesDropped > 0) view.note(strings.earlierDropped(response.earlierMessagesDropped));
      for (const message of response.messages) view.showMessage(message);
      showState(response.state, response.queue);
      // Messages typed while offline go now, under the same client ids (stored once on the server).
      for (const message of unsent) {
        view.showMessage(
          { id: message.clientId, author: { kind: 'customer' }, body: message.text, at: new Date().toISOString() },
          { pending: true },
        );
        deliver(message);
      }
      view.setError(null);
    });
  });
  socket.on('disconnect', () => {
    ready = false;
    view.setStatus(strings.reconnecting);
  });
  socket.on(chatServerEvents.messageCreated, (event: MessageCreatedEvent) => {
    if (event.message.visibility === 'internal') return;
    view.showMessage(event.message);
  });
  socket.on(chatServerEvents.typing, (event: TypingEvent) => {
    view.setTyping(
      event.typing
        ? event.author.kind === 'agent'
          ? strings.agentTyping(event.author.name)
          : strings.botTyping
        : null,
    );
  });
  socket.on(chatServerEvents.queuePosition, (event: QueuePositionEvent) => showState('waiting', event));
  socket.on(chatServerEvents.conversationUpdated, (event: ConversationUpdatedEvent) => showState(event.state, null));
  socket.on(chatServerEvents.error, (error: ChatErrorEvent) => {
    if (error.code === 'loyaldesk:rate_limited') view.setError(strings.slowDown);
    else if (error.field === 'text' && error.code === 'loyaldesk:validation_failed')
      view.setError(strings.tooLong(chatLimits.messageLength));
    else view.setError(error.message);
  });

  view.whenOpened(() => socket.connect());
  // Resume straight away for a shopper who already chatted (e.g. after a reload).
  if (readToken()) view.open();
}

// document.currentScript is only set while this file runs, so it is read now, not on DOMContentLoaded.
const widgetScript = findScript();
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => start(widgetScript));
else start(widgetScript);
