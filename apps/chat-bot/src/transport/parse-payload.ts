import type { z } from 'zod';
import type { ChatErrorEvent } from '@loyaldesk/contracts/chat-events';

/** The dotted field a zod issue is about; for unknown fields, the first unknown one; "payload" for the whole. */
function fieldOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys' && issue.keys[0]) return [...issue.path.map(String), issue.keys[0]].join('.');
  return issue.path.length > 0 ? issue.path.map(String).join('.') : 'payload';
}

/**
 * Parses a client event's payload; on failure, the `error` event that names the first bad field.
 * @example parsePayload(sendMessagePayloadSchema, { text: '' }, 'message.send') // { ok: false, error: { code: 'loyaldesk:validation_failed', field: 'text', … } }
 */
export function parsePayload<Schema extends z.ZodType>(
  schema: Schema,
  payload: unknown,
  event: string,
): { ok: true; data: z.infer<Schema> } | { ok: false; error: ChatErrorEvent } {
  const result = schema.safeParse(payload);
  if (result.success) return { ok: true, data: result.data };
  const issue = result.error.issues[0];
  const field = issue ? fieldOf(issue) : 'payload';
  const reason = issue?.code === 'unrecognized_keys' ? 'is not a known field' : (issue?.message ?? 'is invalid');
  return {
    ok: false,
    error: { code: 'loyaldesk:validation_failed', message: `${event}: ${field} ${reason}`, field, event },
  };
}
