import { signBase64Hmac, verifyBase64Hmac } from '../base64-hmac-signature.ts';

export const shopifyHmacHeader = 'x-shopify-hmac-sha256';

/** The header Shopify sends: base64 of HMAC-SHA256 over the raw body with the app's secret. */
export function signShopifyWebhook(secret: string, rawBody: Buffer): string {
  return signBase64Hmac(secret, rawBody);
}

/**
 * Checks `X-Shopify-Hmac-Sha256` over the exact bytes received, in constant time; throws
 * InvalidSignatureError (401) when it is missing or does not match. Several secrets may be given
 * (a rotation): any one matching is enough, and every one is compared.
 */
export function verifyShopifyWebhook(secrets: readonly string[], rawBody: Buffer, header: string | undefined): void {
  verifyBase64Hmac(secrets, rawBody, header, shopifyHmacHeader);
}
