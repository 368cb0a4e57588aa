import { TooManyRequestsError } from '../http/too-many-requests.ts';

/** Runs password hashes a few at a time; see {@link createHashSlots}. */
export type HashSlots = ReturnType<typeof createHashSlots>;

/**
 * A small semaphore for password hashing in this process: at most `maxConcurrent` hashes run (each
 * holds a libuv thread and ~19 MiB), at most `maxWaiting` more wait for a slot, and anything past
 * that is refused at once with 429 `login_busy` and Retry-After, so a login flood costs a bounded
 * amount of memory and threads and never starves the rest of the service.
 * @example const slots = createHashSlots({ maxConcurrent: 4, maxWaiting: 8 }); await slots.run(() => passwords.verify(pw, hash));
 */
export function createHashSlots(options: { maxConcurrent: number; maxWaiting: number }) {
  let running = 0;
  const waiting: Array<() => void> = [];

  function release(): void {
    const next = waiting.shift();
    // The slot passes straight to the next waiter, so `running` stays the same.
    if (next) next();
    else running -= 1;
  }

  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (running < options.maxConcurrent) {
        running += 1;
      } else {
        if (waiting.length >= options.maxWaiting) {
          throw new TooManyRequestsError('Too many sign-ins at once; try again in a second', 1, 'login_busy');
        }
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      try {
        return await work();
      } finally {
        release();
      }
    },
    /** Hashes running now (for tests and metrics). */
    get running(): number {
      return running;
    },
  };
}
