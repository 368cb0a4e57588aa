import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a session token resumes its conversation; every resume hands out a fresh one. */
export const sessionTokenLifetimeSeconds = 30 * 24 * 3600;

function signature(secret: string, conversationId: string, expiresAt: number): string {
  return createHmac('sha256', secret).update(`session\0${conversationId}\0${expiresAt}`).digest('base64url');
}

/**
 * A token that names a conversation until it expires: `v1.<conversationId>.<expiry seconds>.<HMAC-SHA256>`.
 * @example signSessionToken('secret…', 'conv_42', new Date()) // 'v1.conv_42.1775000000.Qm…'
 */
export function signSessionToken(secret: string, conversationId: string, now: Date): string {
  const expiresAt = Math.floor(now.getTime() / 1000) + sessionTokenLifetimeSeconds;
  return `v1.${conversationId}.${expiresAt}.${signature(secret, conversationId, expiresAt)}`;
}

/** The conversation a token names, or null when it is malformed, forged or expired (compared in constant time). */
export function verifySessionToken(secret: string, token: string, now: Date): string | null {
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [version, conversationId, expiry, given] = parts;
  if (version !== 'v1' || !conversationId || !expiry || !given || !/^\d{1,12}$/.test(expiry)) return null;
  const expiresAt = Number(expiry);
  const expected = Buffer.from(signature(secret, conversationId, expiresAt));
  const actual = Buffer.from(given);
  const valid = actual.length === expected.length && timingSafeEqual(actual, expected);
  if (!valid || expiresAt * 1000 <= now.getTime()) return null;
  return conversationId;
}
