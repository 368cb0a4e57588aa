import { describe, expect, it } from 'vitest';
import { signAfterShipWebhook, signEasyPostWebhook, verifyAfterShipWebhook, verifyEasyPostWebhook } from './tracking-signature.ts';

const body = Buffer.from('{"event":"tracking_update"}');
const secret = 'aftership-secret-0123456789';

describe('verifyAfterShipWebhook', () => {
  it('accepts the base64 HMAC of the raw body with any current secret, and rejects others', () => {
    const header = signAfterShipWebhook(secret, body);
    expect(header).toBe('LGffjOXwoNYgkeJKT36oMzDG7K/KMQjmXNu/4ksqwjQ=');
    expect(() => verifyAfterShipWebhook(['old-secret-0123456789', secret], body, header)).not.toThrow();
    expect(() => verifyAfterShipWebhook(['old-secret-0123456789'], body, header)).toThrow(/does not match/);
    expect(() => verifyAfterShipWebhook([secret], Buffer.from('{"event":"tracking_update" }'), header)).toThrow(/does not match/);
    expect(() => verifyAfterShipWebhook([secret], body, undefined)).toThrow(/missing/);
    expect(() => verifyAfterShipWebhook([secret], body, 'not base64')).toThrow(/expected base64/);
  });
});

describe('verifyEasyPostWebhook', () => {
  it('accepts hmac-sha256-hex=<hex HMAC of the raw body>, and rejects others', () => {
    const header = signEasyPostWebhook(secret, body);
    expect(header).toMatch(/^hmac-sha256-hex=[0-9a-f]{64}$/);
    expect(header.slice(16)).toBe(Buffer.from(signAfterShipWebhook(secret, body), 'base64').toString('hex'));
    expect(() => verifyEasyPostWebhook([secret], body, header)).not.toThrow();
    expect(() => verifyEasyPostWebhook([secret], body, header.toUpperCase().replace('HMAC-SHA256-HEX=', 'hmac-sha256-hex='))).not.toThrow();
    expect(() => verifyEasyPostWebhook(['another-secret-0123456789'], body, header)).toThrow(/does not match/);
    expect(() => verifyEasyPostWebhook([secret], body, header.slice(16))).toThrow(/expected hmac-sha256-hex=/);
    expect(() => verifyEasyPostWebhook([secret], body, undefined)).toThrow(/missing/);
  });

  it("NFKD-normalizes the secret as EasyPost's libraries do", () => {
    const composed = 'secret-\u00e9-0123456789'; // é as one code point (NFC)
    const decomposed = composed.normalize('NFKD');
    const header = `hmac-sha256-hex=${Buffer.from(signAfterShipWebhook(decomposed, body), 'base64').toString('hex')}`;
    expect(() => verifyEasyPostWebhook([composed], body, header)).not.toThrow();
  });
});
