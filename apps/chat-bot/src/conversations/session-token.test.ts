import { describe, expect, it } from 'vitest';
import { sessionTokenLifetimeSeconds, signSessionToken, verifySessionToken } from './session-token.ts';

const secret = 'a-test-secret-that-is-long-enough-123';
const now = new Date('2026-03-01T10:00:00Z');

describe('session token', () => {
  it('names the conversation it was signed for', () => {
    const token = signSessionToken(secret, 'conv_abc', now);
    expect(verifySessionToken(secret, token, now)).toBe('conv_abc');
  });

  it('is refused when forged, re-pointed, signed with another secret or malformed', () => {
    const token = signSessionToken(secret, 'conv_abc', now);
    const [, , expiry, sig] = token.split('.');
    expect(verifySessionToken(secret, `v1.conv_other.${expiry}.${sig}`, now)).toBeNull();
    expect(verifySessionToken('another-secret-that-is-long-enough-456', token, now)).toBeNull();
    expect(verifySessionToken(secret, `${token}x`, now)).toBeNull();
    expect(verifySessionToken(secret, 'v1.conv_abc', now)).toBeNull();
    expect(verifySessionToken(secret, `v2.conv_abc.${expiry}.${sig}`, now)).toBeNull();
  });

  it('expires after its lifetime', () => {
    const token = signSessionToken(secret, 'conv_abc', now);
    const justBefore = new Date(now.getTime() + (sessionTokenLifetimeSeconds - 1) * 1000);
    const after = new Date(now.getTime() + sessionTokenLifetimeSeconds * 1000);
    expect(verifySessionToken(secret, token, justBefore)).toBe('conv_abc');
    expect(verifySessionToken(secret, token, after)).toBeNull();
  });
});
