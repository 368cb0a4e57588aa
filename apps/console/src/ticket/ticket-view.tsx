import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignedInAgent } from '@loyaldesk/contracts/agents-api';
import {
  agentClientEvents,
  agentServerEvents,
  agentTypingEventSchema,
  shopperTypingEventSchema,
  ticketMessageCreatedEventSchema,
  ticketUpdatedEventSchema,
} from '@loyaldesk/contracts/agents-events';
import { ticketDetailResponseSchema, ticketResponseSchema, type Ticket } from '@loyaldesk/contracts/tickets-api';
import { ApiError, apiRequest } from '../api/client.ts';
import { navigate } from '../app/router.ts';
import type { TicketCommand } from '../app/shortcuts.ts';
import { useNow } from '../app/use-now.ts';
import { formatDateTime, formatMinutes, formatTime, initials } from '../format/format.ts';
import { currentLanguage, localeOf } from '../i18n/i18n.ts';
import { useLive, useLiveEvent, useWatchTicket } from '../live/live-socket.tsx';
import { SlaCountdown, TierBadge } from '../queue/badges.tsx';
import { mergeMessages, storedCopyOf, withDeliveryStates, type ShownMessage } from './conversation-state.ts';
import { CustomerSidebar } from './customer-sidebar.tsx';
import { ticketDetailOf, type TicketDetail } from './ticket-detail.ts';

type Composer = 'reply' | 'note';
type Action = 'claim' | 'release' | 'pending' | 'resolve' | 'reopen' | 'close';

async function loadDetail(ticketId: string): Promise<TicketDetail> {
  return ticketDetailOf(await apiRequest(ticketDetailResponseSchema, 'GET', `/api/tickets/${ticketId}`));
}

function MessageBubble({ message, locale, onRetry }: { message: ShownMessage; locale: string; onRetry: (message: ShownMessage) => void }) {
  const { t } = useTranslation();
  const kind = message.visibility === 'internal' ? 'note' : message.author.kind;
  const who =
    message.visibility === 'internal'
      ? `${message.author.name ?? t('ticket.internal')} · ${t('ticket.internal')}`
      : message.author.kind === 'customer'
        ? t('ticket.shopper')
        : message.author.kind === 'bot'
          ? t('ticket.bot')
          : message.author.kind === 'system'
            ? t('ticket.system')
            : (message.author.name ?? message.author.id ?? '');
  return (
    <li className={`message message-${kind}`} data-message-id={message.id}>
      <div className="message-head">
        <span className="avatar tiny" aria-hidden="true">
          {message.author.kind === 'bot' ? 'AI' : initials(who)}
        </span>
        <span className="message-author">{who}</span>
        <time dateTime={message.at}>{formatTime(message.at, locale)}</time>
      </div>
      <div className="message-body">{message.body}</div>
      {message.delivery ? (
        message.delivery === 'failed' ? (
          <button type="button" className="delivery failed link-button" onClick={() => onRetry(message)}>
            {t('ticket.failed')}
          </button>
        ) : (
          <span className={`delivery ${message.delivery}`}>{t(`ticket.${message.delivery}`)}</span>
        )
      ) : null}
    </li>
  );
}

/** One ticket: the live conversation, reply and internal notes, lifecycle actions, customer 360. */
export function TicketView({
  ticketId,
  agent,
  command,
  onChanged,
}: {
  ticketId: string;
  agent: SignedInAgent;
  command: TicketCommand | null;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = localeOf[currentLanguage()];
  const now = useNow(10_000);
  const { socket } = useLive();
  const [detail, setDetail] = useState<TicketDetail | null>(null);
  const [messages, setMessages] = useState<ShownMessage[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [composer, setComposer] = useState<Composer>('reply');
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState<Action | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [shopperTyping, setShopperTyping] = useState(false);
  const [agentTyping, setAgentTyping] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const listEnd = useRef<HTMLLIElement>(null);
  const typingSentAt = useRef(0);
  const lastCommand = useRef<number>(command?.seq ?? 0);

  useWatchTicket(ticketId);

  const applyTicket = useCallback((ticket: Ticket) => {
    setDetail((current) => (current ? { ...current, ticket } : current));
    setMessages((shown) => {
      const ids = new Set(shown.map((message) => message.id));
      // Local messages whose stored copy arrived are replaced by it.
      const remaining = shown.filter((message) => {
        if (!message.localId) return true;
        return !storedCopyOf(message, ticket.messages, ids);
      });
      return mergeMessages(remaining, ticket.messages);
    });
  }, []);

  const reload = useCallback(async () => {
    try {
      const loaded = await loadDetail(ticketId);
      setDetail(loaded);
      setMessages((shown) => mergeMessages(shown.filter((message) => message.localId && message.delivery !== 'sent'), loaded.ticket.messages));
      setError(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }, [ticketId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useLiveEvent(agentServerEvents.messageCreated, ticketMessageCreatedEventSchema, (event) => {
    if (event.ticketId !== ticketId) return;
    if (event.message.author.kind === 'customer') setShopperTyping(false);
    setMessages((shown) => {
      const ids = new Set(shown.map((message) => message.id));
      const local = shown.find((message) => message.localId && storedCopyOf(message, [event.message], ids));
      const remaining = local ? shown.filter((message) => message !== local) : shown;
      return mergeMessages(remaining, [event.message]);
    });
  });
  useLiveEvent(agentServerEvents.ticketUpdated, ticketUpdatedEventSchema, (summary) => {
    if (summary.id !== ticketId) return;
    const current = detail?.ticket;
    if (!current || summary.version > current.version) void reload();
  });
  useLiveEvent(agentServerEvents.shopperTyping, shopperTypingEventSchema, (event) => {
    if (event.ticketId === ticketId) setShopperTyping(event.typing);
  });
  useLiveEvent(agentServerEvents.typing, agentTypingEventSchema, (event) => {
    if (event.ticketId === ticketId && event.agentId !== agent.id) setAgentTyping(event.typing ? event.name : null);
  });

  // A shopper who stops typing without sending: clear the indicator after a while.
  useEffect(() => {
    if (!shopperTyping) return;
    const timer = setTimeout(() => setShopperTyping(false), 8000);
    return () => clearTimeout(timer);
  }, [shopperTyping]);

  useEffect(() => {
    listEnd.current?.scrollIntoView({ block: 'end' });
  }, [messages.length, shopperTyping]);

  const ticket = detail?.ticket ?? null;
  const mine = ticket?.assigneeId === agent.id;
  const isManager = agent.role !== 'agent';
  const canWrite = ticket !== null && (ticket.status === 'assigned' || ticket.status === 'pending' || ticket.status === 'open');
  const canReply = canWrite && (mine || isManager);

  const act = useCallback(
    async (action: Action) => {
      setBusy(action);
      setActionError(null);
      try {
        const { ticket: updated } = await apiRequest(ticketResponseSchema, 'POST', `/api/tickets/${ticketId}/${action}`);
        applyTicket(updated);
        onChanged();
        if (action === 'release') navigate('/');
      } catch (caught) {
        setActionError(caught instanceof ApiError ? caught.message : String(caught));
      } finally {
        setBusy(null);
      }
    },
    [ticketId, applyTicket, onChanged],
  );

  const send = useCallback(
    async (body: string, kind: Composer, retryOf?: ShownMessage) => {
      const localId = retryOf?.localId ?? `local-${Date.now()}-${Math.random().toString(16).slice(2)}`;
      const local: ShownMessage = {
        id: localId,
        localId,
        author: { kind: 'agent', id: agent.id, name: agent.name },
        visibility: kind === 'note' ? 'internal' : 'public',
        body,
        at: new Date().toISOString(),
        delivery: 'sending',
      };
      setMessages((shown) => mergeMessages(shown.filter((message) => message.id !== localId), [local]).map((m) => (m.id === localId ? { ...m, delivery: 'sending' as const } : m)));
      try {
        const path = `/api/tickets/${ticketId}/${kind === 'note' ? 'notes' : 'reply'}`;
        // The local id names the message to the server: a retry (automatic after a 503, or the
        // agent's) is stored once, and reaches the shopper once.
        const { ticket: updated } = await withRetriesWhileUnavailable(() =>
          apiRequest(ticketResponseSchema, 'POST', path, { body, clientMessageId: localId }),
        );
        setMessages((shown) => shown.filter((message) => message.id !== localId));
        applyTicket(updated);
        onChanged();
      } catch (caught) {
        setMessages((shown) => shown.map((message) => (message.id === localId ? { ...message, delivery: 'failed' as const } : message)));
        setActionError(caught instanceof ApiError ? caught.message : String(caught));
      }
    },
    [agent.id, agent.name, ticketId, applyTicket, onChanged],
  );

  function submit(event?: FormEvent): void {
    event?.preventDefault();
    const body = draft.trim();
    if (!body) return;
    setDraft('');
    if (composer === 'reply') socket?.emit(agentClientEvents.typing, { ticketId, typing: false });
    void send(body, composer);
  }

  function onDraftKey(event: ReactKeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  }

  function onDraftChange(value: string): void {
    setDraft(value);
    if (composer !== 'reply' || !socket) return;
    const at = Date.now();
    if (at - typingSentAt.current > 2500) {
      typingSentAt.current = at;
      socket.emit(agentClientEvents.typing, { ticketId, typing: true });
    }
  }

  // Keyboard shortcuts routed from the workspace.
  useEffect(() => {
    if (!command || command.seq === lastCommand.current) return;
    lastCommand.current = command.seq;
    if (command.action === 'focusReply' || command.action === 'focusNote') {
      setComposer(command.action === 'focusNote' ? 'note' : 'reply');
      setTimeout(() => textarea.current?.focus(), 0);
    } else if (command.action === 'resolve' && ticket && ticket.status !== 'resolved' && ticket.status !== 'closed') {
      void act('resolve');
    } else if (command.action === 'pending' && ticket?.status === 'assigned') {
      void act('pending');
    }
  }, [command, ticket, act]);

  if (error && !detail) {
    return (
      <section className="ticket-view">
        <p className="form-error" role="alert">
          {t('app.error', { message: error })}
        </p>
      </section>
    );
  }
  if (!ticket || !detail) {
    return (
      <section className="ticket-view" aria-busy="true">
        <p className="muted pad">{t('app.loading')}</p>
      </section>
    );
  }

  const shown = withDeliveryStates(messages);
  const breakdown = ticket.breakdown;

  return (
    <>
      <section className="ticket-view" aria-labelledby="ticket-title">
        <header className="ticket-header">
          <div className="ticket-title-row">
            <button type="button" className="icon-button back" onClick={() => navigate('/')} aria-label={t('ticket.back')}>
              ←
            </button>
            <h2 id="ticket-title">{ticket.subject}</h2>
          </div>
          <div className="ticket-facts">
            <span className={`status-pill status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span>
            <TierBadge tier={ticket.breakdown.tier} />
            <span className="chip">{t(`issueKind.${ticket.issueKind}`)}</span>
            <span className="chip">{t(`ticket.channel.${ticket.channel === 'web' || ticket.channel === 'email' ? ticket.channel : 'chat'}`)}</span>
            <span className="chip">{t(`languageName.${ticket.language}`)}</span>
            {ticket.shopperVerification ? (
              <span className={`chip${ticket.shopperVerification === 'verified' ? ' success' : ''}`}>
                {t(`ticket.shopperVerification.${ticket.shopperVerification}`)}
              </span>
            ) : null}
            {(ticket.namedOrders ?? []).map((order) => (
              <span key={order.number} className={`chip${order.verified ? ' success' : ''}`}>
                {t(`ticket.namedOrder.${order.verified ? 'verified' : 'unverified'}`, { number: order.number })}
              </span>
            ))}
            {ticket.assigneeId ? (
              <span className="muted small">{t('ticket.assignedTo', { name: ticket.assigneeId === agent.id ? t('queue.you') : ticket.assigneeId })}</span>
            ) : null}
            {detail.placeInLine ? <span className="muted small">{t('ticket.placeInLine', { position: detail.placeInLine.position })}</span> : null}
            {ticket.survey?.csat ? <span className="chip success">{t('ticket.rated', { csat: ticket.survey.csat })}</span> : null}
          </div>
          <div className="ticket-actions" role="toolbar" aria-label={t('ticket.actions')}>
            {ticket.status === 'open' ? (
              <button type="button" className="button primary" disabled={busy !== null} onClick={() => void act('claim')}>
                {t('ticket.claim')}
              </button>
            ) : null}
            {ticket.status === 'assigned' ? (
              <button type="button" className="button" disabled={busy !== null} onClick={() => void act('pending')} aria-keyshortcuts="p">
                {t('ticket.pending')}
              </button>
            ) : null}
            {ticket.status === 'assigned' || ticket.status === 'pending' ? (
              <>
                <button type="button" className="button" disabled={busy !== null} onClick={() => void act('release')}>
                  {t('ticket.release')}
                </button>
                <button type="button" className="button success" disabled={busy !== null} onClick={() => void act('resolve')} aria-keyshortcuts="e">
                  {t('ticket.resolve')}
                </button>
              </>
            ) : null}
            {ticket.status === 'resolved' || ticket.status === 'closed' ? (
              <button type="button" className="button" disabled={busy !== null} onClick={() => void act('reopen')}>
                {t('ticket.reopen')}
              </button>
            ) : null}
            {ticket.status === 'resolved' ? (
              <button type="button" className="button ghost" disabled={busy !== null} onClick={() => void act('close')}>
                {t('ticket.close')}
              </button>
            ) : null}
          </div>
          {actionError ? (
            <p className="form-error" role="alert">
              {actionError}
            </p>
          ) : null}
        </header>

        <div className="ranking-strip">
          <span className="ranking-label">{t('ticket.ranking')}</span>
          <span className="ranking-text">{ticket.explanation}</span>
          <span className="ranking-sla">
            {t('ticket.firstReplyDue')}:{' '}
            {ticket.firstRepliedAt ? (
              <span className="sla sla-ok">✓ {formatDateTime(ticket.firstRepliedAt, locale)}</span>
            ) : (
              <SlaCountdown deadline={ticket.deadline} now={now} breached={ticket.slaBreaches.firstResponse !== null} />
            )}
            {' · '}
            {t('ticket.resolutionDue')}:{' '}
            {ticket.resolvedAt ? (
              <span className="sla sla-ok">✓</span>
            ) : (
              <SlaCountdown deadline={ticket.resolutionDeadline} now={now} breached={ticket.slaBreaches.resolution !== null} />
            )}
            <span className="muted small"> ({formatMinutes(breakdown.targetMinutes)} / {formatMinutes(breakdown.resolutionTargetMinutes)})</span>
          </span>
        </div>

        <h3 className="visually-hidden">{t('ticket.conversation')}</h3>
        <ol className="conversation" aria-live="polite" aria-label={t('ticket.conversation')}>
          {shown.map((message) => (
            <MessageBubble key={message.id} message={message} locale={locale} onRetry={(failed) => void send(failed.body, failed.visibility === 'internal' ? 'note' : 'reply', failed)} />
          ))}
          <li ref={listEnd} className="conversation-end" aria-hidden="true" />
        </ol>
        <div className="typing-line" aria-live="polite">
          {shopperTyping && ticket.status !== 'resolved' && ticket.status !== 'closed' ? (
            <span className="typing">
              <span className="typing-dots" aria-hidden="true">
                <i />
                <i />
                <i />
              </span>
              {t('ticket.shopperTyping')}
            </span>
          ) : agentTyping ? (
            <span className="typing">{t('ticket.agentTyping', { name: agentTyping })}</span>
          ) : null}
        </div>

        <form className={`composer composer-${composer}`} onSubmit={submit}>
          <div className="composer-tabs" role="tablist" aria-label={t('ticket.reply')}>
            <button type="button" role="tab" aria-selected={composer === 'reply'} className={composer === 'reply' ? 'tab active' : 'tab'} onClick={() => setComposer('reply')}>
              {t('ticket.reply')} <kbd aria-hidden="true">R</kbd>
            </button>
            <button type="button" role="tab" aria-selected={composer === 'note'} className={composer === 'note' ? 'tab active' : 'tab'} onClick={() => setComposer('note')}>
              {t('ticket.note')} <kbd aria-hidden="true">I</kbd>
            </button>
          </div>
          {!canReply && composer === 'reply' ? (
            <p className="composer-notice">
              {canWrite ? t('ticket.notYours') : t('ticket.closedNotice', { status: t(`status.${ticket.status}`) })}
            </p>
          ) : null}
          <label className="visually-hidden" htmlFor="composer-text">
            {composer === 'reply' ? t('ticket.reply') : t('ticket.note')}
          </label>
          <textarea
            id="composer-text"
            ref={textarea}
            value={draft}
            onChange={(event) => onDraftChange(event.target.value)}
            onKeyDown={onDraftKey}
            placeholder={composer === 'reply' ? t('ticket.replyPlaceholder') : t('ticket.notePlaceholder')}
            disabled={composer === 'reply' ? !canReply : ticket.status === 'closed'}
            rows={3}
            maxLength={5000}
          />
          <div className="composer-foot">
            <span className="muted small">Ctrl+Enter</span>
            <button type="submit" className={composer === 'note' ? 'button note' : 'button primary'} disabled={!draft.trim() || (composer === 'reply' && !canReply)}>
              {composer === 'reply' ? t('ticket.send') : t('ticket.addNote')}
            </button>
          </div>
        </form>
      </section>
      <CustomerSidebar customer={detail.customer} order={detail.order} ticket={ticket} locale={locale} />
    </>
  );
}

/** Runs `request` again while the server answers 503 (an outage), a few times, waiting a little longer each time. */
async function withRetriesWhileUnavailable<T>(request: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (caught) {
      if (!(caught instanceof ApiError) || caught.status !== 503 || attempt >= attempts) throw caught;
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}
