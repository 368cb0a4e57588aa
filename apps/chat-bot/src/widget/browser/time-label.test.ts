import { describe, expect, it } from 'vitest';
import { timeLabel } from './time-label.ts';

describe('timeLabel', () => {
  const now = new Date('2026-03-05T18:00:00Z');
  it('shows only the time for today, and the date too before today', () => {
    expect(timeLabel('2026-03-05T15:04:00Z', now, 'en', 'UTC')).toBe('3:04 PM');
    expect(timeLabel('2026-03-03T15:04:00Z', now, 'en', 'UTC')).toBe('Mar 3, 3:04 PM');
    expect(timeLabel('2026-03-05T15:04:00Z', now, 'zh-Hans', 'UTC')).toBe('15:04');
    expect(timeLabel('nonsense', now, 'en')).toBe('');
  });
});
