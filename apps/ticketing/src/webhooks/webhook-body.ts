import type { z } from 'zod';
import { validationErrorFrom } from '@loyaldesk/customer-profile/service';
import { ValidationError } from '@loyaldesk/platform/errors';

/** A verified webhook body as JSON; 400 naming `body` when it is not JSON. */
export function parseWebhookJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (error) {
    throw new ValidationError('The body is not valid JSON', 'body', error);
  }
}

/** A webhook payload by its schema; 400 naming the first bad field. */
export function parseWebhookPayload<T extends z.ZodType>(schema: T, json: unknown, what: string): z.output<T> {
  const result = schema.safeParse(json);
  if (!result.success) throw validationErrorFrom(result.error, what);
  return result.data;
}
