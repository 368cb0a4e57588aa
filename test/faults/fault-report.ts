import type { CheckResult } from './delivery-checks.ts';
import type { FaultSummary, Measure } from './fault-summary.ts';
import type { QueueBacklog } from './queue-backlog.ts';

type Cell = string | number;

/** Aligned columns: text left, numbers right (the benchmarks' table style, bench/lib/table.ts). */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[], indent = '  '): string {
  const numeric = headers.map(
    (_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number' || /^(-?[\d,.]+|—|never)$/.test(String(row[column]))),
  );
  const text = rows.map((row) => headers.map((_, column) => formatCell(row[column])));
  const widths = headers.map((header, column) => Math.max(header.length, ...text.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    indent +
    cells
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), indent + widths.map((width) => '─'.repeat(width)).join('  '), ...text.map(line)].join('\n');
}

function formatCell(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  return Number.isInteger(cell) ? cell.toLocaleString('en-US') : cell.toFixed(1);
}

function seconds(ms: number | null): string {
  return ms === null ? 'never' : (ms / 1000).toFixed(1);
}

export interface RunDescription {
  shoppers: number;
  agents: number;
  minutes: number;
  database: string;
  redis: string;
  /** Seconds from the start of the load to the end of the drain. */
  elapsedSeconds: number;
  drainSeconds: number | null;
}

/** The human-readable report: figures, faults and recovery, 5xx by phase, checks with the first failing ids. */
export function formatFaultReport(run: RunDescription, summary: FaultSummary, backlog: readonly QueueBacklog[] = []): string {
  const { counts } = summary;
  const parts: string[] = [];
  parts.push(
    `Fault run: ${run.shoppers} shoppers, ${run.agents} agents, ${run.minutes} min of load; ${run.database}; ${run.redis}; ` +
      `${Math.round(run.elapsedSeconds)} s from load start to the end of the drain` +
      (run.drainSeconds === null ? ' (pending deliveries still missing when the drain ended)' : ` (everything delivered ${run.drainSeconds.toFixed(1)} s into the drain)`),
  );
  parts.push(
    formatTable(
      ['shopper messages', 'sent', 'acknowledged', 'stored once', 'expected on ticket', 'delivered to ticket', 'never acknowledged'],
      [
        [
          '',
          counts.shopperMessagesSent,
          counts.shopperMessagesAcknowledged,
          counts.shopperMessagesStored,
          counts.shopperMessagesExpectedOnTicket,
          counts.shopperMessagesOnTicket,
          counts.shopperMessagesNeverAcknowledged,
        ],
      ],
    ),
  );
  parts.push(
    formatTable(
      ['agent replies', '2xx', 'in conversation', 'seen live by shopper', 'handoffs', 'tickets', 'claims', 'double assignments'],
      [
        [
          '',
          counts.agentReplies2xx,
          counts.agentRepliesInConversation,
          counts.agentRepliesSeenLive,
          counts.handoffs,
          counts.tickets,
          counts.claims,
          counts.doubleAssignments,
        ],
      ],
    ),
  );
  parts.push(
    formatTable(
      ['fault', 'target', 'start s', 'back s', 'failover s', 'recovery s', 'recovery by part (s)', 'successes during'],
      summary.recoveries.map((recovery) => [
        recovery.fault.kind,
        recovery.fault.target,
        seconds(recovery.fault.startMs),
        seconds(recovery.fault.endMs),
        recovery.fault.kind.endsWith('kill -9') ? seconds(recovery.failoverMs) : '—',
        seconds(recovery.recoveryMs),
        Object.entries(recovery.recoveryByPart)
          .map(([part, ms]) => `${part} ${recovery.crashed.includes(part) ? 'crashed' : ms === null ? 'never' : (ms / 1000).toFixed(1)}`)
          .join(', '),
        recovery.successesDuringFault,
      ]),
    ),
  );
  if (backlog.length > 0) {
    parts.push(
      formatTable(
        ['queue at the end (Bull)', 'waiting', 'active', 'delayed', 'failed'],
        backlog.map((queue) => [queue.queue, queue.waiting, queue.active, queue.delayed, queue.failed]),
      ),
    );
  }
  const phases = Object.entries(summary.serverErrorsByPhase);
  parts.push(
    formatTable(
      ['5xx by phase', 'responses'],
      phases.length > 0 ? phases.map(([phase, count]) => [phase, count]) : [['(none)', 0]],
    ),
  );
  const refusals = Object.entries(summary.refusalsByPhase).flatMap(([phase, codes]) =>
    Object.entries(codes ?? {}).map(([code, count]): Cell[] => [phase, code, count]),
  );
  if (refusals.length > 0) parts.push(formatTable(['shopper sends refused: phase', 'code', 'refusals'], refusals));
  parts.push(
    `  resumes ${counts.resumes} (to another conversation: ${counts.resumesToAnotherConversation}); ` +
      `handoffs not confirmed to the shopper ${counts.handoffsNotConfirmed}; resolutions the chat never showed ${counts.resolutionsNotSeen}; ` +
      `restarts after a crash that exited again while starting ${counts.failedRestarts}`,
  );
  parts.push(formatChecks(summary.checks));
  return parts.join('\n\n');
}

/** The checks as a table, then the first failing ids of each failed one. */
export function formatChecks(checks: readonly CheckResult[]): string {
  const table = formatTable(
    ['check', 'checked', 'failed', 'result'],
    checks.map((check) => [check.name, check.checked, check.failed, check.pass ? 'PASS' : 'FAIL']),
  );
  const details = checks
    .filter((check) => !check.pass)
    .map((check) => `  ✗ ${check.name} (first ${check.sample.length} of ${check.failed}):\n${check.sample.map((line) => `      ${line}`).join('\n')}`);
  return [table, ...details].join('\n');
}

/** One JSON line per measure, in the benchmarks' shape (`bench/run.ts` `measureLine`), and one per check. */
export function faultJsonLines(measures: readonly Measure[], checks: readonly CheckResult[]): string[] {
  return [
    ...measures.map((measure) =>
      JSON.stringify({ bench: 'faults', measure: measure.measure, value: Number(measure.value.toPrecision(6)), unit: measure.unit, baseline: null, ratio: null }),
    ),
    ...checks.map((check) =>
      JSON.stringify({ bench: 'faults', check: check.name, pass: check.pass, checked: check.checked, failed: check.failed, sample: check.sample }),
    ),
  ];
}
