import { describe, expect, it } from 'vitest';
import { SeededRandom } from './random.ts';

const draws = (random: SeededRandom, count: number): number[] => Array.from({ length: count }, () => random.next());

describe('SeededRandom', () => {
  it('repeats the same stream for the same seed and restarts it on re-seeding', () => {
    const a = new SeededRandom([42, 7, 1]);
    const b = new SeededRandom([42, 7, 1]);
    const first = draws(a, 50);
    expect(draws(b, 50)).toEqual(first);
    a.seed([42, 7, 1]);
    expect(draws(a, 50)).toEqual(first);
  });

  it('gives unrelated streams for neighbouring seeds and for reordered seed parts', () => {
    const streams = [
      [42, 7, 1],
      [42, 8, 1],
      [43, 7, 1],
      [42, 1, 7],
      [1, 7, 42],
    ].map((seed) => draws(new SeededRandom(seed), 20));
    for (let i = 0; i < streams.length; i++) {
      for (let j = i + 1; j < streams.length; j++) expect(streams[i]).not.toEqual(streams[j]);
    }
    expect(draws(new SeededRandom(2 ** 32 + 5), 5)).not.toEqual(draws(new SeededRandom(5), 5));
  });

  it('draws floats in [0, 1) that are close to uniform', () => {
    const values = draws(new SeededRandom(1), 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const deciles = new Array<number>(10).fill(0);
    for (const value of values) deciles[Math.floor(value * 10)] = (deciles[Math.floor(value * 10)] ?? 0) + 1;
    for (const count of deciles) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('draws integers in an inclusive range, reaching both ends', () => {
    const random = new SeededRandom(3);
    const seen = new Set(Array.from({ length: 2000 }, () => random.int(1, 6)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('picks weighted values in proportion to their weights', () => {
    const random = new SeededRandom(9);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 60_000; i++)
      counts[
        random.weighted([
          ['a', 1],
          ['b', 2],
          ['c', 3],
        ] as const)
      ]++;
    expect(counts.a / 60_000).toBeCloseTo(1 / 6, 1);
    expect(counts.b / 60_000).toBeCloseTo(2 / 6, 1);
    expect(counts.c / 60_000).toBeCloseTo(3 / 6, 1);
  });

  it('refuses to pick from nothing', () => {
    const random = new SeededRandom(1);
    expect(() => random.pick([])).toThrow(RangeError);
    expect(() => random.weighted([])).toThrow(RangeError);
  });
});
