import {
  checkAcknowledgedStoredOnce,
  checkHandedOffMessagesOnTicket,
  checkNoDoubleAssignment,
  checkOneTicketPerHandoff,
  checkRepliesInConversation,
  checkResult,
  expectedOnTicket,
  handedOffConversations,
  type CheckResult,
  type DatabaseSnapshot,
} from './delivery-checks.ts';
import type { FaultRecorder, HttpRecord } from './fault-records.ts';
import {
  phaseOf,
  summarizeServerErrors,
  transportErrorsOnRunningInstances,
  unansweredRequests,
  type PhaseWindows,
  type RunPhase,
} from './http-phases.ts';
import { recoveryTimes, type FaultRecovery } from './recovery-times.ts';

/** One figure of a run, as a JSON line (the benchmarks' shape: `bench`, `measure`, `value`, `unit`). */
export interface Measure {
  measure: string;
  value: number;
  unit: string;
}

export interface FaultCounts {
  shopperMessagesSent: number;
  shopperMessagesAcknowledged: number;
  /** Acknowledged and stored exactly once in their conversation. */
  shopperMessagesStored: number;
  /** Acknowledged after the handoff (before the resolve): these must reach the ticket. */
  shopperMessagesExpectedOnTicket: number;
  shopperMessagesOnTicket: number;
  /** Sent, never acknowledged by the end of the drain. */
  shopperMessagesNeverAcknowledged: number;
  agentReplies2xx: number;
  agentRepliesInConversation: number;
  agentRepliesSeenLive: number;
  /** The probes' replies on their own web tickets (they time each ticketing instance's recovery). */
  probeReplies2xx: number;
  handoffs: number;
  tickets: number;
  claims: number;
  doubleAssignments: number;
  resumes: number;
  resumesToAnotherConversation: number;
  handoffsNotConfirmed: number;
  resolutionsNotSeen: number;
  failedRestarts: number;
}

export interface FaultSummary {
  counts: FaultCounts;
  serverErrorsByPhase: Partial<Record<RunPhase, number>>;
  /** Shopper sends refused, by phase and error code. */
  refusalsByPhase: Partial<Record<RunPhase, Record<string, number>>>;
  recoveries: FaultRecovery[];
  checks: CheckResult[];
  measures: Measure[];
}

/** Every check a run makes, in the order it reports them (the Vitest test asserts each by name). */
export const faultCheckNames = [
  'acknowledged shopper messages stored exactly once',
  'handed-off shopper messages on their ticket exactly once',
  'agent replies (2xx) in the conversation exactly once',
  'one ticket per handoff',
  'no ticket assigned twice',
  'no 5xx outside the database outage',
  'inside the database outage only 503 with Retry-After',
  'every request to a running instance answered within 30 s',
  'no process crashed (only the killed ones exited)',
  'both apps recovered after every fault, without a restart',
  'every resume kept the conversation',
] as const;

export interface DeliveryChecks {
  stored: CheckResult;
  onTicket: CheckResult;
  replies: CheckResult;
  oneTicket: CheckResult;
}

/** The delivery checks, which the drain re-runs until they hold (or time is up). */
export function deliveryChecks(recorder: FaultRecorder, snapshot: DatabaseSnapshot): DeliveryChecks {
  return {
    stored: checkAcknowledgedStoredOnce(recorder.messages, snapshot),
    onTicket: checkHandedOffMessagesOnTicket(recorder.messages, recorder.resolveRequestedAtMs, snapshot),
    replies: checkRepliesInConversation(recorder.replies, snapshot),
    oneTicket: checkOneTicketPerHandoff(handedOffConversations(recorder.handoffs, snapshot), snapshot),
  };
}

function describeRequest(request: HttpRecord): string {
  const answer = request.status === null ? (request.error ?? 'no answer') : `${request.status}${request.retryAfter === null ? '' : ` Retry-After ${request.retryAfter}`}`;
  return `${request.method} ${request.route} on ${request.instance} at ${(request.startMs / 1000).toFixed(1)} s: ${answer}`;
}

/** Every check and figure of a run, from what it recorded and the database at the end. */
export function summarizeFaultRun(input: {
  recorder: FaultRecorder;
  snapshot: DatabaseSnapshot;
  windows: PhaseWindows;
  chatInstances: readonly string[];
  ticketingInstances: readonly string[];
}): FaultSummary {
  const { recorder, snapshot, windows } = input;
  const { stored, onTicket, replies: repliesIn, oneTicket } = deliveryChecks(recorder, snapshot);
  const assignments = checkNoDoubleAssignment(recorder.claims, snapshot);
  const errors = summarizeServerErrors(recorder.http, windows);
  const unanswered = unansweredRequests(recorder.http);
  // "Inside it 503 with Retry-After" needs answers to judge: every ticketing instance must give some.
  const answeredInOutage = recorder.http.filter((request) => request.status !== null && phaseOf(request, windows) === 'database restart');
  const databaseRestarted = recorder.faults.some((fault) => fault.kind === 'database restart');
  const silentInOutage = databaseRestarted
    ? input.ticketingInstances.filter((instance) => !answeredInOutage.some((request) => request.instance === instance))
    : [];
  const recoveries = recoveryTimes({
    faults: recorder.faults,
    acks: recorder.acks,
    replies: recorder.replies,
    chatInstances: input.chatInstances,
    ticketingInstances: input.ticketingInstances,
    crashes: recorder.unexpectedExits,
  });
  const resumesLost = recorder.resumes.filter((resume) => resume.returnedConversationId !== resume.conversationId);
  const crashes = recorder.unexpectedExits.map(
    (exit) =>
      `${exit.name} (pid ${exit.pid ?? '?'}) exited at ${(exit.atMs / 1000).toFixed(1)} s with ${exit.signal ?? `code ${exit.code ?? '?'}`}: ${errorLineOf(exit.lastOutput)}`,
  );
  const notRecovered = recoveries.flatMap((recovery) =>
    Object.entries(recovery.recoveryByPart)
      .filter(([, ms]) => ms === null)
      .map(([part]) =>
        recovery.crashed.includes(part)
          ? `${recovery.fault.kind}: ${part} crashed (the suite restarted it)`
          : `${recovery.fault.kind}: ${part} had no successful operation after the fault ended${recovery.fault.endMs === null ? ' (the fault never ended)' : ''}`,
      ),
  );
  const faultsNotRun = recorder.faults.length < 4 ? [`only ${recorder.faults.length} of 4 faults were injected`] : [];

  const checks: CheckResult[] = [
    stored,
    onTicket,
    repliesIn,
    oneTicket,
    assignments,
    checkResult('no 5xx outside the database outage', recorder.http.length, errors.outsideDatabaseOutage.map(describeRequest)),
    checkResult('inside the database outage only 503 with Retry-After', answeredInOutage.length, [
      ...errors.badInsideDatabaseOutage.map(describeRequest),
      ...silentInOutage.map((instance) => `${instance} answered no request during the database outage (a 503 is an answer; nothing is not)`),
    ]),
    checkResult('every request to a running instance answered within 30 s', recorder.http.length, unanswered.map(describeRequest)),
    // Every app instance, the database server and Redis.
    checkResult('no process crashed (only the killed ones exited)', input.chatInstances.length + input.ticketingInstances.length + 2, crashes),
    checkResult('both apps recovered after every fault, without a restart', recoveries.length, [...faultsNotRun, ...notRecovered]),
    checkResult(
      'every resume kept the conversation',
      recorder.resumes.length,
      resumesLost.map((resume) => `shopper ${resume.shopper}: resumed ${resume.conversationId} on ${resume.instance}, got ${resume.returnedConversationId}`),
    ),
  ];

  const refusalsByPhase: FaultSummary['refusalsByPhase'] = {};
  for (const record of recorder.messages) {
    for (const [code, count] of Object.entries(record.refusals)) {
      // A refusal is timed by the message's first send: close enough to place it in a phase.
      const phase = phaseOf({ startMs: record.firstSentAtMs, endMs: record.ackedAtMs ?? record.firstSentAtMs }, windows);
      const codes = (refusalsByPhase[phase] ??= {});
      codes[code] = (codes[code] ?? 0) + count;
    }
  }

  const acked = recorder.messages.filter((record) => record.ackedAtMs !== null);
  const chatReplies = recorder.replies.filter((reply) => reply.conversationId !== null);
  const expected = expectedOnTicket(recorder.messages, recorder.resolveRequestedAtMs);
  const counts: FaultCounts = {
    shopperMessagesSent: recorder.messages.length,
    shopperMessagesAcknowledged: acked.length,
    shopperMessagesStored: acked.length - stored.failed,
    shopperMessagesExpectedOnTicket: expected.length,
    shopperMessagesOnTicket: expected.length - onTicket.failed,
    shopperMessagesNeverAcknowledged: recorder.messages.length - acked.length,
    agentReplies2xx: chatReplies.length,
    agentRepliesInConversation: chatReplies.length - repliesIn.failed,
    agentRepliesSeenLive: chatReplies.filter((reply) => reply.messageId !== null && recorder.agentMessagesSeenLive.has(reply.messageId)).length,
    probeReplies2xx: recorder.replies.length - chatReplies.length,
    handoffs: handedOffConversations(recorder.handoffs, snapshot).size,
    tickets: snapshot.tickets.length,
    claims: recorder.claims.length,
    doubleAssignments: assignments.failed,
    resumes: recorder.resumes.length,
    resumesToAnotherConversation: resumesLost.length,
    handoffsNotConfirmed: recorder.handoffsNotConfirmed,
    resolutionsNotSeen: recorder.resolutionsNotSeen,
    failedRestarts: recorder.failedRestarts.length,
  };

  const measures: Measure[] = [
    { measure: 'shopper messages sent', value: counts.shopperMessagesSent, unit: 'messages' },
    { measure: 'shopper messages acknowledged', value: counts.shopperMessagesAcknowledged, unit: 'messages' },
    { measure: 'shopper messages stored once', value: counts.shopperMessagesStored, unit: 'messages' },
    { measure: 'shopper messages expected on a ticket', value: counts.shopperMessagesExpectedOnTicket, unit: 'messages' },
    { measure: 'shopper messages delivered to the ticket', value: counts.shopperMessagesOnTicket, unit: 'messages' },
    { measure: 'shopper messages never acknowledged', value: counts.shopperMessagesNeverAcknowledged, unit: 'messages' },
    { measure: 'agent replies 2xx', value: counts.agentReplies2xx, unit: 'replies' },
    { measure: 'agent replies in the conversation', value: counts.agentRepliesInConversation, unit: 'replies' },
    { measure: 'agent replies seen live by the shopper', value: counts.agentRepliesSeenLive, unit: 'replies' },
    { measure: 'probe replies 2xx', value: counts.probeReplies2xx, unit: 'replies' },
    { measure: 'handoffs', value: counts.handoffs, unit: 'conversations' },
    { measure: 'tickets', value: counts.tickets, unit: 'tickets' },
    { measure: 'claims', value: counts.claims, unit: 'claims' },
    { measure: 'double assignments', value: counts.doubleAssignments, unit: 'tickets' },
    { measure: 'resumes', value: counts.resumes, unit: 'resumes' },
    { measure: 'resumes to another conversation', value: counts.resumesToAnotherConversation, unit: 'resumes' },
    { measure: 'handoffs not confirmed to the shopper', value: counts.handoffsNotConfirmed, unit: 'conversations' },
    { measure: 'resolutions the chat never showed', value: counts.resolutionsNotSeen, unit: 'conversations' },
    { measure: 'agent requests', value: recorder.http.length, unit: 'requests' },
    { measure: 'requests unanswered within 30 s (instance up)', value: unanswered.length, unit: 'requests' },
    {
      measure: 'transport errors (instance up)',
      value: transportErrorsOnRunningInstances(recorder.http).length,
      unit: 'requests',
    },
    { measure: 'process crashes', value: recorder.unexpectedExits.length, unit: 'processes' },
    { measure: 'restarts after a crash that failed to start', value: counts.failedRestarts, unit: 'restarts' },
  ];
  for (const [phase, count] of Object.entries(errors.byPhase)) measures.push({ measure: `5xx during ${phase}`, value: count, unit: 'responses' });
  measures.push({ measure: '5xx outside the database outage', value: errors.outsideDatabaseOutage.length, unit: 'responses' });
  measures.push({ measure: '5xx in the database outage not 503 + Retry-After', value: errors.badInsideDatabaseOutage.length, unit: 'responses' });
  for (const recovery of recoveries) {
    const name = recovery.fault.kind;
    if (recovery.fault.endMs !== null) {
      measures.push({ measure: `${name}: down`, value: (recovery.fault.endMs - recovery.fault.startMs) / 1000, unit: 's' });
    }
    if (recovery.fault.kind === 'chat-bot kill -9' || recovery.fault.kind === 'ticketing kill -9') {
      measures.push({ measure: `${name}: failover`, value: msToSeconds(recovery.failoverMs), unit: 's' });
    }
    measures.push({ measure: `${name}: recovery`, value: msToSeconds(recovery.recoveryMs), unit: 's' });
  }
  return { counts, serverErrorsByPhase: errors.byPhase, refusalsByPhase, recoveries, checks, measures };
}

/** The line of a process's last output that names its error (a stack's first line), else its last line. */
function errorLineOf(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const named = lines.find((line) => /^[A-Z][A-Za-z]*Error\b|^Error\b/.test(line));
  return (named ?? lines.at(-1) ?? '(no output)').slice(0, 300);
}

/** Seconds, or -1 for "never" (JSON has no infinity). */
function msToSeconds(ms: number | null): number {
  return ms === null ? -1 : Math.round(ms / 100) / 10;
}
