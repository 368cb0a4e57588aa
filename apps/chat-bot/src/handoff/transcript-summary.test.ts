import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../conversations/conversation.ts';
import { summarizeTranscript } from './transcript-summary.ts';

const at = new Date('2026-03-01T10:00:00Z');
const message = (kind: StoredMessage['author']['kind'], body: string, id: string): StoredMessage => ({
  id,
  author: { kind },
  body,
  at,
});

describe('summarizeTranscript', () => {
  it('lists the latest messages by author, newest last', () => {
    const summary = summarizeTranscript([
      message('customer', 'where is\nmy order', 'm1'),
      message('bot', 'Which order?', 'm2'),
    ]);
    expect(summary).toBe('Shopper: where is my order\nBot: Which order?');
  });

  it('keeps within the limit by dropping the oldest lines and cutting long messages', () => {
    const messages = Array.from({ length: 100 }, (_, i) => message('customer', `${i} ${'x'.repeat(500)}`, `m${i}`));
    const summary = summarizeTranscript(messages, 1000, 100);
    expect(summary.length).toBeLessThanOrEqual(1000);
    expect(summary.endsWith('…')).toBe(true);
    expect(summary.split('\n').at(-1)?.startsWith('Shopper: 99 ')).toBe(true);
  });

  it('is never empty (the handoff job requires a summary)', () => {
    expect(summarizeTranscript([]).length).toBeGreaterThan(0);
  });
});
