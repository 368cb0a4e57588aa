import { describe, expect, it } from 'vitest';
import type { FaultRecord, HttpRecord } from './fault-records.ts';
import { faultGraceMs, isRetryAfter, phaseOf, summarizeServerErrors, type PhaseWindows } from './http-phases.ts';

const fault = (kind: FaultRecord['kind'], startMs: number, endMs: number | null): FaultRecord => ({
  kind,
  target: kind,
  startMs,
  endMs,
  displacedShoppers: [],
});
const windows: PhaseWindows = {
  faults: [fault('Redis restart', 10_000, 20_000), fault('database restart', 30_000, 40_000)],
  loadStartMs: 0,
  loadEndMs: 60_000,
};
const request = (startMs: number, status: number | null, retryAfter: string | null = null, route = 'reply'): HttpRecord => ({
  startMs,
  endMs: startMs + 100,
  instance: 'ticketing-1',
  method: 'POST',
  route,
  status,
  retryAfter,
  error: null,
  instanceUp: true,
  timedOut: false,
});

describe('phaseOf', () => {
  it('places requests in warm-up, a fault (with its grace), steady and drain', () => {
    expect(phaseOf(request(5_000, 200), windows)).toBe('warm-up');
    expect(phaseOf(request(15_000, 200), windows)).toBe('Redis restart');
    expect(phaseOf(request(20_000 + faultGraceMs - 200, 200), windows)).toBe('Redis restart');
    expect(phaseOf(request(27_000, 200), windows)).toBe('steady');
    expect(phaseOf(request(44_000, 200), windows)).toBe('database restart');
    expect(phaseOf(request(61_000, 200), windows)).toBe('drain');
  });

  it('keeps a fault that never ended open to the end', () => {
    expect(phaseOf(request(500_000, 200), { ...windows, faults: [fault('database restart', 30_000, null)] })).toBe('database restart');
  });
});

describe('summarizeServerErrors', () => {
  it('allows only 503 with Retry-After inside the database outage, and no 5xx anywhere else', () => {
    const summary = summarizeServerErrors(
      [request(15_000, 500), request(32_000, 503, '2'), request(33_000, 503), request(34_000, 500, '2'), request(50_000, 200)],
      windows,
    );
    expect(summary.byPhase).toEqual({ 'Redis restart': 1, 'database restart': 3 });
    expect(summary.outsideDatabaseOutage.map((r) => r.startMs)).toEqual([15_000]);
    expect(summary.badInsideDatabaseOutage.map((r) => r.startMs)).toEqual([33_000, 34_000]);
  });
});

describe('summarizeServerErrors in the Redis restart', () => {
  it('allows no route a 5xx, claim-next included (it claims from MongoDB while Redis is away)', () => {
    const summary = summarizeServerErrors(
      [
        request(12_000, 503, '2', 'claim-next'),
        request(13_000, 503, null, 'claim-next'),
        request(14_000, 500, '2', 'claim-next'),
        request(15_000, 503, '2', 'reply'),
        request(27_000, 503, '2', 'claim-next'),
      ],
      windows,
    );
    expect(summary.outsideDatabaseOutage.map((r) => r.startMs)).toEqual([12_000, 13_000, 14_000, 15_000, 27_000]);
    expect(summary.badInsideDatabaseOutage).toEqual([]);
  });
});

describe('isRetryAfter', () => {
  it('accepts delay seconds and HTTP dates, nothing else', () => {
    expect(isRetryAfter('5')).toBe(true);
    expect(isRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT')).toBe(true);
    expect(isRetryAfter(null)).toBe(false);
    expect(isRetryAfter('soon')).toBe(false);
  });
});
