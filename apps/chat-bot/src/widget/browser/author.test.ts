import { describe, expect, it } from 'vitest';
import { initials } from './author.ts';

describe('initials', () => {
  it.each([
    ['Maria Chen', 'MC'],
    ['maria de la cruz', 'MC'],
    ['Sam', 'S'],
    ['张伟', '张'],
    ['  ', '?'],
  ])('%s → %s', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});
