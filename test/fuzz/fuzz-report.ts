import type { StackAppName } from '../support/stack.ts';
import type { TargetResult } from './fuzz-runner.ts';
import type { FuzzSuiteResult } from './fuzz-suite.ts';

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${((part / whole) * 100).toFixed(part === 0 || part === whole ? 0 : 1)}%`;
}

function pad(cells: readonly string[], widths: readonly number[], numeric: readonly boolean[]): string {
  return cells.map((cell, column) => (numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd();
}

/**
 * The per-target table: payloads, how many reached the handler (past rate limits and sign-in
 * checks), answers by class, 429s and auth refusals, failures, crashes.
 */
export function formatResultsTable(results: readonly TargetResult[]): string {
  const headers = ['target', 'app', 'sent', 'handler', '2xx', '3xx', '4xx', '5xx', 'other', '429', 'auth 401/403', 'failures', 'crash', 's'];
  const numeric = headers.map((_, column) => column >= 2 && column !== 12);
  const rows = results.map((result) => [
    result.target.length > 64 ? `${result.target.slice(0, 61)}…` : result.target,
    result.app,
    String(result.sent),
    String(result.reachedHandler),
    String(result.classes['2xx']),
    String(result.classes['3xx']),
    String(result.classes['4xx']),
    String(result.classes['5xx']),
    String(result.classes.other),
    `${result.rateLimited} (${percent(result.rateLimited, result.sent)})`,
    percent(result.refusedByAuth, result.sent),
    String(result.failures),
    result.crashed.length > 0 ? result.crashed.join('+') : 'no',
    (result.durationMs / 1000).toFixed(1),
  ]);
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const total = results.reduce(
    (sum, result) => ({
      sent: sum.sent + result.sent,
      reached: sum.reached + result.reachedHandler,
      rateLimited: sum.rateLimited + result.rateLimited,
      fivexx: sum.fivexx + result.classes['5xx'],
      failures: sum.failures + result.failures,
    }),
    { sent: 0, reached: 0, rateLimited: 0, fivexx: 0, failures: 0 },
  );
  return [
    pad(headers, widths, numeric),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...rows.map((row) => pad(row, widths, numeric)),
    `${results.length} targets, ${total.sent} payloads (${total.reached} reached a handler, ${total.rateLimited} rate limited), ${total.fivexx} 5xx, ${total.failures} failures, ${results.filter((result) => result.crashed.length > 0).length} crashes`,
  ].join('\n');
}

/** Resident memory of both apps at the start, the peak, and the end of the run. */
export function formatMemoryTable(memory: FuzzSuiteResult['memory']): string {
  return (Object.entries(memory) as Array<[StackAppName, FuzzSuiteResult['memory'][StackAppName]]>)
    .map(([app, track]) => `${app.padEnd(9)}  RSS start ${track.startMb} MB, peak ${track.peakMb} MB, end ${track.endMb} MB`)
    .join('\n');
}

/** One machine-readable line per target and per app's memory, like the benchmarks' lines. */
export function resultLines(suite: FuzzSuiteResult, runsPerTarget: number): string[] {
  return [
    ...suite.results.map((result) =>
      JSON.stringify({
        fuzz: result.target,
        app: result.app,
        kind: result.kind,
        runs: runsPerTarget,
        sent: result.sent,
        '2xx': result.classes['2xx'],
        '3xx': result.classes['3xx'],
        '4xx': result.classes['4xx'],
        '5xx': result.classes['5xx'],
        other: result.classes.other,
        reachedHandler: result.reachedHandler,
        rateLimited: result.rateLimited,
        refusedByAuth: result.refusedByAuth,
        failures: result.failures,
        crashed: result.crashed,
        seconds: Number((result.durationMs / 1000).toFixed(2)),
        statuses: result.statuses,
      }),
    ),
    ...(Object.entries(suite.memory) as Array<[StackAppName, FuzzSuiteResult['memory'][StackAppName]]>).map(([app, track]) =>
      JSON.stringify({ fuzz: 'memory', app, rssStartMb: track.startMb, rssPeakMb: track.peakMb, rssEndMb: track.endMb }),
    ),
  ];
}

/** Every failure sample, grouped by target, for a failing assertion's message. */
export function formatFailures(results: readonly TargetResult[]): string {
  return results
    .filter((result) => result.failures > 0 || result.crashed.length > 0)
    .map((result) => [`${result.target}: ${result.failures} failures${result.crashed.length > 0 ? `, crashed ${result.crashed.join(', ')}` : ''}`, ...result.failureSamples.map((sample) => `  - ${sample}`)].join('\n'))
    .join('\n');
}
