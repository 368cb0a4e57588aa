import { z } from 'zod';
import { extractDestinationCountry } from './country.ts';
import { findEmails } from './email.ts';
import { findOrderNumbers } from './order-number.ts';
import { findTrackingNumbers } from './tracking-number.ts';

export { extractEmails } from './email.ts';
export { extractOrderNumbers } from './order-number.ts';
export { extractTrackingNumbers, type TrackingNumber } from './tracking-number.ts';
export { extractDestinationCountry } from './country.ts';

/** What a message mentions that the bot can act on. */
export const entitiesSchema = z.object({
  orderNumbers: z.array(z.string()),
  emails: z.array(z.string()),
  trackingNumbers: z.array(z.object({ number: z.string(), carrier: z.string().nullable() })),
  /** ISO 3166-1 alpha-2 destination, e.g. "CA". */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
});
export type Entities = z.infer<typeof entitiesSchema>;

// Emails first, then tracking numbers, then order numbers: a digit run inside an email or a
// tracking number is never also an order number.
function findAll(text: string) {
  const emails = findEmails(text);
  const trackingNumbers = findTrackingNumbers(text, emails);
  const orderNumbers = findOrderNumbers(text, [...emails, ...trackingNumbers]);
  return { emails, trackingNumbers, orderNumbers };
}

function distinct<T>(values: T[], key: (value: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const k = key(value);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Order numbers, emails, tracking numbers and the destination country in one message.
 * @example extractEntities('order #1042, email a@b.co') // { orderNumbers: ['1042'], emails: ['a@b.co'], trackingNumbers: [], country: null }
 */
export function extractEntities(text: string): Entities {
  const found = findAll(text);
  return {
    orderNumbers: distinct(
      found.orderNumbers.map((span) => span.value),
      (value) => value,
    ),
    emails: distinct(
      found.emails.map((span) => span.value),
      (value) => value,
    ),
    trackingNumbers: distinct(
      found.trackingNumbers.map((span) => span.value),
      (value) => value.number,
    ),
    country: extractDestinationCountry(text),
  };
}

/** Placeholder words the classifier sees instead of the entities themselves. */
export const entityPlaceholders = {
  orderNumber: 'ordernumber',
  email: 'emailaddress',
  trackingNumber: 'trackingnumber',
} as const;

/**
 * The message with each order number, email and tracking number replaced by a placeholder word, so
 * the classifier learns "a tracking number was given" rather than memorising digits.
 * @example maskEntities('where is #1042') // 'where is # ordernumber '
 */
export function maskEntities(text: string): string {
  const found = findAll(text);
  // Literal objects of one shape: on Node 20's V8, `{ ...span, word }` makes a new hidden class on
  // every call (apps/chat-bot/README.md, "Where the old generation's growth comes from").
  const placed = (span: { start: number; end: number }, word: string) => ({ start: span.start, end: span.end, word });
  const spans = [
    ...found.emails.map((span) => placed(span, entityPlaceholders.email)),
    ...found.trackingNumbers.map((span) => placed(span, entityPlaceholders.trackingNumber)),
    ...found.orderNumbers.map((span) => placed(span, entityPlaceholders.orderNumber)),
  ].sort((a, b) => b.start - a.start);
  let masked = text;
  for (const span of spans) masked = `${masked.slice(0, span.start)} ${span.word} ${masked.slice(span.end)}`;
  return masked;
}
