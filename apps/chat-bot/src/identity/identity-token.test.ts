import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signIdentityToken, verifyIdentityToken } from './identity-token.ts';

const secret = 'shop-secret-for-tests-0123456789abcdef';
const now = new Date('2026-03-01T10:00:00Z');
const inAnHour = new Date(now.getTime() + 3_600_000);

describe('identity token', () => {
  it('is the HMAC-SHA256 of "customerId.expiry" with the shop secret, as a storefront computes it', () => {
    const expiry = Math.floor(inAnHour.getTime() / 1000);
    const storefront = `cus_7.${expiry}.${createHmac('sha256', secret).update(`cus_7.${expiry}`).digest('base64url')}`;
    expect(signIdentityToken(secret, 'cus_7', inAnHour)).toBe(storefront);
    expect(verifyIdentityToken(secret, storefront, now)).toBe('cus_7');
  });

  it('is refused once expired', () => {
    const token = signIdentityToken(secret, 'cus_7', inAnHour);
    expect(verifyIdentityToken(secret, token, inAnHour)).toBeNull();
  });

  it('is refused when the customer, expiry or signature is changed, or the secret differs', () => {
    const token = signIdentityToken(secret, 'cus_7', inAnHour);
    const [, expiry, signature] = token.split('.');
    expect(verifyIdentityToken(secret, `cus_8.${expiry}.${signature}`, now)).toBeNull();
    expect(verifyIdentityToken(secret, `cus_7.${Number(expiry) + 1}.${signature}`, now)).toBeNull();
    expect(verifyIdentityToken(secret, `${token.slice(0, -1)}A`, now)).toBeNull();
    expect(verifyIdentityToken('another-shop-secret-0123456789abcdef', token, now)).toBeNull();
    expect(verifyIdentityToken(secret, 'cus_7', now)).toBeNull();
  });
});
