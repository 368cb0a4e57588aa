import { describe, expect, it } from 'vitest';
import { isWooCommercePing, signWooCommerceWebhook, verifyWooCommerceWebhook } from './woocommerce-signature.ts';

const secret = 'wc-webhook-secret-0123456789';
const body = Buffer.from('{"id":1038,"number":"1038","status":"processing"}');

describe('verifyWooCommerceWebhook', () => {
  it('accepts base64 HMAC-SHA256 of the raw body with any of the secrets', () => {
    expect(signWooCommerceWebhook(secret, body)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(() => verifyWooCommerceWebhook(['wc-old-secret-0123456789', secret], body, signWooCommerceWebhook(secret, body))).not.toThrow();
  });

  it('refuses a missing, malformed, wrong-secret or other-bytes signature', () => {
    expect(() => verifyWooCommerceWebhook([secret], body, undefined)).toThrow(/missing x-wc-webhook-signature/);
    expect(() => verifyWooCommerceWebhook([secret], body, 'sha256=abc')).toThrow(/expected base64/);
    expect(() => verifyWooCommerceWebhook([secret], body, signWooCommerceWebhook('wc-another-secret-0123', body))).toThrow(/does not match/);
    expect(() => verifyWooCommerceWebhook([secret], Buffer.from(`${body.toString()} `), signWooCommerceWebhook(secret, body))).toThrow(/does not match/);
  });
});

describe('isWooCommercePing', () => {
  it('recognises only the form post sent when a webhook is saved', () => {
    expect(isWooCommercePing(Buffer.from('webhook_id=12'))).toBe(true);
    expect(isWooCommercePing(Buffer.from('webhook_id=12&x=1'))).toBe(false);
    expect(isWooCommercePing(Buffer.from('{"webhook_id":12}'))).toBe(false);
    expect(isWooCommercePing(Buffer.from(''))).toBe(false);
  });
});
