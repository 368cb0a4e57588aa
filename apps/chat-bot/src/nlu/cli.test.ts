import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNlu } from './understand.ts';
import { understandingSchema } from './understand.ts';

const appDir = fileURLToPath(new URL('../../', import.meta.url));
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI the way `npm run nlu` does (tsx), feeding `input` on standard input. */
function runCli(args: string[], input = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: appDir, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

function jsonLines(stdout: string): unknown[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

describe('nlu CLI', () => {
  beforeAll(async () => {
    // Makes sure the model cache exists, so the spawned processes load rather than all train at once.
    await createNlu();
  }, 120_000);

  it('prints exactly one JSON line for a sentence given as an argument', async () => {
    const run = await runCli(['我的订单1042到哪了']);
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith('\n')).toBe(true);
    const lines = jsonLines(run.stdout);
    expect(lines).toHaveLength(1);
    const result = understandingSchema.parse(lines[0]);
    expect(Object.keys(lines[0] as object)).toEqual(['intent', 'score', 'language', 'entities']);
    expect(result).toMatchObject({ intent: 'order.status', language: 'zh-Hans', entities: { orderNumbers: ['1042'] } });
    expect(run.stderr).toContain('nlu: model');
  }, 60_000);

  it('joins unquoted words into one sentence', async () => {
    const run = await runCli(['how', 'much', 'is', 'shipping', 'to', 'Canada']);
    const [line] = jsonLines(run.stdout);
    expect(understandingSchema.parse(line)).toMatchObject({ intent: 'shipping.cost', entities: { country: 'CA' } });
  }, 60_000);

  it('reads standard input line by line and answers each sentence in order, skipping blank lines', async () => {
    const run = await runCli([], 'hello\n\nwhere is my order 1042\r\n運費多少錢？\nthank you!');
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout).map((line) => understandingSchema.parse(line));
    expect(lines.map((line) => [line.intent, line.language])).toEqual([
      ['greeting', 'en'],
      ['order.status', 'en'],
      ['shipping.cost', 'zh-Hant'],
      ['thanks', 'en'],
    ]);
  }, 60_000);

  it('keeps the output aligned with an error line for a sentence it refuses', async () => {
    const run = await runCli([], `hi\n${'x'.repeat(2_001)}\nthanks\n`);
    expect(run.code).toBe(1);
    const lines = jsonLines(run.stdout);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatchObject({ error: { code: 'loyaldesk:validation_failed', field: 'text' } });
    expect(understandingSchema.parse(lines[2]).intent).toBe('thanks');
  }, 60_000);

  it('exits non-zero and prints nothing on standard output for an empty argument', async () => {
    const run = await runCli(['   ']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('must not be empty');
  }, 60_000);
});
