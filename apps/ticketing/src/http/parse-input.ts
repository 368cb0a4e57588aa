import type { z } from 'zod';
import { ValidationError } from '@loyaldesk/platform/errors';

/** Where an input came from; named in the error when the whole input is wrong. */
export type InputSource = 'body' | 'query' | 'params';

/**
 * Parses an outside input with its schema; a ValidationError (400) whose `field` is the dotted path
 * of the first bad field (or the source itself when the input as a whole is wrong).
 * @example parseInput(replyBodySchema, req.body, 'body') // ValidationError: body: expected string (field "body")
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown, source: InputSource): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String) ?? [];
  if (issue?.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  const field = path.join('.') || source;
  throw new ValidationError(`Invalid ${source}: ${field}: ${issue?.message ?? 'invalid input'}`, field, result.error);
}
