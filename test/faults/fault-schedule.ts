/** The four faults, in the order a run injects them. */
export const faultKinds = ['chat-bot kill -9', 'ticketing kill -9', 'Redis restart', 'database restart'] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface PlannedFault {
  kind: FaultKind;
  /** Seconds after the load started; a fault starts later if the one before has not ended 2 s before. */
  atSeconds: number;
  /** How long the process or server stays down before it is started again. */
  downSeconds: number;
}

export interface FaultPlan {
  /** Shoppers and agents at work before the first fault. */
  warmupSeconds: number;
  faults: PlannedFault[];
  /** When shoppers stop writing new messages and agents stop taking tickets (later if faults ran late). */
  loadSeconds: number;
  /** After the load: the apps must deliver what was pending; the checks wait at most this long. */
  drainSeconds: number;
}

/** The shortest load the schedule fits in: four faults, each with room to end and recover. */
export const minimumLoadSeconds = 60;

/** The CI size (`npm run faults` without options, and the Vitest test): ≤ 2 minutes here, start-up and drain included. */
export const ciFaultRun = { shoppers: 20, agents: 4, minutes: 1 } as const;

/**
 * Spreads the faults over a load of `loadSeconds`: warm-up, kill -9 of a chat-bot instance, of a
 * ticketing instance, a Redis stop and a database stop of ~10 s each, with the rest of the load
 * after the last one, then a drain.
 * @example planFaults(60) // faults at 9, 21, 33 and 45 s; drain 20 s
 */
export function planFaults(loadSeconds: number): FaultPlan {
  if (!Number.isFinite(loadSeconds) || loadSeconds < minimumLoadSeconds) {
    throw new RangeError(`a fault run needs at least ${minimumLoadSeconds} s of load, got ${loadSeconds}`);
  }
  const at = (fraction: number): number => Math.round(loadSeconds * fraction);
  // A killed app stays down long enough for its shoppers and agents to notice and move.
  const killedSeconds = Math.max(5, Math.min(30, Math.round(loadSeconds * 0.05)));
  // "~10 s" outages, whatever the run's length: long enough for every timeout and retry path.
  const outageSeconds = 10;
  return {
    warmupSeconds: at(0.15),
    faults: [
      { kind: 'chat-bot kill -9', atSeconds: at(0.15), downSeconds: killedSeconds },
      { kind: 'ticketing kill -9', atSeconds: at(0.35), downSeconds: killedSeconds },
      { kind: 'Redis restart', atSeconds: at(0.55), downSeconds: outageSeconds },
      { kind: 'database restart', atSeconds: at(0.75), downSeconds: outageSeconds },
    ],
    loadSeconds,
    drainSeconds: Math.max(20, Math.min(120, Math.round(loadSeconds * 0.1))),
  };
}
