import type { FaultRecord, HttpRecord } from './fault-records.ts';

/** After a server or instance is back, its errors still count to its fault for this long. */
export const faultGraceMs = 5_000;

/**
 * The faults during which a 503 with Retry-After is the right answer (the issue: "no 5xx outside
 * the database outage, and inside it 503 with Retry-After"). During a Redis restart, a kill -9 and
 * the rest of the run, any 5xx fails the run.
 */
export const faultsAllowing503: ReadonlySet<FaultRecord['kind']> = new Set(['database restart']);

/** The part of a run a request fell in. */
export type RunPhase = 'warm-up' | 'steady' | 'drain' | FaultRecord['kind'];

export interface PhaseWindows {
  faults: readonly FaultRecord[];
  /** When the first fault started (the end of the warm-up). */
  loadStartMs: number;
  loadEndMs: number;
}

/**
 * The phase of a request from `startMs` to `endMs`: a fault when it overlaps the fault's window
 * (start to end plus {@link faultGraceMs}; those in {@link faultsAllowing503} first), else warm-up
 * before the first fault, drain after the load, steady otherwise.
 */
export function phaseOf(request: Pick<HttpRecord, 'startMs' | 'endMs'>, windows: PhaseWindows): RunPhase {
  const allows503 = (fault: FaultRecord): number => (faultsAllowing503.has(fault.kind) ? 0 : 1);
  const ordered = [...windows.faults].sort((a, b) => allows503(a) - allows503(b));
  for (const fault of ordered) {
    const end = (fault.endMs ?? Number.POSITIVE_INFINITY) + faultGraceMs;
    if (request.endMs >= fault.startMs && request.startMs <= end) return fault.kind;
  }
  const firstFault = Math.min(...windows.faults.map((fault) => fault.startMs), Number.POSITIVE_INFINITY);
  if (request.startMs < firstFault) return 'warm-up';
  if (request.startMs >= windows.loadEndMs) return 'drain';
  return 'steady';
}

export interface ServerErrorSummary {
  /** 5xx answers per phase. */
  byPhase: Partial<Record<RunPhase, number>>;
  /** 5xx outside the database outage (each one fails the run). */
  outsideDatabaseOutage: HttpRecord[];
  /** 5xx inside it that were not 503 with a Retry-After header. */
  badInsideDatabaseOutage: HttpRecord[];
}

/** Sorts the 5xx answers into phases and picks out the ones the rules forbid. */
export function summarizeServerErrors(requests: readonly HttpRecord[], windows: PhaseWindows): ServerErrorSummary {
  const summary: ServerErrorSummary = { byPhase: {}, outsideDatabaseOutage: [], badInsideDatabaseOutage: [] };
  for (const request of requests) {
    if (request.status === null || request.status < 500) continue;
    const phase = phaseOf(request, windows);
    summary.byPhase[phase] = (summary.byPhase[phase] ?? 0) + 1;
    if (!isFaultAllowing503(phase)) summary.outsideDatabaseOutage.push(request);
    else if (request.status !== 503 || !isRetryAfter(request.retryAfter)) summary.badInsideDatabaseOutage.push(request);
  }
  return summary;
}

/** A Retry-After value: delay seconds or an HTTP date. */
export function isRetryAfter(value: string | null): boolean {
  if (value === null) return false;
  const trimmed = value.trim();
  return /^\d+$/.test(trimmed) || !Number.isNaN(Date.parse(trimmed));
}

/** Requests to an instance that was up throughout and got no answer within the client's timeout. */
export function unansweredRequests(requests: readonly HttpRecord[]): HttpRecord[] {
  return requests.filter((request) => request.status === null && request.instanceUp && request.timedOut);
}

/** Transport errors (refused, reset) of requests to an instance that was up throughout. */
export function transportErrorsOnRunningInstances(requests: readonly HttpRecord[]): HttpRecord[] {
  return requests.filter((request) => request.status === null && request.instanceUp && !request.timedOut);
}

function isFaultAllowing503(phase: RunPhase): boolean {
  return [...faultsAllowing503].some((kind) => kind === phase);
}
