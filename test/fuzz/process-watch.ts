import { readFileSync } from 'node:fs';

/** Whether a process is still running (signal 0 checks without sending anything). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A process's resident memory in MB (VmRSS of /proc/<pid>/status); null once it is gone. */
export function residentMegabytes(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('VmRSS:'));
    const kilobytes = Number(line?.split(/\s+/)[1]);
    return Number.isFinite(kilobytes) ? Math.round((kilobytes / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

/** Resident memory of one process over a run: at the start, the highest seen, and now. */
export interface MemoryTrack {
  startMb: number;
  peakMb: number;
  endMb: number;
}

/**
 * Samples a process's RSS every `intervalMs` (a timer that does not keep the process alive) so
 * the peak between the start and end readings is seen too.
 */
export function trackMemory(pid: number, intervalMs = 500): { read(): MemoryTrack; stop(): MemoryTrack } {
  const startMb = residentMegabytes(pid) ?? 0;
  let peakMb = startMb;
  let endMb = startMb;
  const sample = (): void => {
    const now = residentMegabytes(pid);
    if (now === null) return;
    endMb = now;
    peakMb = Math.max(peakMb, now);
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    read() {
      sample();
      return { startMb, peakMb, endMb };
    },
    stop() {
      clearInterval(timer);
      sample();
      return { startMb, peakMb, endMb };
    },
  };
}
