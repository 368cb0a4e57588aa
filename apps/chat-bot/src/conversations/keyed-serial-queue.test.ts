import { describe, expect, it } from 'vitest';
import { createKeyedSerialQueue } from './keyed-serial-queue.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createKeyedSerialQueue', () => {
  it('runs one key in order, even when an earlier task is slower or fails', async () => {
    const queue = createKeyedSerialQueue();
    const seen: string[] = [];
    const first = queue.run('a', async () => {
      await pause(20);
      seen.push('a1');
      throw new Error('boom');
    });
    const second = queue.run('a', async () => {
      seen.push('a2');
      return 2;
    });
    await expect(first).rejects.toThrow('boom');
    expect(await second).toBe(2);
    expect(seen).toEqual(['a1', 'a2']);
  });

  it('runs different keys concurrently and forgets idle keys', async () => {
    const queue = createKeyedSerialQueue();
    const seen: string[] = [];
    const slow = queue.run('a', async () => {
      await pause(20);
      seen.push('a');
    });
    const fast = queue.run('b', async () => {
      seen.push('b');
    });
    await Promise.all([slow, fast]);
    expect(seen).toEqual(['b', 'a']);
    await pause(0);
    expect(queue.size).toBe(0);
  });
});
