import { describe, expect, it } from 'vitest';
import { at, metricsTicket } from '../metrics/testing/metrics-test-tickets.ts';
import { decideSlaTimer } from './sla-timer-decision.ts';
import { slaTimerJobId } from './sla-timer-job.ts';
import { timersToSchedule } from './sla-timer-scheduler.ts';

const start = new Date('2026-03-02T08:00:00.000Z');
const waiting = metricsTicket({ id: 'tkt_1', createdAt: start });
const deadline = waiting.deadline.getTime();
const later = new Date(deadline + 1000);

describe('decideSlaTimer', () => {
  it('breaches an unanswered ticket once its first-response deadline has passed', () => {
    expect(decideSlaTimer(waiting, 'firstResponse', deadline, later)).toEqual({ action: 'breach' });
    expect(decideSlaTimer(waiting, 'firstResponse', deadline, new Date(deadline - 1))).toEqual({
      action: 'retry',
      reason: 'not_due',
    });
  });

  it('does nothing for a ticket answered in time, re-ranked since, already breached, or gone', () => {
    expect(decideSlaTimer({ ...waiting, firstRepliedAt: at(start, 3) }, 'firstResponse', deadline, later)).toEqual({
      action: 'skip',
      reason: 'met',
    });
    expect(decideSlaTimer(waiting, 'firstResponse', deadline - 60_000, later)).toEqual({
      action: 'skip',
      reason: 'deadline_changed',
    });
    expect(
      decideSlaTimer(
        { ...waiting, slaBreaches: { firstResponse: later, resolution: null } },
        'firstResponse',
        deadline,
        later,
      ),
    ).toEqual({ action: 'skip', reason: 'already_breached' });
    expect(decideSlaTimer(null, 'resolution', deadline, later)).toEqual({ action: 'skip', reason: 'missing' });
  });

  it('breaches a ticket answered late that the timer finds unmarked', () => {
    expect(decideSlaTimer({ ...waiting, firstRepliedAt: at(start, 30) }, 'firstResponse', deadline, later)).toEqual({
      action: 'breach',
    });
  });
});

describe('timersToSchedule', () => {
  it('sets both timers for a new ticket and none once both targets are decided', () => {
    expect(timersToSchedule(null, waiting).map((timer) => timer.kind)).toEqual(['firstResponse', 'resolution']);
    const done = { ...waiting, firstRepliedAt: at(start, 1), resolvedAt: at(start, 2) };
    expect(timersToSchedule(waiting, done)).toEqual([]);
  });

  it('sets a timer for a moved deadline only', () => {
    const reranked = { ...waiting, deadline: new Date(deadline + 60_000) };
    expect(timersToSchedule(waiting, reranked)).toEqual([{ kind: 'firstResponse', deadline: reranked.deadline }]);
    expect(timersToSchedule(waiting, { ...waiting })).toEqual([]);
  });

  it('sets the resolution timer again when a resolved ticket is reopened', () => {
    const resolved = { ...waiting, firstRepliedAt: at(start, 1), resolvedAt: at(start, 2) };
    const reopened = { ...resolved, resolvedAt: null, resolutionDeadline: at(start, 500) ?? start };
    expect(timersToSchedule(resolved, reopened)).toEqual([
      { kind: 'resolution', deadline: reopened.resolutionDeadline },
    ]);
  });
});

describe('slaTimerJobId', () => {
  it('names the ticket, the target and the deadline', () => {
    expect(slaTimerJobId('tkt_1', 'resolution', 42)).toBe('tkt_1:resolution:42');
  });
});
