import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzSettings } from '../support/env.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { formatFailures, formatMemoryTable, formatResultsTable, resultLines } from './fuzz-report.ts';
import { fuzzStackOptions, runFuzzSuite, type FuzzSuiteResult } from './fuzz-suite.ts';
import { isRunning } from './process-watch.ts';

const settings = fuzzSettings();
// Generous: the full run is ~70 targets × runs at a few hundred payloads a second on 2 cores.
const suiteTimeoutMs = Math.max(600_000, settings.runs * 70 * 20);

describe('fuzz: every HTTP route and socket event of ticketing and the chat bot', () => {
  let stack: Stack;
  let suite: FuzzSuiteResult;

  beforeAll(async () => {
    stack = await startStack(fuzzStackOptions);
    suite = await runFuzzSuite(stack, {
      runs: settings.runs,
      concurrency: settings.concurrency,
      seed: settings.seed,
      answerTimeoutMs: 30_000,
      progress: (line) => console.log(line),
      ...(settings.only ? { only: (target) => settings.only?.test(target.name) ?? true } : {}),
    });
    console.log(`\n${formatResultsTable(suite.results)}\n\n${formatMemoryTable(suite.memory)}\n`);
    console.log(resultLines(suite, settings.runs).join('\n'));
    console.log(`fuzz run took ${(suite.durationMs / 1000).toFixed(1)} s (seed ${settings.seed}, ${settings.runs} per target, ${settings.concurrency} in flight)`);
  }, suiteTimeoutMs);

  afterAll(async () => {
    await stack?.stop();
  });

  it('sends the full number of payloads to every target, and both apps stay up', () => {
    expect(suite.results.length).toBeGreaterThan(0);
    expect(suite.results.length).toBe(suite.targetCount);
    expect(suite.results.filter((result) => result.sent !== settings.runs).map((result) => `${result.target}: ${result.sent}`)).toEqual([]);
    expect(suite.results.flatMap((result) => result.crashed)).toEqual([]);
    expect(isRunning(stack.pids.ticketing) && isRunning(stack.pids['chat-bot'])).toBe(true);
  });

  it('answers every HTTP payload below 500, and every socket payload with an ack that is ok or names its error', () => {
    expect(formatFailures(suite.results)).toBe('');
    expect(suite.results.reduce((sum, result) => sum + result.classes['5xx'], 0)).toBe(0);
  });

  it('gets past sign-in to the handlers: most payloads of each target are not refused for auth or rate limits', () => {
    // An auth-gated route that answers only 401/403 (e.g. the harness's own account deactivated by
    // a fuzzed PATCH /api/agents) would fuzz nothing; nor would one the stack's limits answer with 429.
    const starved = suite.results
      .filter((result) => result.reachedHandler < result.sent / 2)
      .map((result) => `${result.target}: ${result.reachedHandler} reached the handler, ${result.refusedByAuth} auth refusals, ${result.rateLimited} rate limited of ${result.sent}`);
    expect(starved).toEqual([]);
    // The stack raises the rate limits (login's included): a 429 means a limit without a setting.
    const rateLimited = suite.results.filter((result) => result.rateLimited > result.sent / 100).map((result) => `${result.target}: ${result.rateLimited} of ${result.sent}`);
    expect(rateLimited).toEqual([]);
  });

  it('signs every webhook as its provider does: most deliveries pass the signature check and some are ingested', () => {
    // Unsigned, the Shopify, WooCommerce, AfterShip and EasyPost routes would fuzz only their 401 (or, without a secret, a 404).
    const webhooks = ['POST /api/webhooks/orders', 'POST /api/webhooks/shopify', 'POST /api/webhooks/woocommerce', 'POST /api/webhooks/aftership', 'POST /api/webhooks/easypost'];
    const problems = webhooks
      .filter((name) => settings.only?.test(name) ?? true)
      .flatMap((name) => {
        const result = suite.results.find((each) => each.target === name);
        if (!result) return [`${name}: not fuzzed`];
        const refused = result.statuses['401'] ?? 0;
        return refused >= result.sent / 2 || result.classes['2xx'] === 0 ? [`${name}: ${refused} × 401 and ${result.classes['2xx']} × 2xx of ${result.sent}`] : [];
      });
    expect(problems).toEqual([]);
  });

  it('keeps both apps’ memory bounded', () => {
    for (const track of Object.values(suite.memory)) {
      expect(track.endMb).toBeLessThan(Math.max(track.startMb * 3, track.startMb + 400));
    }
  });
});
