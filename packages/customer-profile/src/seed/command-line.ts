import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { AppError } from '@loyaldesk/platform/errors';

/** Bad command-line arguments; the message names the flag and says what is expected. */
export class UsageError extends AppError {
  constructor(message: string) {
    super('invalid_arguments', message, { status: 400 });
  }
}

/** A whole-number flag value; `100_000` and `100,000` are read as 100000. */
export function countFlag(flag: string, range: { min: number; max: number }) {
  return z
    .string()
    .trim()
    .regex(/^\d[\d_,]*$/, `${flag} must be a whole number such as ${Math.max(range.min, 1000)}`)
    .transform((value) => Number(value.replace(/[_,]/g, '')))
    .pipe(
      z
        .number()
        .int()
        .min(range.min, `${flag} must be at least ${range.min}`)
        .max(range.max, `${flag} must be at most ${range.max.toLocaleString('en-US')}`),
    );
}

/**
 * `node:util` parseArgs, strict, with its errors rewritten into one short line
 * ("unknown option --custmers") and the values then validated by `schema`.
 */
export function parseCommandLine<Schema extends z.ZodType>(
  argv: readonly string[],
  options: NonNullable<ParseArgsConfig['options']>,
  schema: Schema,
  allowPositionals = false,
): z.output<Schema> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError(describeParseArgsError(error));
  }
  const result = schema.safeParse({ ...parsed.values, positionals: parsed.positionals });
  if (!result.success) {
    throw new UsageError(result.error.issues.map((issue) => issue.message).join('\n'));
  }
  return result.data;
}

function describeParseArgsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted ?? message}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${quoted ?? message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (!quoted) return message;
      return message.includes('does not take an argument')
        ? `${quoted} takes no value`
        : `${quoted.replace(/ <value>$/, '')} needs a value`;
    default:
      return message;
  }
}
