import { describe, expect, it } from 'vitest';
import { signShopifyWebhook, verifyShopifyWebhook } from './shopify-signature.ts';

const secret = 'shpss_test_secret_0123456789';
const body = Buffer.from('{"id":820982911946154508,"name":"#1001"}');

describe('verifyShopifyWebhook', () => {
  it('accepts base64 HMAC-SHA256 of the raw body with any of the secrets', () => {
    expect(() => verifyShopifyWebhook([secret], body, signShopifyWebhook(secret, body))).not.toThrow();
    expect(() => verifyShopifyWebhook(['old-secret-0123456789', secret], body, signShopifyWebhook(secret, body))).not.toThrow();
  });

  it('refuses a missing, malformed, wrong-secret or other-bytes signature', () => {
    expect(() => verifyShopifyWebhook([secret], body, undefined)).toThrow(/missing x-shopify-hmac-sha256/);
    expect(() => verifyShopifyWebhook([secret], body, 'not base64!')).toThrow(/expected base64/);
    expect(() => verifyShopifyWebhook([secret], body, Buffer.alloc(16).toString('base64'))).toThrow(/expected base64/);
    expect(() => verifyShopifyWebhook([secret], body, signShopifyWebhook('another-secret-0123', body))).toThrow(/does not match/);
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    expect(() => verifyShopifyWebhook([secret], reserialized, signShopifyWebhook(secret, body))).toThrow(/does not match/);
  });
});
