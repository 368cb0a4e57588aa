export interface KeyedSerialQueueOptions {
  /**
   * Tasks running at once across all keys; the rest wait their turn, first come first served.
   * 64 (the default) is far above what steady traffic needs (a turn takes a few ms: at 500
   * questions/s about 3 run at once) and enough to keep the database busy. It matters under
   * overload: with 1,000 shoppers asking at once every turn used to start and then wait on the
   * database for ~0.8 s holding its whole state (reads, replies, closures), so all of it outlived
   * the young generation and was promoted, and mark-compacts came every ~12 s. A waiting task
   * holds only its message.
   */
  maxRunning?: number;
}

/**
 * Runs tasks one at a time per key (a conversation) and concurrently across keys, at most
 * `maxRunning` at once, so a conversation's messages are stored and answered in the order they
 * arrived. A key is dropped once nothing is queued for it, so memory follows the number of busy
 * conversations. A task must not wait for another task of this queue (it could hold the last slot).
 * @example const queue = createKeyedSerialQueue(); await queue.run('conv_1', () => handle(message));
 */
export function createKeyedSerialQueue(options: KeyedSerialQueueOptions = {}) {
  const maxRunning = options.maxRunning ?? 64;
  const tails = new Map<string, Promise<unknown>>();
  let running = 0;
  // Waiting tasks' starts, oldest first, consumed from `next` (no `shift` per task).
  let waiting: (() => void)[] = [];
  let next = 0;

  function start<T>(task: () => Promise<T>): Promise<T> {
    if (running < maxRunning) {
      running++;
      return runHolding(task);
    }
    return new Promise<void>((resolve) => waiting.push(resolve)).then(() => runHolding(task));
  }

  async function runHolding<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } finally {
      release();
    }
  }

  /** Hands the finished task's slot to the oldest waiting one, if any. */
  function release(): void {
    const resume = waiting[next];
    if (resume === undefined) {
      running--;
      return;
    }
    waiting[next] = noop;
    next++;
    // Started entries are dropped once the queue empties, or once they are most of it (an overload
    // that never drains would otherwise grow the array without end).
    if (next === waiting.length) {
      waiting = [];
      next = 0;
    } else if (next >= 1024 && next * 2 >= waiting.length) {
      waiting = waiting.slice(next);
      next = 0;
    }
    resume();
  }

  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const gated = (): Promise<T> => start(task);
      const result = previous.then(gated, gated);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    /** Keys with work queued or running. */
    get size(): number {
      return tails.size;
    },
    /** Tasks running now (at most `maxRunning`). */
    get running(): number {
      return running;
    },
    /** Tasks whose predecessors are done, waiting for a free slot. */
    get waiting(): number {
      return waiting.length - next;
    },
  };
}

function noop(): void {}

export type KeyedSerialQueue = ReturnType<typeof createKeyedSerialQueue>;
