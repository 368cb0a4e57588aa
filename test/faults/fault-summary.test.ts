import { describe, expect, it } from 'vitest';
import { newRecorder } from './fault-records.ts';
import { faultCheckNames, summarizeFaultRun } from './fault-summary.ts';

describe('summarizeFaultRun', () => {
  const windows = { faults: [], loadStartMs: 0, loadEndMs: 60_000 };
  const empty = { messages: [], tickets: [], conversations: [] };
  const instances = { chatInstances: ['chat-1', 'chat-2'], ticketingInstances: ['ticketing-1', 'ticketing-2'] };

  it('makes every check, in the listed order', () => {
    const summary = summarizeFaultRun({ recorder: newRecorder(), snapshot: empty, windows, ...instances });
    expect(summary.checks.map((check) => check.name)).toEqual([...faultCheckNames]);
  });

  it('wants an answer from every ticketing instance during the database outage', () => {
    const recorder = newRecorder();
    const outage = { kind: 'database restart' as const, target: 'database', startMs: 10_000, endMs: 20_000, displacedShoppers: [] };
    recorder.faults.push(outage);
    const request = { startMs: 12_000, endMs: 12_050, instance: 'ticketing-1', method: 'POST', route: 'reply', status: 503, retryAfter: '2', error: null, instanceUp: true, timedOut: false };
    recorder.http.push(request, { ...request, instance: 'ticketing-2', status: null, error: 'ECONNREFUSED', instanceUp: false });
    const summary = summarizeFaultRun({ recorder, snapshot: empty, windows: { ...windows, faults: recorder.faults }, ...instances });
    expect(summary.checks.find((check) => check.name === 'inside the database outage only 503 with Retry-After')).toMatchObject({
      checked: 1,
      sample: ['ticketing-2 answered no request during the database outage (a 503 is an answer; nothing is not)'],
    });
  });

  it('fails a run in which a fault was never injected, and one in which a process crashed', () => {
    const recorder = newRecorder();
    recorder.unexpectedExits.push({ name: 'ticketing-1', pid: 42, code: 1, signal: null, atMs: 5_000, lastOutput: 'at x\nMaxRetriesPerRequestError: Reached the max retries\n  at y' });
    const summary = summarizeFaultRun({ recorder, snapshot: empty, windows, ...instances });
    const byName = new Map(summary.checks.map((check) => [check.name, check]));
    expect(byName.get('both apps recovered after every fault, without a restart')?.sample).toEqual(['only 0 of 4 faults were injected']);
    expect(byName.get('no process crashed (only the killed ones exited)')?.sample).toEqual([
      'ticketing-1 (pid 42) exited at 5.0 s with code 1: MaxRetriesPerRequestError: Reached the max retries',
    ]);
  });
});
