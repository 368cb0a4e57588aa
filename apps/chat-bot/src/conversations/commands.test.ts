import { describe, expect, it } from 'vitest';
import { commandPayload, parseCommand, type Command } from './commands.ts';

describe('commands', () => {
  it('round-trips every kind of command through its payload', () => {
    const commands: Command[] = [
      { kind: 'order.track' },
      { kind: 'order.show', orderNumber: 'A-1042' },
      { kind: 'handoff.accept' },
      { kind: 'conversation.end' },
      { kind: 'survey.answer', question: 'nps', score: 10 },
      { kind: 'survey.skip' },
    ];
    for (const command of commands) expect(parseCommand(commandPayload(command))).toEqual(command);
  });

  it('returns null for payloads that are not commands', () => {
    for (const payload of ['order.show:', 'survey.mood.3', 'survey.csat.', 'handoff', 'menu2', 'order.show:a b']) {
      expect(parseCommand(payload)).toBeNull();
    }
  });
});
