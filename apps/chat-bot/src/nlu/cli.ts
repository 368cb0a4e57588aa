// `npm run nlu -w apps/chat-bot -- "<sentence>"`: prints one JSON line {intent, score, language, entities}.
// Without a sentence it reads standard input, one sentence per line, and prints one JSON line per
// sentence in the same order; blank lines are not sentences and are skipped. A line that fails
// validation (e.g. longer than 2,000 characters) gets a JSON error line in its place so the output
// stays aligned with the input. Standard output carries nothing else; logs go to standard error.
import { createInterface } from 'node:readline';
import { AppError } from '@loyaldesk/platform/errors';
import { z } from 'zod';
import { createNlu, type Nlu } from './understand.ts';

const argvSchema = z.array(z.string());

function log(message: string): void {
  process.stderr.write(`nlu: ${message}\n`);
}

function errorLine(error: unknown): string {
  const body =
    error instanceof AppError ? error.toBody() : { error: { code: 'loyaldesk:internal', message: String(error) } };
  return JSON.stringify(body);
}

async function understandLine(nlu: Nlu, text: string): Promise<string> {
  const { intent, score, language, entities } = await nlu.understand(text);
  return JSON.stringify({ intent, score, language, entities });
}

async function main(): Promise<number> {
  const args = argvSchema.parse(process.argv.slice(2));
  const nlu = await createNlu();
  log(
    `model ${nlu.model.source === 'cache' ? 'loaded from cache' : 'trained'} in ${Math.round(nlu.model.milliseconds)} ms`,
  );

  if (args.length > 0) {
    // Unquoted words arrive as separate arguments; they are one sentence.
    try {
      process.stdout.write(`${await understandLine(nlu, args.join(' '))}\n`);
      return 0;
    } catch (error) {
      log(error instanceof Error ? error.message : String(error));
      return 1;
    }
  }

  let failures = 0;
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    try {
      process.stdout.write(`${await understandLine(nlu, line)}\n`);
    } catch (error) {
      failures += 1;
      log(error instanceof Error ? error.message : String(error));
      process.stdout.write(`${errorLine(error)}\n`);
    }
  }
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
