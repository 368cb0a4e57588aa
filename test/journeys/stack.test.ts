import { describe, expect, it } from 'vitest';
import { startStack } from '../support/stack.ts';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startStack', () => {
  it('runs chat bot and ticketing as separate processes that answer HTTP, and stop() leaves none behind', async () => {
    const stack = await startStack();
    try {
      expect((await fetch(`${stack.chatUrl}/health`)).status).toBe(200);
      expect((await fetch(`${stack.ticketingUrl}/api/health`)).status).toBe(200);
      expect(stack.pids['chat-bot']).not.toBe(stack.pids.ticketing);
      expect(isRunning(stack.pids['chat-bot']) && isRunning(stack.pids.ticketing)).toBe(true);
    } finally {
      await stack.stop();
    }
    expect(isRunning(stack.pids['chat-bot'])).toBe(false);
    expect(isRunning(stack.pids.ticketing)).toBe(false);
  }, 240_000);
});
