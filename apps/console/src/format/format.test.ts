import { describe, expect, it } from 'vitest';
import { formatDuration, formatMinutes, formatMoney, formatNps, formatPercent, initials, lastDays, secondsUntil, topPercent, urgencyOf } from './format.ts';

describe('formatDuration', () => {
  it('shows seconds, minutes, hours and days at the right grain', () => {
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(12 * 60 + 10)).toBe('12m');
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe('3h 05m');
    expect(formatDuration(2 * 86400 + 4 * 3600 + 59)).toBe('2d 4h');
  });
  it('keeps the sign of a missed deadline and shows a dash for nothing', () => {
    expect(formatDuration(-90)).toBe('-1m');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});

describe('formatMinutes', () => {
  it('renders policy targets', () => {
    expect(formatMinutes(10)).toBe('10 min');
    expect(formatMinutes(180)).toBe('3 h');
    expect(formatMinutes(270)).toBe('4 h 30 min');
    expect(formatMinutes(2880)).toBe('2 d');
    expect(formatMinutes(1500)).toBe('1 d 1 h');
  });
});

describe('number formatting', () => {
  it('formats minor units as money', () => {
    expect(formatMoney(123_456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(null, 'USD')).toBe('—');
  });
  it('renders API percentages without recomputing them', () => {
    expect(formatPercent(93.5)).toBe('93.5%');
    expect(formatPercent(100)).toBe('100%');
    expect(formatPercent(null)).toBe('—');
    expect(formatNps(42)).toBe('+42');
    expect(formatNps(-12.5)).toBe('-12.5');
    expect(formatNps(0)).toBe('0');
  });
  it('turns a value percentile into "top N%"', () => {
    expect(topPercent(95)).toBe(5);
    expect(topPercent(99.95)).toBe(0.1);
    expect(topPercent(null)).toBeNull();
  });
  it('makes initials for avatars', () => {
    expect(initials('Alice Walker')).toBe('AW');
    expect(initials('alice.walker@example.com')).toBe('AW');
    expect(initials('')).toBe('?');
  });
});

describe('deadlines and periods', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('counts down to a deadline and grades its urgency', () => {
    expect(secondsUntil('2026-01-01T00:10:00Z', now)).toBe(600);
    expect(urgencyOf(600)).toBe('soon');
    expect(urgencyOf(3600)).toBe('ok');
    expect(urgencyOf(-1)).toBe('breached');
  });
  it('gives the last N UTC days, both included', () => {
    expect(lastDays(7, new Date(now))).toEqual({ from: '2025-12-26', to: '2026-01-01' });
    expect(lastDays(1, new Date(now))).toEqual({ from: '2026-01-01', to: '2026-01-01' });
  });
});
