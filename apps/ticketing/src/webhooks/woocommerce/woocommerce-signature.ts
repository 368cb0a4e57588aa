import { signBase64Hmac, verifyBase64Hmac } from '../base64-hmac-signature.ts';

export const wooCommerceSignatureHeader = 'x-wc-webhook-signature';

/** The header WooCommerce sends: base64 of HMAC-SHA256 over the raw body with the webhook's secret. */
export function signWooCommerceWebhook(secret: string, rawBody: Buffer): string {
  return signBase64Hmac(secret, rawBody);
}

/**
 * Checks `X-WC-Webhook-Signature` over the exact bytes received, in constant time, against each of
 * the secrets (a rotation); throws InvalidSignatureError (401) when it is missing or does not match.
 */
export function verifyWooCommerceWebhook(secrets: readonly string[], rawBody: Buffer, header: string | undefined): void {
  verifyBase64Hmac(secrets, rawBody, header, wooCommerceSignatureHeader);
}

/**
 * The unsigned form post WooCommerce sends when a webhook is saved (`webhook_id=12`): it only
 * checks that the URL answers 200.
 */
export function isWooCommercePing(rawBody: Buffer): boolean {
  return rawBody.length <= 40 && /^webhook_id=\d{1,20}$/.test(rawBody.toString('latin1').trim());
}
