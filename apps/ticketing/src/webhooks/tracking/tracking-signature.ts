import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidSignatureError } from '../webhook-signature.ts';

/** AfterShip's header: base64 of HMAC-SHA256 over the raw body with the webhook secret. */
export const afterShipHmacHeader = 'aftership-hmac-sha256';
/** EasyPost's header: `hmac-sha256-hex=` and the hex HMAC-SHA256 over the raw body with the webhook secret. */
export const easyPostHmacHeader = 'x-hmac-signature';
const easyPostPrefix = 'hmac-sha256-hex=';

function hmac(secret: string, rawBody: Buffer): Buffer {
  return createHmac('sha256', secret).update(rawBody).digest();
}

/** The `aftership-hmac-sha256` header AfterShip sends for a body. */
export function signAfterShipWebhook(secret: string, rawBody: Buffer): string {
  return hmac(secret, rawBody).toString('base64');
}

/** The `X-Hmac-Signature` header EasyPost sends for a body (its libraries NFKD-normalize the secret first). */
export function signEasyPostWebhook(secret: string, rawBody: Buffer): string {
  return `${easyPostPrefix}${hmac(secret.normalize('NFKD'), rawBody).toString('hex')}`;
}

/** Any of `secrets` (a rotation) matching `received`; every one is compared, in constant time. */
function matchesAny(secrets: readonly string[], rawBody: Buffer, received: Buffer): boolean {
  let valid = false;
  for (const secret of secrets) valid = timingSafeEqual(hmac(secret, rawBody), received) || valid;
  return valid;
}

/** Checks AfterShip's signature over the exact bytes received; throws InvalidSignatureError (401) otherwise. */
export function verifyAfterShipWebhook(secrets: readonly string[], rawBody: Buffer, header: string | undefined): void {
  if (!header) throw new InvalidSignatureError(`missing ${afterShipHmacHeader} header`);
  const value = header.trim();
  const received = /^[A-Za-z0-9+/]{43}=$/.test(value) ? Buffer.from(value, 'base64') : undefined;
  if (!received || received.length !== 32) throw new InvalidSignatureError('expected base64 of a SHA-256 HMAC');
  if (!matchesAny(secrets, rawBody, received)) throw new InvalidSignatureError('signature does not match');
}

/** Checks EasyPost's signature over the exact bytes received; throws InvalidSignatureError (401) otherwise. */
export function verifyEasyPostWebhook(secrets: readonly string[], rawBody: Buffer, header: string | undefined): void {
  if (!header) throw new InvalidSignatureError(`missing ${easyPostHmacHeader} header`);
  const value = header.trim();
  const hex = value.toLowerCase().startsWith(easyPostPrefix) ? value.slice(easyPostPrefix.length) : '';
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new InvalidSignatureError(`expected ${easyPostPrefix}<hex of a SHA-256 HMAC>`);
  const normalized = secrets.map((secret) => secret.normalize('NFKD'));
  if (!matchesAny(normalized, rawBody, Buffer.from(hex, 'hex'))) throw new InvalidSignatureError('signature does not match');
}
