import { describe, expect, it } from 'vitest';
import { createFloodGuard } from './flood-guard.ts';

describe('createFloodGuard', () => {
  it('allows a burst, refuses the next event, and says when to retry', () => {
    const guard = createFloodGuard({ burst: 3, perSecond: 2 });
    expect([guard.take(0), guard.take(0), guard.take(0)].every((result) => result.allowed)).toBe(true);
    const refused = guard.take(0);
    expect(refused).toEqual({ allowed: false, retryAfterMs: 500 });
  });

  it('refills over time, never above the burst', () => {
    const guard = createFloodGuard({ burst: 2, perSecond: 2 });
    guard.take(0);
    guard.take(0);
    expect(guard.take(100).allowed).toBe(false);
    expect(guard.take(600).allowed).toBe(true);
    expect(guard.take(60_000).allowed).toBe(true);
    expect(guard.take(60_000).allowed).toBe(true);
    expect(guard.take(60_000).allowed).toBe(false);
  });
});
