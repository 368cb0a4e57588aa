import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a session token resumes its conversation unused; every resume hands out a fresh one. */
export const sessionTokenIdleSeconds = 30 * 24 * 3600;
/** Default absolute lifetime: a conversation's tokens stop resuming it this long after its first one. */
export const defaultSessionMaxAgeSeconds = 30 * 24 * 3600;

/** What a valid token says: its conversation and when that conversation's first token was issued. */
export interface SessionTokenClaims {
  conversationId: string;
  issuedAt: Date;
}

export interface SessionTokenLifetime {
  /** Seconds from the first issue after which no token of the conversation is valid, renewed or not. */
  maxAgeSeconds: number;
  /** Seconds a token stays valid unused; default {@link sessionTokenIdleSeconds}. */
  idleSeconds?: number;
}

function signature(secret: string, conversationId: string, issuedAt: number, expiresAt: number): string {
  return createHmac('sha256', secret)
    .update(`session\0${conversationId}\0${issuedAt}\0${expiresAt}`)
    .digest('base64url');
}

const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/**
 * A token that names a conversation: `v2.<conversationId>.<issued s>.<expiry s>.<HMAC-SHA256>`. A
 * renewal passes the `issuedAt` of the token it renews (the conversation's first issue), so the
 * expiry never passes `issuedAt + maxAgeSeconds` however often the token is renewed.
 * @example signSessionToken('secret…', 'conv_42', { now, issuedAt: now, lifetime: { maxAgeSeconds: 2_592_000 } })
 */
export function signSessionToken(
  secret: string,
  conversationId: string,
  options: { now: Date; issuedAt: Date; lifetime: SessionTokenLifetime },
): string {
  const issuedAt = seconds(options.issuedAt);
  const expiresAt = Math.min(
    seconds(options.now) + (options.lifetime.idleSeconds ?? sessionTokenIdleSeconds),
    issuedAt + options.lifetime.maxAgeSeconds,
  );
  return `v2.${conversationId}.${issuedAt}.${expiresAt}.${signature(secret, conversationId, issuedAt, expiresAt)}`;
}

/**
 * The claims of a token, or null when it is malformed, forged (compared in constant time), expired,
 * or older than `lifetime.maxAgeSeconds` since its first issue (so a shorter max age applies at once).
 */
export function verifySessionToken(
  secret: string,
  token: string,
  now: Date,
  lifetime: SessionTokenLifetime,
): SessionTokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 5) return null;
  const [version, conversationId, issued, expiry, given] = parts;
  const wholeSeconds = /^\d{1,12}$/;
  if (
    version !== 'v2' ||
    !conversationId ||
    !given ||
    !wholeSeconds.test(issued ?? '') ||
    !wholeSeconds.test(expiry ?? '')
  )
    return null;
  const issuedAt = Number(issued);
  const expiresAt = Number(expiry);
  const expected = Buffer.from(signature(secret, conversationId, issuedAt, expiresAt));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  const nowSeconds = now.getTime() / 1000;
  if (expiresAt <= nowSeconds || issuedAt + lifetime.maxAgeSeconds <= nowSeconds) return null;
  return { conversationId, issuedAt: new Date(issuedAt * 1000) };
}
