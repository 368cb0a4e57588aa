import type { Logger } from '@loyaldesk/platform/logger';
import type { RoomEmitter } from '../live/agent-events.ts';
import type { RoutingGroup } from '../ranked-queue/routing-group.ts';
import type { TicketQueue } from '../ranked-queue/ticket-queue.ts';
import type { TicketIndex } from '../tickets/ticket-index.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { emitQueuePosition, queuePositionEvent } from './chat-link-events.ts';
import { mergeRefreshPoints, positionRefreshesAfter } from './queue-position-refresh.ts';

export interface QueuePositionNotifierDeps {
  queue: Pick<TicketQueue, 'position' | 'waitingFrom'>;
  index: Pick<TicketIndex, 'summaries'>;
  /** `/chat` of the chat bot, through the Socket.IO Redis emitter. */
  chat: RoomEmitter;
  logger?: Logger;
  /**
   * Changes to one group within this window are refreshed together. A busy group sees several
   * claims a second; one refresh per window bounds the rank lookups and events to
   * `windowSize` per group per window, whatever the rate of changes. Default 250 ms.
   */
  debounceMs?: number;
  /**
   * Shoppers refreshed per group and change, from the change point back. Default 50: beyond the
   * first fifty behind a change, a shopper's place moves by one per change and their wait is
   * long either way; they got their place when their ticket opened and are refreshed on every
   * change once they are within fifty of it, while a thousand-ticket backlog costs no more.
   */
  windowSize?: number;
}

/** Sends waiting chat shoppers their place in line when it changes; see {@link createQueuePositionNotifier}. */
export type QueuePositionNotifier = ReturnType<typeof createQueuePositionNotifier>;

/** Remembered last positions, so an unchanged place is not sent again; bounded like the lines it follows. */
const rememberedTickets = 10_000;

/**
 * Keeps shoppers' `queue.position` current: after each ticket change it schedules a refresh of the
 * part of each routing group the change moved (see `positionRefreshesAfter`), debounced per
 * group, and emits the new place and expected wait of every chat ticket in it whose place or
 * wait changed. Works per instance: another instance's changes are refreshed by that instance.
 */
export function createQueuePositionNotifier(deps: QueuePositionNotifierDeps) {
  const debounceMs = deps.debounceMs ?? 250;
  const windowSize = deps.windowSize ?? 50;
  const pending = new Map<RoutingGroup, { fromDeadline: Date | null; timer: NodeJS.Timeout }>();
  const running = new Set<Promise<unknown>>();
  const lastSent = new Map<string, string>();
  let stopped = false;

  function remember(ticketId: string, sent: string): boolean {
    if (lastSent.get(ticketId) === sent) return false;
    lastSent.delete(ticketId);
    lastSent.set(ticketId, sent);
    if (lastSent.size > rememberedTickets) {
      const oldest = lastSent.keys().next();
      if (!oldest.done) lastSent.delete(oldest.value);
    }
    return true;
  }

  async function sendPosition(ticketId: string, conversationId: string, always: boolean): Promise<boolean> {
    const place = await deps.queue.position(ticketId);
    if (!place) {
      lastSent.delete(ticketId);
      return false;
    }
    const event = queuePositionEvent(ticketId, conversationId, place);
    const changed = remember(ticketId, `${event.position}:${String(event.expectedWaitSeconds)}`);
    if (!changed && !always) return false;
    emitQueuePosition(deps.chat, { ...event, conversationId });
    return true;
  }

  /** Re-reads the places of the chat tickets in `group` from `fromDeadline` on; returns how many were sent. */
  async function refresh(group: RoutingGroup, fromDeadline: Date | null): Promise<number> {
    const ticketIds = await deps.queue.waitingFrom(group, fromDeadline, windowSize);
    const summaries = await deps.index.summaries(ticketIds);
    let sent = 0;
    for (const summary of summaries) {
      if (!summary || summary.channel !== 'chat' || !summary.conversationId) continue;
      if (await sendPosition(summary.id, summary.conversationId, false)) sent++;
    }
    return sent;
  }

  function track(work: Promise<unknown>): void {
    running.add(work);
    void work.finally(() => running.delete(work));
  }

  function runPending(group: RoutingGroup): void {
    const entry = pending.get(group);
    if (!entry) return;
    clearTimeout(entry.timer);
    pending.delete(group);
    track(
      refresh(group, entry.fromDeadline).catch((error: unknown) => {
        deps.logger?.warn({ err: error, group }, 'queue positions not sent');
      }),
    );
  }

  function schedule(group: RoutingGroup, fromDeadline: Date | null): void {
    if (stopped) return;
    const entry = pending.get(group);
    if (entry) {
      entry.fromDeadline = mergeRefreshPoints(entry.fromDeadline, fromDeadline);
      return;
    }
    const timer = setTimeout(() => runPending(group), debounceMs);
    timer.unref();
    pending.set(group, { fromDeadline, timer });
  }

  return {
    refresh,

    /** After every ticket write: schedules the refreshes the change calls for. */
    onTicketChanged(before: Ticket | null, after: Ticket): void {
      if (after.status !== 'open') lastSent.delete(after.id);
      for (const { group, fromDeadline } of positionRefreshesAfter(before, after)) schedule(group, fromDeadline);
    },

    /**
     * Sends a waiting chat ticket's place now, even if unchanged (the handoff: also when a
     * redelivered job finds the ticket open, so the chat learns its ticket). False when it is no
     * chat ticket or not waiting.
     */
    async notifyNow(ticket: Pick<Ticket, 'id' | 'conversationId' | 'channel'>): Promise<boolean> {
      if (ticket.channel !== 'chat' || !ticket.conversationId) return false;
      return sendPosition(ticket.id, ticket.conversationId, true);
    },

    /** Runs every scheduled refresh now and waits for all in flight (tests, shutdown). */
    async flush(): Promise<void> {
      for (const group of [...pending.keys()]) runPending(group);
      await Promise.all([...running]);
    },

    /** Drops scheduled refreshes and schedules no more. */
    /** Cancels scheduled refreshes and waits for those running (they publish: the publisher closes next). */
    async stop(): Promise<void> {
      stopped = true;
      for (const entry of pending.values()) clearTimeout(entry.timer);
      pending.clear();
      await Promise.allSettled([...running]);
    },
  };
}
