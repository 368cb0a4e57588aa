import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidSignatureError } from './webhook-signature.ts';

/**
 * Base64 of HMAC-SHA256 over the raw body: how Shopify (`X-Shopify-Hmac-Sha256`) and WooCommerce
 * (`X-WC-Webhook-Signature`) sign their webhooks.
 */
export function signBase64Hmac(secret: string, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/**
 * Checks a base64 HMAC-SHA256 `header` over the exact bytes received, in constant time; throws
 * InvalidSignatureError (401) naming `headerName` when it is missing or does not match. Several
 * secrets may be given (a rotation): any one matching is enough, and every one is compared.
 */
export function verifyBase64Hmac(secrets: readonly string[], rawBody: Buffer, header: string | undefined, headerName: string): void {
  if (!header) throw new InvalidSignatureError(`missing ${headerName} header`);
  const received = /^[A-Za-z0-9+/]{43}=$/.test(header.trim()) ? Buffer.from(header.trim(), 'base64') : undefined;
  if (!received || received.length !== 32) throw new InvalidSignatureError('expected base64 of a SHA-256 HMAC');
  let valid = false;
  for (const secret of secrets) {
    valid = timingSafeEqual(createHmac('sha256', secret).update(rawBody).digest(), received) || valid;
  }
  if (!valid) throw new InvalidSignatureError('signature does not match');
}
