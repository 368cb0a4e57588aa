import { describe, expect, it } from 'vitest';
import { newMessageId } from './conversation.ts';

describe('newMessageId', () => {
  it('is "msg_" and 20 random hex digits, never the same twice', () => {
    const ids = Array.from({ length: 5000 }, () => newMessageId());
    for (const id of ids) expect(id).toMatch(/^msg_[0-9a-f]{20}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Random, not a counter: consecutive ids share no long prefix.
    const sharedPrefix = (a: string, b: string): number => [...a].findIndex((c, i) => c !== b[i]);
    const longShared = ids.slice(1).filter((id, i) => sharedPrefix(id, ids[i] ?? '') > 10).length;
    expect(longShared).toBeLessThan(5);
  });
});
