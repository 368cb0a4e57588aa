import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignedInAgent } from '@loyaldesk/contracts/agents-api';
import {
  agentServerEvents,
  queueChangedEventSchema,
  slaBreachedEventSchema,
  ticketClaimedEventSchema,
  ticketUpdatedEventSchema,
} from '@loyaldesk/contracts/agents-events';
import { languages } from '@loyaldesk/contracts/language';
import {
  claimNextResponseSchema,
  ticketListResponseSchema,
  ticketStatuses,
  type TicketSummary,
} from '@loyaldesk/contracts/tickets-api';
import { tiers } from '@loyaldesk/contracts/tier';
import { ApiError, apiRequest } from '../api/client.ts';
import { navigate } from '../app/router.ts';
import { isTextField, shortcutFor, type TicketCommand } from '../app/shortcuts.ts';
import { useNow } from '../app/use-now.ts';
import { formatDuration, topPercent } from '../format/format.ts';
import { useLiveEvent } from '../live/live-socket.tsx';
import { TicketView } from '../ticket/ticket-view.tsx';
import { SlaCountdown, TierBadge } from './badges.tsx';
import {
  applyQueueChanged,
  applySlaBreached,
  applySummary,
  applyTicketClaimed,
  defaultFilters,
  emptyQueue,
  filtersToQuery,
  loadQueue,
  type QueueFilters,
  type QueueState,
} from './queue-state.ts';

function ClockIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

function QueueRow({
  ticket,
  rank,
  now,
  selected,
  active,
  arrived,
  meId,
}: {
  ticket: TicketSummary;
  rank: number;
  now: number;
  selected: boolean;
  active: boolean;
  arrived: boolean;
  meId: string;
}) {
  const { t } = useTranslation();
  const top = topPercent(ticket.valuePercentile);
  const waitSeconds = Math.max(0, Math.round((now - Date.parse(ticket.createdAt)) / 1000));
  const classes = ['queue-row', selected ? 'selected' : '', active ? 'active' : '', arrived ? 'arrived' : ''].filter(Boolean).join(' ');
  return (
    <li className={classes} data-ticket-id={ticket.id} data-rank={rank}>
      <a
        href={`/tickets/${ticket.id}`}
        aria-current={active ? 'true' : undefined}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey) return;
          event.preventDefault();
          navigate(`/tickets/${ticket.id}`);
        }}
      >
        <span className="row-top">
          <span className="rank" aria-label={`${t('queue.rank')} ${rank}`}>
            {rank}
          </span>
          <span className="row-customer" title={[ticket.customerName, ticket.customerId].filter(Boolean).join(' · ') || undefined}>
            {ticket.customerName ?? ticket.customerId ?? t('queue.guest')}
          </span>
          <TierBadge tier={ticket.tier} />
          {top !== null ? <span className="value-chip">{t('queue.topValue', { percent: top })}</span> : null}
          <span className="row-spacer" />
          {ticket.proactive ? (
            <span className="chip proactive" title={t(`queue.proactiveKind.${ticket.proactive}`)}>
              {t('queue.proactive')}
            </span>
          ) : null}
          {ticket.breached ? <span className="chip danger">{t('queue.breached')}</span> : null}
        </span>
        <span className="row-subject">{ticket.subject}</span>
        <span className="row-meta">
          <span title={t('queue.wait')}>
            <span className="visually-hidden">{t('queue.wait')}: </span>
            <ClockIcon />
            {formatDuration(waitSeconds)}
          </span>
          {ticket.status === 'open' || ticket.status === 'assigned' ? (
            <span>
              <span className="visually-hidden">{t('queue.slaIn')}: </span>
              <SlaCountdown deadline={ticket.deadline} now={now} breached={ticket.breached} />
            </span>
          ) : null}
          <span className="row-lang">{ticket.language}</span>
          {ticket.assigneeId ? <span className="row-assignee">{ticket.assigneeId === meId ? t('queue.you') : ticket.assigneeId}</span> : null}
        </span>
        <span className="row-why" title={t('queue.why')}>
          {ticket.explanation}
        </span>
      </a>
    </li>
  );
}

function Filters({ filters, onChange }: { filters: QueueFilters; onChange: (filters: QueueFilters) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="filters">
      <legend className="visually-hidden">{t('queue.filters.label')}</legend>
      <label>
        <span>{t('queue.filters.status')}</span>
        <select value={filters.status} onChange={(e) => onChange({ ...filters, status: e.target.value as QueueFilters['status'] })}>
          {ticketStatuses.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('queue.filters.tier')}</span>
        <select value={filters.tier} onChange={(e) => onChange({ ...filters, tier: e.target.value as QueueFilters['tier'] })}>
          <option value="">{t('queue.filters.any')}</option>
          {tiers.map((tier) => (
            <option key={tier} value={tier}>
              {t(`tier.${tier}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('queue.filters.assignee')}</span>
        <select value={filters.assignee} onChange={(e) => onChange({ ...filters, assignee: e.target.value })}>
          <option value="">{t('queue.filters.any')}</option>
          <option value="me">{t('queue.filters.me')}</option>
        </select>
      </label>
      <label>
        <span>{t('queue.filters.breached')}</span>
        <select value={filters.breached} onChange={(e) => onChange({ ...filters, breached: e.target.value as QueueFilters['breached'] })}>
          <option value="">{t('queue.filters.any')}</option>
          <option value="true">{t('queue.filters.breachedOnly')}</option>
          <option value="false">{t('queue.filters.notBreached')}</option>
        </select>
      </label>
      <label>
        <span>{t('queue.filters.language')}</span>
        <select value={filters.language} onChange={(e) => onChange({ ...filters, language: e.target.value as QueueFilters['language'] })}>
          <option value="">{t('queue.filters.any')}</option>
          {languages.map((language) => (
            <option key={language} value={language}>
              {t(`languageName.${language}`)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

/** The agent workspace: the live ranked queue, claim-next, and the open ticket. */
export function Workspace({ agent, ticketId }: { agent: SignedInAgent; ticketId: string | null }) {
  const { t } = useTranslation();
  const now = useNow(10_000);
  const [filters, setFilters] = useState<QueueFilters>(defaultFilters);
  const [queue, setQueue] = useState<QueueState>(emptyQueue);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [claiming, setClaiming] = useState(false);
  const [selected, setSelected] = useState(0);
  const [command, setCommand] = useState<TicketCommand | null>(null);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const listRef = useRef<HTMLOListElement>(null);

  const load = useCallback(async (markNew: boolean) => {
    const current = filtersRef.current;
    try {
      const list = await apiRequest(ticketListResponseSchema, 'GET', `/api/tickets?${filtersToQuery(current)}`);
      if (filtersRef.current !== current) return; // the filters changed meanwhile
      setQueue((state) => loadQueue(state, list.items, current.status, markNew));
      setError(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setLoading(false);
    }
  }, []);

  const scheduleRefetch = useCallback(() => {
    clearTimeout(refetchTimer.current);
    refetchTimer.current = setTimeout(() => void load(true), 200);
  }, [load]);

  useEffect(() => {
    setLoading(true);
    setQueue(emptyQueue);
    void load(false);
  }, [filters, load]);
  useEffect(() => () => clearTimeout(refetchTimer.current), []);

  useLiveEvent(agentServerEvents.queueChanged, queueChangedEventSchema, (event) => {
    const result = applyQueueChanged(queue, event, filters);
    setQueue(result.state);
    if (result.refetch) scheduleRefetch();
  });
  useLiveEvent(agentServerEvents.ticketClaimed, ticketClaimedEventSchema, (event) => {
    setQueue((state) => applyTicketClaimed(state, event, filtersRef.current, agent.id));
    if (filtersRef.current.status !== 'open') scheduleRefetch();
  });
  useLiveEvent(agentServerEvents.ticketUpdated, ticketUpdatedEventSchema, (summary) => {
    setQueue((state) => applySummary(state, summary, filtersRef.current, agent.id));
  });
  useLiveEvent(agentServerEvents.ticketSlaBreached, slaBreachedEventSchema, (event) => {
    setQueue((state) => applySlaBreached(state, event.ticketId));
  });

  // Arrival highlights fade after a few seconds.
  useEffect(() => {
    if (queue.arrived.size === 0) return;
    const timer = setTimeout(() => setQueue((state) => ({ ...state, arrived: new Set() })), 4000);
    return () => clearTimeout(timer);
  }, [queue.arrived]);

  const claimNext = useCallback(async () => {
    setClaiming(true);
    setNotice(null);
    try {
      const { ticket } = await apiRequest(claimNextResponseSchema, 'POST', '/api/tickets/claim-next');
      if (ticket) {
        setNotice(t('queue.claimed', { subject: ticket.subject }));
        navigate(`/tickets/${ticket.id}`);
      } else {
        setNotice(t('queue.nothingToClaim'));
      }
      scheduleRefetch();
    } catch (caught) {
      setNotice(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setClaiming(false);
    }
  }, [scheduleRefetch, t]);

  const items = queue.items;
  const selectedIndex = Math.min(selected, Math.max(0, items.length - 1));
  const claimRef = useRef(claimNext);
  claimRef.current = claimNext;
  const itemsRef = useRef(items);
  itemsRef.current = items;

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (document.querySelector('dialog[open]')) return;
      const action = shortcutFor({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, inTextField: isTextField(event.target) });
      if (!action || action === 'help') return;
      if (action === 'claimNext') {
        event.preventDefault();
        void claimRef.current();
      } else if (action === 'next' || action === 'previous') {
        event.preventDefault();
        setSelected((index) => {
          const count = itemsRef.current.length;
          if (count === 0) return 0;
          const next = action === 'next' ? Math.min(count - 1, index + 1) : Math.max(0, index - 1);
          listRef.current?.querySelectorAll<HTMLAnchorElement>('.queue-row a')[next]?.scrollIntoView({ block: 'nearest' });
          return next;
        });
      } else if (action === 'open') {
        const target = itemsRef.current[Math.min(selected, itemsRef.current.length - 1)];
        if (target && !(event.target instanceof HTMLButtonElement) && !(event.target instanceof HTMLAnchorElement)) {
          event.preventDefault();
          navigate(`/tickets/${target.id}`);
        }
      } else if (action !== 'escape') {
        event.preventDefault();
        setCommand((previous) => ({ action, seq: (previous?.seq ?? 0) + 1 }));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected]);

  const count = useMemo(() => items.length, [items]);

  return (
    <div className={ticketId ? 'workspace has-ticket' : 'workspace'}>
      <section className="queue-panel" aria-labelledby="queue-title">
        <div className="panel-header">
          <div>
            <h1 id="queue-title">{t('queue.title')}</h1>
            <p className="muted small" aria-live="polite">
              {t('queue.count', { count })}
            </p>
          </div>
          <button type="button" className="button primary" onClick={() => void claimNext()} disabled={claiming} aria-keyshortcuts="n">
            {claiming ? t('queue.claiming') : t('queue.claimNext')}
            <kbd className="kbd-hint" aria-hidden="true">
              N
            </kbd>
          </button>
        </div>
        <Filters filters={filters} onChange={setFilters} />
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {t('app.error', { message: error })}{' '}
            <button type="button" className="link-button" onClick={() => void load(false)}>
              {t('app.retry')}
            </button>
          </p>
        ) : null}
        {loading && items.length === 0 ? <p className="muted pad">{t('app.loading')}</p> : null}
        {!loading && items.length === 0 && !error ? <p className="empty">{t('queue.empty')}</p> : null}
        <ol className="queue-list" ref={listRef} aria-label={t('queue.title')}>
          {items.map((ticket, index) => (
            <QueueRow
              key={ticket.id}
              ticket={ticket}
              rank={index + 1}
              now={now}
              selected={index === selectedIndex}
              active={ticket.id === ticketId}
              arrived={queue.arrived.has(ticket.id)}
              meId={agent.id}
            />
          ))}
        </ol>
      </section>
      {ticketId ? (
        <TicketView key={ticketId} ticketId={ticketId} agent={agent} command={command} onChanged={scheduleRefetch} />
      ) : (
        <section className="ticket-empty">
          <p>{t('ticket.select')}</p>
        </section>
      )}
    </div>
  );
}
