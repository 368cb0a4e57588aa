import { describe, expect, it } from 'vitest';
import { isOriginAllowed, originOf, parseAllowedOrigins } from './origin-policy.ts';

describe('isOriginAllowed', () => {
  it("allows the chat server's own pages (same host) and listed origins, and refuses other sites", () => {
    const allowed = ['https://shop.example'];
    expect(isOriginAllowed('https://chat.example', 'chat.example', allowed)).toBe(true);
    expect(isOriginAllowed('http://127.0.0.1:3001', '127.0.0.1:3001', [])).toBe(true);
    expect(isOriginAllowed('https://shop.example', 'chat.example', allowed)).toBe(true);
    expect(isOriginAllowed('https://evil.example', 'chat.example', allowed)).toBe(false);
    expect(isOriginAllowed('https://shop.example.evil.example', 'chat.example', allowed)).toBe(false);
    expect(isOriginAllowed('http://127.0.0.1:3002', '127.0.0.1:3001', [])).toBe(false);
    expect(isOriginAllowed('null', 'chat.example', allowed)).toBe(false);
  });

  it('lets clients without an Origin header (no browser page) through, and anything with "*"', () => {
    expect(isOriginAllowed(undefined, 'chat.example', [])).toBe(true);
    expect(isOriginAllowed('https://evil.example', 'chat.example', '*')).toBe(true);
  });
});

describe('parseAllowedOrigins', () => {
  it('reads "*" or a comma-separated list of origins, normalised as browsers send them', () => {
    expect(parseAllowedOrigins('*')).toBe('*');
    expect(parseAllowedOrigins('https://Shop.example/, http://localhost:8080')).toEqual([
      'https://shop.example',
      'http://localhost:8080',
    ]);
  });

  it('refuses anything that is not an origin', () => {
    expect(parseAllowedOrigins('shop.example')).toBeNull();
    expect(parseAllowedOrigins('https://shop.example/path')).toBeNull();
    expect(originOf('ftp://shop.example')).toBeNull();
    expect(originOf('https://user:pw@shop.example')).toBeNull();
  });
});
