import { describe, expect, it } from 'vitest';
import { contrastRatio, readableAccent, readableTextOn } from './contrast.ts';

describe('contrastRatio', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('red', '#ffffff')).toBe(1);
  });

  it('picks the readable text colour for an accent', () => {
    expect(readableTextOn('#1d4ed8')).toBe('#ffffff');
    expect(readableTextOn('#fde68a')).toBe('#1f2328');
  });

  it('darkens a mid-tone accent that no text colour reads on', () => {
    expect(readableAccent('#1d4ed8')).toBe('#1d4ed8');
    expect(readableAccent('#fde68a')).toBe('#fde68a');
    const darker = readableAccent('#3b82f6');
    expect(darker).not.toBe('#3b82f6');
    expect(contrastRatio('#ffffff', darker)).toBeGreaterThanOrEqual(4.5);
  });
});
