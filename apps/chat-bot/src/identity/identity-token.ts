import { createHmac, timingSafeEqual } from 'node:crypto';

function sign(secret: string, customerId: string, expiresAt: number): string {
  return createHmac('sha256', secret).update(`${customerId}.${expiresAt}`).digest('base64url');
}

/**
 * The token a storefront gives a signed-in shopper's widget: `<customerId>.<expiry seconds>.<HMAC-SHA256
 * of "customerId.expiry" with the shop secret, base64url>`.
 * @example signIdentityToken(shopSecret, 'cus_7', new Date(Date.now() + 3_600_000))
 */
export function signIdentityToken(secret: string, customerId: string, expiresAt: Date): string {
  const expiry = Math.floor(expiresAt.getTime() / 1000);
  return `${customerId}.${expiry}.${sign(secret, customerId, expiry)}`;
}

/** The customer an identity token names, or null when it is malformed, forged or expired (constant-time compare). */
export function verifyIdentityToken(secret: string, token: string, now: Date): string | null {
  const match = /^([A-Za-z0-9_-]{1,128})\.(\d{1,12})\.([A-Za-z0-9_-]{1,128})$/.exec(token);
  if (!match) return null;
  const [, customerId, expiry, given] = match;
  if (!customerId || !expiry || !given) return null;
  const expected = Buffer.from(sign(secret, customerId, Number(expiry)));
  const actual = Buffer.from(given);
  const valid = actual.length === expected.length && timingSafeEqual(actual, expected);
  return valid && Number(expiry) * 1000 > now.getTime() ? customerId : null;
}
