/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** `base` ± `spread` (a fraction), so simulated people do not act in lockstep. */
export function jitter(base: number, spread = 0.5): number {
  return base * (1 - spread + Math.random() * 2 * spread);
}

/** Wakes whoever waits for "something changed" (an event arrived, a socket closed). */
export class ChangeSignal {
  private waiters = new Set<() => void>();

  notify(): void {
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  /** Resolves true as soon as `condition()` holds, false after `timeoutMs` or when `signal` aborts. */
  async until(condition: () => boolean, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0 || signal?.aborted) return false;
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', wake);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 1_000));
        signal?.addEventListener('abort', wake, { once: true });
        this.waiters.add(wake);
      });
    }
    return true;
  }
}
