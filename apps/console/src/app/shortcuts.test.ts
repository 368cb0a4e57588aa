import { describe, expect, it } from 'vitest';
import { parseRoute } from './router.ts';
import { shortcutFor } from './shortcuts.ts';

const key = (k: string, extra: Partial<{ ctrlKey: boolean; inTextField: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, inTextField: false, ...extra });

describe('shortcutFor', () => {
  it('maps the workspace keys', () => {
    expect(shortcutFor(key('n'))).toBe('claimNext');
    expect(shortcutFor(key('r'))).toBe('focusReply');
    expect(shortcutFor(key('e'))).toBe('resolve');
    expect(shortcutFor(key('?'))).toBe('help');
    expect(shortcutFor(key('j'))).toBe('next');
    expect(shortcutFor(key('x'))).toBeNull();
  });
  it('never fires letters while typing or with a modifier; Escape always works', () => {
    expect(shortcutFor(key('n', { inTextField: true }))).toBeNull();
    expect(shortcutFor(key('e', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('Escape', { inTextField: true }))).toBe('escape');
  });
});

describe('parseRoute', () => {
  it('reads the screens from the path', () => {
    expect(parseRoute('/')).toEqual({ name: 'queue', ticketId: null });
    expect(parseRoute('/tickets/tkt_ab12')).toEqual({ name: 'queue', ticketId: 'tkt_ab12' });
    expect(parseRoute('/dashboard')).toEqual({ name: 'dashboard' });
    expect(parseRoute('/policy')).toEqual({ name: 'policy' });
    expect(parseRoute('/tickets/../etc')).toEqual({ name: 'queue', ticketId: null });
  });
});
