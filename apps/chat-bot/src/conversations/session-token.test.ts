import { describe, expect, it } from 'vitest';
import { sessionTokenIdleSeconds, signSessionToken, verifySessionToken } from './session-token.ts';

const secret = 'a-test-secret-that-is-long-enough-123';
const now = new Date('2026-03-01T10:00:00Z');
const day = 24 * 3600;
const lifetime = { maxAgeSeconds: 30 * day };
const later = (seconds: number): Date => new Date(now.getTime() + seconds * 1000);
const firstToken = (): string => signSessionToken(secret, 'conv_abc', { now, issuedAt: now, lifetime });

describe('session token', () => {
  it('names the conversation it was signed for and when its first token was issued', () => {
    expect(verifySessionToken(secret, firstToken(), now, lifetime)).toEqual({
      conversationId: 'conv_abc',
      issuedAt: now,
    });
  });

  it('is refused when forged, re-pointed, back-dated, signed with another secret or malformed', () => {
    const token = firstToken();
    const [, , issued, expiry, sig] = token.split('.');
    expect(verifySessionToken(secret, `v2.conv_other.${issued}.${expiry}.${sig}`, now, lifetime)).toBeNull();
    expect(
      verifySessionToken(secret, `v2.conv_abc.${Number(issued) + day}.${expiry}.${sig}`, now, lifetime),
    ).toBeNull();
    expect(
      verifySessionToken(secret, `v2.conv_abc.${issued}.${Number(expiry) + day}.${sig}`, now, lifetime),
    ).toBeNull();
    expect(verifySessionToken('another-secret-that-is-long-enough-456', token, now, lifetime)).toBeNull();
    expect(verifySessionToken(secret, `${token}x`, now, lifetime)).toBeNull();
    expect(verifySessionToken(secret, 'v2.conv_abc', now, lifetime)).toBeNull();
    expect(verifySessionToken(secret, `v1.conv_abc.${expiry}.${sig}`, now, lifetime)).toBeNull();
  });

  it('expires when unused for its idle lifetime', () => {
    const token = signSessionToken(secret, 'conv_abc', { now, issuedAt: now, lifetime: { maxAgeSeconds: 365 * day } });
    const open = { maxAgeSeconds: 365 * day };
    expect(verifySessionToken(secret, token, later(sessionTokenIdleSeconds - 1), open)?.conversationId).toBe(
      'conv_abc',
    );
    expect(verifySessionToken(secret, token, later(sessionTokenIdleSeconds), open)).toBeNull();
  });

  it('cannot be renewed past the max age from the first issue', () => {
    // Renewed every 10 days with the claims of the token before, as a returning shopper would.
    let token = firstToken();
    for (const age of [10 * day, 20 * day, 29 * day]) {
      const claims = verifySessionToken(secret, token, later(age), lifetime);
      expect(claims?.issuedAt).toEqual(now);
      token = signSessionToken(secret, 'conv_abc', { now: later(age), issuedAt: now, lifetime });
    }
    expect(verifySessionToken(secret, token, later(30 * day - 1), lifetime)?.conversationId).toBe('conv_abc');
    expect(verifySessionToken(secret, token, later(30 * day), lifetime)).toBeNull();
    // A shorter max age applies to tokens already handed out.
    expect(verifySessionToken(secret, token, later(8 * day), { maxAgeSeconds: 7 * day })).toBeNull();
  });
});
