import { describe, expect, it } from 'vitest';
import { faultKinds, minimumLoadSeconds, planFaults } from './fault-schedule.ts';

describe('planFaults', () => {
  it('puts the four faults in order inside the load, each with room to end before the next starts', () => {
    for (const loadSeconds of [minimumLoadSeconds, 60, 90, 600]) {
      const plan = planFaults(loadSeconds);
      expect(plan.faults.map((fault) => fault.kind)).toEqual([...faultKinds]);
      expect(plan.faults[0]?.atSeconds).toBe(plan.warmupSeconds);
      for (const [index, fault] of plan.faults.entries()) {
        const next = plan.faults[index + 1];
        expect(fault.atSeconds + fault.downSeconds).toBeLessThan(next?.atSeconds ?? loadSeconds);
      }
      expect(plan.drainSeconds).toBeGreaterThanOrEqual(20);
    }
  });

  it('keeps the outages at ~10 s whatever the length, and scales the warm-up and the kills', () => {
    const short = planFaults(60);
    const full = planFaults(600);
    expect(short.faults.slice(2).map((fault) => fault.downSeconds)).toEqual([10, 10]);
    expect(full.faults.slice(2).map((fault) => fault.downSeconds)).toEqual([10, 10]);
    expect(short.faults.map((fault) => fault.atSeconds)).toEqual([9, 21, 33, 45]);
    expect(full.faults[0]).toEqual({ kind: 'chat-bot kill -9', atSeconds: 90, downSeconds: 30 });
    expect(full.drainSeconds).toBe(60);
  });

  it('refuses a load too short for the schedule', () => {
    expect(() => planFaults(45)).toThrow(/at least 60 s/);
  });
});
