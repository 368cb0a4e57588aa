import { describe, expect, it } from 'vitest';
import { UsageError } from './command-line.ts';
import { parseSeedArgs } from './seed-args.ts';

const clock = (): Date => new Date('2026-11-23T12:00:00Z');
const failure = (argv: string[]): string => {
  try {
    parseSeedArgs(argv, clock);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
};

describe('parseSeedArgs', () => {
  it('defaults to 5,000 customers, seed 42, no fixed time', () => {
    expect(parseSeedArgs([], clock)).toEqual({
      customers: 5000,
      seed: 42,
      batchSize: 1000,
      concurrency: 2,
      force: false,
      help: false,
    });
  });

  it('reads every flag, with thousands separators in counts', () => {
    expect(
      parseSeedArgs(
        [
          '--customers',
          '100_000',
          '--seed',
          '7',
          '--now',
          '2026-11-01T00:00:00Z',
          '--batch-size=500',
          '--concurrency',
          '1',
          '--force',
        ],
        clock,
      ),
    ).toEqual({
      customers: 100_000,
      seed: 7,
      now: new Date('2026-11-01T00:00:00Z'),
      batchSize: 500,
      concurrency: 1,
      force: true,
      help: false,
    });
    expect(parseSeedArgs(['--customers', '100,000'], clock).customers).toBe(100_000);
  });

  it('rejects bad flags and values with a one-line reason', () => {
    expect(failure(['--custmers', '5'])).toBe('unknown option --custmers');
    expect(failure(['--customers'])).toBe('--customers needs a value');
    expect(failure(['--force=yes'])).toBe('--force takes no value');
    expect(failure(['5000'])).toBe('unexpected argument 5000');
    expect(failure(['--customers', 'lots'])).toBe('--customers must be a whole number such as 1000');
    expect(failure(['--customers', '3'])).toBe('--customers must be at least 10');
    expect(failure(['--customers', '1.5'])).toBe('--customers must be a whole number such as 1000');
    expect(failure(['--seed=-1'])).toBe('--seed must be a whole number such as 1000');
    expect(failure(['--seed', '-1'])).toBe('--seed needs a value');
    expect(failure(['--now', 'yesterday'])).toBe('--now must be an ISO time such as 2026-11-23T12:00:00Z');
    expect(failure(['--now', '2026-13-45'])).toBe('--now must be a real date, such as 2026-11-23T12:00:00Z');
    expect(failure(['--now', '2027-01-01'])).toBe('--now cannot be in the future');
  });
});
