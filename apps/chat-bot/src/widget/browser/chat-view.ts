import type { ChatMessage, QuickReply } from '@loyaldesk/contracts/chat-events';
import type { UiStrings } from './ui-strings.ts';

const styles = `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft JhengHei", sans-serif; }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; border: 0; border-radius: 24px; padding: 12px 20px;
  background: #1f6feb; color: #fff; font-size: 15px; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.panel { position: fixed; right: 20px; bottom: 20px; z-index: 2147483001; width: min(370px, calc(100vw - 24px));
  height: min(560px, calc(100vh - 40px)); display: none; flex-direction: column; background: #fff; border-radius: 12px;
  box-shadow: 0 8px 30px rgba(0,0,0,.3); overflow: hidden; color: #1f2328; font-size: 14px; }
.panel.open { display: flex; }
header { display: flex; align-items: center; gap: 8px; padding: 10px 12px; background: #1f6feb; color: #fff; }
header .title { flex: 1; font-weight: 600; }
header button { background: transparent; border: 1px solid rgba(255,255,255,.6); color: #fff; border-radius: 6px; padding: 3px 8px; cursor: pointer; font-size: 12px; }
.status { padding: 6px 12px; background: #fff8c5; font-size: 12px; display: none; }
.status.shown { display: block; }
.messages { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #f6f8fa; }
.message { max-width: 85%; padding: 8px 10px; border-radius: 10px; white-space: pre-wrap; word-wrap: break-word; line-height: 1.4; }
.message.customer { align-self: flex-end; background: #1f6feb; color: #fff; }
.message.bot, .message.system { align-self: flex-start; background: #fff; border: 1px solid #d0d7de; }
.message.agent { align-self: flex-start; background: #dafbe1; border: 1px solid #aceebb; }
.message.pending { opacity: .6; }
.author { font-size: 11px; opacity: .7; margin-bottom: 2px; }
.note { align-self: center; font-size: 11px; color: #57606a; }
.typing { padding: 0 12px 4px; font-size: 12px; color: #57606a; min-height: 18px; background: #f6f8fa; }
.quick { display: flex; flex-wrap: wrap; gap: 6px; padding: 6px 12px; background: #f6f8fa; }
.quick button { border: 1px solid #1f6feb; color: #1f6feb; background: #fff; border-radius: 14px; padding: 4px 10px; cursor: pointer; font-size: 13px; }
form { display: flex; gap: 6px; padding: 8px; border-top: 1px solid #d0d7de; }
textarea { flex: 1; resize: none; height: 40px; border: 1px solid #d0d7de; border-radius: 8px; padding: 8px; font-size: 14px; }
form button { border: 0; border-radius: 8px; background: #1f6feb; color: #fff; padding: 0 14px; cursor: pointer; }
.error { color: #cf222e; font-size: 12px; padding: 0 12px 6px; background: #fff; }
`;

export interface ChatViewHandlers {
  send(text: string): void;
  quickReply(reply: QuickReply): void;
  typing(): void;
  endChat(): void;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The widget's DOM, in a shadow root so the shop's CSS and ours never meet. Text is always set
 * with textContent: nothing a shopper or agent writes is parsed as HTML.
 */
export function createChatView(host: HTMLElement, strings: UiStrings, maxLength: number, handlers: ChatViewHandlers) {
  const root = host.attachShadow({ mode: 'open' });
  root.append(element('style', undefined, styles));
  const launcher = element('button', 'launcher', strings.launcher);
  launcher.type = 'button';
  const panel = element('div', 'panel');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', strings.title);
  const header = element('header');
  const endButton = element('button', undefined, strings.endChat);
  endButton.type = 'button';
  const closeButton = element('button', undefined, '×');
  closeButton.type = 'button';
  closeButton.setAttribute('aria-label', strings.close);
  header.append(element('span', 'title', strings.title), endButton, closeButton);
  const status = element('div', 'status');
  const list = element('div', 'messages');
  list.setAttribute('aria-live', 'polite');
  const typingLine = element('div', 'typing');
  const quick = element('div', 'quick');
  const errorLine = element('div', 'error');
  const form = element('form');
  const input = element('textarea');
  input.placeholder = strings.placeholder;
  input.maxLength = maxLength;
  input.setAttribute('aria-label', strings.placeholder);
  const sendButton = element('button', undefined, strings.send);
  sendButton.type = 'submit';
  form.append(input, sendButton);
  panel.append(header, status, list, typingLine, quick, errorLine, form);
  root.append(launcher, panel);

  const shown = new Map<string, HTMLElement>();
  let onOpen: () => void = () => undefined;

  launcher.addEventListener('click', () => {
    panel.classList.add('open');
    launcher.style.display = 'none';
    onOpen();
    input.focus();
  });
  closeButton.addEventListener('click', () => {
    panel.classList.remove('open');
    launcher.style.display = '';
  });
  endButton.addEventListener('click', () => handlers.endChat());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    handlers.send(text);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener('input', () => handlers.typing());

  const scroll = (): void => {
    list.scrollTop = list.scrollHeight;
  };

  function renderQuickReplies(replies: readonly QuickReply[]): void {
    quick.replaceChildren(
      ...replies.map((reply) => {
        const button = element('button', undefined, reply.label);
        button.type = 'button';
        button.addEventListener('click', () => {
          quick.replaceChildren();
          handlers.quickReply(reply);
        });
        return button;
      }),
    );
  }

  return {
    /** Runs `callback` the first time the shopper opens the panel (the socket connects then). */
    whenOpened(callback: () => void): void {
      onOpen = () => {
        onOpen = () => undefined;
        callback();
      };
    },
    open(): void {
      launcher.click();
    },
    /** Adds or updates a message (by id); `localId` replaces an optimistic one once stored. */
    showMessage(message: ChatMessage, options: { pending?: boolean; localId?: string } = {}): void {
      const existing = shown.get(message.id) ?? (options.localId ? shown.get(options.localId) : undefined);
      const node = existing ?? element('div');
      node.className = `message ${message.author.kind}${options.pending ? ' pending' : ''}`;
      node.replaceChildren();
      if (message.author.kind === 'agent') node.append(element('div', 'author', message.author.name ?? strings.agent));
      node.append(document.createTextNode(message.body));
      if (options.localId) shown.delete(options.localId);
      shown.set(message.id, node);
      if (!existing) list.append(node);
      if (message.author.kind !== 'customer') {
        typingLine.textContent = '';
        renderQuickReplies(message.quickReplies ?? []);
      }
      scroll();
    },
    has(id: string): boolean {
      return shown.has(id);
    },
    clearMessages(): void {
      shown.clear();
      list.replaceChildren();
      quick.replaceChildren();
    },
    note(text: string): void {
      list.append(element('div', 'note', text));
      scroll();
    },
    setStatus(text: string | null): void {
      status.textContent = text ?? '';
      status.classList.toggle('shown', Boolean(text));
    },
    setTyping(text: string | null): void {
      typingLine.textContent = text ?? '';
    },
    setError(text: string | null): void {
      errorLine.textContent = text ?? '';
    },
  };
}

export type ChatView = ReturnType<typeof createChatView>;
