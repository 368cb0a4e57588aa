import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidSignatureError } from '../webhook-signature.ts';

export const shopifyHmacHeader = 'x-shopify-hmac-sha256';

/** The header Shopify sends: base64 of HMAC-SHA256 over the raw body with the app's secret. */
export function signShopifyWebhook(secret: string, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/**
 * Checks `X-Shopify-Hmac-Sha256` over the exact bytes received, in constant time; throws
 * InvalidSignatureError (401) when it is missing or does not match. Several secrets may be given
 * (a rotation): any one matching is enough, and every one is compared.
 */
export function verifyShopifyWebhook(secrets: readonly string[], rawBody: Buffer, header: string | undefined): void {
  if (!header) throw new InvalidSignatureError(`missing ${shopifyHmacHeader} header`);
  const received = /^[A-Za-z0-9+/]{43}=$/.test(header.trim()) ? Buffer.from(header.trim(), 'base64') : undefined;
  if (!received || received.length !== 32) throw new InvalidSignatureError('expected base64 of a SHA-256 HMAC');
  let valid = false;
  for (const secret of secrets) {
    valid = timingSafeEqual(createHmac('sha256', secret).update(rawBody).digest(), received) || valid;
  }
  if (!valid) throw new InvalidSignatureError('signature does not match');
}
