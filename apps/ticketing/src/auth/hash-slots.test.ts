import { describe, expect, it } from 'vitest';
import { TooManyRequestsError } from '../http/too-many-requests.ts';
import { createHashSlots } from './hash-slots.ts';

describe('hash slots', () => {
  it('runs at most maxConcurrent at once, queues maxWaiting more in order, and refuses the rest with login_busy', async () => {
    const slots = createHashSlots({ maxConcurrent: 1, maxWaiting: 2 });
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const job = (n: number) => () =>
      new Promise<number>((resolve) => {
        order.push(n);
        releases.push(() => resolve(n));
      });
    const running = [slots.run(job(1)), slots.run(job(2)), slots.run(job(3))];
    const refused = slots.run(job(4));
    await expect(refused).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(refused).rejects.toMatchObject({ code: 'loyaldesk:login_busy', retryAfterSeconds: 1 });
    expect(order).toEqual([1]);
    expect(slots.running).toBe(1);
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      releases[i]?.();
      await running[i];
    }
    expect(await Promise.all(running)).toEqual([1, 2, 3]);
    expect(order).toEqual([1, 2, 3]);
    expect(slots.running).toBe(0);
  });

  it('frees the slot when the work fails', async () => {
    const slots = createHashSlots({ maxConcurrent: 1, maxWaiting: 0 });
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run(() => Promise.resolve('ok'))).toBe('ok');
  });
});
