// The fault suite at CI size (`npm run faults` with its defaults), run as its own process as the
// npm script runs it, and each of its checks asserted by name with the ids that failed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { repoRoot, spawnSupervised } from '@loyaldesk/platform/local-servers';
import { inheritedEnvironment } from '../support/env.ts';
import { ciFaultRun } from './fault-schedule.ts';
import { faultCheckNames } from './fault-summary.ts';

const runScript = fileURLToPath(new URL('./run.ts', import.meta.url));
// The run aims at ≤ 2 minutes; a machine busy with other suites gets more before this gives up.
const runTimeoutMs = 300_000;

const outcomeSchema = z.object({
  passed: z.boolean(),
  checks: z.array(z.object({ name: z.string(), pass: z.boolean(), checked: z.number(), failed: z.number(), sample: z.array(z.string()) })),
  measures: z.array(z.object({ measure: z.string(), value: z.number(), unit: z.string() })),
});
type Outcome = z.infer<typeof outcomeSchema>;

describe(`npm run faults (CI size: ${ciFaultRun.shoppers} shoppers, ${ciFaultRun.agents} agents, ${ciFaultRun.minutes} min)`, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loyaldesk-faults-test-'));
  const resultFile = path.join(dir, 'result.json');
  let outcome: Outcome | undefined;
  let exitCode: number | null = null;

  beforeAll(async () => {
    const run = spawnSupervised(process.execPath, ['--import', 'tsx', runScript, '--json-out', resultFile], {
      cwd: repoRoot,
      env: { ...inheritedEnvironment() },
      forward: 'run',
    });
    const exited = new Promise<number | null>((resolve) => run.child.once('exit', (code) => resolve(code)));
    const timedOut = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), runTimeoutMs).unref());
    const result = await Promise.race([exited, timedOut]);
    if (result === 'timeout') {
      await run.stop();
      throw new Error(`the fault run did not finish within ${runTimeoutMs / 1000} s:\n${run.recentOutput()}`);
    }
    exitCode = result;
    outcome = outcomeSchema.parse(JSON.parse(readFileSync(resultFile, 'utf8')));
  }, runTimeoutMs + 30_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ran every check, and exits non-zero exactly when one fails', () => {
    expect(outcome?.checks.map((check) => check.name)).toEqual([...faultCheckNames]);
    expect(exitCode).toBe(outcome?.passed ? 0 : 1);
  });

  it.each(faultCheckNames)('%s', (name) => {
    const check = outcome?.checks.find((candidate) => candidate.name === name);
    expect(check, `the run reported no check "${name}"`).toBeDefined();
    // Failures list the first ids that failed, so the assertion's diff names them.
    expect({ failed: check?.failed, firstFailures: check?.sample }).toEqual({ failed: 0, firstFailures: [] });
  });
});
