import { describe, expect, it } from 'vitest';
import { InvalidSignatureError, signWebhook, verifyWebhookSignature } from './webhook-signature.ts';

const secret = 'shop-secret-for-tests';
const body = Buffer.from('{"type":"order.created"}');
const now = new Date('2025-03-01T10:00:00Z');
const t = now.getTime() / 1000;

function reason(run: () => void): string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return error instanceof InvalidSignatureError ? error.message : 'other error';
  }
}

describe('verifyWebhookSignature', () => {
  it('accepts the signature the shop computes over the raw body', () => {
    expect(reason(() => verifyWebhookSignature(secret, body, signWebhook(secret, body, t), now))).toBe('accepted');
  });

  it('accepts when any of several v1 values matches (secret rotation)', () => {
    const header = `${signWebhook('old-secret', body, t)},v1=${signWebhook(secret, body, t).split('v1=')[1] ?? ''}`;
    expect(reason(() => verifyWebhookSignature(secret, body, header, now))).toBe('accepted');
  });

  it('refuses a changed body, a wrong secret, a missing or garbled header', () => {
    const header = signWebhook(secret, body, t);
    expect(reason(() => verifyWebhookSignature(secret, Buffer.from('{"type":"order.updated"}'), header, now))).toMatch(/does not match/);
    expect(reason(() => verifyWebhookSignature('another', body, header, now))).toMatch(/does not match/);
    expect(reason(() => verifyWebhookSignature(secret, body, undefined, now))).toMatch(/missing/);
    expect(reason(() => verifyWebhookSignature(secret, body, 'sha256=abc', now))).toMatch(/expected t=/);
  });

  it('refuses timestamps more than five minutes away (replays)', () => {
    expect(reason(() => verifyWebhookSignature(secret, body, signWebhook(secret, body, t - 301), now))).toMatch(/timestamp/);
    expect(reason(() => verifyWebhookSignature(secret, body, signWebhook(secret, body, t + 301), now))).toMatch(/timestamp/);
    expect(reason(() => verifyWebhookSignature(secret, body, signWebhook(secret, body, t - 299), now))).toBe('accepted');
  });
});
