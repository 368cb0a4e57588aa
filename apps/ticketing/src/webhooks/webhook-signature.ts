import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@loyaldesk/platform/errors';

/** The header the shop signs deliveries with: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.rawBody">`. */
export const signatureHeader = 'x-loyaldesk-signature';

/** Deliveries older or newer than this are refused (replay protection). */
export const signatureToleranceSeconds = 300;

/** A delivery without a valid, fresh signature. */
export class InvalidSignatureError extends AppError {
  constructor(reason: string) {
    super('invalid_signature', `Webhook signature rejected: ${reason}`, { status: 401 });
  }
}

function hmac(secret: string, timestamp: number, rawBody: Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
}

/**
 * The signature header value for a body, as the shop computes it.
 * @example signWebhook('secret', Buffer.from('{}'), 1735689600) // 't=1735689600,v1=…'
 */
export function signWebhook(secret: string, rawBody: Buffer, timestamp: number): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, rawBody).toString('hex')}`;
}

/**
 * Checks a delivery's signature over the raw body in constant time, and that its timestamp is
 * within {@link signatureToleranceSeconds} of `now`; throws InvalidSignatureError (401) otherwise.
 * Any of several `v1=` values may match (the shop rotating secrets sends both).
 */
export function verifyWebhookSignature(secret: string, rawBody: Buffer, header: string | undefined, now: Date): void {
  if (!header) throw new InvalidSignatureError(`missing ${signatureHeader} header`);
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value && /^[0-9a-f]{64}$/i.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === undefined || signatures.length === 0) throw new InvalidSignatureError('expected t=<unix>,v1=<hex>');
  if (Math.abs(now.getTime() / 1000 - timestamp) > signatureToleranceSeconds) {
    throw new InvalidSignatureError('timestamp too old or in the future');
  }
  const expected = hmac(secret, timestamp, rawBody);
  // Compare against every candidate (no early exit) so timing says nothing about which matched.
  let valid = false;
  for (const signature of signatures) valid = timingSafeEqual(expected, signature) || valid;
  if (!valid) throw new InvalidSignatureError('signature does not match');
}
