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

  it('runs at most maxRunning tasks at once, the waiting ones first come first served', async () => {
    const queue = createKeyedSerialQueue({ maxRunning: 2 });
    const started: string[] = [];
    let concurrent = 0;
    let mostConcurrent = 0;
    const task = (name: string, ms: number) => async () => {
      started.push(name);
      concurrent++;
      mostConcurrent = Math.max(mostConcurrent, concurrent);
      await pause(ms);
      concurrent--;
      return name;
    };
    const results = Promise.all([
      queue.run('a', task('a1', 20)),
      queue.run('b', task('b1', 5)),
      queue.run('c', task('c1', 5)),
      queue.run('a', task('a2', 1)),
      queue.run('d', task('d1', 1)),
    ]);
    await pause(1);
    expect(queue.running).toBe(2);
    expect(queue.waiting).toBe(2);
    expect(await results).toEqual(['a1', 'b1', 'c1', 'a2', 'd1']);
    expect(mostConcurrent).toBe(2);
    // c1 and d1 took the slots in arrival order; a2 waited for a1 (its key) whatever the slots.
    expect(started.indexOf('c1')).toBeLessThan(started.indexOf('d1'));
    expect(started.indexOf('a2')).toBeGreaterThan(started.indexOf('a1'));
    expect(queue.running).toBe(0);
    expect(queue.waiting).toBe(0);
  });

  it('frees the slot of a task that fails', async () => {
    const queue = createKeyedSerialQueue({ maxRunning: 1 });
    const failed = queue.run('a', async () => {
      throw new Error('boom');
    });
    const after = queue.run('b', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    expect(await after).toBe('ran');
    expect(queue.running).toBe(0);
  });

  it('keeps order through a waiting line that never empties (compacted as it goes)', async () => {
    const queue = createKeyedSerialQueue({ maxRunning: 1 });
    const finished: number[] = [];
    // 3,000 tasks on distinct keys through one slot: the line never empties until the end.
    const all = Array.from({ length: 3000 }, (_, index) =>
      queue.run(`k${index}`, async () => {
        await Promise.resolve();
        finished.push(index);
      }),
    );
    await Promise.all(all);
    expect(finished).toEqual(Array.from({ length: 3000 }, (_, index) => index));
    expect(queue.waiting).toBe(0);
    expect(queue.running).toBe(0);
  });
});
