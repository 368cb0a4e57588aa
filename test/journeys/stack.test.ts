import { describe, expect, it } from 'vitest';
import { signInAgent } from '../support/agent-session.ts';
import { startStack, type StackOptions } from '../support/stack.ts';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** 'started' when the stack came up (then stopped at once), else the error startStack threw. */
async function startOutcome(options: StackOptions): Promise<string> {
  try {
    const stack = await startStack(options);
    await stack.stop();
    return 'started';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
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
      // The stack asks for the demo accounts (SEED_DEMO_AGENTS=true).
      expect((await signInAgent(stack.ticketingUrl, 'admin')).agent.role).toBe('admin');
    } finally {
      await stack.stop();
    }
    expect(isRunning(stack.pids['chat-bot'])).toBe(false);
    expect(isRunning(stack.pids.ticketing)).toBe(false);
  }, 240_000);
});

// A process started without NODE_ENV once ran on the repository's public dev secrets, so an admin
// JWT signed with that secret got in. Unset NODE_ENV now means production: no secrets, no start.
describe('an app started without NODE_ENV', () => {
  it("ticketing refuses to start without its own secrets (never on the repository's JWT secret)", async () => {
    const outcome = await startOutcome({ env: { ticketing: { NODE_ENV: '', SEED_DEMO_AGENTS: '' } } });
    expect(outcome).toMatch(/ticketing exited before answering HTTP/);
    expect(outcome).toMatch(/JWT_SECRET: is required unless NODE_ENV is development or test/);
    expect(outcome).toMatch(/SHOP_WEBHOOK_SECRET: is required/);
  }, 240_000);

  it('the chat bot refuses to start without its own session and identity secrets', async () => {
    const outcome = await startOutcome({ env: { 'chat-bot': { NODE_ENV: '' } } });
    expect(outcome).toMatch(/chat-bot exited before answering HTTP/);
    expect(outcome).toMatch(/CHAT_SESSION_SECRET: is required unless NODE_ENV is development or test/);
    expect(outcome).toMatch(/SHOP_IDENTITY_SECRET: is required/);
  }, 240_000);
});
