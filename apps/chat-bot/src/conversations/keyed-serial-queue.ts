import { createSlotMap } from './slot-map.ts';

/**
 * Runs tasks one at a time per key (a conversation) and concurrently across keys, so a
 * conversation's messages are stored and answered in the order they arrived. Keys with nothing
 * queued are let go: their slots (a slot map; see there why not a `Map`) are dropped once empty
 * ones outnumber busy ones past 4,096, so memory follows the number of busy conversations.
 * @example const queue = createKeyedSerialQueue(); await queue.run('conv_1', () => handle(message));
 */
export function createKeyedSerialQueue() {
  const tails = createSlotMap<Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
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
  };
}

export type KeyedSerialQueue = ReturnType<typeof createKeyedSerialQueue>;
