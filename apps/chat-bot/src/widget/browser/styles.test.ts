import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast.ts';
import { defaultAccent, widgetPalette, widgetStyles } from './styles.ts';

describe('widgetPalette', () => {
  // The default, a dark shop colour, a light one and a mid one where white barely fails.
  it.each([defaultAccent, '#0f6b5c', '#fde68a', '#3b82f6', 'not-a-colour'])(
    'keeps text at 4.5:1 and outlines at 3:1 with accent %s',
    (accent) => {
      const p = widgetPalette(accent);
      const text: Array<[string, string, string]> = [
        ['header and shopper bubbles', p.onAccent, p.accent],
        ['chips and links', p.accentOnWhite, p.surface],
        ['messages', p.text, p.bubble],
        ['body text', p.text, p.surface],
        ['times and labels', p.muted, p.surface],
        ['times on bubbles', p.muted, p.bubble],
        ['errors', p.error, p.surface],
        ['waiting banner', p.waitingText, p.waitingSurface],
        ['unread badge', p.onBadge, p.badge],
      ];
      for (const [what, foreground, background] of text)
        expect(contrastRatio(foreground, background), what).toBeGreaterThanOrEqual(4.5);
      const outlines: Array<[string, string, string]> = [
        ['input and empty star outline', p.border, p.surface],
        ['filled star', p.star, p.surface],
        ['focus ring', p.accentOnWhite, p.surface],
      ];
      for (const [what, foreground, background] of outlines)
        expect(contrastRatio(foreground, background), what).toBeGreaterThanOrEqual(3);
    },
  );

  it('falls back to the default colour for anything that is not #rgb or #rrggbb', () => {
    expect(widgetPalette('red; background: url(x)').accent).toBe(defaultAccent);
    expect(widgetStyles(widgetPalette('#0f6b5c'))).toContain('--accent: #0f6b5c;');
  });
});
